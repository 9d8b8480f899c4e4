"""Shared pydantic bases: frozen records and character-offset evidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator


class Record(BaseModel):
    """A frozen record that rejects unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(Record):
    """Where a value stands in `documents.text`: `[start, end)` in Python `str` indices."""

    start: int
    end: int

    @model_validator(mode="after")
    def _offsets_are_a_span(self) -> "Evidence":
        if not 0 <= self.start < self.end:
            raise ValueError(f"invalid span: start={self.start}, end={self.end}")
        return self
