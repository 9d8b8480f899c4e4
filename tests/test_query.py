"""`innovpub query`: read-only SQL over the published DuckDB database."""

from __future__ import annotations

import json

import pytest

from innovpub.cli import main
from innovpub.errors import DatasetNotFound, QueryRefused
from innovpub.query import run_query


def test_select_reads_the_tables(corpus_run) -> None:
    columns, rows = run_query(corpus_run.published.out_dir / "innovpub.duckdb",
                              "SELECT year, number FROM editions ORDER BY year")
    assert columns == ["year", "number"]
    assert [r[0] for r in rows] == sorted(r[0] for r in rows) and rows


@pytest.mark.parametrize("sql", [
    "DROP TABLE documents",
    "INSERT INTO editions (year) VALUES (1999)",
    "COPY documents TO '/tmp/stolen.csv'",
    "SELECT 1; DELETE FROM people",
    "ATTACH '/tmp/other.duckdb'",
], ids=["drop", "insert", "copy-to-file", "select-then-delete", "attach"])
def test_writes_are_refused(corpus_run, sql: str) -> None:
    with pytest.raises(QueryRefused, match="read-only"):
        run_query(corpus_run.published.out_dir / "innovpub.duckdb", sql)


def test_missing_dataset_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(DatasetNotFound, match="innovpub run"):
        run_query(tmp_path / "innovpub.duckdb", "SELECT 1")


def test_cli_prints_json_and_refuses_writes(corpus_run, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(corpus_run.published.out_dir)
    assert main(["query", "SELECT count(*) AS n FROM documents", "--out", out, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 5}]
    assert main(["query", "DELETE FROM documents", "--out", out]) == 2
    assert "read-only" in capsys.readouterr().err
