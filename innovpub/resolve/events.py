"""Events deduplicated across documents: same first date, no two different organizers, and
near-equal titles or, when one title is a shorter form of the other (`atelier` and `atelier
de design des services`), a shared organizer.

Blocking: a date can list thousands of events, too many to compare every pair. Near-equal
titles share their rarest words, so an event is compared only with the events of its date that
share one of the `RARE_WORDS` least frequent words of its title, or one of its organizers
(which covers the shorter forms).
"""

from __future__ import annotations

from collections import Counter

from rapidfuzz import fuzz

from extractors.lexicons import fold
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.resolve.entities import Resolved
from innovpub.settings import Settings
from schemas.dataset import EventRow
from schemas.extraction import EventMention

# Joins the parts of an event's key; no title or name holds it.
_SEPARATOR = "\x1f"
# How many of a title's words, the least frequent first, put it in a block.
RARE_WORDS = 2


def _organizers(written: list[str], organizations: Resolved, names: dict[str, str]) -> tuple[list[str], list[str]]:
    """Each organizer's organization id and name (`DITP` is the `Direction interministérielle de la
    transformation publique`); a name that matches no organization is kept as written."""
    ids: list[str] = []
    named: list[str] = []
    for name in written:
        organization_id = organizations.by_name.get(fold(name))
        if organization_id in ids:
            continue
        if organization_id:
            ids.append(organization_id)
        canonical = names[organization_id] if organization_id else name
        if canonical not in named:
            named.append(canonical)
    return ids, named


def resolve_events(documents: list[AnalysedDocument], organizations: Resolved, settings: Settings) -> list[EventRow]:
    """One row per event across documents, its evidence in the first document that lists it."""
    mentions: list[tuple[str, EventMention]] = [
        (d.findings.document_id, e) for d in documents for e in d.findings.events]
    names = {row.organization_id: row.name for row in organizations.rows}
    resolved = [_organizers(e.organizers, organizations, names) for _, e in mentions]
    # Organizers are part of the key: one title on one day by two bodies is two events.
    facts: dict[str, tuple[str, str, frozenset[str]]] = {}
    keys = []
    for (_, event), (ids, named) in zip(mentions, resolved):
        bodies = frozenset(ids) | {fold(name) for name in named}
        key = _SEPARATOR.join([str(event.starts_on), fold(event.title), *sorted(bodies)])
        facts[key] = (str(event.starts_on), fold(event.title), bodies)
        keys.append(key)

    def same(a: str, b: str) -> bool:
        (date_a, title_a, bodies_a), (date_b, title_b, bodies_b) = facts[a], facts[b]
        # Two listings of one event agree on its organizer when both name one.
        if date_a != date_b or bodies_a and bodies_b and not bodies_a & bodies_b:
            return False
        if fuzz.token_sort_ratio(title_a, title_b) >= settings.event_title_match_ratio:
            return True
        # One title within the other says little alone: `atelier` is in every `atelier …`.
        return fuzz.token_set_ratio(title_a, title_b) >= settings.event_title_match_ratio and bool(bodies_a & bodies_b)

    frequency = Counter(word for _, title, _ in facts.values() for word in set(title.split()))

    def blocks(key: str) -> list[tuple[str, str]]:
        day, title, bodies = facts[key]
        rare = sorted(set(title.split()), key=lambda word: (frequency[word], word))[:RARE_WORDS]
        return [(day, word) for word in rare or [""]] + [(day, _SEPARATOR + body) for body in sorted(bodies)]

    rows = []
    for group in cluster(keys, blocks, same):
        doc_id, first = mentions[group[0]]
        organizer_ids, organizer_names = resolved[group[0]]
        rows.append(EventRow(
            event_id=stable_id("event", keys[group[0]]),
            document_ids=sorted({mentions[i][0] for i in group}), title=first.title,
            organizer_ids=organizer_ids, organizer_names=organizer_names,
            starts_on=first.starts_on, ends_on=first.ends_on, dates=first.dates, region=first.region,
            format=first.format, online=first.online, edition_year=first.edition_year,
            start=first.start, end=first.end, rule=first.rule))
    return rows
