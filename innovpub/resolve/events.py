"""Events deduplicated across documents: same first date and near-equal titles."""

from __future__ import annotations

from rapidfuzz import fuzz

from extractors.lexicons import fold
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.resolve.entities import Resolved
from innovpub.settings import Settings
from schemas.dataset import EventRow
from schemas.extraction import EventMention


def resolve_events(documents: list[AnalysedDocument], organizations: Resolved, settings: Settings) -> list[EventRow]:
    """Events deduplicated across documents: same first date and near-equal titles."""
    mentions: list[tuple[str, EventMention]] = [
        (d.findings.document_id, e) for d in documents for e in d.findings.events]
    keys = [f"{e.starts_on}|{fold(e.title)}" for _, e in mentions]

    def same(a: str, b: str) -> bool:
        (date_a, title_a), (date_b, title_b) = a.split("|", 1), b.split("|", 1)
        return date_a == date_b and fuzz.token_set_ratio(title_a, title_b) >= settings.event_title_match_ratio

    rows = []
    for group in cluster(keys, lambda key: [key.split("|", 1)[0]], same):
        doc_id, first = mentions[group[0]]
        organizer_ids = [organizations.by_name.get(fold(name)) for name in first.organizers]
        rows.append(EventRow(
            event_id=stable_id("event", keys[group[0]]),
            document_ids=sorted({mentions[i][0] for i in group}), title=first.title,
            organizer_ids=[i for i in organizer_ids if i], organizer_names=first.organizers,
            starts_on=first.starts_on, ends_on=first.ends_on, dates=first.dates, region=first.region,
            format=first.format, online=first.online, edition_year=first.edition_year,
            start=first.start, end=first.end, rule=first.rule))
    return rows
