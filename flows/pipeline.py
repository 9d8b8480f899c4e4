"""The Prefect flows: orchestration only. Every task calls one stage of `innovpub.pipeline`.

`innovpub-pipeline` runs its subflow `innovpub-analysis`, which plans the run and analyses the
new documents, then resolves and publishes the whole corpus in its own process. The subflow
submits one task per batch (not per document: a task costs ≈ 15 ms) to its task runner: by
default threads, each handing its batch to one of the run's analysis processes
(`innovpub.workers`), or a Dask cluster (`task_runner_for`); the last batches are smaller, so
that the workers finish together (`batches`). It takes only the settings and how many batches
run at once, as the list of new files could pass Prefect's limit on a run's parameters (512 KB).
Each analysis process loads the spaCy model once, when it starts; no more start than there are
batches, and they end with the subflow, before resolution needs the memory. Documents analysed
before come from the cache without any task: the main process reads them while the workers
analyse (`read_ahead`). Retries only on the I/O of publication, and only for what may pass
(`worth_retrying`): never on deterministic extraction, nor on a full disk, a read-only folder or
a permission refused.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from concurrent.futures import Executor, Future
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path

from prefect import Task, flow, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.futures import as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from innovpub.failures import explain, message, show_progress, worth_retrying
from innovpub.pipeline import (Plan, RunSummary, analyse_paths, batches, merge_batches, plan_run, read_ahead,
                               recorded_run, resolve_and_publish)
from innovpub.records import AnalysedDocument, BatchResult
from innovpub.runs import timed
from innovpub.settings import Settings
from innovpub.workers import analysis_processes

# Progress goes to innovpub's own logger: Prefect's loggers are kept at WARNING in batch runs.
progress = logging.getLogger("innovpub.progress")


@task(name="plan", cache_policy=NO_CACHE)
def plan(settings: Settings) -> Plan:
    """Find the documents to analyse and those already analysed."""
    return plan_run(settings)


@task(name="analyse-batch", cache_policy=NO_CACHE)
def analyse(paths: list[Path], settings: Settings, version: str, processes: Executor | None) -> BatchResult:
    """Load, analyse, extract and cache one batch of documents: in one of the run's analysis
    `processes` when it has them, else here (on a Dask worker)."""
    if processes is None:
        return analyse_paths(paths, settings, version)
    return processes.submit(analyse_paths, paths, settings, version).result()


def _may_pass(task: Task, run: TaskRun, state: State) -> bool:
    """Prefect's retry condition: only a failure a retry may mend (`worth_retrying`)."""
    return worth_retrying(state.data)


# Inputs are whole batches: Prefect must not hash them for its result cache (NO_CACHE).
@task(name="resolve-and-publish", retries=2, retry_delay_seconds=1, retry_condition_fn=_may_pass,
      cache_policy=NO_CACHE)
def resolve_publish(work: Plan, merged: BatchResult, settings: Settings,
                    ahead: Future[dict[str, AnalysedDocument]]) -> RunSummary:
    """Resolve entities across the whole corpus and publish the dataset."""
    return resolve_and_publish(work, merged, settings, ahead)


def task_runner_for(dask_address: str | None, workers: int | None, parallel: int) -> TaskRunner:
    """The Dask cluster at `dask_address`, a local one of `workers` processes, or `parallel` threads
    handing their batches to the run's analysis processes."""
    if dask_address or workers:
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True})
    return ThreadPoolTaskRunner(max_workers=parallel)


@flow(name="innovpub-analysis")
def plan_and_analyse(settings: Settings, parallel: int,
                     local: bool) -> tuple[Plan, list[BatchResult], Future[dict[str, AnalysedDocument]]]:
    """The plan, every batch of new documents analysed on this subflow's task runner, in the run's
    analysis processes when `local` (the last result holds the wall seconds of both stages), and
    the cached analyses being read meanwhile.

    The reading is a thread's `Future`, which Prefect passes on as it is: it would walk through
    the findings of the whole corpus if it were given them.
    """
    walls = Counter[str]()  # the stages' wall time; the rest of the run is Prefect's
    with timed(walls, "plan"):
        work = plan(settings)
    progress.info("%d documents: %d new, %d from the cache", work.sources, len(work.todo), len(work.cached))
    processes = analysis_processes(settings.model_name, parallel) if local and work.todo else nullcontext()
    with timed(walls, "analysis"), processes as pool:
        futures = [analyse.submit(batch, settings, work.version, pool)
                   for batch in batches(work.todo, settings.batch_size, parallel)]
        ahead = read_ahead(work.cached, settings, work.version)
        results, done = [], 0
        for future in as_completed(futures):
            results.append(future.result())
            done += len(results[-1].documents) + len(results[-1].failures)
            progress.info("analysed %d/%d new documents", done, len(work.todo))
    return work, [*results, BatchResult(seconds=walls)], ahead


# The flow's own tasks run inline; only the analysis subflow has workers.
@flow(name="innovpub-pipeline", task_runner=ThreadPoolTaskRunner(max_workers=1))
def pipeline(corpus_dir: str = "corpus", out_dir: str = "outputs", trigger: str = "prefect",
             wait_seconds: float = 0.0, batch_size: int = Settings.batch_size,
             dask_address: str | None = None, workers: int | None = None,
             processes: int | None = None) -> RunSummary:
    """Corpus → new documents analysed → whole corpus resolved → dataset published.

    `dask_address` or `workers` run the analysis on a Dask cluster (see `task_runner_for`), else
    it runs in `processes` processes of this machine (default one per core).
    """
    settings = Settings(corpus_dir=Path(corpus_dir), out_dir=Path(out_dir), batch_size=batch_size)
    if processes:
        settings = replace(settings, processes=processes)
    local = not (dask_address or workers)
    deployed = trigger != "cli"  # run by Prefect for a deployment: no `innovpub` command prints for it
    if deployed:
        show_progress()
    try:
        with recorded_run(settings, trigger, wait_seconds) as outcome:
            parallel = workers or settings.processes  # a remote cluster's size is not known here
            analysis = plan_and_analyse.with_options(task_runner=task_runner_for(dask_address, workers, parallel))
            work, results, ahead = analysis(settings, parallel, local)
            merged = merge_batches([BatchResult(documents=work.cached), *results])
            outcome.append(resolve_publish(work, merged, settings, ahead))
    except BaseException as error:
        if deployed:
            print(message(explain(error)), file=sys.stderr, flush=True)
        raise
    return outcome[0]
