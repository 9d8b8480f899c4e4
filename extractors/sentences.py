"""Sentences with their folded text and the dates they contain, built once per document."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from extractors.context import DocumentContext
from extractors.textutils import sentence_spans
from schemas.extraction import DateValue


@dataclass(frozen=True)
class Sentence:
    """A sentence: offsets in the document, its text, its folded text, its dates."""

    start: int
    end: int
    text: str
    folded: str
    dates: tuple[DateValue, ...]


def split_sentences(ctx: DocumentContext, dates: list[DateValue]) -> list[Sentence]:
    """The document's sentences, each with the dates found inside it (in text order, as `dates` gives them)."""
    text, folded = ctx.text, ctx.folded
    dates = sorted(dates, key=lambda d: d.start)
    starts = [d.start for d in dates]
    sentences = []
    for start, end in sentence_spans(ctx.doc, text):
        # Only dates that start within the sentence may lie inside it.
        candidates = dates[bisect_left(starts, start):bisect_left(starts, end)]
        inside = tuple(d for d in candidates if d.end <= end)
        sentences.append(Sentence(start, end, text[start:end], folded[start:end], inside))
    return sentences
