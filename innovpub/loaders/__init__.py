"""Loaders turn source files into normalised text; they are the only place that cleans text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from innovpub.errors import UnreadableDocument
from innovpub.loaders.document import LoadedDocument
from innovpub.loaders.html import load_html
from innovpub.loaders.pdf import load_pdf
from innovpub.loaders.text import load_text

SUPPORTED_SUFFIXES = {".txt": "text/plain", ".md": "text/markdown", ".pdf": "application/pdf",
                      ".html": "text/html", ".htm": "text/html"}


def sniff_media_type(data: bytes, suffix: str) -> str:
    """Recognise a PDF by its magic bytes and an HTML page by its opening tag."""
    if data.lstrip()[:5] == b"%PDF-":
        return "application/pdf"
    head = data.lstrip()[:512].lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "text/html"
    return SUPPORTED_SUFFIXES.get(suffix.lower(), "text/plain")


def load_document(path: Path, corpus_root: Path) -> LoadedDocument:
    """Read `path` and return its normalised text; raise `UnreadableDocument` with the reason."""
    source = path.relative_to(corpus_root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(source, f"cannot read file ({error.strerror})") from None
    if not data.strip():
        raise UnreadableDocument(source, "empty file")
    media_type = sniff_media_type(data, path.suffix)
    if media_type == "application/pdf":
        cleaned, warnings = load_pdf(data, source)
    elif media_type == "text/html":
        cleaned, warnings = load_html(data, source)
    else:
        cleaned, warnings = load_text(data, source)
    if not cleaned.text.strip():
        raise UnreadableDocument(source, "no text once cleaned")
    return LoadedDocument(source=source, sha256=hashlib.sha256(data).hexdigest(), media_type=media_type,
                          text=cleaned.text, source_map=cleaned.source_map,
                          emphasis=cleaned.emphasis, warnings=warnings)
