"""The analysis cache: what a document gave, keyed by its bytes and by the extractor version.

The extractor version is a fingerprint of everything that decides what a document gives — the
loaders, the extractors and their lexicons, the schemas, the spaCy model — so any change to
them re-analyses every document, and nothing else does.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import uuid
from functools import cache
from importlib import metadata
from pathlib import Path

from innovpub.compact import CompactUnpickler, compact_document
from innovpub.errors import ModelUnavailable, writing
from innovpub.records import AnalysedDocument

ROOT = Path(__file__).resolve().parents[1]
# What a document's analysis depends on, besides its bytes and the model.
FINGERPRINTED = ("extractors", "schemas", "innovpub/loaders", "innovpub/analysis.py", "innovpub/batch.py")


@cache
def extractor_version(model_name: str) -> str:
    """A fingerprint of the code, lexicons and model that analyse a document; `ModelUnavailable`
    when the model is not installed (asked first thing in a run, before any worker starts; the
    model's package metadata, not spaCy, which the run's own process never imports)."""
    try:
        model_version = metadata.version(model_name)  # None when its metadata folder is emptied
    except metadata.PackageNotFoundError:
        model_version = None
    if model_version is None:
        raise ModelUnavailable(f"the spaCy model {model_name} is not installed")
    digest = hashlib.sha256(f"{model_name}=={model_version}".encode())
    for entry in FINGERPRINTED:
        paths = [ROOT / entry] if (ROOT / entry).is_file() else sorted((ROOT / entry).rglob("*"))
        for path in paths:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class AnalysisCache:
    """Pickled `AnalysedDocument`s under `OUT/cache/<version>/`, one file per document."""

    def __init__(self, out_dir: Path, version: str) -> None:
        self.root = out_dir / "cache"
        self.folder = self.root / version

    def _path(self, sha256: str) -> Path:
        return self.folder / sha256[:2] / f"{sha256}.pickle"

    def has(self, sha256: str) -> bool:
        """Whether an analysis of these bytes is stored."""
        return self._path(sha256).exists()

    def get(self, sha256: str, compact: bool = False) -> AnalysedDocument | None:
        """The cached analysis of the document with these bytes, if any; with `compact`, a compact
        copy (`innovpub.compact`), as resolution holds a whole corpus."""
        try:
            with open(self._path(sha256), "rb") as handle:
                if compact:
                    return compact_document(CompactUnpickler(handle).load())
                return pickle.Unpickler(handle).load()
        except FileNotFoundError:
            return None
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # a damaged or outdated entry is analysed again

    def put(self, document: AnalysedDocument) -> None:
        """Store an analysis; written aside then renamed, so a killed run leaves no torn file.
        A write that fails (no space, read-only) leaves nothing behind and raises `NoSpace` or
        `NotWritable`."""
        path = self._path(document.loaded.sha256)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        with writing(self.folder):
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(temporary, "wb") as handle:
                    pickle.dump(document, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(temporary, path)
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise

    def prune_other_versions(self) -> None:
        """Drop the analyses made by other extractor versions."""
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder != self.folder:
                    shutil.rmtree(folder, ignore_errors=True)
