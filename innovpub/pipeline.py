"""The stages of a run: plan, analyse the new documents, resolve and publish the whole corpus.

Each stage is a plain function; `flows/pipeline.py` runs them as Prefect tasks and
`run_locally` chains them in-process (for `evaluate`, `ingest` and tests). Runs are
incremental: a document whose bytes were analysed by the same extractor version comes from
the cache; resolution and publication always cover the whole corpus. Analyses travel through
the cache, not between processes: a batch stores its documents' analyses there and reports
only which they are; resolution reads them back one document at a time.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
from collections import Counter
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from innovpub.cache import AnalysisCache, extractor_version
from innovpub.errors import CorpusUnreadable, InnovpubError, ModelUnavailable, ServerUnreachable, writing
from innovpub.failures import explain
from innovpub.integrity import dataset_damage
from innovpub.loaders import SUPPORTED_SUFFIXES
from innovpub.lock import exclusive_run
from innovpub.publish import PublishedDataset, current_inputs, publish_dataset
from innovpub.records import AnalysedDocument, BatchResult, CorpusEntry, DocumentFailure
from innovpub.resolve import build_dataset
from innovpub.runs import finish_run, start_run, timed
from innovpub.settings import Settings

log = logging.getLogger("innovpub.progress")
# The smallest of the last batches: below this, a batch's fixed costs (a task, `nlp.pipe`) weigh.
MIN_BATCH = 4


@dataclass(frozen=True)
class Plan:
    """What a run has to do: documents already analysed, files to analyse.

    `up_to_date` says the published dataset was built from exactly these files by this
    extractor version: nothing to load, analyse or publish.
    """

    version: str
    fingerprint: str
    cached: list[CorpusEntry]
    todo: list[Path]
    sources: int
    up_to_date: bool = False


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the closing summary and the run record."""

    documents: int
    analysed: int
    cached: int
    rows: dict[str, int]
    failures: list[DocumentFailure]
    published: PublishedDataset | None
    seconds: dict[str, float]


def discover_sources(corpus_dir: Path) -> list[Path]:
    """Supported files under `corpus_dir`, sorted; hidden files and symbolic links are skipped.

    A symbolic link, or a folder reached through one, could lead outside the corpus: never followed.
    """
    if not corpus_dir.is_dir():
        raise CorpusUnreadable(f"{corpus_dir}: corpus folder not found")
    try:
        os.scandir(corpus_dir).close()  # `rglob` would pass over a folder it may not list
    except OSError as error:
        raise CorpusUnreadable(f"{corpus_dir}: cannot read the corpus folder ({error.strerror})") from None
    root = corpus_dir.resolve()
    found = []
    for path in sorted(corpus_dir.rglob("*")):
        relative = path.relative_to(corpus_dir)
        if any(part.startswith(".") for part in relative.parts) or path.is_symlink() or not path.is_file():
            continue
        if not path.resolve().is_relative_to(root):
            continue
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            found.append(path)
    return found


def _survey(settings: Settings) -> tuple[str, list[tuple[Path, str]], str, bool]:
    """Extractor version, every source with its sha256, their fingerprint, and whether the
    published dataset was built from exactly these (and their analyses are still cached)."""
    version = extractor_version(settings.model_name)
    cache = AnalysisCache(settings.out_dir, version)
    sources = [(path, _sha256(path)) for path in discover_sources(settings.corpus_dir)]
    fingerprint = inputs_fingerprint(version, [(p.relative_to(settings.corpus_dir).as_posix(), sha)
                                               for p, sha in sources])
    up_to_date = (current_inputs(settings.out_dir) == fingerprint and all(sha and cache.has(sha) for _, sha in sources)
                  and not dataset_damage(settings.out_dir))
    return version, sources, fingerprint, up_to_date


def _sha256(path: Path) -> str:
    """The file's sha256, or "" when it cannot be read: it goes to the analysis, which rejects it
    with its reason (`load_document`), and the run goes on."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def plan_run(settings: Settings) -> Plan:
    """Split the corpus into documents already analysed by this extractor version and new ones.

    Reads and hashes the corpus (≈ 1 s for 10,000 documents). `innovpub run` asks it first,
    without the lock, for a hint: a run with nothing to do needs no orchestrator (≈ 7 s to start),
    and the others know how many analysis processes to start meanwhile. The run's own plan asks
    again under the lock.
    """
    version, sources, fingerprint, up_to_date = _survey(settings)
    if up_to_date:
        return Plan(version, fingerprint, [], [], len(sources), up_to_date=True)
    cache = AnalysisCache(settings.out_dir, version)
    cached, todo = [], []
    for path, sha256 in sources:
        if sha256 and cache.has(sha256):
            cached.append(CorpusEntry(path.relative_to(settings.corpus_dir).as_posix(), sha256))
        else:
            todo.append(path)
    return Plan(version, fingerprint, cached, todo, len(sources))


def batches(paths: list[Path], size: int, parallel: int = 1) -> list[list[Path]]:
    """`paths` cut into consecutive batches of at most `size`, for `parallel` workers.

    With several workers the last batches shrink to what is left shared among twice as many
    batches as workers (guided self-scheduling), so that the workers finish together: with
    equal batches to the end, one worker would wait on the other's last full batch, ≈ half a
    batch's time (4-5 s at 64 documents a batch) on every run. What fits in one batch stays one:
    a second worker would cost more to start (≈ 7 s of CPU, ≈ 400 MB) than it saves.
    """
    if len(paths) <= size:
        return [paths] if paths else []
    cut, start = [], 0
    while start < len(paths):
        left = len(paths) - start
        step = size if parallel == 1 else min(size, max(MIN_BATCH, -(-left // (2 * parallel))))
        cut.append(paths[start:start + step])
        start += step
    return cut


def analyse_paths(paths: list[Path], settings: Settings, version: str) -> BatchResult:
    """`innovpub.batch.analyse_batch`, imported by the process that runs it: the process of a run
    that hands its batches to analysis processes never imports spaCy, which would take ≈ 0.5 s
    before Prefect's server could start."""
    from innovpub.batch import analyse_batch

    return analyse_batch(paths, settings, version)


def merge_batches(results: list[BatchResult]) -> BatchResult:
    """One result from many; duplicates (same bytes under two names) keep the first by name."""
    merged, seen = BatchResult(), {}
    documents = sorted((d for r in results for d in r.documents), key=lambda d: d.source)
    for result in results:
        merged.failures += result.failures
        merged.seconds.update(result.seconds)
    for document in documents:
        first = seen.setdefault(document.sha256, document.source)
        if first != document.source:
            merged.failures.append(DocumentFailure(document.source, "load", f"same bytes as {first}"))
            continue
        merged.documents.append(document)
    return merged


def read_analyses(entries: list[CorpusEntry], settings: Settings, version: str,
                  read: Mapping[str, AnalysedDocument] | None = None) -> Iterator[AnalysedDocument]:
    """The cached analysis of each entry, one at a time, its findings as compact copies, under
    the name its file has now (the same bytes may have moved since they were analysed); taken
    from `read` (by sha256) when there. An entry found damaged is analysed again here: the plan
    only checks that it exists, as reading every entry twice would double what a run of a large
    corpus spends on the cache."""
    cache, read = AnalysisCache(settings.out_dir, version), read or {}
    for entry in entries:
        document = read.get(entry.sha256) or cache.get(entry.sha256, compact=True)
        if document is None:
            log.warning("%s: its cached analysis is damaged; analysing it again", entry.source)
            analyse_paths([settings.corpus_dir / entry.source], settings, version)
            document = cache.get(entry.sha256, compact=True)
        if document is None:
            raise InnovpubError(f"{entry.source}: no analysis in {cache.folder} (the file changed during the run?)")
        if document.loaded.source != entry.source:
            document = replace(document, loaded=replace(document.loaded, source=entry.source))
        yield document


def _read_all(entries: list[CorpusEntry], settings: Settings, version: str) -> dict[str, AnalysedDocument]:
    with collector_paused():
        return {document.loaded.sha256: document for document in read_analyses(entries, settings, version)}


def read_ahead(entries: list[CorpusEntry], settings: Settings, version: str) -> Future[dict[str, AnalysedDocument]]:
    """Start reading the cached analyses of `entries` in a thread; the future gives them by sha256.

    While a run's workers analyse the new documents its main process only waits: it reads the
    cache meanwhile (≈ 5 s at 10,000 documents), which the nightly run adding a few documents
    to a large corpus would otherwise spend after the analysis.
    """
    reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="innovpub-read-ahead")
    try:
        return reader.submit(_read_all, entries, settings, version)
    finally:
        reader.shutdown(wait=False)


def inputs_fingerprint(version: str, sources: list[tuple[str, str]]) -> str:
    """What a dataset is built from: the extractor version and every (file, sha256) of the corpus."""
    digest = hashlib.sha256(version.encode())
    for source, sha256 in sorted(sources):
        digest.update(f"{source}\0{sha256}\n".encode())
    return digest.hexdigest()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block.

    Resolution holds the findings of the whole corpus: millions of small objects that live
    until publication ends and form no cycles. Every full collection walks them all, for
    nothing: at 10,000 documents collections took 16 s of the 43 s of reading, resolving and
    publishing. Reference counting still frees what the block drops; only cycles wait for
    the collector's return.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def resolve_and_publish(plan: Plan, merged: BatchResult, settings: Settings,
                        ahead: Future[dict[str, AnalysedDocument]] | None = None) -> RunSummary:
    """Resolve and publish the whole corpus, unless exactly this dataset is already published.

    `ahead` holds analyses already read from the cache (`read_ahead`); the others are read here.
    """
    published = None
    if plan.up_to_date:
        log.info("nothing new: the published dataset is up to date")
        rows = {}
    else:
        with timed(merged.seconds, "resolve"):
            read = ahead.result() if ahead else None  # before the pause below: the reader pauses the collector too
        with collector_paused():
            with timed(merged.seconds, "resolve"):
                dataset = build_dataset(read_analyses(merged.documents, settings, plan.version, read), settings)
            with timed(merged.seconds, "publish"), writing(settings.out_dir):
                published = publish_dataset(dataset, settings.out_dir, settings, plan.fingerprint, merged.failures)
        rows = published.rows
        AnalysisCache(settings.out_dir, plan.version).prune_other_versions()
    documents = plan.sources if plan.up_to_date else len(merged.documents)
    cached = plan.sources if plan.up_to_date else len(plan.cached)
    return RunSummary(documents, len(plan.todo), cached, rows, merged.failures, published, dict(merged.seconds))


@contextmanager
def recorded_run(settings: Settings, trigger: str, wait_seconds: float = 0.0) -> Iterator[list[RunSummary]]:
    """Hold the output folder's lock and record the run; the block appends its summary."""
    with exclusive_run(settings.out_dir, wait_seconds):
        record = start_run(settings.out_dir, trigger)
        outcome: list[RunSummary] = []
        try:
            yield outcome
        except BaseException as error:
            failure = explain(error)
            try:
                finish_run(settings.out_dir, record, "failed", message=str(failure), cause=failure.cause)
            except InnovpubError as unrecorded:  # the disk still full, say
                log.warning("the run record could not be written: %s", unrecorded)
            raise
        summary = outcome[0]
        finish_run(settings.out_dir, record, "completed", new_documents=summary.analysed,
                   cached_documents=summary.cached, rows=summary.rows,
                   failures=[{"source": f.source, "stage": f.stage, "reason": f.reason} for f in summary.failures],
                   version=summary.published.version if summary.published else None,
                   seconds={stage: round(value, 3) for stage, value in summary.seconds.items()})


@contextmanager
def refusal_recorded(settings: Settings, trigger: str) -> Iterator[None]:
    """Record as a failed run a failure met before the run starts (the corpus unreadable, the spaCy
    model missing, the Prefect server unreachable), so that `runs` and `status` say why a nightly
    run did nothing. An output folder that does not exist yet, or is busy or not writable, gets no record."""
    try:
        yield
    except (CorpusUnreadable, ModelUnavailable, ServerUnreachable) as error:
        if settings.out_dir.is_dir():
            try:
                with exclusive_run(settings.out_dir):
                    record = start_run(settings.out_dir, trigger)
                    finish_run(settings.out_dir, record, "failed", message=str(error), cause=error.cause)
            except InnovpubError:
                pass
        raise


def run_locally(settings: Settings, trigger: str = "local", wait_seconds: float = 0.0) -> RunSummary:
    """The whole pipeline in this process, without Prefect."""
    with recorded_run(settings, trigger, wait_seconds) as outcome:
        walls = Counter[str]()
        with timed(walls, "plan"):
            plan = plan_run(settings)
        if not plan.todo and not plan.up_to_date:
            log.info("nothing new to analyse: %d documents from the cache", len(plan.cached))
        with timed(walls, "analysis"):
            results = [analyse_paths(b, settings, plan.version) for b in batches(plan.todo, settings.batch_size)]
        merged = merge_batches([BatchResult(documents=plan.cached, seconds=walls), *results])
        outcome.append(resolve_and_publish(plan, merged, settings))
    return outcome[0]
