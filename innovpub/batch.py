"""One batch of new documents: loaded, analysed by spaCy in one `nlp.pipe`, extracted and cached.

This is all that decides what a document gives (with the loaders, the extractors, the schemas
and the model): the cache's extractor version fingerprints this module, not the orchestration
around it, so a change to how runs are planned or published keeps every cached analysis.
"""

from __future__ import annotations

from pathlib import Path

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from innovpub.analysis import analyse_texts, analysis_zone
from innovpub.cache import AnalysisCache
from innovpub.errors import InnovpubError, UnreadableDocument
from innovpub.loaders import load_document
from innovpub.loaders.document import LoadedDocument
from innovpub.records import AnalysedDocument, BatchResult, CorpusEntry, DocumentFailure
from innovpub.runs import timed
from innovpub.settings import Settings


def document_id_of(loaded: LoadedDocument) -> str:
    """Stable id of a document: derived from its bytes."""
    return f"doc_{loaded.sha256[:16]}"


def analyse_batch(paths: list[Path], settings: Settings, version: str) -> BatchResult:
    """Load, analyse with spaCy (one `nlp.pipe` for the batch), extract each document and
    store its analysis in the cache of extractor `version`."""
    result = BatchResult()
    cache = AnalysisCache(settings.out_dir, version)
    loaded: list[LoadedDocument] = []
    with timed(result.seconds, "load"):
        for path in paths:
            try:
                loaded.append(load_document(path, settings.corpus_dir, settings.max_file_bytes))
            except UnreadableDocument as error:
                result.failures.append(DocumentFailure(error.path, "load", error.reason))
    if not loaded:
        return result
    with analysis_zone(settings.model_name):
        lexicons = load_lexicons()
        with timed(result.seconds, "analyse"):
            docs = analyse_texts([d.text for d in loaded], settings.model_name, lexicons)
        for document, doc in zip(loaded, docs):
            with timed(result.seconds, "extract"):
                try:
                    findings = extract_document(document_id_of(document), doc, lexicons, tuple(document.emphasis),
                                                document.text)
                except (ValueError, InnovpubError) as error:  # a finding that fails validation
                    result.failures.append(DocumentFailure(document.source, "extract",
                                                           f"{type(error).__name__}: {error}"))
                    continue
            with timed(result.seconds, "cache"):
                cache.put(AnalysedDocument(document, findings))
            result.documents.append(CorpusEntry(document.source, document.sha256))
    return result
