"""The same flow runs its analysis on a Dask cluster and publishes the same dataset."""

from __future__ import annotations

from pathlib import Path

import pytest
from distributed import LocalCluster

from flows.pipeline import pipeline
from innovpub.evaluate import load_dataset
from tests.conftest import CORPUS

pytestmark = pytest.mark.slow


def test_dask_cluster_gives_the_same_dataset(tmp_path: Path, corpus_data: dict, prefect_harness: None) -> None:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = pipeline(corpus_dir=str(CORPUS), out_dir=str(tmp_path), batch_size=2,
                           dask_address=cluster.scheduler_address)
        assert cluster.scheduler.transition_counter > 0, "the cluster ran the analysis"
    assert summary.documents == 5 and summary.analysed == 5 and summary.failures == []
    assert load_dataset(tmp_path / "dataset") == corpus_data
