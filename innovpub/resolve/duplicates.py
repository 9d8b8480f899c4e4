"""Copies: the same release received twice, as a PDF and as a web page or text, or in two files.

Two documents are copies when their texts, normalised (case, accents, punctuation and white
space folded away, so that layout noise does not count), are at least `COPY_RATIO` similar by
rapidfuzz's `ratio`. Only candidate pairs are compared: MinHash signatures of word shingles are
cut into bands, and documents sharing a band are candidates (locality-sensitive hashing), so the
work grows with the corpus rather than with its pairs. Copies are grouped transitively; the
canonical copy of a group is the one in the cleanest format (text, Markdown, HTML, then PDF),
then the first by source.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
from rapidfuzz import fuzz

from innovpub.ingest import MANIFEST
from innovpub.resolve.clustering import join

SHINGLE_WORDS = 5
BANDS, ROWS = 8, 8  # 64 hash functions; pairs sharing 90 % of their shingles meet with p ≈ 0.99
COPY_RATIO = 95.0  # rapidfuzz ratio of the normalised texts, in percent
# The hash functions: (a * h + b) mod 2**64, its high 32 bits (multiply-shift hashing).
_RANDOM = np.random.default_rng(20261203)
_A = _RANDOM.integers(0, 1 << 63, BANDS * ROWS, dtype=np.uint64) | np.uint64(1)
_B = _RANDOM.integers(0, 1 << 63, BANDS * ROWS, dtype=np.uint64)
_WORD = re.compile(r"\w+")
_COMBINING = re.compile("[\u0300-\u036f]")  # accents, once decomposed
_FORMAT_RANK = {"text/plain": 0, "text/markdown": 0, "text/html": 1, "application/pdf": 2}


@dataclass(frozen=True)
class Candidate:
    """A document as duplicate detection sees it."""

    document_id: str
    source: str
    media_type: str
    text: str


def normalised(text: str) -> str:
    """The words of `text`, lower case and without accents, one space apart."""
    return " ".join(_WORD.findall(_COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))))


def _signature(words: list[str]) -> np.ndarray:
    """The MinHash signature of the word shingles of a text (each shingle's hash made from its
    words' hashes, so that no shingle string is built)."""
    hashes = np.fromiter((zlib.crc32(word.encode()) for word in words), np.uint64, len(words))
    span = min(SHINGLE_WORDS, len(hashes))
    if not span:
        hashes, span = np.zeros(1, np.uint64), 1
    count = len(hashes) - span + 1
    shingles = np.zeros(count, np.uint64)
    for offset in range(span):  # wraps around 2**64 on purpose
        shingles = shingles * np.uint64(1_000_003) + hashes[offset:offset + count]
    return ((shingles[:, None] * _A + _B) >> np.uint64(32)).min(axis=0)


def find_copies(documents: Sequence[Candidate]) -> dict[str, str]:
    """The `document_id` of the canonical copy of every document that is a copy of another."""
    texts = [normalised(d.text) for d in documents]
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        signature = _signature(text.split())
        for band in range(BANDS):
            buckets[band, signature[band * ROWS:(band + 1) * ROWS].tobytes()].append(index)
    candidates = {(a, b) for members in buckets.values() for i, a in enumerate(members)
                  for b in members[i + 1:]}
    pairs = [(a, b) for a, b in sorted(candidates)
             if texts[a] != texts[b] and fuzz.ratio(texts[a], texts[b], score_cutoff=COPY_RATIO)]
    copies: dict[str, str] = {}
    for group in join(texts, pairs):  # equal texts join as equal keys
        if len(group) < 2:
            continue
        members = [documents[i] for i in group]
        canonical = min(members, key=lambda d: (_FORMAT_RANK.get(d.media_type, 1), d.source))
        copies |= {d.document_id: canonical.document_id for d in members if d is not canonical}
    return copies


def published_copies(dataset_dir: Path, corpus_dir: Path) -> dict[str, str]:
    """For each published document that is a copy, by source: the name of its canonical copy,
    the original name the corpus manifest keeps for it, or else its source."""
    path = dataset_dir / "documents.parquet"
    if not path.exists():
        return {}
    rows = pq.read_table(path, columns=["document_id", "source", "duplicate_of"]).to_pylist()
    sources = {row["document_id"]: row["source"] for row in rows}
    originals: dict[str, str] = {}
    manifest = corpus_dir / MANIFEST
    if manifest.exists():
        for line in manifest.read_text("utf-8").splitlines():
            entry = json.loads(line)
            originals[entry["stored_as"]] = entry["original_name"]
    return {row["source"]: originals.get(sources[row["duplicate_of"]], sources[row["duplicate_of"]])
            for row in rows if row["duplicate_of"] in sources}
