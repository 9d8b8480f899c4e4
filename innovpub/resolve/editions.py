"""Editions consolidated per year over all documents.

An edition's number is the one the texts state; otherwise it is inferred from the stated
numbers of other years (the 9th in 2022 makes 2021 the 8th), or from the year the programme
began (`Depuis 2014` makes 2014 the 1st), and flagged `number_inferred`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from rapidfuzz import fuzz

from extractors.lexicons import fold
from extractors.textutils import is_upper_text
from innovpub.loaders.document import page_of
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import stable_id
from schemas.dataset import DocumentEditionRow, EditionRow
from schemas.extraction import EditionMention

# Two theme labels at least this similar (partial ratio of folded text) are one theme.
SAME_THEME_RATIO = 90


def merge_labels(labels: list[str]) -> list[str]:
    """Distinct labels, near-duplicates merged into the longest; capitals made lower case.

    `la simplification` and `LA SIMPLIFICATION ADMINISTRATIVE` give `la simplification
    administrative`: a theme is a common noun phrase, written in capitals only in titles.
    """
    kept: list[str] = []
    for label in (l.lower() if is_upper_text(l) else l for l in labels):
        same = next((i for i, k in enumerate(kept) if fuzz.partial_ratio(fold(label), fold(k)) >= SAME_THEME_RATIO), None)
        if same is None:
            kept.append(label)
        elif len(label) > len(kept[same]):
            kept[same] = label
    return kept


def _year_offset(stated: dict[int, int], founding: list[int]) -> int | None:
    """`year - number`, the same for every edition of a yearly programme."""
    offsets = Counter(year - number for year, number in stated.items())
    if offsets:
        return offsets.most_common(1)[0][0]
    if founding:
        return Counter(founding).most_common(1)[0][0] - 1
    return None


def _edition_dates(mentions: list[EditionMention]) -> tuple[date | None, date | None, EditionMention | None]:
    """A document's dates of one edition: the first full range it states, else the first start it
    states (`le mardi 2 novembre, la DITP lance la 8e édition`) with the first end (`le Mois se
    poursuit jusqu'au 30 novembre`); and the mention that gives them."""
    # Dates stated with the edition's name outweigh those of a sentence beside it (`edition.named.dated_beside`).
    full = next((m for m in sorted(mentions, key=lambda m: m.rule.endswith("dated_beside"))
                 if m.starts_on and m.ends_on), None)
    if full:
        return full.starts_on, full.ends_on, full
    start = next((m for m in mentions if m.starts_on), None)
    end = next((m for m in mentions if m.ends_on), None)
    return start.starts_on if start else None, end.ends_on if end else None, start or end


def document_editions(documents: list[AnalysedDocument]) -> list[DocumentEditionRow]:
    """Each document's editions, one row per (document, year), merged over its mentions."""
    rows = []
    for document in documents:
        by_year: dict[int, list[EditionMention]] = defaultdict(list)
        for mention in document.findings.editions:
            by_year[mention.year].append(mention)
        for year, mentions in sorted(by_year.items()):
            starts_on, ends_on, dated = _edition_dates(mentions)
            numbered = next((m for m in mentions if m.number), None)
            first = dated or numbered or mentions[0]
            rows.append(DocumentEditionRow(
                document_id=document.findings.document_id, edition_year=year,
                number=numbered.number if numbered else None, starts_on=starts_on, ends_on=ends_on,
                themes=merge_labels([t for m in mentions for t in m.themes]),
                start=first.start, end=first.end, page=page_of(document.loaded.page_starts, first.start),
                text=first.text, rule=first.rule))
    return rows


def consolidate_editions(rows: list[DocumentEditionRow], founding_years: list[int]) -> list[EditionRow]:
    """One row per edition year over all documents."""
    by_year: dict[int, list[DocumentEditionRow]] = defaultdict(list)
    for row in rows:
        by_year[row.edition_year].append(row)
    stated = {year: Counter(r.number for r in rs if r.number).most_common(1)[0][0]
              for year, rs in by_year.items() if any(r.number for r in rs)}
    offset = _year_offset(stated, founding_years)
    editions = []
    for year, year_rows in sorted(by_year.items()):
        # A full range stated by one document outweighs a start or an end alone stated by others.
        spans = Counter((r.starts_on, r.ends_on) for r in year_rows if r.starts_on and r.ends_on) \
            or Counter((r.starts_on, r.ends_on) for r in year_rows if r.starts_on or r.ends_on)
        starts_on, ends_on = spans.most_common(1)[0][0] if spans else (None, None)
        number = stated.get(year, year - offset if offset is not None else None)
        editions.append(EditionRow(
            edition_id=stable_id("edition", str(year)), year=year, number=number,
            number_inferred=year not in stated and number is not None,
            starts_on=starts_on, ends_on=ends_on,
            themes=merge_labels([t for r in year_rows for t in r.themes]),
            document_ids=sorted({r.document_id for r in year_rows})))
    return editions
