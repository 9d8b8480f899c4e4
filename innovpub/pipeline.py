"""The stages of a run: discover, analyse a batch, resolve, publish.

Each stage is a plain function; `flows/pipeline.py` runs them as Prefect tasks and
`run_locally` chains them in-process (for `evaluate` and tests).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from innovpub.analysis import analyse_texts
from innovpub.errors import InnovpubError, UnreadableDocument
from innovpub.loaders import SUPPORTED_SUFFIXES, load_document
from innovpub.loaders.document import LoadedDocument
from innovpub.publish import PublishedDataset, publish_dataset
from innovpub.records import AnalysedDocument, DocumentFailure
from innovpub.resolve import build_dataset
from innovpub.settings import Settings

log = logging.getLogger("innovpub")


@dataclass
class BatchResult:
    """What one batch gave: analysed documents, failures, seconds spent per stage."""

    documents: list[AnalysedDocument] = field(default_factory=list)
    failures: list[DocumentFailure] = field(default_factory=list)
    seconds: Counter[str] = field(default_factory=Counter)


@contextmanager
def timed(seconds: Counter[str], stage: str) -> Iterator[None]:
    """Add the time spent in the block to `seconds[stage]`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] += time.perf_counter() - started


def discover_sources(corpus_dir: Path) -> list[Path]:
    """Supported files under `corpus_dir`, sorted; hidden files and symbolic links are skipped."""
    if not corpus_dir.is_dir():
        raise InnovpubError(f"{corpus_dir}: corpus folder not found")
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        relative = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink() or not path.is_file():
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(path)
    return found


def document_id_of(loaded: LoadedDocument) -> str:
    """Stable id of a document: derived from its bytes."""
    return f"doc_{loaded.sha256[:16]}"


def analyse_batch(paths: list[Path], settings: Settings) -> BatchResult:
    """Load, analyse with spaCy (one `nlp.pipe` for the batch) and extract each document."""
    result = BatchResult()
    loaded: list[LoadedDocument] = []
    with timed(result.seconds, "load"):
        for path in paths:
            try:
                loaded.append(load_document(path, settings.corpus_dir))
            except UnreadableDocument as error:
                result.failures.append(DocumentFailure(error.path, "load", error.reason))
    with timed(result.seconds, "analyse"):
        docs = analyse_texts([d.text for d in loaded], settings.model_name)
    with timed(result.seconds, "extract"):
        lexicons = load_lexicons()
        for document, doc in zip(loaded, docs):
            try:
                findings = extract_document(document_id_of(document), doc, lexicons, tuple(document.emphasis))
            except (ValueError, InnovpubError) as error:  # a finding that fails validation
                result.failures.append(DocumentFailure(document.source, "extract", f"{type(error).__name__}: {error}"))
                continue
            result.documents.append(AnalysedDocument(document, findings))
    return result


def batches(paths: list[Path], size: int) -> list[list[Path]]:
    """`paths` cut into consecutive batches of at most `size`."""
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def merge_batches(results: list[BatchResult]) -> BatchResult:
    """One result from many; duplicates (same bytes under two names) keep the first."""
    merged, seen = BatchResult(), {}
    for result in results:
        merged.failures += result.failures
        merged.seconds.update(result.seconds)
        for document in result.documents:
            first = seen.setdefault(document.loaded.sha256, document.loaded.source)
            if first != document.loaded.source:
                merged.failures.append(DocumentFailure(document.loaded.source, "load", f"same bytes as {first}"))
                continue
            merged.documents.append(document)
    return merged


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the closing summary."""

    documents: int
    rows: dict[str, int]
    failures: list[DocumentFailure]
    published: PublishedDataset
    seconds: dict[str, float]


def run_locally(settings: Settings) -> RunSummary:
    """The whole pipeline in this process, without Prefect."""
    sources = discover_sources(settings.corpus_dir)
    merged = merge_batches([analyse_batch(b, settings) for b in batches(sources, settings.batch_size)])
    with timed(merged.seconds, "resolve"):
        dataset = build_dataset(merged.documents, settings)
    with timed(merged.seconds, "publish"):
        published = publish_dataset(dataset, settings.out_dir, settings)
    return RunSummary(len(merged.documents), dataset.row_counts(), merged.failures, published,
                      dict(merged.seconds))

