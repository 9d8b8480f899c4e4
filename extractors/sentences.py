"""Sentences with their folded text and the dates they contain, built once per document."""

from __future__ import annotations

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
    """The document's sentences, each with the dates found inside it."""
    folded = ctx.folded
    sentences = []
    for start, end in sentence_spans(ctx.doc):
        inside = tuple(d for d in dates if start <= d.start and d.end <= end)
        sentences.append(Sentence(start, end, ctx.text[start:end], folded[start:end], inside))
    return sentences
