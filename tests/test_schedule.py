"""The nightly schedule is real: a deployment served against a Prefect server started here,
triggered, completes and publishes the dataset; a scheduled run that fails says why in the
schedule's log, in one message, without Prefect's tracebacks, and its run record names the cause."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovpub.cli import PREFECT_DEFAULTS
from innovpub.runs import read_runs
from innovpub.schedule import (DEFAULT_CRON, DEFAULT_TIMEZONE, DEPLOYMENT_NAME, free_port, start_local_server,
                               without_prefect_settings)
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow
DEPLOYMENT = f"innovpub-pipeline/{DEPLOYMENT_NAME}"
REGISTRATION_SECONDS = 90


def _prefect(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("prefect")), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_nightly_deployment_runs_and_publishes(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:2]:
        shutil.copy(path, corpus)
    # A server of the test's own: a deployment of an earlier run must not answer for this one.
    server, api_url = start_local_server(free_port(), prefect_home=tmp_path / "prefect-home")
    # Only this test's server: no setting of another Prefect (a test harness) may leak in.
    env = {**without_prefect_settings(dict(os.environ)), **PREFECT_DEFAULTS, "PREFECT_API_URL": api_url}
    log = open(tmp_path / "serve.log", "w")
    serving = subprocess.Popen([str(Path(sys.executable).with_name("innovpub")), "schedule",
                                "--corpus", str(corpus), "--out", str(out)],
                               env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + REGISTRATION_SECONDS
        while (inspect := _prefect(["deployment", "inspect", DEPLOYMENT], env, 60)).returncode != 0 \
                or str(out) not in inspect.stdout:
            assert time.monotonic() < deadline, inspect.stdout + inspect.stderr
            time.sleep(1)
        assert DEFAULT_CRON in inspect.stdout and DEFAULT_TIMEZONE in inspect.stdout
        run = _prefect(["deployment", "run", DEPLOYMENT, "--watch", "--watch-timeout", "300"], env, 360)
        assert run.returncode == 0, (tmp_path / "serve.log").read_text()[-4000:]
        documents = (out / "dataset" / "documents.jsonl").read_text("utf-8").splitlines()
        assert len(documents) == 2
        assert [(r.trigger, r.status) for r in read_runs(out)] == [("schedule", "completed")]
    finally:
        serving.terminate()
        serving.wait(timeout=60)
        server.terminate()
        server.wait(timeout=60)
        log.close()


def test_a_failed_scheduled_run_says_why_in_one_message(tmp_path: Path) -> None:
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    server, api_url = start_local_server(free_port(), prefect_home=tmp_path / "prefect-home")
    env = {**without_prefect_settings(dict(os.environ)), **PREFECT_DEFAULTS, "PREFECT_API_URL": api_url}
    env.pop("INNOVPUB_DEBUG", None)
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        serving = subprocess.Popen([sys.executable, "-m", "innovpub.cli", "schedule", "--corpus", str(corpus),
                                    "--out", str(out)], env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        corpus.rmdir()  # the archive's disk was not mounted tonight
        deadline = time.monotonic() + REGISTRATION_SECONDS
        while _prefect(["deployment", "inspect", DEPLOYMENT], env, 60).returncode != 0:
            assert time.monotonic() < deadline, log_path.read_text()
            time.sleep(1)
        run = _prefect(["deployment", "run", DEPLOYMENT, "--watch", "--watch-timeout", "300"], env, 360)
        assert run.returncode != 0
    finally:
        serving.terminate()
        serving.wait(timeout=60)
        server.terminate()
        server.wait(timeout=60)
    text = log_path.read_text()
    assert f"innovpub: {corpus}: corpus folder not found" in text, text
    assert "what to do:" in text and "Traceback" not in text and "never awaited" not in text, text
    last = read_runs(out)[-1]
    assert (last.trigger, last.status, last.cause) == ("schedule", "failed", "corpus-unreadable")
