"""Read-only SQL over the published DuckDB database."""

from __future__ import annotations

from pathlib import Path

import duckdb

from innovpub.errors import DatasetNotFound, InnovpubError, QueryRefused

# Statements that only read. Anything else (CREATE, INSERT, COPY … TO, ATTACH, SET …) is refused
# before it runs, on top of the read-only connection.
READ_ONLY_STATEMENTS = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def run_query(database: Path, sql: str) -> tuple[list[str], list[tuple]]:
    """Run `sql` on `database` opened read-only; return column names and rows."""
    if not database.exists():
        raise DatasetNotFound(f"{database}: no published dataset (run `innovpub run` first)")
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as error:
        raise QueryRefused(f"invalid SQL: {error}") from None
    for statement in statements:
        if statement.type not in READ_ONLY_STATEMENTS:
            raise QueryRefused(f"refused: the dataset is read-only ({statement.type.name} statement); "
                               "only SELECT queries are allowed")
    with duckdb.connect(str(database), read_only=True) as connection:
        try:
            cursor = connection.execute(sql)
        except duckdb.Error as error:
            raise InnovpubError(f"query failed: {error}") from None
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
