"""PDF files, through pdfplumber."""

from __future__ import annotations

import io

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError

from innovpub.errors import UnreadableDocument
from innovpub.loaders.cleaning import CleanText, clean_markup


def load_pdf(data: bytes, path: str) -> tuple[CleanText, list[str]]:
    """Extract the text of every page, in order, and clean it."""
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise UnreadableDocument(path, "encrypted PDF") from None
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise UnreadableDocument(path, f"corrupt or truncated PDF ({type(error).__name__})") from None
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise UnreadableDocument(path, "no text layer (scanned PDF?)")
    return clean_markup(text), []
