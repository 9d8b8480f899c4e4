"""The local processes that analyse a run's new documents: at most one per core, each loading the
spaCy model once, when it starts.

`innovpub run` starts them (`start_early`) as soon as it knows how many batches it has, before
Prefect's embedded server answers: their start (≈ 1.5 s of imports, ≈ 2.5 s of model loading)
then overlaps the server's and the flows' (≈ 5 s) instead of following them.
The analysis subflow takes them over (`analysis_processes`) and stops them when the analysis
ends, before resolution needs the memory; a run that Prefect starts (the nightly deployment)
starts them there. Prefect's own process pool would start them only with the subflow, and runs
Prefect's task engine in them for every batch (≈ 80 ms each): Prefect's tasks run in threads of
the run's process instead, each handing its batch to one of these processes.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context, parent_process
from multiprocessing.connection import wait

from innovpub.errors import ModelUnavailable

_early: ProcessPoolExecutor | None = None


def _new_pool(model_name: str, processes: int) -> ProcessPoolExecutor:
    # `spawn`: the run's process holds threads (Prefect's, the cache reader) that a fork would copy mid-work.
    return ProcessPoolExecutor(max_workers=processes, mp_context=get_context("spawn"),
                               initializer=_start_process, initargs=(model_name,))


def _start_process(model_name: str) -> None:
    """Each analysis process's initializer: it leaves Ctrl-C to the run, ends with the run, and
    loads the model.

    Ctrl-C reaches every process of the terminal's group: the run's process handles it and stops
    these; here it would only end a batch, which the pool would report as that batch's
    `KeyboardInterrupt` while handing out the next one. A model that fails to load fails each
    batch with its reason (`load_model` raises again there), not the pool with a `BrokenProcessPool`.
    """
    from innovpub.analysis import load_model

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_end_with_the_run, name="innovpub-run-watch", daemon=True).start()
    try:
        load_model(model_name)
    except ModelUnavailable:
        pass


def _end_with_the_run() -> None:
    """End this process when the run's process ends, however it ends (killed, say): waiting for
    work on a pipe whose writing end it holds too, a pool's process would never see it close."""
    wait([parent_process().sentinel])
    os._exit(1)


def start_early(model_name: str, processes: int) -> None:
    """Start `processes` analysis processes now, each loading `model_name`, for the next
    `analysis_processes` to take over. A pool starts a process for each task that finds none
    idle, up to its size: a trivial task each starts them all at once."""
    global _early
    stop_early()
    _early = _new_pool(model_name, processes)
    for _ in range(processes):
        _early.submit(os.getpid)


def stop_early() -> None:
    """Stop the processes `start_early` started that no analysis took over (a run that failed before it)."""
    global _early
    if _early is not None:
        _early.shutdown(wait=True, cancel_futures=True)
        _early = None


@contextmanager
def analysis_processes(model_name: str, processes: int) -> Iterator[ProcessPoolExecutor]:
    """The processes started early, or a pool of at most `processes` whose each process starts with
    the first batch that finds none idle; all stopped when the block ends."""
    global _early
    pool, _early = _early or _new_pool(model_name, processes), None
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
