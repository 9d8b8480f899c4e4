"""The Prefect flow end to end on the bundled corpus, and the published package's validity."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.pipeline import pipeline
from innovpub.evaluate import load_dataset
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def flow_out(tmp_path_factory: pytest.TempPathFactory, prefect_harness: None) -> Path:
    out = tmp_path_factory.mktemp("flow")
    summary = pipeline(corpus_dir=str(CORPUS), out_dir=str(out), batch_size=2)
    assert summary.documents == 5 and summary.failures == []
    return out


def test_flow_publishes_the_same_dataset_as_a_local_run(flow_out: Path, corpus_data: dict) -> None:
    flow_data = load_dataset(flow_out / "dataset")
    assert set(flow_data) == set(corpus_data)
    for table, rows in corpus_data.items():
        assert flow_data[table] == rows, table


def test_a_flow_over_cached_and_new_documents_publishes_the_same_dataset(
        tmp_path: Path, prefect_harness: None, corpus_data: dict) -> None:
    """The cached analyses, read while the new documents are analysed, keep their files' names now."""
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    sources = sorted(p for p in CORPUS.iterdir() if not p.name.startswith("."))
    for path in sources[:3]:
        shutil.copy(path, corpus / f"old-{path.name}")
    pipeline(corpus_dir=str(corpus), out_dir=str(out), batch_size=2)
    for path in sources:
        shutil.copy(path, corpus / path.name)  # the first three now under their own names
    for path in sources[:3]:
        (corpus / f"old-{path.name}").unlink()
    summary = pipeline(corpus_dir=str(corpus), out_dir=str(out), batch_size=2)
    assert (summary.analysed, summary.cached, summary.failures) == (2, 3, [])
    assert load_dataset(out / "dataset") == corpus_data


def test_frictionless_validate_passes(flow_out: Path) -> None:
    command = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(command), "validate", "datapackage.json"], cwd=flow_out,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]


def test_duckdb_holds_every_table(flow_out: Path, corpus_data: dict) -> None:
    import duckdb

    with duckdb.connect(str(flow_out / "innovpub.duckdb"), read_only=True) as connection:
        for table, rows in corpus_data.items():
            assert connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] == len(rows)


def test_cli_rerun_with_no_change_records_a_run_without_starting_prefect(
        flow_out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from innovpub.cli import main
    from innovpub.runs import read_runs

    monkeypatch.setitem(sys.modules, "flows.pipeline", None)  # importing the flow would fail
    assert main(["run", "--corpus", str(CORPUS), "--out", str(flow_out)]) == 0
    assert "nothing new" in capsys.readouterr().out
    last = read_runs(flow_out)[-1]
    assert (last.trigger, last.status, last.new_documents, last.cached_documents) == ("cli", "completed", 0, 5)
