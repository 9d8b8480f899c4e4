"""The input every extractor receives for one document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from extractors.lexicons import Lexicons
from extractors.textutils import Line, fold_same_length, paragraphs

if TYPE_CHECKING:  # resolution imports the extractors' rules without spaCy
    from spacy.tokens import Doc


@dataclass(frozen=True)
class DocumentContext:
    """One document's text, its spaCy analysis and what is already known about it.

    `reference_date` is what relative and year-less dates resolve against: the publication
    date, or failing that a date inferred from the text (never the clock).
    """

    document_id: str
    text: str
    doc: Doc
    lexicons: Lexicons
    emphasis: tuple[tuple[int, int], ...] = ()
    reference_date: date | None = None
    edition_year: int | None = None

    @cached_property
    def folded(self) -> str:
        """`fold_same_length(text)`, computed once for every extractor that searches it."""
        return fold_same_length(self.text)

    @cached_property
    def person_names(self) -> list[tuple[int, int, str]]:
        """`find_person_names(self)`, found once for the people and the organizations: a shared list, not to change."""
        from extractors.people import find_person_names  # people reads this context: imported here, not at the top

        return find_person_names(self)

    @cached_property
    def paragraphs(self) -> list[Line]:
        """`paragraphs(text)`, computed once for every extractor that reads them: a shared list, not to change."""
        return paragraphs(self.text)
