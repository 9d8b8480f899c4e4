"""The headline a reader sees at the top of a page, past breadcrumbs, labels and share buttons.

No headline when the first text is the body: `Du 3 au 9 mai 2019, la préfecture organise …`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from extractors.lexicons import Lexicons
from extractors.page_head import HeadLine, is_byline, is_furniture, label_prefix_end, site_suffix_start
from extractors.publication import is_date_only
from extractors.textutils import is_upper_text

# A headline is one line of a few words; a longer line is body text.
MAX_TITLE_LENGTH = 300
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
# A line that continues the one above: ends on `:`, `,` or a dash, or the next starts in lower case.
_OPEN_END = (":", ",", "–", "—", "-", "«")


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
    return not _INNER_SENTENCE_END.search(text, town.end() if town else 0) and not _LIST_ITEM.match(text)


def _continues(previous: str, following: str) -> bool:
    """Whether `following` carries on the headline line `previous` (a headline printed over two lines)."""
    if _LIST_ITEM.match(following):
        return False
    if previous.endswith(_OPEN_END) or following[:1].islower():
        return True
    return is_upper_text(previous) and is_upper_text(following)


def _skipped(line: HeadLine, lexicons: Lexicons, date_lines: Collection[int]) -> bool:
    """Whether a line stands beside the headline: furniture, a byline, a date line."""
    return (line.start in date_lines or is_furniture(line.text, lexicons) or is_byline(line.text, lexicons)
            or is_date_only(line.text))


def find_headline(lines: list[HeadLine], lexicons: Lexicons, date_lines: Collection[int]) -> Headline | None:
    """The first line past the furniture, with the lines it goes on in; None when the body comes first.

    `date_lines` holds the starts of the date lines (`Publié le …`, `Paris, le …`), which stand beside it.
    """
    for index, line in enumerate(lines):
        if _skipped(line, lexicons, date_lines):
            continue
        first = _unmarked(line)
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
            if not (same_block and _continues(unit[-1].text, following.text) or next_block):
                break
            unit.append(following)
        if len(unit) > MAX_TITLE_LINES:
            return None  # a paragraph wrapped over many lines: the body
        last = unit[-1]
        cut = site_suffix_start(last.text, lexicons)
        if cut < len(last.text):
            kept = last.text[:cut].rstrip()
            unit[-1] = HeadLine(last.start, last.start + len(kept), kept, last.block)
        text = " ".join(" ".join(part.text.split()) for part in unit)
        # `Elle permet aux agents de :` then a list: a lead-in of the body, not a headline.
        if not is_headline_text(text) or text.endswith(":"):
            return None
        return Headline(text, unit[0].start, unit[-1].end)
    return None
