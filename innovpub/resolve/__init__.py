"""Resolution across documents: from per-document findings to the tables of the dataset."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.lexicons import fold, load_lexicons
from innovpub.compact import compact_document
from innovpub.resolve.duplicates import Candidate, find_copies
from innovpub.loaders.document import page_of
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import stable_id
from innovpub.resolve.editions import consolidate_editions, document_editions, merge_labels
from innovpub.resolve.entities import Resolved
from innovpub.resolve.events import resolve_events
from innovpub.resolve.organizations import resolve_organizations
from innovpub.resolve.people import resolve_people
from innovpub.settings import Settings
from schemas.base import Record
from schemas.dataset import DocumentRow, EventCountRow, MentionRow, QuoteRow, TABLES, ThemeRow


@dataclass(frozen=True)
class Dataset:
    """Every table of the dataset, keyed by table name: lists of rows, or for the largest tables
    (`documents` with their texts, `events`, `mentions`) rows made as they are written."""

    tables: dict[str, Iterable[Record]]


def _document_row(document: AnalysedDocument, copies: dict[str, str]) -> DocumentRow:
    loaded, meta = document.loaded, document.findings.metadata
    return DocumentRow(
        document_id=document.findings.document_id, source=loaded.source, sha256=loaded.sha256,
        kind=meta.kind, title=meta.title, title_start=meta.title_start, title_end=meta.title_end,
        published_on=meta.published_on, published_on_inferred=meta.published_on_inferred,
        authors=meta.authors, text=loaded.text, source_map=list(loaded.source_map),
        page_starts=list(loaded.page_starts), duplicate_of=copies.get(document.findings.document_id))


def _event_counts(documents: list[AnalysedDocument]) -> list[EventCountRow]:
    """Counts per document; a number restated in the same document is kept once."""
    rows = []
    for document in documents:
        seen = set()
        pages = document.loaded.page_starts
        for count in document.findings.event_counts:
            key = (count.edition_year, count.value, fold(count.qualifier or ""))
            if key in seen:
                continue
            seen.add(key)
            rows.append(EventCountRow(
                document_id=document.findings.document_id, edition_year=count.edition_year, value=count.value,
                qualifier=count.qualifier, scope=count.scope, start=count.start, end=count.end,
                page=page_of(pages, count.start), text=count.text, rule=count.rule))
    return rows


def _quotes(documents: list[AnalysedDocument], people: Resolved, organizations: Resolved) -> list[QuoteRow]:
    rows = []
    for document in documents:
        doc_id = document.findings.document_id
        for quote in document.findings.quotes:
            key = fold(quote.speaker) if quote.speaker else None
            person_id = people.by_name.get(key) if key and quote.speaker_kind == "person" else None
            organization_id = organizations.by_name.get(key) if key and quote.speaker_kind == "organization" else None
            rows.append(QuoteRow(
                quote_id=stable_id("quote", doc_id, str(quote.start)), document_id=doc_id, text=quote.text,
                start=quote.start, end=quote.end, page=page_of(document.loaded.page_starts, quote.start),
                speaker_name=quote.speaker, speaker_person_id=person_id,
                speaker_organization_id=organization_id, cue=quote.cue, rule=quote.rule))
    return rows


def _themes(documents: list[AnalysedDocument]) -> list[ThemeRow]:
    mentions = [(d.findings.document_id, t) for d in documents for t in d.findings.themes]
    rows = []
    for kind in ("edition_theme", "topic"):
        of_kind = [(doc_id, t) for doc_id, t in mentions if t.kind == kind]
        for label in merge_labels([t.label for _, t in of_kind]):
            members = [(doc_id, t) for doc_id, t in of_kind
                       if fuzz.partial_ratio(fold(t.label), fold(label)) >= 90]
            rows.append(ThemeRow(
                theme_id=stable_id("theme", kind, fold(label)), label=label, kind=kind,
                edition_years=sorted({t.edition_year for _, t in members if t.edition_year}),
                document_ids=sorted({doc_id for doc_id, _ in members})))
    return rows


def _mentions(documents: list[AnalysedDocument], people: Resolved, organizations: Resolved,
              copies: dict[str, str]) -> Iterator[MentionRow]:
    """Every mention; in a copy, resolution did not see them: a person or an organization is
    found by its name among those of the canonical copy's entities."""
    for document in documents:
        found, doc_id, pages = document.findings, document.findings.document_id, document.loaded.page_starts
        groups = [("person", found.people, people), ("organization", found.organizations, organizations),
                  ("date", found.dates, None), ("quote", found.quotes, None), ("event", found.events, None),
                  ("edition", found.editions, None), ("theme", found.themes, None)]
        for kind, items, resolved in groups:
            for item in items:
                if resolved is None:
                    entity_id = None
                elif doc_id in copies:
                    entity_id = resolved.by_name.get(fold(item.name)) or resolved.by_name.get(fold(item.text))
                else:
                    entity_id = resolved.ids.get((doc_id, item.start))
                yield MentionRow(document_id=doc_id, kind=kind, entity_id=entity_id, start=item.start,
                                 end=item.end, page=page_of(pages, item.start), text=item.text)


def build_dataset(analyses: Iterable[AnalysedDocument], settings: Settings) -> Dataset:
    """Every table of the dataset from the analysed documents, read once; they are held as
    compact copies (`innovpub.compact`, as the cache already gives them) for the whole corpus
    to fit in memory."""
    lexicons = load_lexicons()
    documents = sorted((compact_document(d) for d in analyses), key=lambda d: d.loaded.source)
    copies = find_copies([Candidate(d.findings.document_id, d.loaded.source, d.loaded.media_type,
                                    d.loaded.text) for d in documents])
    # Consolidated tables count a document and its copies once: they are built from the
    # canonical copies; the per-document tables keep every document's rows.
    canonical = [d for d in documents if d.findings.document_id not in copies]
    people = resolve_people(canonical, settings)
    organizations = resolve_organizations(canonical, settings, lexicons)
    per_document = document_editions(documents)
    founding = [int(f.text) for d in canonical for f in d.findings.founding_years]
    tables: dict[str, Iterable[Record]] = {
        "documents": (_document_row(d, copies) for d in documents),
        "editions": consolidate_editions([r for r in per_document if r.document_id not in copies],
                                         founding),
        "document_editions": per_document,
        "event_counts": _event_counts(documents),
        "people": people.rows,
        "organizations": organizations.rows,
        "quotes": _quotes(documents, people, organizations),
        "events": resolve_events(canonical, organizations, settings),
        "themes": _themes(canonical),
        "mentions": _mentions(documents, people, organizations, copies),
    }
    assert set(tables) == {t.name for t in TABLES}, "every table of the contract is built"
    return Dataset(tables)
