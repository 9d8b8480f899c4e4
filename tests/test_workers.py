"""The analysis processes: started early, taken over by the analysis, stopped when it ends."""

from __future__ import annotations

import os
import time
from pathlib import Path

import psutil
import pytest

from innovpub import workers
from innovpub.batch import analyse_batch
from innovpub.cache import AnalysisCache, extractor_version
from innovpub.settings import Settings
from tests.conftest import CORPUS

MODEL = Settings.model_name


def children() -> set[int]:
    """This process's live pool processes (not multiprocessing's resource tracker), once each
    child started shows its own command line (one just forked shows ours, then none in its exec)."""
    ours = psutil.Process().cmdline()
    deadline = time.monotonic() + 10
    while True:
        lines = {}
        for child in psutil.Process().children():
            try:
                if child.status() != psutil.STATUS_ZOMBIE:
                    lines[child.pid] = child.cmdline()
            except psutil.NoSuchProcess:
                pass
        if all(line and line != ours for line in lines.values()) or time.monotonic() > deadline:
            return {pid for pid, line in lines.items() if "spawn_main" in " ".join(line)}
        time.sleep(0.05)


@pytest.fixture(autouse=True)
def nothing_left_started() -> None:
    yield
    workers.stop_early()


def test_processes_started_early_are_those_that_analyse_and_they_stop_with_the_analysis(
        tmp_path: Path) -> None:
    before = children()
    workers.start_early(MODEL, 1)
    started = children() - before
    assert len(started) == 1  # started now, not at the first batch

    settings = Settings(corpus_dir=CORPUS, out_dir=tmp_path)
    version = extractor_version(MODEL)
    paths = sorted(CORPUS.iterdir())[:2]
    with workers.analysis_processes(MODEL, 2) as pool:
        result = pool.submit(analyse_batch, paths, settings, version).result()
        assert {pool.submit(os.getpid).result() for _ in range(4)} == started  # no second process
    assert [entry.source for entry in result.documents] == [path.name for path in paths]
    assert all(AnalysisCache(tmp_path, version).has(entry.sha256) for entry in result.documents)
    assert not children() & started
    with pytest.raises(RuntimeError):  # stopped: nothing more runs there
        pool.submit(os.getpid)


def test_without_an_early_start_the_analysis_starts_no_more_processes_than_batches() -> None:
    before = children()
    with workers.analysis_processes(MODEL, 2) as pool:
        assert pool.submit(os.getpid).result() in children() - before
        assert len(children() - before) == 1
    assert children() == before


def test_processes_no_analysis_took_over_are_stopped() -> None:
    before = children()
    workers.start_early(MODEL, 2)
    assert len(children() - before) == 2
    workers.stop_early()
    assert children() == before
