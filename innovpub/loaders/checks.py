"""Checks that refuse what is not a French text document, each with a reason naming the file."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from innovpub.errors import InvalidLexicon, UnreadableDocument

LANGUAGES_FILE = Path(__file__).with_name("languages.yaml")
# Signatures of binary formats that are not documents we read.
BINARY_SIGNATURES = {b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
                     b"PK\x03\x04": "ZIP archive", b"\x7fELF": "executable", b"\x1f\x8b": "gzip archive"}
# Control characters (tabs and newlines aside) are absent from text; past this share it is binary.
MAX_CONTROL_SHARE = 0.01
# Fewer function words than this and a text is too short to tell its language: it is accepted.
MIN_FUNCTION_WORDS = 8
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def check_size(size: int, limit: int, source: str) -> None:
    """Refuse a file over the size limit."""
    if size > limit:
        raise UnreadableDocument(source, f"file too large ({size / 2**20:.1f} MiB > limit {limit / 2**20:.1f} MiB)")


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse binary data, whatever its name says."""
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UnreadableDocument(source, f"binary data ({kind}), not a text document")
    if b"\x00" in data[:65536]:
        raise UnreadableDocument(source, "binary data (NUL bytes), not a text document")


def check_text_is_text(text: str, source: str) -> None:
    """Refuse decoded text made of control characters."""
    sample = text[:65536]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f" or 0x7F <= ord(c) < 0xA0)
    if sample and controls / len(sample) > MAX_CONTROL_SHARE:
        raise UnreadableDocument(source, "binary data (control characters), not a text document")


@cache
def _function_words() -> dict[str, frozenset[str]]:
    try:
        data = yaml.safe_load(LANGUAGES_FILE.read_text("utf-8"))
        return {language: frozenset(words) for language, words in data.items()}
    except (OSError, yaml.YAMLError, AttributeError, TypeError) as error:
        raise InvalidLexicon(f"{LANGUAGES_FILE}: {error}") from error


def detect_language(text: str) -> str | None:
    """The language whose function words are the most frequent; None when too few to tell."""
    words = Counter(w.lower() for w in _WORD.findall(text[:20000]))
    scores = {language: sum(words[w] for w in vocabulary) for language, vocabulary in _function_words().items()}
    language, best = max(scores.items(), key=lambda item: item[1])
    return language if best >= MIN_FUNCTION_WORDS else None


def check_french(text: str, source: str) -> None:
    """Refuse a text written in another language: the pipeline is for French."""
    language = detect_language(text)
    if language not in (None, "fr"):
        raise UnreadableDocument(source, f"not French (the text reads as '{language}')")
