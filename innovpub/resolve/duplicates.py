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
_PRIME = (1 << 61) - 1
_RANDOM = np.random.default_rng(20261203)
# h * a + b stays below 2**64 for 32-bit h: a below 2**31, b below 2**61.
_A = _RANDOM.integers(1, 1 << 31, BANDS * ROWS, dtype=np.uint64)
_B = _RANDOM.integers(0, _PRIME, BANDS * ROWS, dtype=np.uint64)
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
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"\w+", "".join(c for c in decomposed if not unicodedata.combining(c))))


def _signature(words: list[str]) -> np.ndarray:
    """The MinHash signature of the word shingles of a text."""
    span = min(SHINGLE_WORDS, len(words)) or 1
    shingles = {" ".join(words[i:i + span]) for i in range(max(1, len(words) - span + 1))}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), np.uint64, len(shingles))
    return ((hashes[:, None] * _A + _B) % _PRIME).min(axis=0)


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
