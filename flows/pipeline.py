"""The Prefect flow: orchestration only. Every task calls one stage of `innovpub.pipeline`.

One task per batch of documents (not per document: a task costs ≈15 ms), retries only on the
I/O of publication, never on deterministic extraction.
"""

from __future__ import annotations

import logging
from pathlib import Path

from prefect import flow, task

from innovpub.pipeline import (BatchResult, RunSummary, analyse_batch, batches, discover_sources, merge_batches,
                               timed)
from innovpub.publish import PublishedDataset, publish_dataset
from innovpub.resolve import Dataset, build_dataset
from innovpub.settings import Settings

# Progress goes to innovpub's own logger: Prefect's loggers are kept at WARNING in batch runs.
progress = logging.getLogger("innovpub.progress")


@task(name="discover")
def discover(settings: Settings) -> list[Path]:
    """List the corpus files."""
    return discover_sources(settings.corpus_dir)


@task(name="analyse-batch")
def analyse(paths: list[Path], settings: Settings) -> BatchResult:
    """Load, analyse and extract one batch of documents."""
    return analyse_batch(paths, settings)


@task(name="resolve")
def resolve(result: BatchResult, settings: Settings) -> Dataset:
    """Resolve entities across documents and build the tables."""
    return build_dataset(result.documents, settings)


@task(name="publish", retries=2, retry_delay_seconds=1)
def publish(dataset: Dataset, settings: Settings) -> PublishedDataset:
    """Write the dataset and make it current."""
    return publish_dataset(dataset, settings.out_dir, settings)


@flow(name="innovpub-pipeline", log_prints=False)
def pipeline(settings: Settings | None = None) -> RunSummary:
    """Corpus → analysed documents → resolved tables → published dataset."""
    settings = settings or Settings()
    sources = discover(settings)
    results, done = [], 0
    for batch in batches(sources, settings.batch_size):
        results.append(analyse(batch, settings))
        done += len(batch)
        progress.info("analysed %d/%d documents", done, len(sources))
    merged = merge_batches(results)
    with timed(merged.seconds, "resolve"):
        dataset = resolve(merged, settings)
    with timed(merged.seconds, "publish"):
        published = publish(dataset, settings)
    return RunSummary(len(merged.documents), dataset.row_counts(), merged.failures, published,
                      dict(merged.seconds))
