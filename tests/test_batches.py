"""How the new documents are cut into batches for the workers."""

from __future__ import annotations

import heapq

import pytest

from innovpub.pipeline import MIN_BATCH, batches


def idle_at_the_end(sizes: list[int], workers: int) -> int:
    """How long the first worker to finish waits for the last one, when each takes the next batch
    as soon as it is free and a document costs 1."""
    free_at = [0] * workers
    for size in sizes:
        heapq.heappush(free_at, heapq.heappop(free_at) + size)
    return max(free_at) - min(free_at)


@pytest.mark.parametrize("documents", [1, 9, 130, 2000, 10_007])
@pytest.mark.parametrize("workers", [1, 2, 4])
def test_batches_keep_every_document_in_order(documents: int, workers: int) -> None:
    cut = batches(list(range(documents)), 64, workers)
    assert [d for batch in cut for d in batch] == list(range(documents))
    assert all(0 < len(batch) <= 64 for batch in cut)


@pytest.mark.parametrize("documents", [130, 2000, 10_007])
@pytest.mark.parametrize("workers", [2, 4])
def test_the_workers_finish_together(documents: int, workers: int) -> None:
    sizes = [len(batch) for batch in batches(list(range(documents)), 64, workers)]
    assert idle_at_the_end(sizes, workers) <= MIN_BATCH
    assert len(sizes) <= documents // 64 + 8 * workers  # a few more tasks than equal batches, not many


def test_what_fits_in_one_batch_stays_one() -> None:
    assert [len(batch) for batch in batches(list(range(10)), 64, 2)] == [10]


def test_one_worker_gets_equal_batches() -> None:
    assert [len(batch) for batch in batches(list(range(130)), 64)] == [64, 64, 2]
