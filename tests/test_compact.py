"""Compact copies of analysed documents read exactly like the documents they copy."""

from __future__ import annotations

import dataclasses
import pickle

import duckdb
from pydantic import BaseModel

from innovpub.cache import AnalysisCache, extractor_version
from innovpub.compact import PackedRuns, compact
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
        assert [list(run) for run in read.loaded.source_map] == analysed.loaded.source_map
        assert dataclasses.replace(read.loaded, source_map=analysed.loaded.source_map) == analysed.loaded


def test_packed_runs_read_back_as_the_runs_they_pack() -> None:
    runs = [[0, 0, 12], [12, 40, 3], [15, 2**40, 7]]
    assert list(PackedRuns(runs)) == [(0, 0, 12), (12, 40, 3), (15, 2**40, 7)]
    assert len(PackedRuns(runs)) == 3
    assert list(PackedRuns([])) == []


def test_a_packed_source_map_is_smaller(corpus_run: RunSummary) -> None:
    cache = AnalysisCache(corpus_run.published.out_dir, extractor_version(Settings().model_name))
    maps = [pickle.loads(path.read_bytes()).loaded.source_map for path in cache.folder.rglob("*.pickle")]
    assert _deep_size([PackedRuns(runs) for runs in maps]) * 4 < _deep_size(maps)


def test_the_published_source_maps_are_the_loaders(corpus_run: RunSummary) -> None:
    cache = AnalysisCache(corpus_run.published.out_dir, extractor_version(Settings().model_name))
    loaded = {analysed.loaded.source: analysed.loaded.source_map
              for analysed in (pickle.loads(path.read_bytes()) for path in cache.folder.rglob("*.pickle"))}
    with duckdb.connect(str(corpus_run.published.path / "innovpub.duckdb"), read_only=True) as connection:
        published = dict(connection.execute("SELECT source, source_map FROM documents").fetchall())
    assert published == loaded and any(len(runs) > 1 for runs in loaded.values())


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
