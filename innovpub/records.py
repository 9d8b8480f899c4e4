"""Records passed between the stages of a run."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from innovpub.loaders.document import LoadedDocument
from schemas.extraction import DocumentFindings


@dataclass(frozen=True)
class DocumentFailure:
    """A document that could not be processed: which, at what stage, and why."""

    source: str
    stage: str
    reason: str


@dataclass(frozen=True)
class AnalysedDocument:
    """A loaded document and what the extractors found in it."""

    loaded: LoadedDocument
    findings: DocumentFindings


@dataclass(frozen=True)
class CorpusEntry:
    """A document of the corpus: its file (relative to the corpus) and its bytes' sha256, the
    key of its analysis in the cache."""

    source: str
    sha256: str


@dataclass
class BatchResult:
    """What one batch gave: the documents analysed (their analyses are in the cache), the
    failures, the seconds spent per stage."""

    documents: list[CorpusEntry] = field(default_factory=list)
    failures: list[DocumentFailure] = field(default_factory=list)
    seconds: Counter[str] = field(default_factory=Counter)
