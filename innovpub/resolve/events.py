"""Events deduplicated across documents: the same first date, no two different organizers, and
near-equal titles, or a shared organizer and one title a shorter form of the other (every word
of `atelier` is in `atelier de design des services`).

A date can list thousands of events, too many to compare every pair, so each rule looks only
at likely candidates:
- near-equal titles share nearly all their words: each pair of a title's `RARE_WORDS` least
  frequent words is a block (a misspelt word leaves a pair intact), and the titles of a block
  are scored together by rapidfuzz's `cdist`, in C;
- a shorter form contains every word of its title: among the events of one date and organizer,
  a title is looked up only in the list of those having its least frequent word there.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz, process

from extractors.lexicons import fold
from innovpub.loaders.document import page_of
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import join, stable_id
from innovpub.resolve.entities import Resolved
from innovpub.settings import Settings
from schemas.dataset import EventRow
from schemas.extraction import EventMention

# Joins the parts of an event's key; no title or name holds it.
_SEPARATOR = "\x1f"
# How many of a title's words, the least frequent first, make its blocks (one per pair).
RARE_WORDS = 3
# Rows of a block scored at once: bounds the score matrix of a large block.
SCORE_ROWS = 512


@dataclass(frozen=True, slots=True)
class _Listing:
    """What decides whether two listings are one event: date, folded title, organizers."""

    day: str
    title: str
    sorted_title: str  # its words sorted: a token-sort ratio is the plain ratio of these
    words: frozenset[str]
    organizers: frozenset[str]  # organization ids, and folded names of unknown organizers

    def may_share_organizer(self, other: _Listing) -> bool:
        """Two listings of one event agree on its organizer when both name one."""
        return not (self.organizers and other.organizers and not self.organizers & other.organizers)


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


def _near_equal_titles(listings: dict[str, _Listing], ratio: float) -> Iterator[tuple[str, str]]:
    """Pairs of listings of one date whose titles reach `ratio` (token-sort) and whose organizers agree."""
    frequency = Counter(word for listing in listings.values() for word in listing.words)
    blocks: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, listing in listings.items():
        if not listing.words:
            continue  # an untitled listing joins only listings with the same key
        rarest = sorted(listing.words, key=lambda word: (frequency[word], word))[:RARE_WORDS]
        for pair in list(combinations(rarest, 2)) or [tuple(rarest)]:  # a title of one word: that word
            blocks[(listing.day, *pair)].append(key)
    for members in blocks.values():
        if len(members) < 2:
            continue
        titles = [listings[key].sorted_title for key in members]
        for offset in range(0, len(members), SCORE_ROWS):
            scores = process.cdist(titles[offset:offset + SCORE_ROWS], titles, scorer=fuzz.ratio, score_cutoff=ratio)
            for row, column in zip(*np.nonzero(scores)):
                a, b = members[offset + row], members[column]
                if offset + row < column and listings[a].may_share_organizer(listings[b]):
                    yield a, b


def _shorter_forms(listings: dict[str, _Listing]) -> Iterator[tuple[str, str]]:
    """Pairs of listings of one date and organizer where every word of one title is in the other."""
    by_organizer: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, listing in listings.items():
        for organizer in listing.organizers:
            by_organizer[(listing.day, organizer)].append(key)
    for members in by_organizer.values():
        if len(members) < 2:
            continue
        having: dict[str, list[str]] = defaultdict(list)
        for key in members:
            for word in listings[key].words:
                having[word].append(key)
        for key in members:
            words = listings[key].words
            if not words:
                continue
            rarest = min(words, key=lambda word: (len(having[word]), word))
            yield from ((key, other) for other in having[rarest] if other != key and words <= listings[other].words)


def resolve_events(documents: list[AnalysedDocument], organizations: Resolved, settings: Settings) -> Iterator[EventRow]:
    """One row per event across documents, its evidence in the first document that lists it.
    The events are grouped at once; each row is made as it is read."""
    mentions: list[tuple[str, EventMention]] = [
        (d.findings.document_id, e) for d in documents for e in d.findings.events]
    names = {row.organization_id: row.name for row in organizations.rows}
    pages = {d.findings.document_id: d.loaded.page_starts for d in documents}
    resolved = [_organizers(e.organizers, organizations, names) for _, e in mentions]
    # Organizers are part of the key: one title on one day by two bodies is two events.
    listings: dict[str, _Listing] = {}  # by key, in the order first listed
    first: dict[str, int] = {}  # the first mention of each key
    keys = []
    for index, ((_, event), (ids, named)) in enumerate(zip(mentions, resolved)):
        bodies = frozenset(ids) | {fold(name) for name in named}
        organizers = bodies - {fold(names[i]) for i in ids}  # each organizer once: its id, or its name
        title = fold(event.title)
        key = _SEPARATOR.join([str(event.starts_on), title, *sorted(bodies)])
        if key not in listings:
            words = title.split()
            listings[key] = _Listing(str(event.starts_on), title, " ".join(sorted(words)), frozenset(words),
                                     organizers)
            first[key] = index
        keys.append(key)
    pairs = [*_near_equal_titles(listings, settings.event_title_match_ratio), *_shorter_forms(listings)]

    groups = join(keys, [(first[a], first[b]) for a, b in pairs])

    def row(group: list[int]) -> EventRow:
        doc_id, listed = mentions[group[0]]
        organizer_ids, organizer_names = resolved[group[0]]
        return EventRow(
            event_id=stable_id("event", keys[group[0]]),
            document_ids=sorted({mentions[i][0] for i in group}), title=listed.title,
            organizer_ids=organizer_ids, organizer_names=organizer_names,
            starts_on=listed.starts_on, ends_on=listed.ends_on, dates=listed.dates,
            dates_inferred=listed.dates_inferred, region=listed.region,
            format=listed.format, online=listed.online, edition_year=listed.edition_year,
            start=listed.start, end=listed.end, page=page_of(pages[doc_id], listed.start), rule=listed.rule)

    return map(row, groups)
