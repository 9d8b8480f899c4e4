"""Build a cleaned text while keeping a map from every text offset back to the source."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MappedTextBuilder:
    """Accumulates text pieces, each tied to the source offset it came from.

    `copy` appends source characters unchanged (offsets map one to one); `replace` appends text
    that stands for a source position without copying it (a space put in a missing place, a
    ligature spelt out). `segments` lists `[text_start, source_start, length]` runs of the
    one-to-one kind; a text offset outside every run maps to the nearest preceding one.
    """

    _parts: list[str] = field(default_factory=list)
    _length: int = 0
    segments: list[list[int]] = field(default_factory=list)

    def copy(self, piece: str, source_start: int) -> None:
        """Append `piece`, which stands at `source_start` in the source, unchanged."""
        if not piece:
            return
        last = self.segments[-1] if self.segments else None
        if last and last[0] + last[2] == self._length and last[1] + last[2] == source_start:
            last[2] += len(piece)
        else:
            self.segments.append([self._length, source_start, len(piece)])
        self._append(piece)

    def replace(self, piece: str, source_start: int) -> None:
        """Append `piece` in place of the source text at `source_start`."""
        if piece:
            self.segments.append([self._length, source_start, 0])
            self._append(piece)

    @property
    def length(self) -> int:
        """Characters appended so far."""
        return self._length

    def endswith(self, suffix: str) -> bool:
        """Whether the text built so far ends with `suffix`."""
        return "".join(self._parts[-3:]).endswith(suffix)

    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)


def to_source_offset(segments: list[list[int]], offset: int) -> int:
    """Map a text offset back to the source through `segments`."""
    best = 0
    for text_start, source_start, length in segments:
        if text_start > offset:
            break
        best = source_start + min(offset - text_start, length)
    return best
