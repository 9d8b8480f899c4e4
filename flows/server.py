"""Prefect's embedded server as a run starts it (`flows.api.start_shared_api`): uvicorn serving
the API, in a process that ends with the run however the run ends.

The run stops the server when it ends; a run killed (`kill -9`, the machine out of memory) cannot,
and its server would stay, holding ≈ 220 MB and a port, until someone found it. Here a thread
watches the run: when it is gone, the server is told to stop as the run would have told it.
"""

from __future__ import annotations

import os
import signal
import threading
import time

_WATCH_SECONDS = 1.0


def _stop_when_orphaned(run: int) -> None:
    """SIGTERM this process (uvicorn then shuts down cleanly) once its parent, `run`, has ended."""
    while os.getppid() == run:
        time.sleep(_WATCH_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


if __name__ == "__main__":
    threading.Thread(target=_stop_when_orphaned, args=(os.getppid(),), name="innovpub-run-watch",
                     daemon=True).start()
    from uvicorn.main import main

    main(prog_name="uvicorn")  # the command line is uvicorn's
