"""Loaders turn source files into normalised text; they are the only place that cleans text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from innovpub.errors import UnreadableDocument
from innovpub.loaders.checks import check_french, check_not_binary, check_size, check_text_is_text
from innovpub.loaders.document import LoadedDocument
from innovpub.loaders.html import load_html
from innovpub.loaders.pdf import load_pdf
from innovpub.loaders.text import load_text

# The files a corpus folder is read for; what each holds is decided by its content.
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".pdf", ".html", ".htm"})


def sniff_media_type(data: bytes) -> str:
    """The type by content, whatever the name says: a PDF by its magic bytes, HTML by its tag."""
    if data.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    head = data.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    return "text/plain"


# Past this size a file is refused unless the settings say otherwise.
DEFAULT_MAX_BYTES = 25 * 2**20


def load_document(path: Path, corpus_root: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedDocument:
    """Read `path` and return its normalised text; raise `UnreadableDocument` with the reason."""
    source = path.relative_to(corpus_root).as_posix()
    try:
        check_size(path.stat().st_size, max_bytes, source)
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(source, f"cannot read file ({error.strerror})") from None
    return load_bytes(data, source)


def load_bytes(data: bytes, source: str) -> LoadedDocument:
    """Turn a file's bytes into a document; its type is recognised by content, not by name."""
    if not data.strip():
        raise UnreadableDocument(source, "empty file")
    media_type = sniff_media_type(data)
    page_starts: list[int] = []
    if media_type == "application/pdf":
        cleaned, warnings, page_starts = load_pdf(data, source)
    elif media_type == "text/html":
        cleaned, warnings = load_html(data, source)
    else:
        check_not_binary(data, source)
        cleaned, warnings = load_text(data, source)
    if not cleaned.text.strip():
        raise UnreadableDocument(source, "no text once cleaned")
    check_text_is_text(cleaned.text, source)
    check_french(cleaned.text, source)
    return LoadedDocument(source=source, sha256=hashlib.sha256(data).hexdigest(), media_type=media_type,
                          text=cleaned.text, source_map=cleaned.source_map,
                          emphasis=cleaned.emphasis, warnings=warnings, page_starts=page_starts)
