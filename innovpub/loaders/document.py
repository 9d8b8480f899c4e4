"""The loaded form of a source file, common to every format."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class LoadedDocument:
    """A source file turned into normalised text.

    `source_map` holds `[text_start, source_start, length]` runs back to the decoded source
    (for a PDF, to its characters in the order the pages draw them, page after page), as lists
    from a loader, packed (`innovpub.compact.PackedRuns`) while resolution holds the corpus;
    `emphasis` holds bold spans of the text, a layout hint for titles and event listings;
    `page_starts`, for a paged source (PDF), the text offset where each page begins.
    """

    source: str
    sha256: str
    media_type: str
    text: str
    source_map: Sequence[Sequence[int]]
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)


def page_of(page_starts: Sequence[int], offset: int) -> int | None:
    """The 1-based page holding text offset `offset`, or None for a source without pages."""
    return bisect_right(page_starts, offset) if page_starts else None
