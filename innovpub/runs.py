"""Run records: when each run started and ended, what was new, what failed (`innovpub runs`)."""

from __future__ import annotations

import json
import os
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from innovpub.errors import writing

RUNS_FILE = "runs.jsonl"


@dataclass
class RunRecord:
    """One run; written when it starts (status `running`) and again when it ends."""

    run_id: str
    trigger: str
    started_at: str
    status: str = "running"
    finished_at: str | None = None
    new_documents: int = 0
    cached_documents: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    version: str | None = None
    message: str | None = None
    # Why a failed run failed, as `innovpub.errors` names it: `no-space`, `not-writable`, ….
    cause: str | None = None
    # Seconds per stage: `plan`, `analysis` (wall), `resolve`, `publish`; `load`, `analyse`,
    # `extract`, `cache` summed over the worker processes.
    seconds: dict[str, float] = field(default_factory=dict)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(out_dir: Path, trigger: str) -> RunRecord:
    """Record that a run starts."""
    record = RunRecord(run_id=uuid.uuid4().hex[:12], trigger=trigger, started_at=_now())
    _append(out_dir, record)
    return record


def finish_run(out_dir: Path, record: RunRecord, status: str, **fields: object) -> RunRecord:
    """Record how a run ended."""
    for key, value in fields.items():
        setattr(record, key, value)
    record.status, record.finished_at = status, _now()
    _append(out_dir, record)
    return record


def _append(out_dir: Path, record: RunRecord) -> None:
    """Append one line; one that fails half written (a full disk) is cut off, not left for the next to join."""
    with writing(out_dir):
        out_dir.mkdir(parents=True, exist_ok=True)
        with open(out_dir / RUNS_FILE, "a", encoding="utf-8") as handle:
            size = handle.tell()
            try:
                handle.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                handle.truncate(size)
                raise


def read_runs(out_dir: Path) -> list[RunRecord]:
    """Every run, last state of each, oldest first; a run that never ended reads `interrupted`."""
    path = out_dir / RUNS_FILE
    if not path.exists():
        return []
    latest: dict[str, RunRecord] = {}
    for line in path.read_text("utf-8").splitlines():
        try:
            record = RunRecord(**json.loads(line))
        except (json.JSONDecodeError, TypeError):
            continue  # a line torn by a killed run
        latest[record.run_id] = record
    runs = list(latest.values())
    for record in runs[:-1]:
        if record.status == "running":
            record.status = "interrupted"
    return runs


@contextmanager
def timed(seconds: Counter[str], stage: str) -> Iterator[None]:
    """Add the time spent in the block to `seconds[stage]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] += time.perf_counter() - started
