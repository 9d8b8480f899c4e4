"""Publish a dataset: JSONL, Parquet, DuckDB and a Frictionless `datapackage.json`, atomically.

Each run writes a complete new version under `OUT/versions/<id>/`, then replaces the symbolic
link `OUT/current` in one `rename`: a reader sees the previous complete dataset or the new one,
never a mix, even when the run is killed half way. `OUT/dataset`, `OUT/innovpub.duckdb` and
`OUT/datapackage.json` are fixed links through `current`. Each table is written once, as
Parquet, in chunks of rows, so no table is ever held whole as Arrow; DuckDB then writes its
JSON lines and its database table from the Parquet file, in C++ and in bounded memory, on a
thread of its own while the next table is made (DuckDB releases the GIL: the two use both cores).
"""

from __future__ import annotations

import json
import os
import shutil
import types
import typing
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args, get_origin

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from innovpub.site import SITE, write_site
from schemas.base import Record
from schemas.dataset import TABLES, TableSpec

if TYPE_CHECKING:
    from innovpub.records import DocumentFailure
    from innovpub.resolve import Dataset
    from innovpub.settings import Settings

CURRENT = "current"
VERSIONS = "versions"
INPUTS_FILE = "inputs.sha256"
STABLE_LINKS = {"dataset": "dataset", "innovpub.duckdb": "innovpub.duckdb", "datapackage.json": "datapackage.json",
                SITE: SITE}
CHUNK_ROWS = 2000  # rows turned into an Arrow table at a time
ROW_GROUP_BYTES = 8 << 20  # a Parquet row group's size at most (DuckDB reads one at a time)
DUCKDB_MEMORY = "128MB"  # for its one thread (`_write_tables`)


@dataclass(frozen=True)
class PublishedDataset:
    """Where a published version lives."""

    out_dir: Path
    version: str
    rows: dict[str, int] = field(default_factory=dict)  # rows per table

    @property
    def path(self) -> Path:
        """The version's folder."""
        return self.out_dir / VERSIONS / self.version


def _unwrap_optional(annotation: object) -> object:
    if get_origin(annotation) in (typing.Union, types.UnionType):
        return next(a for a in get_args(annotation) if a is not type(None))
    return annotation


def _arrow_type(annotation: object) -> pa.DataType:
    annotation = _unwrap_optional(annotation)
    origin = get_origin(annotation)
    if origin is list:
        return pa.list_(_arrow_type(get_args(annotation)[0]))
    if origin is Literal:
        return pa.string()
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return pa.struct([(n, _arrow_type(f.annotation)) for n, f in annotation.model_fields.items()])
    return {str: pa.string(), int: pa.int64(), bool: pa.bool_(), float: pa.float64(), date: pa.date32()}[annotation]


def _frictionless_type(annotation: object) -> str:
    annotation = _unwrap_optional(annotation)
    if get_origin(annotation) is list:
        return "array"
    if get_origin(annotation) is Literal:
        return "string"
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return "object"
    return {str: "string", int: "integer", bool: "boolean", float: "number", date: "date"}[annotation]


def _resource(spec: TableSpec) -> dict:
    fields = []
    for name, info in spec.model.model_fields.items():
        entry = {"name": name, "type": _frictionless_type(info.annotation)}
        if get_origin(_unwrap_optional(info.annotation)) is Literal:
            entry["constraints"] = {"enum": list(get_args(_unwrap_optional(info.annotation)))}
        fields.append(entry)
    schema: dict = {"fields": fields}
    if spec.primary_key:
        schema["primaryKey"] = spec.primary_key
    if spec.foreign_keys:
        schema["foreignKeys"] = [{"fields": f, "reference": {"resource": table, "fields": ref}}
                                 for f, table, ref in spec.foreign_keys]
    return {"name": spec.name, "path": f"dataset/{spec.name}.jsonl", "format": "jsonl",
            "encoding": "utf-8", "description": spec.description, "schema": schema}


def _holds_records(annotation: object) -> bool:
    """Whether values of this type are, or hold, records (a person's roles)."""
    annotation = _unwrap_optional(annotation)
    if get_origin(annotation) is list:
        return _holds_records(get_args(annotation)[0])
    return isinstance(annotation, type) and issubclass(annotation, Record)


def _column(rows: list[Record], name: str, holds_records: bool) -> list:
    """One field of `rows`, as Arrow takes it: records nested in it as dicts.

    Read column by column: dumping each row whole (`model_dump`) took more time than all
    the rest of publication."""
    values = [getattr(row, name) for row in rows]
    if not holds_records:
        return values
    return [None if value is None else
            [item.model_dump() for item in value] if isinstance(value, list) else value.model_dump()
            for value in values]


def _write_parquet(spec: TableSpec, rows: Iterable[Record], folder: Path) -> int:
    """Write `rows` as Parquet, a chunk at a time; return how many there were."""
    fields = spec.model.model_fields
    schema = pa.schema([(n, _arrow_type(f.annotation)) for n, f in fields.items()])
    nested = {name: _holds_records(info.annotation) for name, info in fields.items()}
    count, remaining = 0, iter(rows)
    with pq.ParquetWriter(folder / f"{spec.name}.parquet", schema) as parquet:
        while chunk := list(islice(remaining, CHUNK_ROWS)):
            table = pa.Table.from_pydict({name: _column(chunk, name, nested[name]) for name in fields}, schema=schema)
            # A chunk of long rows (documents' texts) is cut into several row groups.
            parquet.write_table(table, row_group_size=max(1, len(chunk) * ROW_GROUP_BYTES // max(table.nbytes, 1)))
            count += len(chunk)
    return count


def _write_jsonl_and_duckdb(connection: duckdb.DuckDBPyConnection, name: str, dataset_dir: Path) -> None:
    """A table's JSON lines beside its Parquet file, and its table in the DuckDB database."""
    parquet = (dataset_dir / f"{name}.parquet").as_posix()
    jsonl = (dataset_dir / f"{name}.jsonl").as_posix()
    connection.execute(f"COPY (SELECT * FROM read_parquet('{parquet}')) TO '{jsonl}' (FORMAT JSON)")
    connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(\'{parquet}\')')


def _write_tables(dataset: "Dataset", dataset_dir: Path, database: Path) -> dict[str, int]:
    """Every table in every format; the rows of each."""
    rows = {}
    with duckdb.connect(str(database)) as connection, ThreadPoolExecutor(max_workers=1) as duckdb_thread:
        # DuckDB may take 80 % of the machine's memory and a thread per core; copying Parquet
        # files needs little, and its one thread runs beside this one writing the next table.
        connection.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        connection.execute("SET threads = 1")
        copies = []
        for spec in TABLES:
            rows[spec.name] = _write_parquet(spec, dataset.tables[spec.name], dataset_dir)
            copies.append(duckdb_thread.submit(_write_jsonl_and_duckdb, connection, spec.name, dataset_dir))
        for copy in copies:
            copy.result()
    return rows


def _replace_link(link: Path, target: str) -> None:
    """Point `link` at `target` in one atomic rename."""
    temporary = link.with_name(f".{link.name}.{uuid.uuid4().hex}")
    os.symlink(target, temporary)
    os.replace(temporary, link)


def _fsync_tree(folder: Path) -> None:
    """fsync the version's files; not the site's, too many for a call each: `write_site` syncs them."""
    for directory, folders, files in os.walk(folder):
        if directory == str(folder) and SITE in folders:
            folders.remove(SITE)
        for name in files:
            with open(os.path.join(directory, name), "rb") as handle:
                os.fsync(handle.fileno())


def current_inputs(out_dir: Path) -> str | None:
    """The fingerprint of the inputs of the current version, if one is published."""
    try:
        return (out_dir / CURRENT / INPUTS_FILE).read_text("utf-8").strip()
    except FileNotFoundError:
        return None


def publish_dataset(dataset: "Dataset", out_dir: Path, settings: "Settings", inputs: str = "",
                    failures: Sequence["DocumentFailure"] = ()) -> PublishedDataset:
    """Write a new complete version of the dataset and make it current; see the module docstring.

    `inputs` fingerprints what the dataset was built from, so an unchanged corpus is not
    published again. The caller holds the output folder's lock, so any staging folder found
    here was left by a killed run and is removed. The review site (`innovpub.site`) is written
    from the new tables inside the version, reusing the current site's unchanged pages;
    `failures` are listed on its index.
    """
    version = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%S%fZ}-{uuid.uuid4().hex[:6]}"
    versions = out_dir / VERSIONS
    if versions.is_dir():
        for leftover in versions.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
    staging = versions / f".staging-{version}"
    dataset_dir = staging / "dataset"
    dataset_dir.mkdir(parents=True)
    try:
        rows = _write_tables(dataset, dataset_dir, staging / "innovpub.duckdb")
        package = {"name": "innovpub", "title": "Mois de l'innovation publique", "version": version,
                   "resources": [_resource(spec) for spec in TABLES]}
        (staging / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=1), "utf-8")
        (staging / INPUTS_FILE).write_text(inputs, "utf-8")
        write_site(dataset_dir, staging / SITE, out_dir / CURRENT / SITE, settings.corpus_dir, failures)
        _fsync_tree(staging)
        os.rename(staging, versions / version)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _replace_link(out_dir / CURRENT, f"{VERSIONS}/{version}")
    for name, inside in STABLE_LINKS.items():
        link = out_dir / name
        if not link.is_symlink():
            if link.is_dir():
                shutil.rmtree(link)  # a plain folder from an older layout
            elif link.exists():
                link.unlink()
            _replace_link(link, f"{CURRENT}/{inside}")
    _prune(versions, keep={version}, count=settings.keep_versions)
    return PublishedDataset(out_dir, version, rows)


def _prune(versions: Path, keep: set[str], count: int) -> None:
    """Remove finished versions beyond the `count` newest besides the current one."""
    finished = sorted(p for p in versions.iterdir() if not p.name.startswith("."))
    for old in finished[: max(len(finished) - count - 1, 0)]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
