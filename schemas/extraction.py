"""What the extractors find in one document, before resolution across documents.

Every finding carries its evidence (`start`, `end`, `text`) and the id of the rule that made it,
so a wrong value can be traced back to its place in the source and to the rule.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from schemas.base import Evidence, Record

SpeakerKind = Literal["person", "organization"]
DateKind = Literal["day", "range", "days", "until", "month", "year"]


class Finding(Evidence):
    """A span of the document text found by a rule."""

    text: str
    rule: str


class DateValue(Finding):
    """A date expression resolved against the document's publication date.

    `du 2 au 30 novembre` gives kind `range`; `les 24 et 25 novembre` gives `days`;
    `jusqu'au 4 décembre` gives `until` (no start). `inferred`: the text writes no year, it comes
    from the reference date (and the weekday, when one is written: `mardi 14/03`).
    """

    kind: DateKind
    starts_on: date | None
    ends_on: date | None
    dates: list[date]
    inferred: bool = False


class EditionMention(Finding):
    """An edition of the Mois de l'innovation publique as one document speaks of it."""

    year: int
    number: int | None
    starts_on: date | None
    ends_on: date | None
    themes: list[str]


class EventCountMention(Finding):
    """A stated number of events: `près de 300 événements`."""

    edition_year: int
    value: int
    qualifier: str | None
    scope: str | None


class ThemeMention(Finding):
    """An edition theme or a topic events are grouped under."""

    label: str
    kind: Literal["edition_theme", "topic"]
    edition_year: int | None


class PersonMention(Finding):
    """A named person; `name` is the display form (`Louis Jacquart` for `Louis JACQUART`)."""

    name: str
    role: str | None
    email: str | None


class OrganizationMention(Finding):
    """A named organization, with its acronym when the text defines or uses one."""

    name: str
    acronym: str | None
    kind: str | None


class QuoteMention(Finding):
    """A quotation and who the text says said it."""

    speaker: str | None
    speaker_kind: SpeakerKind | None
    cue: str


class EventMention(Finding):
    """An event listed in the document; the span is the whole listing or sentence."""

    title: str
    organizers: list[str]
    starts_on: date | None
    ends_on: date | None
    dates: list[date]
    # The text gives no year for them (`ce vendredi 18 novembre`): it comes from the publication
    # date or the edition, checked against a written weekday.
    dates_inferred: bool = False
    region: str | None
    format: str | None
    online: bool | None
    edition_year: int | None


class DocumentMetadata(Record):
    """What a document says about itself."""

    kind: Literal["communique", "article", "unknown"]
    title: str | None
    title_start: int | None
    title_end: int | None
    published_on: date | None
    published_on_inferred: bool
    authors: list[str]


class DocumentFindings(Record):
    """Everything the extractors found in one document."""

    document_id: str
    metadata: DocumentMetadata
    reference_date: date | None
    edition_year: int | None
    dates: list[DateValue]
    editions: list[EditionMention]
    founding_years: list[Finding]
    event_counts: list[EventCountMention]
    themes: list[ThemeMention]
    people: list[PersonMention]
    organizations: list[OrganizationMention]
    quotes: list[QuoteMention]
    events: list[EventMention]
