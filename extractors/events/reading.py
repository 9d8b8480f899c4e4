"""One document as the event rules read it, and the drafts of events they put together."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from extractors.context import DocumentContext
from extractors.events.lexicon import _event_lexicon
from extractors.sentences import Sentence
from extractors.textutils import fold_same_length
from schemas.extraction import DateValue, OrganizationMention

DAY_KINDS = frozenset({"day", "range", "days", "until"})
# A period this long (`du 2 au 30 novembre`) is the edition's, not one event's: an event takes it
# only when its own sentence states it.
PERIOD_DAYS = 20
# A format word further into the object names a detail, not the event: `une série de trois
# webinaires` (fourth word) is a webinar series, `un atelier avec … des conférences` an atelier.
MAX_FORMAT_WORD = 4
# An undated event takes a date announced later (`Rendez-vous le 24 novembre`) from its own
# paragraph or the next one, never further.
LATER_DATE_PARAGRAPHS = 1
# Words before an opening quote that may still introduce a quoted name: `l'association "X"`.
MAX_WORDS_BEFORE_QUOTED_NAME = 2

_BULLET = re.compile(r"[ \t]*[-•–*▪◦●►➢›→■◆▸✓✔][ \t]+")
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
# `9h`, `9H30`, `16 h 15`; a span `9h30-10h15`, `de 10h à 11h30`.
_HOUR = r"\d{1,2}\s?[hH](?:\s?[0-5]\d)?(?![\w])"
_NUMBERED = re.compile(r"(?P<indent>[ \t]*)(?:\d{1,2}[.)]|[-•*▪])[ \t]+(?=\S)")


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
    # Whether a place named anywhere in the description gives the region; a programme entry reads
    # only its practical lines (`* 10 rue …, 75003 Paris`), its prose may name a guest's town.
    region_from_description: bool = True
    # The sentences around a prose event: a place they name gives the region last of all
    # (`… organise un hackathon les 9 et 10 mars. Les équipes se retrouveront à Station F`).
    paragraph: tuple[int, int] | None = None


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


def _is_period(value: DateValue) -> bool:
    """Whether a date spans a whole period (`du 2 au 30 novembre`, `jusqu'au 30 novembre`), most often the edition's."""
    return value.kind == "until" or bool(
        value.starts_on and value.ends_on and (value.ends_on - value.starts_on).days >= PERIOD_DAYS)


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
