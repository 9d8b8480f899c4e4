"""The event lexicon (lexicons/events.yaml) and the patterns built once from the shared lexicons.

The phrases are data: events.yaml, whose rule ids travel with each event (`event.prose.organise`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from extractors.lexicons import Lexicons, fold
from extractors.textutils import fold_same_length, grouped_alternation
from innovpub.errors import InvalidLexicon


LEXICON_PATH = Path(__file__).parents[1] / "lexicons" / "events.yaml"
_RULE_LISTS = ("verbs", "organizer_cues", "partner_cues", "nominal_cues", "title_stops", "date_cues")
_WORD_LISTS = ("organizer_conjunctions", "subject_openers", "subject_connectors", "subject_closers",
               "object_fillers", "date_articles", "indefinite_articles", "nominal_links", "title_articles",
               "count_openers", "determiners", "prepositions", "demonstratives", "place_prepositions",
               "place_complements", "session_counts", "slot_breaks", "singular_articles", "definite_articles",
               "copulas", "passing_only", "event_nouns", "passive_auxiliaries", "time_spans",
               "dateline_openers")
_FRONT_MATTER_KEYS = ("title", "start", "end", "place")


@dataclass(frozen=True)
class Rule:
    """A rule of events.yaml: its id and its pattern on folded text."""

    id: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class EventLexicon:
    """The phrases of events.yaml: rules with ids, and word lists compiled as alternations."""

    verbs: tuple[Rule, ...]
    organizer_cues: tuple[Rule, ...]
    partner_cues: tuple[Rule, ...]
    nominal_cues: tuple[Rule, ...]
    title_stops: tuple[Rule, ...]
    date_cues: tuple[Rule, ...]
    words: dict[str, re.Pattern[str]]
    contractions: dict[str, tuple[str, ...]]
    front_matter: dict[str, tuple[str, ...]]


def _phrase(form: str) -> str:
    """A regex for one phrase on folded text: words as written, any white space between them."""
    folded = fold_same_length(form.strip())
    body = r"\s+".join(re.escape(word) for word in folded.split())
    return body if folded.endswith("'") else body + r"(?![\w])"


def _checked_words(forms: object) -> list[str]:
    """`forms` if it is a non-empty list of phrases; ValueError otherwise."""
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
        raise ValueError(f"expected a non-empty list of phrases, got {forms!r}")
    return forms


def _alternation(forms: list[str], after_elision: bool = True) -> str:
    """Phrases longest first; `after_elision` lets one follow an apostrophe (`d'une`), as a verb may not
    (`s'organise` is no organizer's verb)."""
    _checked_words(forms)
    not_after = r"[\w]" if after_elision else r"[\w']"
    return "(?:" + grouped_alternation(sorted(map(_phrase, forms), key=len, reverse=True), not_after) + ")"


def _rule(entry: object) -> Rule:
    """A rule from its entry: `{id, forms}` or `{id, pattern}`."""
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or ("forms" in entry) == (
            "pattern" in entry):
        raise ValueError(f"expected {{id, forms}} or {{id, pattern}}, got {entry!r}")
    pattern = entry["pattern"] if "pattern" in entry else _alternation(entry["forms"], after_elision=False)
    if not isinstance(pattern, str):
        raise ValueError(f"{entry['id']}: pattern must be a string")
    return Rule(entry["id"], re.compile(pattern))


def load_event_lexicon(path: Path = LEXICON_PATH) -> EventLexicon:
    """Read and check an event lexicon; raise InvalidLexicon naming the file if it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InvalidLexicon(f"{path}: cannot be read: {error}") from None
    try:
        rules = {key: tuple(_rule(entry) for entry in data[key]) for key in _RULE_LISTS}
        words = {key: re.compile(_alternation(data[key])) for key in _WORD_LISTS}
        contractions = {fold(article): tuple(fold(f) for f in _checked_words(forms))
                        for article, forms in data["article_contractions"].items()}
        front_matter = {key: tuple(w.casefold() for w in _checked_words(data["front_matter"][key]))
                        for key in _FRONT_MATTER_KEYS}
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise InvalidLexicon(f"{path}: malformed event lexicon ({error})") from None
    ids = [rule.id for key in _RULE_LISTS for rule in rules[key]]
    if len(ids) != len(set(ids)):
        raise InvalidLexicon(f"{path}: duplicate rule id {next(i for i in ids if ids.count(i) > 1)!r}")
    return EventLexicon(**rules, words=words, contractions=contractions, front_matter=front_matter)


@cache
def _event_lexicon() -> EventLexicon:
    """The bundled event lexicon, read once per process."""
    return load_event_lexicon()


@cache
def _places(lexicons: Lexicons) -> tuple[re.Pattern[str], dict[str, str]]:
    """Regions, departments and cities as one pattern on folded text, and their regions; a name
    that opens on an article also as `à` and `de` merge with it (`au Tampon`, `du Lamentin`)."""
    regions = {**lexicons.place_regions, **lexicons.region_aliases}
    for article, merged in _event_lexicon().contractions.items():
        for key, region in list(regions.items()):
            if key.startswith(article + " "):
                regions |= {form + key[len(article):]: region for form in merged}
    names = sorted((r"[\s-]+".join(map(re.escape, key.split())) for key in regions), key=len, reverse=True)
    # A lookahead finds the names starting at every position, overlapping ones included.
    return re.compile(r"(?=(" + grouped_alternation(names, not_after=r"[\w]") + r")(?![\w]))"), regions


@cache
def _department_regions(lexicons: Lexicons) -> dict[str, str]:
    """The region of each department code (`75`, `2A`, `971`), for postcodes."""
    return {d.code: d.region for d in lexicons.departments}


@cache
def _formats(lexicons: Lexicons) -> re.Pattern[str]:
    """Every form of every event format, longest first, on `fold`ed text."""
    forms = sorted(lexicons.format_forms, key=len, reverse=True)
    return re.compile(r"(?:" + grouped_alternation(list(map(re.escape, forms)), not_after=r"[\w]") + r")(?![\w])")


@cache
def _organization_heads(lexicons: Lexicons) -> re.Pattern[str]:
    """The head words of organization names (`conseil régional`, `lab`) on folded text."""
    forms = sorted({fold_same_length(form) for form, _ in lexicons.organization_heads}, key=len, reverse=True)
    return re.compile(r"(?:" + grouped_alternation(list(map(re.escape, forms)), not_after=r"[\w]") + r")(?![\w])")


@cache
def _folded_roles(lexicons: Lexicons) -> tuple[str, ...]:
    """Role titles (`ministre`, `délégué interministériel`), folded, as a tuple for `str.startswith`."""
    return tuple(sorted({fold(role) for role in lexicons.role_forms}))


@cache
def _online_markers(lexicons: Lexicons) -> re.Pattern[str]:
    """The words that put an event online (`en ligne`, `à distance`)."""
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, lexicons.online_markers)) + r")(?![\w])")
