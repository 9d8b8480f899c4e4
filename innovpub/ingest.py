"""Add files to the corpus: each is checked, stored under a name made from its bytes, and
listed in the corpus manifest with its original name.

A file that the pipeline could not read is refused here, with its reason, before it enters
the corpus; the same bytes added twice are stored once.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from innovpub.errors import UnreadableDocument, writing
from innovpub.loaders import SUPPORTED_SUFFIXES, load_bytes
from innovpub.loaders.checks import check_size

MANIFEST = "MANIFEST.jsonl"
REJECTIONS = "rejections.jsonl"
_SUFFIX_OF = {"application/pdf": ".pdf", "text/html": ".html"}


@dataclass(frozen=True)
class IngestOutcome:
    """What became of one file: `added`, `already present` or `rejected`."""

    path: str
    verdict: str
    reason: str | None = None
    stored_as: str | None = None


def expand(paths: list[Path]) -> list[Path | tuple[Path, str]]:
    """Files given and files inside folders given; a symbolic link is reported, never followed."""
    found: list[Path | tuple[Path, str]] = []
    for path in paths:
        if path.is_symlink():
            found.append((path, "symbolic link, not followed"))
        elif path.is_dir():
            root = path.resolve()
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts) or child.is_dir():
                    continue
                if child.is_symlink() or not child.resolve().is_relative_to(root):
                    found.append((child, "symbolic link, not followed"))
                elif child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            found.append((path, "no such file"))
    return found


def _stored_name(data: bytes, media_type: str, original: Path) -> str:
    suffix = _SUFFIX_OF.get(media_type) or (".md" if original.suffix.lower() == ".md" else ".txt")
    return f"{hashlib.sha256(data).hexdigest()[:16]}{suffix}"


def _write_atomically(target: Path, data: bytes) -> None:
    """Write aside then rename; a write that fails (a full disk) leaves nothing behind."""
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _append_line(path: Path, entry: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False) + "\n")


def ingest_one(path: Path, corpus_dir: Path, max_bytes: int) -> IngestOutcome:
    """Check one file and add it to the corpus."""
    shown = str(path)
    try:
        check_size(path.stat().st_size, max_bytes, shown)
        data = path.read_bytes()
        document = load_bytes(data, shown)
    except UnreadableDocument as error:
        return IngestOutcome(shown, "rejected", error.reason)
    except OSError as error:
        return IngestOutcome(shown, "rejected", f"cannot read file ({error.strerror})")
    name = _stored_name(data, document.media_type, path)
    target = corpus_dir / name
    if target.exists() and target.read_bytes() == data:
        return IngestOutcome(shown, "already present", stored_as=name)
    with writing(corpus_dir):
        _write_atomically(target, data)
        _append_line(corpus_dir / MANIFEST, {"stored_as": name, "sha256": document.sha256, "original_name": path.name,
                                             "added_at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    return IngestOutcome(shown, "added", stored_as=name)


def ingest(paths: list[Path], corpus_dir: Path, out_dir: Path, max_bytes: int) -> list[IngestOutcome]:
    """Check and add every file of `paths`; rejections are also logged under `out_dir`."""
    with writing(corpus_dir):
        corpus_dir.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for item in expand(paths):
        if isinstance(item, tuple):
            outcomes.append(IngestOutcome(str(item[0]), "rejected", item[1]))
        else:
            outcomes.append(ingest_one(item, corpus_dir, max_bytes))
    for outcome in outcomes:
        if outcome.verdict == "rejected":
            with writing(out_dir):
                _append_line(out_dir / REJECTIONS, {"path": outcome.path, "reason": outcome.reason,
                                                    "at": datetime.now(timezone.utc).isoformat(timespec="seconds")})
    return outcomes
