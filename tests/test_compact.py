"""Compact copies of findings read exactly like the pydantic findings they copy."""

from __future__ import annotations

import dataclasses
import pickle

from pydantic import BaseModel

from innovpub.cache import AnalysisCache, extractor_version
from innovpub.compact import compact
from innovpub.pipeline import RunSummary
from innovpub.settings import Settings


def test_a_compact_copy_holds_every_field_of_every_finding(corpus_run: RunSummary) -> None:
    cache = AnalysisCache(corpus_run.published.out_dir, extractor_version(Settings().model_name))
    analyses = [pickle.loads(path.read_bytes()) for path in sorted(cache.folder.rglob("*.pickle"))]
    assert len(analyses) == corpus_run.documents
    for analysed in analyses:
        copy = compact(analysed.findings)
        assert dataclasses.asdict(copy) == analysed.findings.model_dump()


def test_findings_read_from_the_cache_as_compact_copies_hold_every_field(corpus_run: RunSummary) -> None:
    cache = AnalysisCache(corpus_run.published.out_dir, extractor_version(Settings().model_name))
    for path in sorted(cache.folder.rglob("*.pickle")):
        analysed = pickle.loads(path.read_bytes())
        read = cache.get(analysed.loaded.sha256, compact=True)
        assert not isinstance(read.findings, BaseModel)
        assert dataclasses.asdict(read.findings) == analysed.findings.model_dump()
        assert read.loaded == analysed.loaded


def test_a_compact_copy_is_smaller(corpus_run: RunSummary) -> None:
    cache = AnalysisCache(corpus_run.published.out_dir, extractor_version(Settings().model_name))
    findings = [pickle.loads(path.read_bytes()).findings for path in cache.folder.rglob("*.pickle")]
    assert _deep_size([compact(f) for f in findings]) * 3 < _deep_size(findings)


def _deep_size(value: object, seen: set[int] | None = None) -> int:
    """Bytes held by `value` and everything it references (shared objects once)."""
    import sys

    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, type):
        return 0
    seen.add(id(value))
    size = sys.getsizeof(value)
    if isinstance(value, dict):
        return size + sum(_deep_size(k, seen) + _deep_size(v, seen) for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return size + sum(_deep_size(item, seen) for item in value)
    slots = getattr(type(value), "__slots__", ())
    parts = [getattr(value, name) for name in slots if hasattr(value, name)]
    parts += [vars(value)] if hasattr(value, "__dict__") else []
    parts += [value.__pydantic_fields_set__] if hasattr(value, "__pydantic_fields_set__") else []
    return size + sum(_deep_size(part, seen) for part in parts)
