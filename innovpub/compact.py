"""Compact copies of analysed documents, for holding a whole corpus in memory at once.

Resolution reads the findings of every document together. As pydantic models one document's
findings take ≈ 100 KB of memory (every model instance carries its own dict and its own set of
the fields that were set); as slotted dataclasses with the same fields they take a few KB. The
copies are made from validated findings and read by attribute exactly like the models: by
`compact` from the models, or by `CompactUnpickler` straight from their pickles in the cache,
which skips rebuilding each model only to copy it. A document's source map, kept for the
`documents` table, is packed into one array (`PackedRuns`).
"""

from __future__ import annotations

import pickle
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import make_dataclass, replace
from functools import cache
from typing import Any

from pydantic import BaseModel

from innovpub.records import AnalysedDocument


def _set_model_state(self: Any, state: dict[str, Any]) -> None:
    """Take the state a pydantic model is pickled with: its field values under `__dict__`.

    Strings are interned: rules, kinds, regions, formats and names recur in every document,
    and sharing them saves ≈ 11 KB a document (≈ 110 MB at 10,000 documents)."""
    for name, value in state["__dict__"].items():
        object.__setattr__(self, name, sys.intern(value) if type(value) is str else value)


@cache
def _compact_class(model: type[BaseModel]) -> type:
    """A frozen slotted dataclass with the fields of `model`, under its name, that can be
    unpickled from a pickled `model`."""
    return make_dataclass(model.__name__, list(model.model_fields), slots=True, frozen=True,
                          namespace={"__setstate__": _set_model_state})


def compact(value: Any) -> Any:
    """`value` with every pydantic model in it, however nested, replaced by a compact copy."""
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        return _compact_class(type(value))(*(compact(getattr(value, name)) for name in fields))
    if isinstance(value, list):
        return [compact(item) for item in value]
    return value


class CompactUnpickler(pickle.Unpickler):
    """Unpickles every pydantic model as its compact copy, skipping the model and its validation
    (the pickle was written from a validated model)."""

    def find_class(self, module: str, name: str) -> Any:
        found = super().find_class(module, name)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return _compact_class(found)
        return found


class PackedRuns:
    """A source map's `[text_start, source_start, length]` runs in one array of integers, read
    back as tuples: 24 bytes a run instead of ≈ 170 as a list of three ints (a PDF has hundreds
    of runs: ≈ 150 MB at 10,000 documents)."""

    __slots__ = ("_values",)

    def __init__(self, runs: Iterable[Sequence[int]]) -> None:
        self._values = array("q", [value for run in runs for value in run])

    def __len__(self) -> int:
        return len(self._values) // 3

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        values = self._values
        return zip(values[0::3], values[1::3], values[2::3])


def compact_document(document: AnalysedDocument) -> AnalysedDocument:
    """`document` as resolution holds it: its findings compact, its source map packed."""
    loaded = document.loaded
    if not isinstance(loaded.source_map, PackedRuns):
        loaded = replace(loaded, source_map=PackedRuns(loaded.source_map))
    return replace(document, loaded=loaded, findings=compact(document.findings))
