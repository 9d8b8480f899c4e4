"""Shared fixtures: the bundled corpus built once per test session, and its evaluation."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from innovpub.evaluate import evaluate, load_dataset
from innovpub.pipeline import RunSummary, run_locally
from innovpub.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = Path(os.environ.get("INNOVPUB_GOLD", ROOT / "tests" / "gold"))
PREFECT_STARTUP_SECONDS = 120


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    """The hand-made gold annotations of the bundled corpus (`tests/gold`, a copy of `../shared/gold`)."""
    if not (GOLD / "_dataset.json").exists():
        pytest.fail(f"gold annotations not found at {GOLD} (set INNOVPUB_GOLD)")
    return GOLD


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> RunSummary:
    """The bundled corpus run once, in-process, into a temporary output folder."""
    out = tmp_path_factory.mktemp("outputs")
    return run_locally(replace(Settings(), corpus_dir=CORPUS, out_dir=out))


@pytest.fixture(scope="session")
def corpus_data(corpus_run: RunSummary) -> dict[str, list[dict]]:
    """The published tables of the bundled corpus, as read back from JSONL."""
    return load_dataset(corpus_run.published.out_dir / "dataset")


@pytest.fixture(scope="session")
def corpus_report(corpus_data: dict[str, list[dict]], gold_dir: Path) -> dict:
    """The evaluation of the bundled corpus against the gold."""
    return evaluate(corpus_data, gold_dir).as_dict()


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect server for the session's flow tests (slow to start on a busy machine)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=PREFECT_STARTUP_SECONDS):
        yield


@pytest.fixture(scope="session")
def site_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An output folder published twice, in-process: the bundled corpus, then the same with a
    hostile document added (`tests/data/hostile.txt`: markup and script in its text), so that
    its site is the second version's, written incrementally from the first's. The corpus is
    beside it, in `../corpus`."""
    import shutil

    base = tmp_path_factory.mktemp("site")
    corpus, out = base / "corpus", base / "out"
    corpus.mkdir()
    for path in CORPUS.iterdir():
        if path.is_file():
            shutil.copy(path, corpus / path.name)
    settings = replace(Settings(), corpus_dir=corpus, out_dir=out)
    run_locally(settings)
    shutil.copy(ROOT / "tests" / "data" / "hostile.txt", corpus / "hostile.txt")
    run_locally(settings)
    return out
