"""Whether the published dataset is whole: every file of the current version present and complete.

A run never leaves a half-written version (`innovpub.publish`), but a person may delete or cut a
file of it by hand, or a disk may lose one. `innovpub status` reports it, and `innovpub run`
then publishes the dataset again even when nothing new came in.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from innovpub.publish import CURRENT, STABLE_LINKS
from schemas.dataset import TABLES

_CHUNK = 1 << 20


def _jsonl_problem(path: Path, rows: int) -> str | None:
    """Why the JSON lines file `path` does not hold `rows` complete lines, if it does not."""
    lines, last = 0, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk
    if last and not last.endswith(b"\n"):
        return f"{path}: cut short (its last line is incomplete)"
    if lines != rows:
        return f"{path}: {lines} lines where the Parquet file has {rows} rows"
    return None


def dataset_damage(out_dir: Path) -> list[str]:
    """What is missing or damaged in the current published version under `out_dir`; [] when it is
    whole, or when nothing was ever published. Reads each Parquet file's footer and counts the
    lines of each JSON lines file (≈ 0.1 s for 10,000 documents)."""
    current = out_dir / CURRENT
    if not current.is_symlink():
        return []
    if not current.is_dir():
        return [f"{current}: the published version it names is gone ({current.readlink()})"]
    problems = [f"{out_dir / name}: missing" for name in STABLE_LINKS if not (out_dir / name).exists()]
    for spec in TABLES:
        parquet = current / "dataset" / f"{spec.name}.parquet"
        jsonl = parquet.with_suffix(".jsonl")
        try:
            rows = pq.read_metadata(parquet).num_rows
        except FileNotFoundError:
            problems.append(f"{parquet}: missing")
            continue
        except (OSError, ValueError) as error:  # Arrow: a file cut short has no footer
            problems.append(f"{parquet}: unreadable ({str(error).splitlines()[0]})")
            continue
        if not jsonl.exists():
            problems.append(f"{jsonl}: missing")
        elif problem := _jsonl_problem(jsonl, rows):
            problems.append(problem)
    database = current / "innovpub.duckdb"
    if not database.is_file() or database.stat().st_size == 0:
        problems.append(f"{database}: missing or empty")
    try:
        json.loads((current / "datapackage.json").read_text("utf-8"))
    except (OSError, ValueError):
        problems.append(f"{current / 'datapackage.json'}: missing or unreadable")
    return problems
