"""A run killed with SIGKILL, during analysis or during publication, loses nothing: the previous
dataset still loads, and the next run completes the work."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from innovpub.evaluate import load_dataset
from innovpub.pipeline import run_locally
from innovpub.runs import read_runs
from innovpub.settings import Settings
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

# Runs the pipeline in a child process whose `module.name` stalls, after saying so on stdout.
CHILD = textwrap.dedent("""
    import sys, time
    from dataclasses import replace
    from pathlib import Path
    import {module} as target

    def stall(*args, **kwargs):
        print("STALLED", flush=True)
        time.sleep(300)

    setattr(target, "{name}", stall)
    from innovpub.pipeline import run_locally
    from innovpub.settings import Settings
    run_locally(replace(Settings(), corpus_dir=Path(sys.argv[1]), out_dir=Path(sys.argv[2])))
""")


def _kill_while_stalled(module: str, name: str, settings: Settings) -> None:
    child = subprocess.Popen([sys.executable, "-c", CHILD.format(module=module, name=name),
                              str(settings.corpus_dir), str(settings.out_dir)],
                             cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert child.stdout.readline().strip() == "STALLED"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)


@pytest.mark.parametrize("module,name", [
    ("innovpub.batch", "analyse_texts"),
    ("innovpub.publish", "_write_jsonl_and_duckdb"),
], ids=["during-analysis", "during-publication"])
def test_sigkill_leaves_the_previous_dataset_and_the_next_run_completes(tmp_path: Path, module: str,
                                                                         name: str) -> None:
    settings = replace(Settings(), corpus_dir=tmp_path / "corpus", out_dir=tmp_path / "out")
    shutil.copytree(CORPUS, settings.corpus_dir)
    run_locally(settings)
    before = load_dataset(settings.out_dir / "dataset")
    (settings.corpus_dir / "extra.txt").write_text(
        (CORPUS / "002_38c670301ad10df2.txt").read_text("utf-8").replace("neuvième", "dixième"), "utf-8")

    _kill_while_stalled(module, name, settings)

    assert load_dataset(settings.out_dir / "dataset") == before
    with duckdb.connect(str(settings.out_dir / "innovpub.duckdb"), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == len(before["documents"])
    after = run_locally(settings)
    assert after.documents == len(before["documents"]) + 1 and after.failures == []
    assert len(load_dataset(settings.out_dir / "dataset")["documents"]) == after.documents
    assert [r.status for r in read_runs(settings.out_dir)] == ["completed", "interrupted", "completed"]
    assert not list((settings.out_dir / "versions").glob(".staging-*"))
