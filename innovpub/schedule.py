"""The nightly schedule: a Prefect deployment of the pipeline flow with a cron schedule, served
by this process against the Prefect server at `PREFECT_API_URL`, or a local one it starts."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from innovpub.errors import InnovpubError, ServerUnreachable
from innovpub.failures import QUIET_PREFECT
from innovpub.settings import Settings

DEFAULT_CRON = "0 3 * * *"
DEFAULT_TIMEZONE = "Europe/Paris"
DEPLOYMENT_NAME = "nightly"
SERVER_START_SECONDS = 90
# A scheduled run waits this long for a run already in progress (an archivist's ingest).
SCHEDULED_RUN_WAIT_SECONDS = 3600


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(api_url: str, seconds: float = SERVER_START_SECONDS,
                    server: subprocess.Popen | None = None) -> None:
    """Block until the Prefect server at `api_url` answers its health check (or `server` exits)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise ServerUnreachable(f"the local Prefect server for {api_url} exited with code {server.returncode}",
                                    "run `prefect server start` by hand to see why")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise ServerUnreachable(f"the Prefect server at {api_url} did not answer within {seconds:.0f} s")


def check_port_free(port: int) -> None:
    """Raise `ServerUnreachable` when something already listens on `port` of the loopback interface."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise ServerUnreachable(f"port {port} on 127.0.0.1 is taken ({error.strerror}): the local Prefect "
                                    "server cannot start there",
                                    "choose another with --port (or leave it out for a free one), or stop "
                                    "what listens there") from None


def without_prefect_settings(environment: dict[str, str]) -> dict[str, str]:
    """`environment` without any `PREFECT_*` variable: a server of our own reads none of another's."""
    return {key: value for key, value in environment.items() if not key.startswith("PREFECT_")}


def start_local_server(port: int, prefect_home: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start `prefect server start` on the loopback interface; return it and its API address.

    Its database lives in `prefect_home` (default: Prefect's own, `~/.prefect`, which keeps the
    run history of the nightly runs from one start to the next).
    """
    command = [str(Path(sys.executable).with_name("prefect")), "server", "start",
               "--host", "127.0.0.1", "--port", str(port), "--analytics-off"]
    environment = {**without_prefect_settings(dict(os.environ)), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    if prefect_home is not None:
        environment["PREFECT_HOME"] = str(prefect_home)
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        wait_for_server(api_url, server=server)
    except InnovpubError:
        server.terminate()
        raise
    return server, api_url


def serve_nightly(settings: Settings, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                  port: int | None = None, quiet_runs: bool = True) -> None:
    """Create the deployment and run its scheduled flow runs until interrupted; the local server,
    when there is no `PREFECT_API_URL`, listens on `port` (default a free one). With `quiet_runs`,
    a scheduled run that fails says why in one message (`flows.pipeline`), without Prefect's
    tracebacks; this process's own Prefect log (the runner's, the server's address) stays.

    Prefect must not be imported before this runs: it reads `PREFECT_API_URL` at import.
    """
    from flows.api import check_reachable

    server = None
    if api_url := os.environ.get("PREFECT_API_URL"):
        check_reachable(api_url)
    else:
        if port is not None:
            check_port_free(port)
        server, api_url = start_local_server(port or free_port())
        os.environ["PREFECT_API_URL"] = api_url
        print(f"started a local Prefect server at {api_url}", flush=True)
    try:
        from prefect.schedules import Cron  # Prefect configures this process's logging here

        if quiet_runs:  # for the processes the runner starts from now on
            os.environ.update(QUIET_PREFECT)
        from flows.pipeline import pipeline

        print(f"serving deployment innovpub-pipeline/{DEPLOYMENT_NAME}: '{cron}' ({timezone}), "
              f"corpus {settings.corpus_dir.resolve()}, outputs {settings.out_dir.resolve()}", flush=True)
        pipeline.serve(name=DEPLOYMENT_NAME, schedules=[Cron(cron, timezone=timezone)],
                       parameters={"corpus_dir": str(settings.corpus_dir.resolve()),
                                   "out_dir": str(settings.out_dir.resolve()), "trigger": "schedule",
                                   "wait_seconds": SCHEDULED_RUN_WAIT_SECONDS},
                       print_starting_message=False)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
