"""General knowledge of French public life, kept as data files beside this module.

`load_lexicons` reads every file, checks its shape and indexes it for lookups; any problem
raises `InvalidLexicon` naming the file. Place, region and format tables are keyed by `fold`;
lists of phrases, first names, number words and verb forms hold every spelling of each entry
(as written, unaccented, folded), so they match text folded by `fold` or offset for offset.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from innovpub.errors import InvalidLexicon

HERE = Path(__file__).parent
REGIONS = (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire", "Corse",
    "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine", "Occitanie",
    "Pays de la Loire", "Provence-Alpes-Côte d'Azur", "Guadeloupe", "Martinique", "Guyane",
    "La Réunion", "Mayotte",
)
ORGANIZATION_KINDS = frozenset({
    "ministry", "directorate", "lab", "local_authority", "association", "operator", "agency",
    "school", "court", "company", "network", "program", "other",
})
_APOSTROPHES = str.maketrans(dict.fromkeys("\u2019\u2018\u02bc\u2032\u00b4`", "'"))
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011]+")
_GIVEN_NAME = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
# libyaml's parser is several times faster; the pure-Python one gives the same result.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CombiningMarks(dict[int, int | None]):
    """`str.translate` table that drops combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_ACCENTS = _CombiningMarks()


def _unaccent(text: str) -> str:
    """`text` without its combining accents (`é` → `e`, `ç` → `c`)."""
    return unicodedata.normalize("NFD", text).translate(_ACCENTS)


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lookup form: NFKC, case-folded, unaccented, plain `'`, hyphens and white space as one space.

    Cached: resolution folds the same names and titles once per mention across a corpus."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return _SEPARATORS.sub(" ", _unaccent(text)).strip()


def _spellings(text: str) -> set[str]:
    """`text` lower-cased as written, unaccented with its hyphens kept, and folded."""
    # Readers fold text with `fold` or offset for offset (accents gone, hyphens kept): a form
    # listed in all three spellings matches either way.
    lowered = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    return {lowered, _unaccent(lowered), fold(text)}


def _phrases(forms: Iterable[str]) -> tuple[str, ...]:
    """Every spelling of `forms`, longest first so that alternations try `a fait remarquer` before `fait`."""
    return tuple(sorted({s for form in forms for s in _spellings(form)}, key=lambda s: (-len(s), s)))


@dataclass(frozen=True)
class RoleTitle:
    """A role of public life and the forms it takes (`délégué interministériel`, `déléguée …`)."""

    id: str
    forms: tuple[str, ...]


@dataclass(frozen=True)
class KnownOrganization:
    """A well-known organization under its canonical name."""

    name: str
    acronym: str | None
    kind: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Department:
    """A French department with its code (`2A`, `971`) and region."""

    name: str
    code: str
    region: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class EventFormat:
    """A format of event; `online` is True only for a format that is always online."""

    label: str
    forms: tuple[str, ...]
    online: bool | None


# eq=False keeps identity hashing, so a Lexicons can key caches of compiled patterns.
@dataclass(frozen=True, eq=False)
class Lexicons:
    """Every lexicon, loaded and indexed; see `load_lexicons`."""

    first_names: frozenset[str]
    reporting_verbs: tuple[str, ...]
    verb_lemma: dict[str, str]
    speech_prepositions: tuple[str, ...]
    document_speakers: tuple[str, ...]
    roles: tuple[RoleTitle, ...]
    role_forms: tuple[str, ...]
    organizations: tuple[KnownOrganization, ...]
    organization_heads: tuple[tuple[str, str], ...]
    regions: tuple[str, ...]
    region_aliases: dict[str, str]
    departments: tuple[Department, ...]
    place_regions: dict[str, str]
    event_formats: tuple[EventFormat, ...]
    format_forms: dict[str, str]
    online_markers: tuple[str, ...]
    cardinals: dict[str, int]
    ordinals: dict[str, int]
    approximate_nouns: dict[str, int]
    count_qualifiers: tuple[str, ...]
    documents: dict[str, Any]
    editions: dict[str, Any]


class _File:
    """One parsed YAML file and checked access to its values; every error names the file."""

    def __init__(self, directory: Path, name: str) -> None:
        self.path = directory / name
        try:
            self.data = yaml.load(self.path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
            raise InvalidLexicon(f"{self.path}: cannot be read: {error}") from error
        if not isinstance(self.data, dict):
            raise self.error("top level: expected a mapping")

    def error(self, problem: str) -> InvalidLexicon:
        """An InvalidLexicon naming this file and the problem."""
        return InvalidLexicon(f"{self.path}: {problem}")

    def get(self, record: Any, key: str, kind: type, where: str = "top level", default: Any = ...) -> Any:
        """`record[key]` checked to be a `kind` (`tuple`: a list of strings); `default` if optional."""
        if not isinstance(record, dict):
            raise self.error(f"{where}: expected a mapping, got {record!r}")
        value = record.get(key)
        if value is None and default is not ...:
            return default
        if kind is tuple and isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        if value is None:
            raise self.error(f"{where}: missing key {key!r}")
        if not isinstance(value, kind) or isinstance(value, bool) is not (kind is bool):
            expected = "a list of non-empty strings" if kind is tuple else kind.__name__
            raise self.error(f"{where}.{key}: expected {expected}, got {value!r}")
        return value.strip() if isinstance(value, str) else value

    def records(self, key: str, **spec: Any) -> list[tuple[str, dict[str, Any]]]:
        """Entries of the top-level list `key`, checked against `spec`: field → kind or (kind, default)."""
        rules = {field: rule if isinstance(rule, tuple) else (rule, ...) for field, rule in spec.items()}
        found = []
        for index, entry in enumerate(self.get(self.data, key, list)):
            where = f"{key}[{index}]"
            found.append((where, {field: self.get(entry, field, kind, where, default)
                                  for field, (kind, default) in rules.items()}))
        return found

    def numbers(self, key: str) -> dict[str, int]:
        """A top-level word → integer mapping, keyed by every spelling of the word."""
        table: dict[str, int] = {}
        for word, value in self.get(self.data, key, dict).items():
            if not isinstance(word, str) or not isinstance(value, int) or isinstance(value, bool):
                raise self.error(f"{key}: {word!r}: expected a word mapped to an integer")
            self.index(table, [word], value, key, _spellings)
        return table

    def index(self, table: dict[str, Any], keys: Iterable[str], value: Any, where: str,
              spell: Callable[[str], Iterable[str]] = lambda key: [fold(key)]) -> None:
        """Add `keys` (as `spell` writes them) → `value`, refusing a key already bound to another value."""
        for key in keys:
            for spelling in spell(key):
                if table.setdefault(spelling, value) != value:
                    raise self.error(f"{where}: {key!r} already stands for {table[spelling]!r}")

    def distinct(self, values: list[str], what: str) -> None:
        """Refuse a value given twice (compared folded)."""
        folded = [fold(value) for value in values]
        if repeated := [value for value, key in zip(values, folded) if folded.count(key) > 1]:
            raise self.error(f"duplicate {what} {repeated[0]!r}")


def _first_names(path: Path) -> frozenset[str]:
    """Every spelling of the given names of a one-per-line file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidLexicon(f"{path}: cannot be read: {error}") from error
    names: set[str] = set()
    for number, name in ((n, line.strip()) for n, line in enumerate(lines, 1)):
        if name and not name.startswith("#"):
            if not _GIVEN_NAME.fullmatch(name):
                raise InvalidLexicon(f"{path}: line {number}: not a given name: {name!r}")
            names |= _spellings(name)
    if not names:
        raise InvalidLexicon(f"{path}: no names")
    return frozenset(names)


def _frozen(value: Any) -> Any:
    """Lists made tuples, recursively, so that `str.startswith` and `in` take them as they are."""
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return {k: _frozen(v) for k, v in value.items()} if isinstance(value, dict) else value


def _speech(file: _File) -> dict[str, Any]:
    """Reporting verbs, with the words that introduce a speaker."""
    verbs = file.records("verbs", lemma=str, forms=tuple)
    verb_lemma: dict[str, str] = {}
    for where, verb in verbs:
        file.index(verb_lemma, verb["forms"], verb["lemma"], where, _spellings)
    return {"reporting_verbs": _phrases(f for _, verb in verbs for f in verb["forms"]), "verb_lemma": verb_lemma,
            "speech_prepositions": _phrases(file.get(file.data, "prepositions", tuple)),
            "document_speakers": _phrases(file.get(file.data, "document_speakers", tuple))}


def _roles(file: _File) -> dict[str, Any]:
    """Role titles; a form may belong to one role only."""
    roles = tuple(RoleTitle(**role) for _, role in file.records("roles", id=str, forms=tuple))
    file.distinct([role.id for role in roles], "role id")
    owner: dict[str, str] = {}
    for role in roles:
        file.index(owner, role.forms, role.id, f"role {role.id!r}")
    return {"roles": roles, "role_forms": _phrases(f for role in roles for f in role.forms)}


def _check_kind(file: _File, kind: str, where: str) -> None:
    """Refuse an organization kind outside ORGANIZATION_KINDS."""
    if kind not in ORGANIZATION_KINDS:
        raise file.error(f"{where}: unknown kind {kind!r}")


def _organizations(file: _File) -> dict[str, Any]:
    """Known organizations; a name, alias or acronym may designate one of them only."""
    organizations, owner = [], {}
    for where, entry in file.records("organizations", name=str, acronym=(str, None), kind=str, aliases=(tuple, ())):
        org = KnownOrganization(**entry)
        _check_kind(file, org.kind, where)
        file.index(owner, [k for k in (org.name, org.acronym, *org.aliases) if k], org.name, where)
        organizations.append(org)
    return {"organizations": tuple(organizations)}


def _heads(file: _File) -> dict[str, Any]:
    """Head words of organization names, each with the kind it announces."""
    kinds: dict[str, str] = {}
    heads = file.records("heads", forms=tuple, kind=str)
    for where, head in heads:
        _check_kind(file, head["kind"], where)
        file.index(kinds, head["forms"], head["kind"], where)
    forms = _phrases(form for _, head in heads for form in head["forms"])
    return {"organization_heads": tuple((form, kinds[fold(form)]) for form in forms)}


def _places(file: _File) -> dict[str, Any]:
    """Regions and their aliases; departments and cities with the region they lie in."""
    regions = file.records("regions", name=str, aliases=(tuple, ()))
    if sorted(region["name"] for _, region in regions) != sorted(REGIONS):
        raise file.error(f"regions: expected exactly {', '.join(REGIONS)}")
    region_aliases: dict[str, str] = {}
    for where, region in regions:
        file.index(region_aliases, (region["name"], *region["aliases"]), region["name"], where)
    departments = tuple(Department(**entry) for _, entry in file.records(
        "departments", name=str, code=str, region=str, aliases=(tuple, ())))
    file.distinct([d.name for d in departments], "department name")
    file.distinct([d.code for d in departments], "department code")
    places = [(f"department {d.name!r}", d.region, (d.name, *d.aliases)) for d in departments]
    places += [(where, city["region"], (city["name"], *city["aliases"]))
               for where, city in file.records("cities", name=str, region=str, aliases=(tuple, ()))]
    candidates: dict[str, set[str]] = {}
    for where, region, names in places:
        if region not in REGIONS:
            raise file.error(f"{where}: unknown region {region!r}")
        for name in names:
            candidates.setdefault(fold(name), set()).add(region)
    # Saint-Denis lies in Île-de-France and in La Réunion: such a name says nothing of the region.
    place_regions = {key: found.pop() for key, found in candidates.items() if len(found) == 1}
    return {"regions": REGIONS, "region_aliases": region_aliases, "departments": departments,
            "place_regions": place_regions}


def _event_formats(file: _File) -> dict[str, Any]:
    """Event formats; a form may belong to one format only."""
    formats = tuple(EventFormat(**entry) for _, entry in file.records(
        "formats", label=str, forms=tuple, online=(bool, None)))
    file.distinct([f.label for f in formats], "format label")
    format_forms: dict[str, str] = {}
    for event_format in formats:
        file.index(format_forms, (event_format.label, *event_format.forms), event_format.label, event_format.label)
    return {"event_formats": formats, "format_forms": format_forms,
            "online_markers": _phrases(file.get(file.data, "online_markers", tuple))}


def _numbers(file: _File) -> dict[str, Any]:
    """Number words and the qualifiers of an approximate count."""
    return {"cardinals": file.numbers("cardinals"), "ordinals": file.numbers("ordinals"),
            "approximate_nouns": file.numbers("approximate_nouns"),
            "count_qualifiers": _phrases(file.get(file.data, "qualifiers", tuple))}


_READERS = (("reporting_verbs.yaml", _speech), ("roles.yaml", _roles), ("organizations.yaml", _organizations),
            ("organization_heads.yaml", _heads), ("regions.yaml", _places), ("event_formats.yaml", _event_formats),
            ("numbers.yaml", _numbers))


def _load(directory: Path) -> Lexicons:
    """Read and validate every lexicon file in `directory`."""
    fields: dict[str, Any] = {"first_names": _first_names(directory / "first_names.txt")}
    for name, read in _READERS:
        fields |= read(_File(directory, name))
    # Phrase books whose keys their extractors read directly.
    for name in ("documents", "editions"):
        fields[name] = _frozen(_File(directory, f"{name}.yaml").data)
    return Lexicons(**fields)


@functools.cache
def _default_lexicons() -> Lexicons:
    """The bundled lexicons, read once per process."""
    return _load(HERE)


def load_lexicons(directory: Path | None = None) -> Lexicons:
    """Every lexicon, validated; the bundled ones (no `directory`) are read once per process."""
    return _default_lexicons() if directory is None else _load(Path(directory))
