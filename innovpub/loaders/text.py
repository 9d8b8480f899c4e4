"""Plain text and Markdown files."""

from __future__ import annotations

from innovpub.errors import UnreadableDocument
from innovpub.loaders.cleaning import CleanText, clean_markup


def decode_text(data: bytes, path: str) -> tuple[str, list[str]]:
    """Decode UTF-8 (with or without BOM); accept Windows-1252 with a warning."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(path, f"undecodable text ({error.reason} at byte {error.start})") from None
    return text, [f"{path}: not UTF-8, decoded as Windows-1252"]


def load_text(data: bytes, path: str) -> tuple[CleanText, list[str]]:
    """Decode and clean a `.txt` or `.md` file."""
    text, warnings = decode_text(data, path)
    return clean_markup(text), warnings
