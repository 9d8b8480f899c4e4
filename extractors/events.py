"""Events listed in a document.

Bullet listings: `- **Title – Organizer** - Du 17 au 30 novembre`, `- Région : Title - 26 novembre`,
`- **Région : Title organisé par X, les 24 et 25 novembre**`, each with the lines that describe it.
Prose, where an organizer's verb names an event (`le Lab Tilt … organise les ateliers de la
donnée le 14 novembre 2024`), a participle names the organizer of an event (`un parcours …,
organisé par La Trame …`) or a noun does (`l'organisation par l'INSP d'une table ronde …`).
A prose event needs an event format (`webinaire`, `atelier` …) at the head of its title and an
organizer that is an organization. The phrases are data: lexicons/events.yaml, whose rule ids
travel with each event (`event.prose.organise`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.sentences import Sentence
from extractors.textutils import (
    Line, fold_same_length, grouped_alternation, is_upper_text, iter_lines, strip_span)
from innovpub.errors import InvalidLexicon
from schemas.extraction import DateValue, EventMention, OrganizationMention

LEXICON_PATH = Path(__file__).parent / "lexicons" / "events.yaml"
DAY_KINDS = frozenset({"day", "range", "days", "until"})
# A format word further into the object names a detail, not the event: `une série de trois
# webinaires` (fourth word) is a webinar series, `un atelier avec … des conférences` an atelier.
MAX_FORMAT_WORD = 4
# An undated event takes a date announced later (`Rendez-vous le 24 novembre`) from its own
# paragraph or the next one, never further.
LATER_DATE_PARAGRAPHS = 1
# Words before an opening quote that may still introduce a quoted name: `l'association "X"`.
MAX_WORDS_BEFORE_QUOTED_NAME = 2

_RULE_LISTS = ("verbs", "organizer_cues", "partner_cues", "nominal_cues", "title_stops", "date_cues")
_WORD_LISTS = ("organizer_conjunctions", "subject_openers", "subject_connectors", "subject_closers",
               "object_fillers", "date_articles", "indefinite_articles", "nominal_links", "title_articles",
               "count_openers", "determiners", "prepositions", "demonstratives", "place_prepositions",
               "place_complements")

_BULLET = re.compile(r"[ \t]*[-•–*▪◦●►➢][ \t]+")
# `Title – Organizer`, `Title - Organizer`, `Title- Organizer`; never the hyphen of `Rhône-Alpes`.
_SEPARATOR = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|(?<=\S)-\s+")
_REGION_PREFIX = re.compile(r"(?P<place>[^:\n]{3,40}?)\s*:\s+")
_CLAUSE_END = re.compile(r"[,;:!?]|\.(?=\s|$)")
_SENTENCE_END = re.compile(r"[.!?…][\s»\"”)]*$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Quoted and bracketed stretches: no clause ends and no verb inside them.
_ENCLOSED = re.compile(r'«[^»\n]*»|“[^”\n]*”|"[^"\n]*"|\([^()\n]*\)')
_OUTER_QUOTES = re.compile(r'[«“"]\s*(?P<inner>[^«»“”"]+?)\s*[»”"]')
_QUOTES = {"«": "»", "“": "”", '"': '"'}
_ACRONYM_IN_BRACKETS = re.compile(r"\s*\([^()]*\)")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&'-]{1,9}")
_NAME_POS_STOPS = {"VERB", "AUX"}


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
    except (KeyError, TypeError, ValueError, re.error) as error:
        raise InvalidLexicon(f"{path}: malformed event lexicon ({error})") from None
    ids = [rule.id for key in _RULE_LISTS for rule in rules[key]]
    if len(ids) != len(set(ids)):
        raise InvalidLexicon(f"{path}: duplicate rule id {next(i for i in ids if ids.count(i) > 1)!r}")
    return EventLexicon(**rules, words=words, contractions=contractions)


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


@dataclass(frozen=True)
class _Named:
    """An organizer: its name, and the stretch of text naming it (a place after it included)."""

    name: str
    start: int
    end: int


@dataclass
class _Draft:
    """An event being put together from a listing or a clause."""

    rule: str
    start: int
    end: int
    title: str
    title_span: tuple[int, int]
    organizers: list[_Named]
    dates: list[DateValue]
    format: str | None
    region: str | None = None
    extra_text: tuple[int, int] | None = None  # a description that says whether it is online


@dataclass(frozen=True)
class _Title:
    """An event's title, where it lies, and the format it opens with."""

    text: str
    start: int
    end: int
    format: str


@dataclass(frozen=True)
class _Subject:
    """The organizers named before a verb, and where the first of them starts."""

    start: int
    organizers: list[_Named]


def _joined(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Sentences, a piece that ends mid-phrase joined to the next one when no blank line parts
    them: the model may cut `Le Lab Zéro Auvergne-Rhône-` | `Alpes propose …`."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if previous and not _SENTENCE_END.search(previous.text) and not _BLANK_LINE.search(
                text, previous.end, sentence.start) and not _BULLET.match(text, sentence.start):
            sentence = Sentence(previous.start, sentence.end, text[previous.start:sentence.end],
                                fold_same_length(text[previous.start:sentence.end]),
                                previous.dates + sentence.dates)
            joined.pop()
        joined.append(sentence)
    return joined


class _Doc:
    """One document as the event rules read it: folded text, quotes blanked, dates, organizations."""

    def __init__(self, ctx: DocumentContext, dates: list[DateValue], organizations: list[OrganizationMention],
                 sentences: list[Sentence]) -> None:
        self.ctx, self.text, self.lexicons = ctx, ctx.text, ctx.lexicons
        self.lex = _event_lexicon()
        self.words = self.lex.words
        self.folded = ctx.folded
        self.masked = _ENCLOSED.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1],
                                    self.folded)
        self.dates = sorted(dates, key=lambda d: d.start)
        self.days = [d for d in self.dates if d.kind in DAY_KINDS]
        self.organizations = organizations
        self.sentences = _joined(sentences, ctx.text)
        self.paragraphs = ctx.paragraphs
        self.date_article = re.compile(self.words["date_articles"].pattern + r"\s+$")
        self.date_positions = [d.start for d in self.dates]
        self.date_starts = {d.start: self._with_article(d) for d in self.dates}
        self.paragraph_ends = [p.end for p in self.paragraphs]
        # `la préfecture … et l'IRA de Lille` names two organizers, `… de l'administration et de la
        # fonction publique` one: a determiner follows the conjunction only between two names.
        conjunction, determiner = self.words["organizer_conjunctions"].pattern, self.words["determiners"].pattern
        self.conjunction = re.compile(rf"\s+{conjunction}\s+(?={determiner})")

    def _with_article(self, value: DateValue) -> int:
        """Where `value` starts once an article before it on its line is counted in."""
        line_start = self.masked.rfind("\n", 0, value.start) + 1
        article = self.date_article.search(self.masked, line_start, value.start)
        return article.start() if article else value.start

    def date_start(self, value: DateValue) -> int:
        """Where a date begins with the article before it: `le` of `le 29 novembre`."""
        return self.date_starts[value.start]

    def date_at(self, pos: int) -> DateValue | None:
        """The date that starts at `pos`, its article included (`le| 29 novembre`)."""
        index = bisect_left(self.date_positions, pos)
        value = self.dates[index] if index < len(self.dates) else None
        return value if value and self.date_start(value) <= pos else None

    def paragraph_index(self, offset: int) -> int:
        """The index of the paragraph that `offset` lies in or comes before."""
        return bisect_right(self.paragraph_ends, offset)

    def word_before(self, pos: int) -> str:
        """The folded word that ends right before `pos` (white space between), or ``."""
        end = pos
        while end > 0 and self.masked[end - 1].isspace():
            end -= 1
        start = end
        while start > 0 and not self.masked[start - 1].isspace():
            start -= 1
        return self.masked[start:end]

    def skip_space(self, pos: int, limit: int) -> int:
        """`pos` moved past white space."""
        while pos < limit and self.text[pos].isspace():
            pos += 1
        return pos


def _is_organization(doc: _Doc, start: int, end: int) -> bool:
    """Whether a phrase names an organization: found by the organization extractor, known, an
    acronym, or headed by an organization word (`Conseil régional …`, `Lab Breizh`)."""
    if any(o.start < end and start < o.end for o in doc.organizations):
        return True
    name = " ".join(doc.text[start:end].split())
    index = known_organizations(doc.lexicons)
    if name in index or fold(name) in index or _ACRONYM.fullmatch(name):
        return True
    head = _organization_heads(doc.lexicons).search(doc.folded, start, end)
    return bool(head) and (head.start() == start or name[:1].isupper())


def _is_place(doc: _Doc, start: int, end: int) -> bool:
    """Whether a name of the place lexicon is a place here: written with a capital (not `au centre`),
    and after an article when it is also an event word (`Réunion de clôture` is a meeting)."""
    written = doc.text[start:end]
    if not any(c.isupper() for c in written):
        return False
    if fold(written) not in doc.lexicons.format_forms:
        return True
    return bool(doc.words["determiners"].fullmatch(doc.word_before(start)))


def _place_spans(doc: _Doc, start: int, end: int) -> list[tuple[int, int]]:
    """The places named in `[start, end)`, the longest first where names overlap: `région
    Centre-Val de Loire` is one region, not `Région Centre` then the department of the Loire."""
    pattern, _ = _places(doc.lexicons)
    found = sorted(((m.start(), m.start() + len(m.group(1))) for m in pattern.finditer(doc.folded, start, end)
                    if m.start() + len(m.group(1)) <= end and _is_place(doc, m.start(), m.start() + len(m.group(1)))),
                   key=lambda span: span[0] - span[1])
    kept: list[tuple[int, int]] = []
    for a, b in found:
        if all(b <= c or d <= a for c, d in kept):
            kept.append((a, b))
    return kept


def _region(doc: _Doc, spans: list[tuple[int, int]]) -> str | None:
    """The one region that the places in `spans` lie in (None when none or several)."""
    _, regions = _places(doc.lexicons)
    found = {regions[fold(doc.folded[a:b])] for start, end in spans for a, b in _place_spans(doc, start, end)}
    return found.pop() if len(found) == 1 else None


def _place_at(doc: _Doc, pos: int, end: int) -> int | None:
    """The end of the place named from `pos` (names are tried longest first), if one is."""
    pattern, _ = _places(doc.lexicons)
    match = pattern.match(doc.folded, pos, end)
    place_end = match and match.start() + len(match.group(1))
    return place_end if place_end and place_end <= end and _is_place(doc, pos, place_end) else None


def _strip_words_end(doc: _Doc, start: int, end: int, key: str) -> int:
    """`end` moved back over trailing words of the list `key` (`qui`, `a` in `la DITP qui a`)."""
    while True:
        end = strip_span(doc.text, start, end)[1]
        last = None
        for last in doc.words[key].finditer(doc.masked, start, end):
            pass
        if last is None or last.end() != end or last.start() == start:
            return end
        end = last.start()


def _skip_words(doc: _Doc, pos: int, limit: int, *keys: str) -> int:
    """`pos` moved past white space, commas and leading words of the lists `keys`."""
    while True:
        pos = strip_span(doc.text, pos, limit, " \t\n,")[0]
        found = next((m for key in keys if (m := doc.words[key].match(doc.masked, pos, limit))), None)
        if found is None:
            return pos
        pos = found.end()


def _noun_phrase_start(doc: _Doc, start: int, end: int) -> int:
    """The last determiner of `[start, end)` that opens a noun phrase (not one after `de`)."""
    found = start
    for article in doc.words["determiners"].finditer(doc.masked, start, end):
        before = re.search(r"([\w']+)\s*$", doc.masked[start:article.start()])
        if before is None or not doc.words["prepositions"].fullmatch(before.group(1)):
            found = article.start()
    return found


def _place_after(doc: _Doc, pos: int, limit: int, key: str) -> int:
    """`pos` moved past a place tied to the name before it by a word of `key`
    (`la CAF| de la Gironde`, `le Lab Tilt| dans le Grand Est`); `pos` when none follows."""
    start = doc.skip_space(pos, limit)
    tie = doc.words[key].match(doc.masked, start, limit)
    place = tie and (_place_at(doc, start, limit) or _place_at(doc, doc.skip_space(tie.end(), limit), limit))
    return place or pos


def _mention_within(doc: _Doc, start: int, name_start: int, end: int) -> str | None:
    """The name the organization extractor found in `[start, end)` with only lower-case words
    between `name_start` and it: `lab Cassiopée` names Cassiopée, `Lab Breizh` is not named by `Lab`."""
    for mention in doc.organizations:
        if start <= mention.start and mention.end <= end and not any(
                word[:1].isupper() for word in doc.text[name_start:mention.start].split()):
            return mention.name
    return None


def _is_proper_name(doc: _Doc, start: int, end: int) -> bool:
    """A capitalised name that is no person, role, place or the programme itself: where the text
    puts an organizer (`La Trame à Besançon organise …`, `… – L'Escale innovation`), a body's own name."""
    name = " ".join(doc.text[start:end].split())
    folded = fold(name)
    if not name[:1].isupper() or folded.split()[0] in doc.lexicons.first_names:
        return False
    if any(folded.startswith(p) for p in doc.lexicons.editions["programme_names"]):
        return False
    if folded.startswith(_folded_roles(doc.lexicons)):
        return False
    place_end = _place_at(doc, start, end)
    return not (place_end and place_end >= end)


def _opens_sentence(doc: _Doc, pos: int) -> bool:
    """Whether `pos` starts a sentence or a line (after a full stop, a colon or a line break)."""
    while pos > 0 and doc.text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or doc.text[pos - 1] in ".!?:\n…"


def _named(doc: _Doc, start: int, end: int, proper: bool = True) -> _Named | None:
    """The organizer a phrase names, without article, brackets or a place after it; None if it
    is no organization (nor, with `proper`, a proper name). `l'association "X"` names X;
    `le Lab Breizh en Bretagne` names Lab Breizh. The span keeps the place, which tells the region."""
    start, end = strip_span(doc.text, start, end, " \t\n,;:-–—.")
    if start >= end or doc.words["demonstratives"].match(doc.masked, start, end):
        return None  # `ce webinaire` refers back to an event, it does not name an organizer
    article = doc.words["determiners"].match(doc.masked, start, end)
    after_article = doc.skip_space(article.end(), end) if article else start
    # A capital article inside a sentence belongs to the name: `organisé par La Fabrique …`.
    name_start = start if doc.text[start].isupper() and not _opens_sentence(doc, start) else after_article
    quoted = _ENCLOSED.search(doc.text, after_article, end)
    if quoted and quoted.group()[0] != "(" and len(doc.text[after_article:quoted.start()].split()) <= (
            MAX_WORDS_BEFORE_QUOTED_NAME):
        if not _is_organization(doc, after_article, quoted.end()):
            return None
        inner_start, inner_end = strip_span(doc.text, quoted.start() + 1, quoted.end() - 1, " ")
        return _Named(doc.text[inner_start:inner_end], start, end) if inner_start < inner_end else None
    name_end = end
    for place in doc.words["place_prepositions"].finditer(doc.masked, name_start, end):
        if place.start() > name_start and _place_after(doc, place.start(), end, "place_prepositions") >= end:
            name_end = place.start()
            break
    name_start, name_end = strip_span(doc.text, name_start, name_end, " \t\n,;:-–—.")
    if name_start >= name_end:
        return None
    if mentioned := _mention_within(doc, start, after_article, name_end):
        return _Named(mentioned, start, end)
    if not (_is_organization(doc, name_start, name_end) or proper and _is_proper_name(doc, name_start, name_end)):
        return None
    name = " ".join(_ACRONYM_IN_BRACKETS.sub("", doc.text[name_start:name_end]).split())
    return _Named(name, start, end) if name else None


def _subject(doc: _Doc, lower: int, verb: int) -> _Subject | None:
    """The organizers named before a verb: the clause before it, split at `et le/la/l'`."""
    start = lower
    for end_mark in _CLAUSE_END.finditer(doc.masked, lower, verb):
        start = end_mark.end()
    for opener in doc.words["subject_openers"].finditer(doc.masked, lower, verb):
        start = max(start, opener.end())
    start = _skip_words(doc, start, verb, "subject_connectors")
    # A name with commas in it: `la direction départementale de l'emploi, du travail et des solidarités`.
    start = min([start] + [m.start for m in doc.organizations if lower <= m.start < start < m.end <= verb])
    end = _strip_words_end(doc, start, verb, "subject_closers")
    if end <= start:
        return None
    organizers, piece_start = [], start
    for conjunction in [*doc.conjunction.finditer(doc.masked, start, end), None]:
        piece_end = conjunction.start() if conjunction else end
        if named := _named(doc, _noun_phrase_start(doc, piece_start, piece_end), piece_end):
            organizers.append(named)
        piece_start = conjunction.end() if conjunction else end
    return _Subject(organizers[0].start if organizers else start, organizers)


def _first_stop(doc: _Doc, start: int, limit: int) -> int:
    """The first clause end or title stop in `[start, limit)`, else `limit`."""
    end = limit
    if stop := _CLAUSE_END.search(doc.masked, start, end):
        end = stop.start()
    for rule in doc.lex.title_stops:
        if stop := rule.pattern.search(doc.masked, start, end):
            end = stop.start()
    return end


def _name_end(doc: _Doc, start: int, limit: int) -> int:
    """Where an organizer named from `start` ends: at a clause end, a stop or a date."""
    end = _first_stop(doc, start, limit)
    return min([end] + [doc.date_start(d) for d in doc.dates if start < d.start < end])


def _before_verb(doc: _Doc, start: int, end: int) -> int:
    """`end` moved back to a lower-case verb after `start` (`la Douane pour| présenter`)
    and over the prepositions before it; capitalised words are names whatever the tagger says."""
    span = doc.ctx.doc.char_span(start, end, alignment_mode="expand") if start < end else None
    verb = next((t.idx for t in span or () if start < t.idx < end and t.pos_ in _NAME_POS_STOPS
                 and t.text.islower()), end)
    return _strip_words_end(doc, start, verb, "prepositions")


def _organizer_after(doc: _Doc, pos: int, limit: int) -> _Named | None:
    """The organizer named right after a cue (`organisé par la CAF de la Gironde, …`)."""
    pos = doc.skip_space(pos, limit)
    name_start = pos
    if article := doc.words["determiners"].match(doc.masked, pos, limit):
        name_start = doc.skip_space(article.end(), limit)
    mention = next((o for o in doc.organizations if pos <= o.start <= name_start), None)
    end = _name_end(doc, name_start, limit)
    if mention and mention.end <= end:
        end = _place_after(doc, mention.end, limit, "place_complements")
        end = _place_after(doc, end, limit, "place_prepositions")
    else:
        end = _before_verb(doc, name_start, end)
    return _named(doc, pos, end)


def _head_format(doc: _Doc, title: str) -> str | None:
    """The format a title opens with, within its first words: `série de trois webinaires`."""
    folded = fold(title)
    match = _formats(doc.lexicons).search(folded)
    if match is None or len(folded[:match.start()].split()) >= MAX_FORMAT_WORD:
        return None
    return doc.lexicons.format_forms[match.group()]


def _first_format(doc: _Doc, start: int, end: int) -> str | None:
    """The format of the first event word in `[start, end)`; one after `ce`/`cette` first."""
    folded = fold(doc.text[start:end])
    matches = list(_formats(doc.lexicons).finditer(folded))
    pointed = [m for m in matches if (before := folded[:m.start()].split()) and (
        doc.words["demonstratives"].fullmatch(fold_same_length(before[-1])))]
    chosen = (pointed or matches or [None])[0]
    return doc.lexicons.format_forms[chosen.group()] if chosen else None


def _title_end(doc: _Doc, start: int, limit: int) -> int:
    """Where a title from `start` ends: a clause end or a stop, a closing quote kept."""
    end = _strip_words_end(doc, start, _first_stop(doc, start, limit), "organizer_conjunctions")
    # The model may end a sentence inside a quotation: `sur le thème "… responsable ?` | `"`.
    closing = _unclosed_quote(doc.text[start:end])
    after = doc.skip_space(end, len(doc.text))
    return after + 1 if closing and doc.text.startswith(closing, after) else end


def _unclosed_quote(text: str) -> str | None:
    """The closing quote a text still lacks: `sur le thème "Transition …` lacks `"`."""
    for opening, closing in _QUOTES.items():
        count = text.count(opening)
        if count % 2 if opening == closing else count > text.count(closing):
            return closing
    return None


def _without_dates(doc: _Doc, start: int, end: int) -> str:
    """The text of `[start, end)` without its dates: `conférence le 22 novembre sur …` → `conférence sur …`."""
    pieces, position = [], start
    for value in doc.dates:
        if start <= value.start and value.end <= end:
            pieces.append(doc.text[position:doc.date_start(value)])
            position = value.end
    pieces.append(doc.text[position:end])
    title = " ".join(" ".join(pieces).split()).strip(" ,;:-–—")
    quoted = _OUTER_QUOTES.match(title)
    return (quoted["inner"] + title[quoted.end():]).strip(" ,;:-–—") if quoted else title


def _title_after(doc: _Doc, pos: int, limit: int) -> _Title | None:
    """The event a verb's object names: fillers, dates and an article skipped, up to a stop."""
    while True:  # `organise à Lyon le 5 novembre un hackathon`
        pos = _skip_words(doc, pos, limit, "object_fillers")
        value = doc.date_at(pos)
        located = _place_after(doc, pos, limit, "place_prepositions")
        if value is None and located == pos:
            break
        pos = value.end if value else located
    if doc.words["count_openers"].match(doc.masked, pos, limit):
        return None
    if article := doc.words["title_articles"].match(doc.masked, pos, limit):
        pos = doc.skip_space(article.end(), limit)
    if doc.words["count_openers"].match(doc.masked, pos, limit):
        return None
    end = _title_end(doc, pos, limit)
    title = _without_dates(doc, pos, end)
    event_format = _head_format(doc, title) if title else None
    return _Title(title, pos, end, event_format) if event_format else None


def _days_in(doc: _Doc, start: int, end: int) -> list[DateValue]:
    """The dates naming days (not a month or a year) that start in `[start, end)`."""
    return [d for d in doc.days if start <= d.start < end]


def _verbs(doc: _Doc, start: int, end: int) -> list[tuple[int, int, str]]:
    """Event verbs in `[start, end)` outside quotes, as (start, end, rule id); `co-organise` once."""
    verbs = [(m.start(), m.end(), rule.id) for rule in doc.lex.verbs
             for m in rule.pattern.finditer(doc.masked, start, end)]
    return [v for v in sorted(verbs) if not any(o[0] < v[0] < o[1] for o in verbs)]


def _verb_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`X organise un webinaire le 25 novembre`: one event per verb whose subject is an organizer."""
    verbs = _verbs(doc, sentence.start, sentence.end)
    subjects, lower = [], sentence.start
    for start, end, _ in verbs:
        subjects.append(_subject(doc, lower, start))
        lower = end
    drafts = []
    for index, (_, verb_end, rule_id) in enumerate(verbs):
        subject = subjects[index]
        if subject is None or not subject.organizers:
            continue
        limit = next((s.start for s in subjects[index + 1:] if s and s.organizers), sentence.end)
        title = _title_after(doc, verb_end, limit)
        if title is None:
            continue
        end = _strip_words_end(doc, subject.start, limit, "organizer_conjunctions")
        # The first event also takes a date the sentence opens on: `Le 3 novembre, la DITP organise …`.
        dates_from = subject.start if drafts else sentence.start
        drafts.append(_Draft(f"event.prose.{rule_id}", subject.start, end, title.text, (verb_end, title.end),
                             subject.organizers, _days_in(doc, dates_from, end), title.format))
    return drafts


def _format_phrase_before(doc: _Doc, sentence: Sentence, cue: int) -> tuple[int, int, str] | None:
    """The event a participle follows: the nearest format after an article (`le serious game « … »
    imaginé par`), else the event the sentence opens on (`Un parcours « … » en cinq étapes, organisé par`)."""
    segment = sentence.start
    for end_mark in _CLAUSE_END.finditer(doc.masked, sentence.start, cue):
        segment = end_mark.end()
    nearest = None
    for match in _formats(doc.lexicons).finditer(doc.folded, segment, cue):
        before = doc.masked[segment:match.start()].split()
        if not before or doc.words["determiners"].fullmatch(before[-1]) or (
                doc.words["indefinite_articles"].fullmatch(before[-1])):
            nearest = match
    if nearest:
        return nearest.start(), strip_span(doc.text, nearest.start(), cue)[1], nearest.group()
    opening = doc.words["indefinite_articles"].match(doc.masked, sentence.start, cue)
    head = opening and _formats(doc.lexicons).match(doc.folded, doc.skip_space(opening.end(), cue), cue)
    if head:
        return head.start(), _title_end(doc, head.start(), cue), head.group()
    return None


def _cue_drafts(doc: _Doc, sentence: Sentence, drafts: list[_Draft]) -> list[_Draft]:
    """`…, organisé par X`: a new event after its format, or one more organizer of an event."""
    found: list[_Draft] = []
    cues = sorted(((m, rule) for rule in (*doc.lex.organizer_cues, *doc.lex.partner_cues)
                   for m in rule.pattern.finditer(doc.masked, sentence.start, sentence.end)),
                  key=lambda pair: pair[0].start())
    for index, (cue, rule) in enumerate(cues):
        organizer = _organizer_after(doc, cue.end(), sentence.end)
        if organizer is None:
            continue
        owner = next((d for d in [*drafts, *found] if d.start <= cue.start() < d.end), None)
        if owner:
            owner.organizers = _merge(owner.organizers, [organizer], doc.lexicons)
            continue
        phrase = None if rule in doc.lex.partner_cues else _format_phrase_before(doc, sentence, cue.start())
        if phrase is None:
            continue
        start, end, form = phrase
        # Its dates lie before the next event of a list (`un hackathon organisé par X le 16 novembre,
        # un webinaire …`); the only event of a sentence takes any date of it.
        clause_end = _CLAUSE_END.search(doc.masked, organizer.end, sentence.end)
        next_cue = cues[index + 1][0].start() if index + 1 < len(cues) else sentence.end
        days = _days_in(doc, start, min(clause_end.start() if clause_end else sentence.end, next_cue))
        if not days and len(cues) == 1 and not drafts:
            days = _days_in(doc, sentence.start, sentence.end)
        evidence_end = max([organizer.end] + [d.end for d in days if d.start > start])
        found.append(_Draft(f"event.passive.{rule.id}", start, evidence_end, _without_dates(doc, start, end),
                            (start, end), [organizer], days, doc.lexicons.format_forms[form]))
    return found


def _nominal_drafts(doc: _Doc, sentence: Sentence) -> list[_Draft]:
    """`l'organisation par l'Institut national du service public d'une table ronde sur …`."""
    drafts = []
    for rule in doc.lex.nominal_cues:
        for cue in rule.pattern.finditer(doc.masked, sentence.start, sentence.end):
            link = doc.words["nominal_links"].search(doc.masked, cue.end(), sentence.end)
            organizer = link and _named(doc, cue.end(), link.start())
            title = organizer and _title_after(doc, link.end(), sentence.end)
            if title:
                end = strip_span(doc.text, cue.start(), sentence.end)[1]
                drafts.append(_Draft(f"event.nominal.{rule.id}", cue.start(), end, title.text,
                                     (link.end(), title.end), [organizer], _days_in(doc, title.start, end),
                                     title.format))
    return drafts


def _same_body(a: str, b: str, lexicons: Lexicons) -> bool:
    """Whether two organizer names name one body: `DITP` and `Direction interministérielle de la
    transformation publique`, or one name's words within the other's (`mission … du ministère de la Culture`)."""
    index = known_organizations(lexicons)
    known_a, known_b = (index.get(n) or index.get(fold(n)) for n in (a, b))
    words_a, words_b = set(fold(a).split()), set(fold(b).split())
    return bool(known_a and known_a == known_b) or words_a <= words_b or words_b <= words_a


def _merge(organizers: list[_Named], more: list[_Named], lexicons: Lexicons) -> list[_Named]:
    """`organizers` and those of `more` that name some other body."""
    merged = list(organizers)
    for candidate in more:
        if not any(_same_body(candidate.name, o.name, lexicons) for o in merged):
            merged.append(candidate)
    return merged


def _organizers_in(doc: _Doc, start: int, end: int) -> list[_Named]:
    """Organizers a description names: subjects of event verbs, organizers after cues."""
    found: list[_Named] = []
    for sentence in doc.sentences:
        low, high = max(sentence.start, start), min(sentence.end, end)
        if low >= high:
            continue
        lower = low
        for verb_start, verb_end, _ in _verbs(doc, low, high):
            if subject := _subject(doc, lower, verb_start):
                found += subject.organizers
            lower = verb_end
        for rule in (*doc.lex.organizer_cues, *doc.lex.partner_cues):
            for cue in rule.pattern.finditer(doc.masked, low, high):
                if organizer := _organizer_after(doc, cue.end(), high):
                    found.append(organizer)
    return _merge([], found, doc.lexicons)


def _heading(doc: _Doc, body: int, line_end: int) -> tuple[int, int] | None:
    """A listing's heading: its bold span, else the text before (or after) its first date, else the line."""
    bold = next(((a, min(b, line_end)) for a, b in doc.ctx.emphasis if body <= a < line_end), None)
    if bold:
        return bold
    value = next((d for d in doc.days if body <= d.start < line_end), None)
    if value is None:
        return strip_span(doc.text, body, line_end)
    before = strip_span(doc.text, body, doc.date_start(value), " \t,;:-–—")
    return before if before[0] < before[1] else strip_span(doc.text, value.end, line_end, " \t,;:-–—")


def _block_end(doc: _Doc, lines: list[Line], index: int) -> int:
    """The end of a listing with its description: the lines right under it, or the paragraph
    after a blank line when another listing or a heading follows that paragraph."""
    end = lines[index].end
    following = index + 1
    while following < len(lines) and lines[following].text.strip() and not _BULLET.match(lines[following].text):
        end = lines[following].end
        following += 1
    if end > lines[index].end or following >= len(lines):
        return end
    rest = [p for p in doc.paragraphs[doc.paragraph_index(end):] if p.start > end][:2]
    if rest and not _BULLET.match(rest[0].text) and not is_upper_text(rest[0].text) and (
            len(rest) == 1 or _BULLET.match(rest[1].text) or is_upper_text(rest[1].text)):
        return rest[0].end
    return end


def _mentioned(doc: _Doc, start: int, end: int) -> list[_Named]:
    """The organizations the extractor found in `[start, end)`, each cut at a clause end or a date."""
    return [named for m in doc.organizations if start <= m.start < end
            if (named := _named(doc, m.start, min(m.end, _name_end(doc, m.start, end)), proper=False))]


def _organizers_beside(doc: _Doc, end: int, line_end: int) -> list[_Named]:
    """An organizer named on a listing's line after its heading, before or after its dates."""
    days = [d for d in doc.days if end <= d.start < line_end]
    pieces = [(end, doc.date_start(days[0]) if days else line_end)] + ([(days[-1].end, line_end)] if days else [])
    for piece in pieces:
        start, stop = strip_span(doc.text, *piece, " \t\n,;:.-–—")
        if start < stop and doc.text[start].isupper() and (named := _named(doc, start, stop, proper=False)):
            return [named]
    return []


def _bullet_draft(doc: _Doc, body: int, line_end: int, heading: tuple[int, int], block_end: int) -> _Draft | None:
    """One listing: region prefix, title, organizers from the heading or the description, dates."""
    start, end = heading
    region = None
    if prefix := _REGION_PREFIX.match(doc.text, start, end):
        _, regions = _places(doc.lexicons)
        if region := regions.get(fold(prefix["place"])):
            start = prefix.end()
    organizers: list[_Named] = []
    title_end = end
    cue = next((m for rule in doc.lex.organizer_cues if (m := rule.pattern.search(doc.masked, start, end))), None)
    separators = list(_SEPARATOR.finditer(doc.text, start, end))
    if cue:
        title_end = cue.start()
        organizers += [o for o in [_organizer_after(doc, cue.end(), end)] if o]
    elif separators and (named := _named(doc, separators[-1].end(), end)):
        organizers.append(named)
        title_end = separators[-1].start()
    if not organizers:  # `**Title** Etalab - 26 novembre`, `Atelier, mardi 14 novembre, Lab Zéro (Rennes)`
        organizers = _organizers_beside(doc, end, line_end)
    organizers = _merge(organizers, _organizers_in(doc, end, block_end), doc.lexicons)
    if not organizers:  # `… le datathon du département du Gard`, else one its description names
        organizers = _mentioned(doc, start, title_end) or _mentioned(doc, end, block_end)[:1]
    title = _without_dates(doc, start, title_end)
    days = _days_in(doc, body, line_end)
    event_format = _first_format(doc, start, title_end) or _first_format(doc, end, block_end)
    # Without a date, only a format and an organizer tell an event from any bold list item.
    if not title or not (days or event_format and organizers):
        return None
    return _Draft("event.bullet", body, line_end, title, (start, title_end), organizers, days, event_format,
                  region, (end, block_end))


def _bullet_drafts(doc: _Doc) -> tuple[list[_Draft], list[tuple[int, int]]]:
    """Every listing, and the stretch (listing and description) each one covers."""
    drafts, blocks = [], []
    lines = iter_lines(doc.text)
    for index, line in enumerate(lines):
        bullet = _BULLET.match(line.text)
        heading = bullet and _heading(doc, line.start + bullet.end(), line.end)
        if not heading:
            continue
        block_end = _block_end(doc, lines, index)
        if draft := _bullet_draft(doc, line.start + bullet.end(), line.end, heading, block_end):
            drafts.append(draft)
            blocks.append((line.start, block_end))
    return drafts, blocks


def _date_later(doc: _Doc, drafts: list[_Draft], following_starts: list[int]) -> None:
    """An undated event takes the date a later sentence announces (`Rendez-vous le 24 novembre`,
    `… auront lieu le 28 novembre`) before the next event and within the next paragraph."""
    paragraph = doc.paragraph_index

    for draft in drafts:
        if draft.dates:
            continue
        stop = min([s for s in following_starts if s > draft.start] + [len(doc.text)])
        last = paragraph(draft.start) + LATER_DATE_PARAGRAPHS
        for sentence in doc.sentences:
            if sentence.start < draft.end or sentence.start >= stop or paragraph(sentence.start) > last:
                continue
            cues = [(m.start(), m.end(), rule.id) for rule in doc.lex.date_cues
                    if (m := rule.pattern.search(doc.masked, sentence.start, sentence.end))]
            cue = min(cues, default=None)
            days = cue and _days_in(doc, cue[1], sentence.end)
            if days:
                draft.dates, draft.rule = days, f"{draft.rule}+{cue[2]}"
                break


def _paragraph_after(doc: _Doc, offset: int) -> Line | None:
    """The first paragraph that starts at or after `offset`."""
    index = doc.paragraph_index(offset)
    following = doc.paragraphs[index:index + 2]
    return next((p for p in following if p.start >= offset), None)


def _without_descriptions(doc: _Doc, bullets: list[_Draft], blocks: list[tuple[int, int]],
                          prose: list[_Draft]) -> list[_Draft]:
    """Prose events less the undated ones that describe the listing right above them, by the same
    organizer (`- Title – DDETS - 4 novembre` then `La DDETS propose une conférence pour …`)."""
    kept = []
    for draft in prose:
        below = next((bullet for bullet, (_, block_end) in zip(bullets, blocks)
                      if (after := _paragraph_after(doc, block_end)) and after.start <= draft.start < after.end), None)
        if below and not draft.dates and any(_same_body(a.name, b.name, doc.lexicons)
                                             for a in draft.organizers for b in below.organizers):
            below.format = below.format or draft.format
            continue
        kept.append(draft)
    return kept


def _mention(doc: _Doc, draft: _Draft, edition_year: int | None) -> EventMention:
    """The finished event: first dates, region (stated, else from organizers, title, description), online."""
    first = draft.dates[0] if draft.dates else None
    region = draft.region or _region(doc, [(o.start, o.end) for o in draft.organizers]) or _region(
        doc, [draft.title_span]) or (_region(doc, [draft.extra_text]) if draft.extra_text else None)
    online_spans = [(draft.start, draft.end)] + ([draft.extra_text] if draft.extra_text else [])
    online_text = " ".join(doc.folded[a:b] for a, b in online_spans)
    always_online = any(f.online for f in doc.lexicons.event_formats if f.label == draft.format)
    online = True if always_online or _online_markers(doc.lexicons).search(online_text) else None
    names = list(dict.fromkeys(o.name for o in draft.organizers))
    return EventMention(
        start=draft.start, end=draft.end, text=doc.text[draft.start:draft.end], rule=draft.rule,
        title=draft.title, organizers=names, starts_on=first.starts_on if first else None,
        ends_on=first.ends_on if first else None, dates=list(first.dates) if first else [], region=region,
        format=draft.format, online=online, edition_year=edition_year)


def extract_events(ctx: DocumentContext, sentences: list[Sentence], dates: list[DateValue],
                   organizations: list[OrganizationMention]) -> list[EventMention]:
    """Listings first, then events in the prose outside them, in text order."""
    doc = _Doc(ctx, dates, organizations, sentences)
    bullets, blocks = _bullet_drafts(doc)
    prose: list[_Draft] = []
    for sentence in doc.sentences:
        if any(a <= sentence.start < b or sentence.start <= a < sentence.end for a, b in blocks):
            continue
        found = _verb_drafts(doc, sentence) + _nominal_drafts(doc, sentence)
        found += _cue_drafts(doc, sentence, found)
        prose += found
    prose = _without_descriptions(doc, bullets, blocks, prose)
    starts = sorted(d.start for d in bullets + prose)
    _date_later(doc, prose, starts)
    drafts = sorted(bullets + prose, key=lambda d: d.start)
    return [_mention(doc, draft, ctx.edition_year) for draft in drafts]
