"""A scheduled run that fails says why in the schedule's log, in one message, without Prefect's
tracebacks, and its run record names the cause."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from innovpub.cli import PREFECT_DEFAULTS
from innovpub.runs import read_runs
from innovpub.schedule import DEPLOYMENT_NAME, free_port, start_local_server, without_prefect_settings
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
DEPLOYMENT = f"innovpub-pipeline/{DEPLOYMENT_NAME}"
REGISTRATION_SECONDS = 90


def _prefect(args: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("prefect")), *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


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
