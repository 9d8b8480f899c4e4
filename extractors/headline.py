"""The headline a reader sees at the top of a page, past breadcrumbs, labels and share buttons.

No headline when the first text is the body: `Du 3 au 9 mai 2019, la préfecture organise …`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass

from extractors.lexicons import Lexicons, fold
from extractors.page_head import (SITE_SEPARATORS, HeadLine, document_words, is_byline, is_furniture, label_prefix_end,
                                  site_suffix_start)
from extractors.publication import is_date_only, is_date_stamp
from extractors.textutils import fold_same_length, is_upper_text

# A headline is one line of a few words (175 characters at most on the pages read so far); a longer
# line is body text.
MAX_TITLE_LENGTH = 200
# A headline may open with a day (`Le 20 novembre, les labs ouvrent leurs portes`); past this length a
# line opening so is the body's first sentence.
MAX_DATE_LEAD_TITLE = 80
# A long headline joins its parts with `:` (`Mois de l'innovation : …`); a long line that opens with a
# clause and a comma, then goes on for many words, is a sentence of the body
# (`Dans le cadre du Mois de l'innovation publique, la préfecture organise …`).
MAX_LEAD_CLAUSE_TITLE = 100
MAX_LEAD_CLAUSE_CHARS = 60
MIN_WORDS_AFTER_LEAD = 8
# A headline wraps over a few lines at most.
MAX_TITLE_LINES = 3

# Markdown marks around a heading: `## Titre`, `**Titre**`, `# **Titre**`.
# A mark before a space is a list bullet (`* atelier`), kept for `_LIST_ITEM` to see.
_LEADING_MARKS = re.compile(r"(?:#{1,6}\s+)?(?:(?:\*\*|__|\*|_)(?=\S))?")
_TRAILING_MARKS = re.compile(r"(?:(?<=\S)(?:\*\*|__|\*|_))?(?:\s+#+)?$")
# A sentence ends inside the line, then another begins: `… en novembre. Les agents …` (not `M. Durand`).
_INNER_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b[A-Z][a-z])\.\s+[A-ZÀ-Ý]")
# The town or topic before a paper's headline: `Rennes. Les agents innovent`, `Fonction publique. Les labs …`.
_TOWN_LEAD = re.compile(r"[A-ZÀ-Ý][\w'’-]*(?:\s[\w'’-]+){0,2}\.\s+")
# A question or an exclamation, then another sentence: `Vous êtes agent ? Vous avez envie …`.
_INNER_QUESTION = re.compile(r"[?!]\s+[A-ZÀ-Ý]")
# A headline may ask and answer in a few words (`Un lab ? Pourquoi pas !`); past this length
# two sentences are the body.
MAX_TWO_SENTENCE_TITLE = 100
# A list item opens the body, never a headline: `- atelier`, `• table ronde`, `1. accueil`.
_LIST_ITEM = re.compile(r"(?:[-•–*·▪]|\d{1,2}[.)])\s")
# A programme's entry opens with its time, never a headline: `9h : accueil`, `14h - 17h`, `10:30 – atelier`
# (but `48h pour innover` is one).
_SCHEDULE_ENTRY = re.compile(r"(?:\d{1,2}\s*h\s*\d{0,2}|\d{1,2}:\d\d)\s*(?:[-–—:|àa]\s|$)")
# A line that continues the one above: ends on `:`, `,` or a dash, or the next starts in lower case.
_OPEN_END = (":", ",", "–", "—", "-", "«")
# A site's rubric is a label of one to three words (`Nos actions`, `Vie des services`); a headline
# usually says more, so a line this short is passed over while a longer headline may follow …
MAX_RUBRIC_WORDS = 3
# … and when none does, two or three words alone in their block are the headline (`Hackathon des
# archives`); a single word is still a label.
MIN_SHORT_HEADLINE_WORDS = 2
# What a label never holds: a figure (`Hackathon 2019`), a question, an exclamation, a quote.
_NOT_A_LABEL = re.compile(r"[\d?!:«»\"]")
# A Markdown title (`# Titre`, or `Titre` over `=====`) is a headline whatever its length.
_MARKDOWN_TITLE = re.compile(r"#\s")
_SETEXT_UNDERLINE = re.compile(r"={3,}")
# A page printed as `<title>` then `<h1>` shows its headline twice in a few lines (`Titre` / `20.12.18` /
# `Titre`): the line printed twice is the headline, whatever stands above it.
REPEAT_WINDOW = 6
# How a page's `<title>` glues a rubric before the headline: `Vie des services : <headline>`.
_LABEL_SEPARATOR = " : "
# The headline-like lines read before the body, looking for one printed twice.
MAX_HEAD_CANDIDATES = 3


@dataclass(frozen=True)
class Headline:
    """The title's text (lines joined) and its offsets in the document."""

    text: str
    start: int
    end: int


def _unmarked(line: HeadLine) -> HeadLine:
    """`## **Titre**` → `Titre`, offsets moved in step."""
    lead = _LEADING_MARKS.match(line.text).end()
    trail = _TRAILING_MARKS.search(line.text, lead).start()
    text = line.text[lead:trail].strip()
    if not text:
        return line
    start = line.start + line.text.index(text, lead)
    return HeadLine(start, start + len(text), text, line.block)


def is_headline_text(text: str) -> bool:
    """Whether `text` reads as a headline rather than body: short, one clause, no final full stop.

    `L'innovation au cœur des territoires !` is one; `Du 3 au 9 mai 2019, la préfecture organise un
    forum (…) pour les agents.` is not.
    """
    if not text or len(text) > MAX_TITLE_LENGTH or not any(c.isalpha() for c in text):
        return False
    if text.endswith(".") and not text.endswith(".."):
        return False
    if len(text) > MAX_TWO_SENTENCE_TITLE and _INNER_QUESTION.search(text):
        return False
    town = _TOWN_LEAD.match(text)
    return (not _INNER_SENTENCE_END.search(text, town.end() if town else 0) and not _LIST_ITEM.match(text)
            and not _SCHEDULE_ENTRY.match(text))


def _continues(previous: str, following: str, lexicons: Lexicons) -> bool:
    """Whether `following` carries on the headline line `previous` (a headline printed over two lines)."""
    if _LIST_ITEM.match(following):
        return False
    if previous.endswith(_OPEN_END) or following[:1].islower():
        return True
    if fold(previous).rsplit(" ", 1)[-1] in document_words(lexicons, "open_line_ends"):
        return True
    return is_upper_text(previous) and is_upper_text(following)


def _skipped(line: HeadLine, lexicons: Lexicons, date_lines: Collection[int]) -> bool:
    """Whether a line stands beside the headline: furniture, a byline, a date line."""
    return (line.start in date_lines or is_furniture(line.text, lexicons) or is_byline(line.text, lexicons)
            or is_date_only(line.text) or is_date_stamp(line.text, lexicons))


def is_rubric(line: HeadLine, following: HeadLine | None) -> bool:
    """Whether a line is a site's rubric, not a headline: `Nos actions`, `Vie des services`, `Nationale`;
    not `Hackathon 2019`, `Un lab ? Oui !`, nor `# Hackathon des archives` (a Markdown title)."""
    text = _unmarked(line).text
    if len(text.split()) > MAX_RUBRIC_WORDS or _NOT_A_LABEL.search(text):
        return False
    underlined = following is not None and _SETEXT_UNDERLINE.fullmatch(following.text)
    return not (_MARKDOWN_TITLE.match(line.text) or underlined)


def _unit(lines: list[HeadLine], index: int, lexicons: Lexicons, date_lines: Collection[int]) -> list[HeadLine]:
    """The headline line at `index`, unmarked and past a glued label, with the lines it goes on in."""
    first = _unmarked(lines[index])
    glued = label_prefix_end(first.text, lexicons)
    if glued:
        first = HeadLine(first.start + glued, first.end, first.text[glued:], first.block)
    unit = [first]
    for following in lines[index + 1:index + 2 + MAX_TITLE_LINES]:
        if _skipped(following, lexicons, date_lines):
            break
        following = _unmarked(following)
        same_block = following.block == unit[-1].block
        # `MOIS DE L'INNOVATION PUBLIQUE 2020 :` goes on in the next capitalised block.
        next_block = (following.block == unit[-1].block + 1 and unit[-1].text.endswith(":")
                      and is_upper_text(following.text) == is_upper_text(unit[-1].text))
        if not (same_block and _continues(unit[-1].text, following.text, lexicons) or next_block):
            break
        unit.append(following)
    return unit


def _as_headline(unit: list[HeadLine], lexicons: Lexicons) -> Headline | None:
    """The unit's text, a site's name glued after it cut off; None when it reads as body."""
    if len(unit) > MAX_TITLE_LINES:
        return None  # a paragraph wrapped over many lines: the body
    last = unit[-1]
    cut = site_suffix_start(last.text, lexicons)
    if cut < len(last.text):
        kept = last.text[:cut].rstrip()
        unit = [*unit[:-1], HeadLine(last.start, last.start + len(kept), kept, last.block)]
    text = " ".join(" ".join(part.text.split()) for part in unit)
    # `Elle permet aux agents de :` then a list: a lead-in of the body, not a headline.
    if not is_headline_text(text) or text.endswith(":") or _opens_with_a_lead(text, lexicons):
        return None
    return Headline(text, unit[0].start, unit[-1].end)


@functools.lru_cache(maxsize=8)
def _date_lead(lexicons: Lexicons) -> re.Pattern[str]:
    """`Du 3 au 9 mai 2019, `, `Depuis le 1er novembre, `, `En 2019, `: a day or a year, then a comma."""
    words = sorted(document_words(lexicons, "body_date_openers"), key=len, reverse=True)
    openers = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:{openers})\s+(?:\w+\s+)?\d{{1,4}}(?:er)?\b[^,]{{0,40}},\s")


def _opens_with_a_lead(text: str, lexicons: Lexicons) -> bool:
    """Whether a long line opens like a body sentence: a day and a comma (`Du 3 au 9 mai 2019, la préfecture
    organise …`), or a lead clause and a comma then many words, with no `:` (`Pour la troisième année, …`)."""
    if len(text) > MAX_DATE_LEAD_TITLE and _date_lead(lexicons).match(fold_same_length(text)):
        return True
    comma = text.find(", ", 0, MAX_LEAD_CLAUSE_CHARS)
    return (len(text) > MAX_LEAD_CLAUSE_TITLE and comma > 0 and ":" not in text
            and len(text[comma:].split()) > MIN_WORDS_AFTER_LEAD)


def _printed_twice(headline: Headline, later: list[HeadLine]) -> Headline | None:
    """The headline as printed again on one of the next lines (`<title>` then `<h1>`): the same text, or the text
    beside a site's name or a rubric (`Les agents ont la parole - Mairie de Tulle`, `Vie des services : Les agents
    ont la parole`, then `Les agents ont la parole`)."""
    printed = fold_same_length(headline.text)
    for line in later[:REPEAT_WINDOW]:
        again = _unmarked(line)
        text = fold_same_length(" ".join(again.text.split()))
        if text == printed:
            return headline
        if len(text.split()) <= MAX_RUBRIC_WORDS:
            continue
        if printed.startswith(tuple(text + s for s in SITE_SEPARATORS)) or printed.endswith(
                tuple(s + text for s in (*SITE_SEPARATORS, _LABEL_SEPARATOR))):
            return Headline(again.text, again.start, again.end)
    return None


def find_headline(lines: list[HeadLine], lexicons: Lexicons, date_lines: Collection[int]) -> Headline | None:
    """The first line past the furniture and the rubrics, with the lines it goes on in; a headline-like line
    printed twice before the body wins over the lines above it; None when the body comes first.

    `date_lines` holds the starts of the date lines (`Publié le …`, `Paris, le …`), which stand beside it.
    """
    first, short, candidates, index = None, None, 0, 0
    while index < len(lines) and candidates < MAX_HEAD_CANDIDATES:
        if _skipped(lines[index], lexicons, date_lines):
            index += 1
            continue
        unit = _unit(lines, index, lexicons, date_lines)
        following = lines[index + len(unit)] if index + len(unit) < len(lines) else None
        if len(unit) == 1 and is_rubric(lines[index], following):
            if short is None and _may_be_short_headline(lines[index], following, date_lines):
                short = _as_headline(unit, lexicons)
            index += 1
            continue
        headline = _as_headline(unit, lexicons)
        if headline is None:
            break  # the body
        index += len(unit)
        again = _printed_twice(headline, lines[index:])
        if again:
            return again
        first = first or headline
        candidates += 1
    return first or short


def _may_be_short_headline(line: HeadLine, following: HeadLine | None, date_lines: Collection[int]) -> bool:
    """Whether a rubric-like line is the headline when no longer one follows: two or three words standing
    alone in their block or over the page's date (`Hackathon des archives` / `12/03/2019` / body), not a
    one-word label (`Nationale`) nor a label glued above the body (`Vie des services` / body)."""
    if len(_unmarked(line).text.split()) < MIN_SHORT_HEADLINE_WORDS:
        return False
    return following is None or following.block != line.block or following.start in date_lines
