"""The Prefect API a run reports to, shared with the run's worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def shared_api() -> Iterator[None]:
    """Run the block against one Prefect API that worker processes reach too.

    With `PREFECT_API_URL` set, that server. Otherwise Prefect's embedded server, started here
    once and named in the block's settings: the process pool hands a run's settings to its
    workers, which would otherwise each start an embedded server of their own (≈ 10 s of CPU
    and 200 MB each). The server stops when the process exits, as in Prefect's embedded mode.
    """
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

    if get_current_settings().api.url:
        yield
        return
    server = SubprocessASGIServer()
    server.start()
    with temporary_settings({PREFECT_API_URL: server.api_url}):
        yield
