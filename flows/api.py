"""The Prefect API a run reports to, shared with the run's worker processes."""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from types import TracebackType

import httpx

from innovpub.errors import ServerUnreachable

# How Prefect runs its embedded server (`prefect.server.api.server.SubprocessASGIServer`, 3.8):
# uvicorn serving the API without its UI, told that it is an ephemeral server; here through
# `flows.server`, which ends it with the run.
_SERVER_APP = "prefect.server.api.server:create_app"
_SERVER_ENVIRONMENT = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_POLL_SECONDS = 0.1
REACHABLE_SECONDS = 10.0  # for a server at PREFECT_API_URL to answer its health check
_DRAIN_SECONDS = 5.0  # for Prefect to send its queued logs and events before the embedded server stops


class SharedApi:
    """One Prefect API for a run and its worker processes, entered as a context.

    With `PREFECT_API_URL` set, that server. Otherwise Prefect's embedded server, started by
    `start_shared_api` and named, for the block, in the settings of every thread of the process
    (`_api_url_for_every_thread`): the process pool hands a run's settings to its workers, which
    would otherwise each start an embedded server of their own (≈ 10 s of CPU and 220 MB each).
    The server stops when the block ends.
    """

    def __init__(self, server: subprocess.Popen[bytes] | None = None, port: int | None = None) -> None:
        self._server, self._port = server, port
        self._settings = ExitStack()

    def __enter__(self) -> SharedApi:
        if self._server is not None:
            self._wait_until_healthy(self._server)
            self._settings.enter_context(_api_url_for_every_thread(self._api_url))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._server is not None:
            _send_queued_logs_and_events()
        self._settings.close()
        self.stop()

    @property
    def _api_url(self) -> str:
        return f"http://127.0.0.1:{self._port}/api"

    def _wait_until_healthy(self, server: subprocess.Popen[bytes]) -> None:
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        deadline = time.monotonic() + PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if server.poll() is not None:
                    raise ServerUnreachable(f"Prefect's embedded server exited with code {server.returncode}",
                                            "run again with --debug to see its output")
                try:
                    if client.get(f"{self._api_url}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(_POLL_SECONDS)
        self.stop()
        raise ServerUnreachable("Prefect's embedded server did not answer within "
                                "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS",
                                "raise that setting (seconds) on a busy machine, or run again later")

    def stop(self) -> None:
        """Stop the embedded server, if this process started one."""
        if self._server is not None and self._server.poll() is None:
            self._server.terminate()
            self._server.wait()


def _send_queued_logs_and_events() -> None:
    """Send what Prefect's log and event workers still hold while the embedded server is up.

    A failed run logs its failure last: sent only at exit, to a server stopped by then, those logs
    kept the process alive ≈ 70 s in the client's connection retries.
    """
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=_DRAIN_SECONDS)


@contextmanager
def _api_url_for_every_thread(url: str) -> Iterator[None]:
    """`PREFECT_API_URL` set to `url` in this thread's settings and in the process-global ones.

    A thread started without a copy of the context reads the global settings, made when Prefect
    was imported. The process pool's message forwarder is one (Prefect 3.8.8): with no API URL
    there, it starts a second embedded server to send the workers' events to (≈ 220 MB, 10 s CPU).
    """
    from prefect.context import refresh_global_settings_context
    from prefect.settings import PREFECT_API_URL, temporary_settings

    before = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = url
    refresh_global_settings_context()
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            yield
    finally:
        if before is None:
            del os.environ["PREFECT_API_URL"]
        else:
            os.environ["PREFECT_API_URL"] = before
        refresh_global_settings_context()


def check_reachable(api_url: str, timeout: float = REACHABLE_SECONDS) -> None:
    """Raise `ServerUnreachable` unless the Prefect server at `api_url` answers its health check:
    asked before a run starts, which would otherwise fail in Prefect's client with a long traceback."""
    remedy = "start that server, or unset PREFECT_API_URL to run on Prefect's embedded server"
    try:
        response = httpx.get(f"{api_url.rstrip('/')}/health", timeout=timeout)
    except httpx.HTTPError as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ServerUnreachable(f"the Prefect server at {api_url} (PREFECT_API_URL) does not answer: {reason}",
                                remedy) from None
    if response.status_code != 200:
        raise ServerUnreachable(f"{api_url} (PREFECT_API_URL) does not answer as a Prefect server "
                                f"(HTTP {response.status_code} on /health)", remedy)


def start_shared_api() -> SharedApi:
    """Start the run's Prefect API without waiting for it: the embedded server boots in its own
    process (≈ 5 s) while this one imports the flows (≈ 2 s); entering the `SharedApi` waits.

    The server listens on a socket bound here, on a free port, and handed to uvicorn: no other
    process can take the port in between. This process never imports the server's module, whose
    import alone takes ≈ 2 s.
    """
    from prefect.settings import get_current_settings

    if url := get_current_settings().api.url:
        check_reachable(url)
        return SharedApi()
    listener = socket.create_server(("127.0.0.1", 0))
    with listener:
        server = subprocess.Popen(
            [sys.executable, "-m", "flows.server", "--factory", _SERVER_APP, "--fd", str(listener.fileno()),
             "--log-level", "error", "--lifespan", "on"],
            env={**os.environ, **_SERVER_ENVIRONMENT,
                 **get_current_settings().to_environment_variables(exclude_unset=True)},
            pass_fds=(listener.fileno(),),
            process_group=0)  # Ctrl-C is the run's: it stops the server once its logs are sent
        api = SharedApi(server, listener.getsockname()[1])
    atexit.register(api.stop)  # should the process end before the block does
    return api
