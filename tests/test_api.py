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
# A flow whose task runs in a process pool, the servers then running, what a thread started
# without the context reads as the API; then whether the server still answers once the block ended.
SCRIPT = """
import threading
import httpx
import psutil
from prefect import flow, task
from prefect.settings import get_current_settings
from prefect.task_runners import ProcessPoolTaskRunner
from flows.api import start_shared_api

@task
def one() -> int:
    return 1

@flow(task_runner=ProcessPoolTaskRunner(max_workers=1))
def first() -> int:
    return one.submit().result()

def servers() -> int:
    return sum("flows.server" in p.cmdline() for p in psutil.Process().children(recursive=True))

api = start_shared_api()
with api:
    url = get_current_settings().api.url
    result = first()
    seen = []
    thread = threading.Thread(target=lambda: seen.append(get_current_settings().api.url))
    thread.start()
    thread.join()
    print(url, result, servers(), seen[0] == url)
try:
    httpx.get(url + "/health")
    print("still up")
except httpx.TransportError:
    print("stopped")
"""


def test_one_embedded_server_serves_a_flow_and_its_workers_and_stops_with_the_block(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    env |= PREFECT_DEFAULTS | {"PREFECT_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    url, result, servers, every_thread, after = done.stdout.split()
    assert url.startswith("http://127.0.0.1:") and url.endswith("/api")
    assert (result, servers, every_thread, after) == ("1", "1", "True", "stopped")
