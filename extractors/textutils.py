"""Small text helpers shared by the extractors: offset-preserving folding, lines, sentences."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u202f": " "})


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold_same_length(text: str) -> str:
    """Lower-case, strip accents and plain apostrophes without changing any offset.

    Regexes run on the folded text and their match offsets index the original text:
    `PRÈS DE 300 ÉVÉNEMENTS` folds to `pres de 300 evenements`.
    """
    folded = "".join(_fold_char(c) for c in text.translate(_APOSTROPHES))
    return folded if len(folded) == len(text) else text.lower()


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
    """Blocks of text separated by blank lines, stripped, with offsets."""
    blocks = []
    for match in re.finditer(r"\S(?:.*?\S)?(?=\n[ \t]*\n|\s*\Z)", text, re.DOTALL):
        blocks.append(Line(match.start(), match.end(), match.group()))
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
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """spaCy's sentences, split again at blank lines (titles and list items end there)."""
    text = doc.text  # spaCy rebuilds `doc.text` from its tokens on every access: read it once
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


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern[str]:
    """A regex from a lexicon, compiled once."""
    return re.compile(pattern)
