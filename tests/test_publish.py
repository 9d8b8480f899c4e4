"""Publication is atomic: readers see a whole dataset, old or new, never a mix."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from innovpub import publish as publish_module
from innovpub.evaluate import load_dataset
from innovpub.publish import publish_dataset
from innovpub.resolve import Dataset
from innovpub.settings import Settings


@pytest.fixture()
def dataset(corpus_data: dict) -> Dataset:
    from schemas.dataset import TABLES

    return Dataset({spec.name: [spec.model.model_validate(row) for row in corpus_data[spec.name]]
                    for spec in TABLES})


def test_publication_replaces_the_current_version(tmp_path: Path, dataset: Dataset) -> None:
    settings = replace(Settings(), out_dir=tmp_path)
    first = publish_dataset(dataset, tmp_path, settings)
    second = publish_dataset(dataset, tmp_path, settings)
    assert (tmp_path / "current").resolve() == second.path.resolve() != first.path.resolve()
    assert load_dataset(tmp_path / "dataset")["documents"]


def test_a_failed_publication_leaves_the_previous_dataset_whole(tmp_path: Path, dataset: Dataset,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    settings = replace(Settings(), out_dir=tmp_path)
    before = publish_dataset(dataset, tmp_path, settings)
    smaller = Dataset({**dataset.tables, "documents": dataset.tables["documents"][:1]})

    def broken(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(publish_module, "_write_jsonl_and_duckdb", broken)
    with pytest.raises(OSError):
        publish_dataset(smaller, tmp_path, settings)
    assert (tmp_path / "current").resolve() == before.path.resolve()
    assert len(load_dataset(tmp_path / "dataset")["documents"]) == len(dataset.tables["documents"])
    assert not [p for p in (tmp_path / "versions").iterdir() if p.name.startswith(".staging")]


def test_old_versions_are_pruned(tmp_path: Path, dataset: Dataset) -> None:
    settings = replace(Settings(), out_dir=tmp_path, keep_versions=1)
    for _ in range(4):
        publish_dataset(dataset, tmp_path, settings)
    assert len(list((tmp_path / "versions").iterdir())) == 2


def test_every_format_holds_exactly_the_rows(tmp_path: Path, dataset: Dataset) -> None:
    """JSON lines, Parquet and the DuckDB database each give back every row, field for field."""
    import duckdb
    import pyarrow.parquet as pq

    from schemas.dataset import TABLES

    publish_dataset(dataset, tmp_path, replace(Settings(), out_dir=tmp_path))
    folder = tmp_path / "dataset"
    jsonl = load_dataset(folder)
    with duckdb.connect(str(tmp_path / "innovpub.duckdb"), read_only=True) as connection:
        for spec in TABLES:
            expected = list(dataset.tables[spec.name])
            cursor = connection.execute(f'SELECT * FROM "{spec.name}"')
            names = [column[0] for column in cursor.description]
            in_duckdb = [dict(zip(names, values)) for values in cursor.fetchall()]
            in_parquet = pq.read_table(folder / f"{spec.name}.parquet").to_pylist()
            for found in (jsonl[spec.name], in_parquet, in_duckdb):
                assert [spec.model.model_validate(row) for row in found] == expected, spec.name
