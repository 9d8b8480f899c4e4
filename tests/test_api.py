"""The embedded Prefect server a CLI run starts for itself and its workers."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from innovpub.cli import PREFECT_DEFAULTS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
# A flow run against the server, then whether the server still answers once the block ended.
SCRIPT = """
import httpx
from prefect import flow
from prefect.settings import get_current_settings
from flows.api import start_shared_api

@flow
def first() -> int:
    return 1

api = start_shared_api()
with api:
    url = get_current_settings().api.url
    print(url, first())
try:
    httpx.get(url + "/health")
    print("still up")
except httpx.TransportError:
    print("stopped")
"""


def test_an_embedded_server_runs_a_flow_and_stops_with_the_block(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env |= PREFECT_DEFAULTS | {"PREFECT_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    url, result, after = done.stdout.split()
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api")
    assert (result, after) == ("1", "stopped")
