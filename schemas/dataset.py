"""The published dataset: one model per table of the dataset contract.

Field names and meanings follow `docs/dataset.md`; fields beyond the contract's minimum are
marked in their docstrings. `TABLES` fixes the table names, their row models, primary keys and
foreign keys, which the publisher turns into `datapackage.json`.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from schemas.base import Evidence, Record


class DocumentRow(Record):
    """A corpus document; `text` is the normalised text every offset refers to.

    Beyond the contract: `source_map`, segments `[text_start, source_start, length]` that map
    a text offset back to a character offset of the decoded source; `title_start`/`title_end`.
    `page_starts`: for a paged source (PDF), the text offset where each page begins, else empty;
    `duplicate_of`: the `document_id` of the canonical copy when this document is the same text
    in another format or file (`innovpub.duplicates`), else null.
    """

    document_id: str
    source: str
    sha256: str
    kind: Literal["communique", "article", "unknown"]
    title: str | None
    title_start: int | None
    title_end: int | None
    published_on: date | None
    published_on_inferred: bool
    authors: list[str]
    text: str
    source_map: list[list[int]]
    page_starts: list[int]
    duplicate_of: str | None


class PagedEvidence(Evidence):
    """Evidence with the 1-based page of `start` in a paged source (PDF); null otherwise."""

    page: int | None


class EditionRow(Record):
    """One edition year, consolidated over all documents."""

    edition_id: str
    year: int
    number: int | None
    number_inferred: bool
    starts_on: date | None
    ends_on: date | None
    themes: list[str]
    document_ids: list[str]


class DocumentEditionRow(PagedEvidence):
    """Beyond the contract: an edition as one document states it (per-document evidence)."""

    document_id: str
    edition_year: int
    number: int | None
    starts_on: date | None
    ends_on: date | None
    themes: list[str]
    text: str
    rule: str


class EventCountRow(PagedEvidence):
    """A stated number of events of an edition."""

    document_id: str
    edition_year: int
    value: int
    qualifier: str | None
    scope: str | None
    text: str
    rule: str


class RoleRow(Record):
    """A role of a person as written in one document."""

    role: str
    document_id: str


class PersonRow(Record):
    """A real-world person, deduplicated across documents."""

    person_id: str
    name: str
    aliases: list[str]
    roles: list[RoleRow]
    emails: list[str]
    document_ids: list[str]


class OrganizationRow(Record):
    """A real-world organization, deduplicated across documents."""

    organization_id: str
    name: str
    acronym: str | None
    kind: str | None
    aliases: list[str]
    document_ids: list[str]


class QuoteRow(PagedEvidence):
    """A quotation with its speaker, resolved to a person or an organization where possible."""

    quote_id: str
    document_id: str
    text: str
    speaker_name: str | None
    speaker_person_id: str | None
    speaker_organization_id: str | None
    cue: str
    rule: str


class EventRow(PagedEvidence):
    """An event, deduplicated across documents; evidence in its first document."""

    event_id: str
    document_ids: list[str]
    title: str
    organizer_ids: list[str]
    organizer_names: list[str]
    starts_on: date | None
    ends_on: date | None
    dates: list[date]
    dates_inferred: bool  # no year written: taken from the publication date or the edition
    region: str | None
    format: str | None
    online: bool | None
    edition_year: int | None
    rule: str


class ThemeRow(Record):
    """An edition theme or a topic events are grouped under."""

    theme_id: str
    label: str
    kind: Literal["edition_theme", "topic"]
    edition_years: list[int]
    document_ids: list[str]


MentionKind = Literal["person", "organization", "date", "place", "event", "quote", "edition", "theme"]


class MentionRow(PagedEvidence):
    """One place in one document where an entity or value is mentioned."""

    document_id: str
    kind: MentionKind
    entity_id: str | None
    text: str


class TableSpec(BaseModel):
    """How a table is published: its row model and its keys."""

    name: str
    model: type[Record]
    primary_key: list[str] | None
    foreign_keys: list[tuple[str, str, str]] = []  # (field, referenced table, referenced field)
    description: str


TABLES: list[TableSpec] = [
    TableSpec(name="documents", model=DocumentRow, primary_key=["document_id"],
              description="Corpus documents with their normalised text."),
    TableSpec(name="editions", model=EditionRow, primary_key=["edition_id"],
              description="Editions of the Mois de l'innovation publique, one per year."),
    TableSpec(name="document_editions", model=DocumentEditionRow, primary_key=None,
              foreign_keys=[("document_id", "documents", "document_id")],
              description="Editions as each document states them."),
    TableSpec(name="event_counts", model=EventCountRow, primary_key=None,
              foreign_keys=[("document_id", "documents", "document_id")],
              description="Numbers of events stated by the documents."),
    TableSpec(name="people", model=PersonRow, primary_key=["person_id"],
              description="People, deduplicated across documents."),
    TableSpec(name="organizations", model=OrganizationRow, primary_key=["organization_id"],
              description="Organizations, deduplicated across documents."),
    TableSpec(name="quotes", model=QuoteRow, primary_key=["quote_id"],
              foreign_keys=[("document_id", "documents", "document_id"),
                            ("speaker_person_id", "people", "person_id"),
                            ("speaker_organization_id", "organizations", "organization_id")],
              description="Quotations and their speakers."),
    TableSpec(name="events", model=EventRow, primary_key=["event_id"],
              description="Events listed by the documents, deduplicated across documents."),
    TableSpec(name="themes", model=ThemeRow, primary_key=["theme_id"],
              description="Edition themes and event topics."),
    TableSpec(name="mentions", model=MentionRow, primary_key=None,
              foreign_keys=[("document_id", "documents", "document_id")],
              description="Every place an entity or value is mentioned."),
]
