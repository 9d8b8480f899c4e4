"""The review site: every published version's documents with their extractions highlighted.

`write_site` is called by publication inside the version's staging folder, so the site
appears with the dataset in the same atomic switch of `current`. It reads the tables back
from the version's Parquet files, writes `site/index.html`, one page per document, person,
organization, edition and event, two SVG charts, the local CSS and JS, and links to the
source files (`site/sources/`). Pages open from `file://` or `innovpub serve`, with no
network asset and a Content-Security-Policy that allows only the site's own script.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import chain
from multiprocessing import get_context
from pathlib import Path

import pyarrow.parquet as pq

from innovpub.site.charts import documents_by_year, editions_timeline
from innovpub.site.data import Archive, load_archive
from innovpub.site.document import KINDS, document_extractions, document_title, href, page_name
from innovpub.site.entities import entity_body, entity_pages, list_pages
from innovpub.site.highlight import Span, extraction_rows, highlight
from innovpub.site.pages import HERE, MANIFEST, SiteWriter, code_fingerprint

SITE = "site"
PARALLEL_FROM = 5000  # people, organizations and events from which their pages get a process


@dataclass(frozen=True)
class SiteReport:
    """What writing a site did."""

    path: Path
    written: int  # files rendered or placed anew
    linked: int  # files unchanged since the previous version, linked
    seconds: float


def _source_path(source: str) -> str | None:
    """The source file's place under `sources/`, when its name is a plain relative path."""
    parts = Path(source).parts
    if not parts or Path(source).is_absolute() or any(p in ("..", ".") or p.startswith(".") for p in parts):
        return None
    return "sources/" + "/".join(parts)


def _document_pages(archive: Archive, writer: SiteWriter, corpus_dir: Path) -> None:
    for document_id, text in archive.texts():
        document = archive.documents[document_id]
        extractions = document_extractions(archive, document_id)
        source = _source_path(document["source"])
        corpus_file = corpus_dir / document["source"]
        if source and corpus_file.is_file():
            writer.copy(source, corpus_file, document["sha256"])
        else:
            source = None
        duplicate = document.get("duplicate_of")
        kinds = Counter(e["kind"] for e in extractions)
        context = {  # the page's inputs; the text by its hash: JSON-encoding 10,000 texts took 3.5 s
            "document": document, "text_hash": hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest(),
            "extractions": extractions, "source_href": source,
            "duplicate": (duplicate, href("documents", duplicate) if duplicate in archive.documents else None,
                          document_title(archive.documents[duplicate]) if duplicate in archive.documents else duplicate)
            if duplicate else None,
            "legend": [(kind, label, kinds[kind]) for kind, label in KINDS.items()],
        }

        def marked(text: str = text, extractions: list[dict] = extractions) -> dict:
            spans = [Span(e["start"], e["end"], e["kind"], e["id"], _hover(e), e["ref"]) for e in extractions]
            return {"marked_text": highlight(text, spans),
                    "extraction_table": extraction_rows(text, extractions, "../")}

        writer.page(f"documents/{page_name(document_id)}", "document.html", context, marked)


def _hover(extraction: dict) -> str:
    parts = [KINDS.get(extraction["kind"], extraction["kind"]), extraction["table"], extraction["id"]]
    if extraction["rule"]:
        parts.append(f"règle {extraction['rule']}")
    if extraction["label"]:
        parts.append(f"→ {extraction['label']}")
    if extraction["page"] is not None:
        parts.append(f"page {extraction['page']}")
    return " · ".join(parts)


def _index(archive: Archive, writer: SiteWriter, failures: Sequence[object]) -> None:
    extracted = Counter[tuple[str, str]]()
    for kind, groups in (("citations", archive.quotes), ("nombres", archive.event_counts)):
        for document_id, rows in groups.items():
            extracted[(document_id, kind)] += len(rows)
    for document_id, count in archive.events_in.items():
        extracted[(document_id, "événements")] += count
    tally = archive.mentions.table.group_by(["document_id", "kind"]).aggregate([("start", "count")])
    for document_id, kind, count in zip(*(tally.column(n).to_pylist() for n in ("document_id", "kind", "start_count"))):
        if kind in ("person", "organization"):
            extracted[(document_id, "personnes" if kind == "person" else "organisations")] += count
    documents = [{
        "href": href("documents", d["document_id"]), "title": document_title(d), "kind": d["kind"],
        "date": str(d["published_on"] or ""), "source": d["source"], "authors": ", ".join(d["authors"] or []),
        "duplicate_of": d.get("duplicate_of"),
        "extracted": ", ".join(f"{extracted[(d['document_id'], k)]} {k}"
                               for k in ("citations", "personnes", "organisations", "événements", "nombres")
                               if extracted[(d["document_id"], k)]),
    } for d in sorted(archive.documents.values(), key=lambda d: (str(d["published_on"] or ""), d["source"]), reverse=True)]
    editions = [{"href": href("editions", e["edition_id"]), "year": e["year"], "number": e["number"],
                 "themes": e["themes"], "documents": len(e["document_ids"]),
                 "claimed": sorted({c["value"] for rows in archive.event_counts.values() for c in rows
                                    if c["edition_year"] == e["year"]})}
                for e in sorted(archive.editions.values(), key=lambda e: e["year"])]
    failed = [{"source": getattr(f, "source", ""), "stage": getattr(f, "stage", ""), "reason": getattr(f, "reason", "")}
              for f in failures]
    counts = {"documents": len(documents), "people": len(archive.people),
              "organizations": len(archive.organizations), "events": len(archive.events)}
    writer.page("index.html", "index.html", {"documents": documents, "editions": editions, "failed": failed,
                                             "counts": counts})


def _charts(archive: Archive, writer: SiteWriter) -> None:
    """The index's two charts: written with the entity pages, in the second process when there
    is one, the document pages taking the longer (matplotlib's import and drawing, 0.6 s)."""
    chart_documents = [{"published_on": d["published_on"], "kind": d["kind"]} for d in archive.documents.values()]
    counts_rows = [{"edition_year": c["edition_year"], "value": c["value"]}
                   for rows in archive.event_counts.values() for c in rows]
    writer.file("charts/documents.svg", sorted(((str(d["published_on"]), d["kind"]) for d in chart_documents)),
                lambda: documents_by_year(chart_documents))
    editions_rows = list(archive.editions.values())
    writer.file("charts/editions.svg",
                [sorted((e["year"], e["number"], e["themes"]) for e in editions_rows),
                 sorted((c["edition_year"], c["value"]) for c in counts_rows)],
                lambda: editions_timeline(editions_rows, counts_rows))


def _entity_files(dataset_dir: Path, root: Path, previous: Path | None) -> tuple[dict[str, str], int, int]:
    """Write the pages of people, organizations, editions and events, their lists and the
    index's charts; return the files' hashes and how many were written and linked."""
    writer = SiteWriter(root, previous)
    archive = load_archive(dataset_dir, for_documents=False)
    for relative, content in chain(entity_pages(archive), list_pages(archive)):
        writer.framed(relative, content["heading"], lambda root, content=content: entity_body(content, root))
    _charts(archive, writer)
    return writer.hashes, writer.written, writer.linked


def _entity_rows(dataset_dir: Path) -> int:
    return sum(pq.ParquetFile(dataset_dir / f"{table}.parquet").metadata.num_rows
               for table in ("people", "organizations", "events"))


def write_site(dataset_dir: Path, root: Path, previous_site: Path | None, corpus_dir: Path,
               failures: Sequence[object] = ()) -> SiteReport:
    """Write into `root` the site of the published tables in `dataset_dir`.

    `previous_site` is the current version's site, whose unchanged files are linked.
    `failures` are the documents that could not be read (`DocumentFailure`), listed on the index.
    A large archive's entity pages and the charts are written by a second process while this one
    writes the document pages: for 2,000 synthetic documents the two halves take about 3 s each
    (the second one's start, 0.5 s of imports, included), the site 3.1 s where it took 4.7 s.
    """
    began = time.perf_counter()
    previous = previous_site.resolve() if previous_site and (previous_site / MANIFEST).is_file() else None
    writer = SiteWriter(root, previous)
    with ExitStack() as stack:
        entities = None
        if _entity_rows(dataset_dir) >= PARALLEL_FROM:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")))
            entities = pool.submit(_entity_files, dataset_dir, root, previous)
        archive = load_archive(dataset_dir)
        for asset in sorted((HERE / "assets").iterdir()):
            writer.copy(f"assets/{asset.name}", asset, code_fingerprint())
        _document_pages(archive, writer, corpus_dir)
        _index(archive, writer, failures)
        del archive
        writer.merge(*(entities.result() if entities else _entity_files(dataset_dir, root, previous)))
    os.sync()  # one flush for the many files, where an fsync each took 20 s for 10,000 documents
    seconds = time.perf_counter() - began
    writer.finish(seconds)
    return SiteReport(root, writer.written, writer.linked, seconds)
