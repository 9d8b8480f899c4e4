"""One run at a time per output folder: the nightly run and an archivist's ingest never interleave."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from innovpub.errors import CorpusBusy, writing

LOCK_NAME = ".innovpub.lock"
POLL_SECONDS = 0.2


@contextmanager
def exclusive_run(out_dir: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the output folder's lock for the block; wait up to `wait_seconds`, then `CorpusBusy`.

    An OS file lock (flock): the kernel releases it when its holder dies, even by SIGKILL.
    """
    with writing(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = open(out_dir / LOCK_NAME, "a+")
    with handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise CorpusBusy(f"{out_dir}: another run is in progress") from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
