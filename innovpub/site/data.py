"""The published tables, read back from a version's Parquet files and grouped for the site.

Everything but the documents' texts is held in memory (ids, names, evidence rows); the texts
are streamed a batch at a time when the document pages are written, and the mentions, the
largest table (60 a document), stay in Arrow, sorted by document, turned into rows a document
at a time: as Python dicts they took 430 MB for 10,000 documents. Rows are plain dicts, so
fields another version of the schema adds (`page`, `duplicate_of`) are read with `.get`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

TEXT_BATCH = 256  # documents whose texts are in memory at a time


class ByDocument:
    """A table's rows grouped by document, kept as Arrow until a document's are asked for."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table.take(pc.sort_indices(table, [("document_id", "ascending")])).combine_chunks()
        runs = pc.run_end_encode(self.table.column("document_id").combine_chunks())
        ends = runs.run_ends.to_pylist()
        self._slices = dict(zip(runs.values.to_pylist(), zip([0, *ends[:-1]], ends)))

    def get(self, document_id: str, default: tuple = ()) -> list[dict] | tuple:
        """The document's rows, as dicts."""
        if document_id not in self._slices:
            return default
        start, end = self._slices[document_id]
        return self.table.slice(start, end - start).to_pylist()

    def items(self) -> list[tuple[str, int]]:
        """Each document and how many rows it has."""
        return [(document_id, end - start) for document_id, (start, end) in self._slices.items()]


class Events:
    """The events table, kept in Arrow and read as dicts a batch at a time: as dicts all at once,
    the 124,000 events of 10,000 synthetic documents took 275 MB."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table.combine_chunks()

    def __len__(self) -> int:
        return self.table.num_rows

    def rows(self) -> Iterator[dict]:
        """Every event, in the table's order."""
        for batch in self.table.to_batches(max_chunksize=TEXT_BATCH * 8):
            yield from batch.to_pylist()


@dataclass
class Archive:
    """The tables a site is made from, indexed the ways its pages look them up."""

    dataset_dir: Path
    documents: dict[str, dict]  # without their texts and source maps
    editions: dict[str, dict]
    people: dict[str, dict]
    organizations: dict[str, dict]
    events: Events
    themes: dict[str, dict]
    edition_by_year: dict[int, str] = field(default_factory=dict)
    quotes: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # by document
    mentions: ByDocument | None = None
    event_counts: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    document_editions: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    events_in: ByDocument | None = None  # the events, by the document their evidence is in

    def texts(self) -> Iterator[tuple[str, str]]:
        """Each document's id and text, in the table's order, a batch at a time."""
        parquet = pq.ParquetFile(self.dataset_dir / "documents.parquet")
        for batch in parquet.iter_batches(batch_size=TEXT_BATCH, columns=["document_id", "text"]):
            yield from zip(batch.column(0).to_pylist(), batch.column(1).to_pylist())


def _rows(dataset_dir: Path, table: str, skip: tuple[str, ...] = ()) -> list[dict]:
    path = dataset_dir / f"{table}.parquet"
    columns = [name for name in pq.read_schema(path).names if name not in skip]
    return pq.read_table(path, columns=columns).to_pylist()


def _by_document(rows: list[dict], into: dict[str, list[dict]]) -> None:
    for row in rows:
        into[row["document_id"]].append(row)


def load_archive(dataset_dir: Path, for_documents: bool = True) -> Archive:
    """Read every table of a published dataset but the documents' texts; without the mentions
    and each document's editions unless `for_documents` (the entity pages do not need them)."""
    archive = Archive(
        dataset_dir=dataset_dir,
        documents={r["document_id"]: r for r in _rows(dataset_dir, "documents", skip=("text", "source_map"))},
        editions={r["edition_id"]: r for r in _rows(dataset_dir, "editions")},
        people={r["person_id"]: r for r in _rows(dataset_dir, "people")},
        organizations={r["organization_id"]: r for r in _rows(dataset_dir, "organizations")},
        events=Events(pq.read_table(dataset_dir / "events.parquet")),
        themes={r["theme_id"]: r for r in _rows(dataset_dir, "themes")},
    )
    archive.edition_by_year = {row["year"]: edition_id for edition_id, row in archive.editions.items()}
    _by_document(_rows(dataset_dir, "quotes"), archive.quotes)
    _by_document(_rows(dataset_dir, "event_counts"), archive.event_counts)
    if for_documents:
        archive.mentions = ByDocument(pq.read_table(dataset_dir / "mentions.parquet"))
        _by_document(_rows(dataset_dir, "document_editions"), archive.document_editions)
        _place_events(archive)
    return archive


def _place_events(archive: Archive) -> None:
    """Find the document each event's evidence is in: the one of its documents where an event
    mention has exactly its offsets (the first of them otherwise). The events are then kept by
    that document, read a document at a time: one `take` a document took 0.2 ms each."""
    table = archive.mentions.table
    events = table.filter(pc.equal(table.column("kind"), "event"))
    spans = set(zip(*(events.column(name).to_pylist() for name in ("document_id", "start", "end"))))
    columns = (archive.events.table.column(name).to_pylist() for name in ("document_ids", "start", "end"))
    rows, homes = [], []
    for row, (documents, start, end) in enumerate(zip(*columns)):
        documents = documents or []
        home = next((d for d in documents if (d, start, end) in spans), documents[0] if documents else None)
        if home in archive.documents:
            rows.append(row)
            homes.append(home)
    placed = archive.events.table.take(pa.array(rows, pa.int64()))
    archive.events_in = ByDocument(placed.append_column("document_id", pa.array(homes, pa.string())))
