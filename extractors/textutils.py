"""Small text helpers shared by the extractors: offset-preserving folding, lines, sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NON_SPACE = re.compile(r"\S")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "})


def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


class _FoldTable(dict[int, str]):
    """`str.translate` table of `_fold_char` after `_APOSTROPHES`, filled as characters are met: one
    C-level lookup a character. It holds every character met, as `translate` is slow on those its
    table lacks (each raises a `KeyError` inside)."""

    def __missing__(self, code: int) -> str:
        self[code] = _fold_char(chr(code).translate(_APOSTROPHES))
        return self[code]


_FOLDS = _FoldTable()


def fold_same_length(text: str) -> str:
    """Lower-case, strip accents and plain apostrophes without changing any offset.

    Regexes run on the folded text and their match offsets index the original text:
    `PRÈS DE 300 ÉVÉNEMENTS` folds to `pres de 300 evenements`.
    """
    folded = text.translate(_FOLDS)
    return folded if len(folded) == len(text) else text.lower()


# A time of day as pages write it, on folded text: `14h`, `9 h 30`, `14:00`.
CLOCK_TIME = r"\d{1,2}\s*[h:]\s*\d{0,2}"

@dataclass(frozen=True)
class Line:
    """A line of the text with its offsets (without the newline)."""

    start: int
    end: int
    text: str


def iter_lines(text: str) -> list[Line]:
    """Every line of `text`, blank ones included, with offsets."""
    lines, start = [], 0
    for raw in text.split("\n"):
        lines.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return lines


def paragraphs(text: str) -> list[Line]:
    """Blocks of text separated by blank lines, stripped, with offsets.

    A block ends at a non-space character followed by a blank line (a line break, spaces or tabs,
    a line break) or by nothing but white space. A one-character block runs on to the next end
    (`a`, a blank line, then `b` make one block): so it always was, and the outputs rest on it.
    """
    last = len(text.rstrip())
    ends = [m.start() for m in _BLANK_LINE.finditer(text) if m.start() > 0 and not text[m.start() - 1].isspace()]
    blocks, previous = [], 0
    for end in [*ends, last]:
        first = _NON_SPACE.search(text, previous, end)
        if first is None or end - first.start() < 2 and end != last:
            continue
        blocks.append(Line(first.start(), end, text[first.start():end]))
        previous = end
    return blocks


def strip_span(text: str, start: int, end: int, chars: str = " \t\n,;:.-–—") -> tuple[int, int]:
    """Shrink `[start, end)` so it neither starts nor ends with any of `chars`."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def is_upper_text(text: str) -> bool:
    """Whether the letters of `text` are (almost) all capitals, as in communiqué titles."""
    letters = list(filter(str.isalpha, text))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


def sentence_spans(doc: Doc, text: str) -> list[tuple[int, int]]:
    """spaCy's sentences of `text`, split again at blank lines (titles and list items end there).

    `text` is `doc.text`, passed in because spaCy rebuilds `doc.text` from its tokens on every access.
    """
    spans = []
    for sent in doc.sents:
        start = sent.start_char
        for match in re.finditer(r"\n[ \t]*\n", text[start:sent.end_char]):
            piece = strip_span(text, start, sent.start_char + match.start(), " \t\n")
            if piece[0] < piece[1]:
                spans.append(piece)
            start = sent.start_char + match.end()
        piece = strip_span(text, start, sent.end_char, " \t\n")
        if piece[0] < piece[1]:
            spans.append(piece)
    return spans


def grouped_alternation(alternatives: list[str], not_after: str = "") -> str:
    r"""Escaped `alternatives`, first preferred first, as one alternation grouped by first character;
    with `not_after`, a character class, none may follow such a character (a word boundary).

    `re` tries each alternative of `a|b|…` in turn at every position, which is slow with thousands
    of names; grouped (`p(?:aris|au)|l(?:yon|ille)`) it tries only those that start with the
    character found there. In a case-sensitive pattern alternatives that start with different
    characters cannot both match, and each group keeps its order: the matches are exactly those of
    the flat alternation. The boundary is checked after the first character (`p(?<![\w]p)…`, the
    same as `(?<![\w])p…`) so that the alternation still opens on plain characters: `re` then
    skips at C speed to the positions where one of them stands. Within a group the rests are
    grouped again, character after character (`_nested`).
    """
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        lead = alternative[:2] if alternative.startswith("\\") else alternative[:1]  # `re.escape` of one character
        groups.setdefault(lead, []).append(alternative[len(lead):])

    def opening(lead: str) -> str:
        return f"{lead}(?<!{not_after}{lead})" if not_after else lead

    return "|".join(f"{opening(lead)}(?:{_nested(rests)})" for lead, rests in groups.items())


# One literal character as `re.escape` writes it (`a`, `\-`), no quantifier after it.
_LITERAL = re.compile(r"(?:\\[^0-9A-Za-z]|[^\\()\[\]{}|*+?.^$])(?![*+?{])")


def _nested(alternatives: list[str]) -> str:
    r"""`alternatives` as one alternation grouped by first character, at every depth: `a(?:b|c)|d`.

    As in `grouped_alternation`, alternatives that open on different literal characters never both
    match, so their order does not matter. One that opens otherwise (an empty rest, `\s+`, a group)
    may match where others do: it keeps its place, and no alternative is moved across it.
    """
    pieces: list[str] = []
    run: dict[str, list[str]] = {}  # literal first character → the rests after it, in order
    for alternative in alternatives:
        if lead := _LITERAL.match(alternative):
            run.setdefault(lead.group()[-1], []).append(alternative[lead.end():])
        else:
            pieces += _grouped_run(run) + [alternative]
            run = {}
    return "|".join(pieces + _grouped_run(run))


def _grouped_run(run: dict[str, list[str]]) -> list[str]:
    """One alternative for each first character of `run`, its rests grouped after it."""
    return [re.escape(char) + (rests[0] if len(rests) == 1 else f"(?:{_nested(rests)})")
            for char, rests in run.items()]


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern[str]:
    """A regex from a lexicon, compiled once."""
    return re.compile(pattern)
