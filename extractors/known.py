"""What the lexicons tell about organizations: known organizations indexed by every way a text
may write them, place names, and the rules of organization names (organization_rules.yaml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extractors.lexicons import HERE, ORGANIZATION_KINDS, KnownOrganization, Lexicons, fold
from extractors.textutils import fold_same_length, grouped_alternation
from innovpub.errors import InvalidLexicon

RULES_FILE = HERE / "organization_rules.yaml"
# Acronyms read as words are written as names too: `l'Insee`, `l'Ademe`, `la Dinum`.
MIN_WORDLIKE_ACRONYM = 4
# A phrase matches as whole words: neither within a word nor a hyphenated name (`Saint-Denis` is no `Denis`).
_WORD_OR_HYPHEN = r"[\w\-]"
# What a space of a phrase matches in text: a hyphen or dash (`Auvergne–Rhône–Alpes`), white space.
_PHRASE_SPACE = r"(?:[-\u2010\u2011\u2013]|\s+)"
_PATTERN_NAMES = ("known", "branch", "head", "apposition", "suffix", "portfolio", "affiliation", "gloss", "agent",
                  "prefect")
_WORD_LISTS = ("weak_heads", "descriptors", "suffix_heads", "glued_heads", "portfolio_titles", "parent_kinds",
               "linking", "articles", "determiners", "indefinites", "closing_words", "not_proper", "date_words",
               "capitalised_only", "ambiguous_acronyms", "place_words", "street_titles",
               "comment_openers", "team_heads", "place_heads", "locatives", "state_words", "agent_verbs",
               "agent_markers", "role_links", "not_agents", "auxiliaries", "prefect_titles", "event_verbs",
               "place_only_heads")


@cache
def known_organizations(lexicons: Lexicons) -> dict[str, KnownOrganization]:
    """Name and aliases under both folds (`fold`, `fold_same_length`), acronyms as written."""
    index: dict[str, KnownOrganization] = {}
    for organization in lexicons.organizations:
        for written in (organization.name, *organization.aliases):
            index[fold(written)] = organization
            index[fold_same_length(written)] = organization
            if is_acronym(written):
                index |= dict.fromkeys(acronym_spellings(written), organization)
        if organization.acronym:
            index |= dict.fromkeys(acronym_spellings(organization.acronym), organization)
    return index


def acronym_spellings(acronym: str) -> set[str]:
    """`INSEE` as written and, for an acronym read as a word, as a name: `Insee`; `Inria` in capitals too."""
    wordlike = acronym.isalpha() and len(acronym) >= MIN_WORDLIKE_ACRONYM and (
        acronym.isupper() or acronym == acronym.capitalize())
    return {acronym, acronym.capitalize(), acronym.upper()} if wordlike else {acronym}


def is_acronym(text: str) -> bool:
    """`DITP`, `DGFiP`, `AP-HP`: one word of at least two capitals, no lower-case run of three."""
    return (" " not in text and sum(c.isupper() for c in text) >= 2
            and not re.search(r"[^\W\d_]{3}", re.sub(r"[A-ZÀ-Ý]", "", text)))


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Folded phrases as whole words of text folded by `fold_same_length`, longest first.

    A space of a phrase matches a hyphen, a dash or a run of white space, so `saone et loire` matches
    `Saône-et-Loire`, `Auvergne–Rhône–Alpes` and a name broken over the lines of a letterhead.
    """
    alternatives = _alternation(phrases)
    return re.compile(rf"(?:{grouped_alternation(alternatives, not_after=_WORD_OR_HYPHEN)})(?!{_WORD_OR_HYPHEN})")


def _alternation(phrases: Iterable[str]) -> list[str]:
    """Folded phrases escaped for a pattern, a space matching any run of spaces or a hyphen, longest first."""
    return sorted({_PHRASE_SPACE.join(map(re.escape, p.split())) for p in phrases if p.strip()},
                  key=len, reverse=True)


def phrase_pair_pattern(firsts: Iterable[str], seconds: Iterable[str]) -> re.Pattern[str]:
    """Any of `firsts` then any of `seconds`, as whole words: `phrase_pattern` of every pair, without
    compiling the product (640 role titles × 10 links is a second of `re.compile` per process)."""
    first = grouped_alternation(_alternation(firsts), not_after=_WORD_OR_HYPHEN)
    second = grouped_alternation(_alternation(seconds))
    return re.compile(rf"(?:{first}){_PHRASE_SPACE}(?:{second})(?!{_WORD_OR_HYPHEN})")


@cache
def place_pattern(lexicons: Lexicons) -> re.Pattern[str]:
    """Regions (and their aliases), departments and cities, on text folded by `fold_same_length`."""
    return phrase_pattern([*lexicons.region_aliases, *lexicons.place_regions])


def place_names(folded: str, lexicons: Lexicons) -> frozenset[str]:
    """The places a text folded by `fold` names: a region under its canonical name, others as written."""
    return frozenset(lexicons.region_aliases.get(match.group(), match.group())
                     for match in place_pattern(lexicons).finditer(folded))


# eq=False keeps identity hashing, so the rules can key caches of compiled patterns.
@dataclass(frozen=True, eq=False)
class OrganizationRules:
    """The vocabulary of organization_rules.yaml; word lists hold lower-case words as written."""

    rule_ids: dict[str, str]
    weak_heads: frozenset[str]
    descriptors: frozenset[str]
    suffix_heads: frozenset[str]
    glued_heads: tuple[str, ...]
    portfolio_titles: tuple[str, ...]
    portfolio_office: str
    parent_kinds: frozenset[str]
    linking: frozenset[str]
    articles: frozenset[str]
    determiners: frozenset[str]
    indefinites: frozenset[str]
    closing_words: frozenset[str]
    not_proper: frozenset[str]
    date_words: frozenset[str]
    capitalised_only: frozenset[str]
    ambiguous_acronyms: frozenset[str]
    place_words: frozenset[str]
    street_titles: frozenset[str]
    comment_openers: frozenset[str]
    team_heads: frozenset[str]
    place_heads: frozenset[str]
    locatives: frozenset[str]
    state_words: frozenset[str]
    agent_verbs: frozenset[str]
    agent_markers: tuple[str, ...]
    role_links: tuple[str, ...]
    not_agents: frozenset[str]
    auxiliaries: frozenset[str]
    prefect_titles: frozenset[str]
    prefect_office: str
    event_verbs: tuple[str, ...]
    place_only_heads: frozenset[str]
    exclusions: tuple[tuple[str, re.Pattern[str]], ...]


def _rules_error(path: Path, problem: str) -> InvalidLexicon:
    """An InvalidLexicon naming the rules file and the problem."""
    return InvalidLexicon(f"{path}: {problem}")


def _word_list(data: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    """The non-empty list of words under `key`."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _rules_error(path, f"{key}: expected a non-empty list of non-empty strings")
    return tuple(v.strip() for v in value)


def _exclusions(data: dict[str, Any], path: Path) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The exclusion patterns, compiled, with their ids."""
    entries = data.get("exclusions")
    if not isinstance(entries, list):
        raise _rules_error(path, "exclusions: expected a list")
    found = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in ("id", "pattern")):
            raise _rules_error(path, f"exclusions[{index}]: expected a mapping with `id` and `pattern`")
        try:
            found.append((entry["id"], re.compile(entry["pattern"])))
        except re.error as error:
            raise _rules_error(path, f"exclusions[{index}] ({entry['id']}): bad pattern: {error}") from error
    return tuple(found)


@cache
def load_organization_rules(path: Path = RULES_FILE) -> OrganizationRules:
    """Read and check organization_rules.yaml once; `InvalidLexicon` names the file on any problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise _rules_error(path, f"cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise _rules_error(path, "top level: expected a mapping")
    patterns = data.get("patterns")
    if not isinstance(patterns, dict) or sorted(patterns) != sorted(_PATTERN_NAMES) or not all(
            isinstance(v, str) and v.startswith("organization.") for v in patterns.values()):
        raise _rules_error(path, f"patterns: expected an `organization.…` id for each of {', '.join(_PATTERN_NAMES)}")
    prefect_office = data.get("prefect_office")
    if not isinstance(prefect_office, str) or not prefect_office.strip():
        raise _rules_error(path, "prefect_office: expected a word")
    office = data.get("portfolio_office")
    if not isinstance(office, str) or not office.strip():
        raise _rules_error(path, "portfolio_office: expected a word")
    lists = {key: _word_list(data, key, path) for key in _WORD_LISTS}
    if unknown := set(lists["parent_kinds"]) - ORGANIZATION_KINDS:
        raise _rules_error(path, f"parent_kinds: unknown kinds {sorted(unknown)}")
    lower = {key: frozenset(w.casefold().replace("\u2019", "'") for w in words) for key, words in lists.items()}
    return OrganizationRules(
        rule_ids=dict(patterns), weak_heads=frozenset(map(fold, lists["weak_heads"])),
        descriptors=frozenset(map(fold, lists["descriptors"])), suffix_heads=frozenset(lists["suffix_heads"]),
        glued_heads=lists["glued_heads"],
        portfolio_titles=lists["portfolio_titles"], portfolio_office=fold(office),
        parent_kinds=frozenset(lists["parent_kinds"]), linking=lower["linking"], articles=lower["articles"],
        determiners=lower["determiners"], indefinites=lower["indefinites"], closing_words=lower["closing_words"],
        not_proper=lower["not_proper"], date_words=lower["date_words"],
        capitalised_only=frozenset(map(fold, lists["capitalised_only"])),
        ambiguous_acronyms=frozenset(lists["ambiguous_acronyms"]),
        place_words=frozenset(map(fold, lists["place_words"])),
        street_titles=frozenset(map(fold, lists["street_titles"])),
        comment_openers=frozenset(map(fold, lists["comment_openers"])),
        team_heads=frozenset(map(fold, lists["team_heads"])), place_heads=frozenset(map(fold, lists["place_heads"])),
        locatives=lower["locatives"], state_words=lower["state_words"], agent_verbs=lower["agent_verbs"],
        agent_markers=tuple(map(fold, lists["agent_markers"])), role_links=tuple(map(fold, lists["role_links"])),
        not_agents=frozenset(map(fold, lists["not_agents"])), auxiliaries=lower["auxiliaries"],
        prefect_titles=frozenset(map(fold, lists["prefect_titles"])), prefect_office=prefect_office,
        event_verbs=tuple(map(fold, lists["event_verbs"])),
        place_only_heads=frozenset(map(fold, lists["place_only_heads"])),
        exclusions=_exclusions(data, path))
