"""Run every extractor over one analysed document: the pure whole of extraction."""

from __future__ import annotations

from collections import Counter
from datetime import date

from spacy.tokens import Doc

from extractors.context import DocumentContext
from extractors.counts import extract_event_counts
from extractors.dates import extract_dates
from extractors.editions import extract_editions, extract_founding_years, speaks_of_edition, stated_year
from extractors.events import extract_events
from extractors.lexicons import Lexicons
from extractors.metadata import extract_metadata
from extractors.organizations import extract_organizations
from extractors.people import extract_people
from extractors.quotes import extract_quotes
from extractors.sentences import split_sentences
from extractors.textutils import fold_same_length
from extractors.themes import extract_edition_themes, extract_topics
from schemas.extraction import DateValue, DocumentFindings

# A text published in January or February looks back on the previous November's edition.
LAST_MONTH_OF_RETROSPECTIVE = 2
# The programme is held in November: a text that gives only the edition's year speaks from then,
# so that its year-less dates (`ce mardi 2 novembre`) fall in that year.
EDITION_MONTH = 11


def infer_reference_date(dates: list[DateValue], text: str = "", lexicons: Lexicons | None = None) -> date | None:
    """Without a publication date: the first full date of the year the text dates most; else the
    first of a month it names with its year (`en novembre 2020`); else November of the edition
    year it names (`Semaine IP 2019`) or numbers (`la 11ᵉ édition` → 2024)."""
    stated = [d.starts_on or d.ends_on for d in dates if d.kind in ("day", "range", "days", "until")]
    stated = [d for d in stated if d]
    if not stated:
        stated = [d.starts_on for d in dates if d.kind == "month" and d.starts_on]
    if stated:
        year, _ = Counter(d.year for d in stated).most_common(1)[0]
        return min(d for d in stated if d.year == year)
    year = stated_year(fold_same_length(text), lexicons) if lexicons is not None else None
    return date(year, EDITION_MONTH, 1) if year else None


def edition_year_of(reference: date | None) -> int | None:
    """The edition a document written on `reference` speaks of by default."""
    if reference is None:
        return None
    return reference.year - 1 if reference.month <= LAST_MONTH_OF_RETROSPECTIVE else reference.year


def extract_document(document_id: str, doc: Doc, lexicons: Lexicons,
                     emphasis: tuple[tuple[int, int], ...] = (), text: str | None = None) -> DocumentFindings:
    """Metadata, dates, editions, counts, themes, people, organizations, quotes and events.

    `text` is `doc.text` when the caller has it: spaCy rebuilds `doc.text` from the tokens on
    each access, which costs a run as much as one of the extractors.
    """
    text = doc.text if text is None else text
    metadata = extract_metadata(text, lexicons)
    reference = metadata.published_on or infer_reference_date(extract_dates(text, None), text, lexicons)
    dates = extract_dates(text, reference)
    ctx = DocumentContext(document_id=document_id, text=text, doc=doc, lexicons=lexicons,
                          emphasis=emphasis, reference_date=reference, edition_year=edition_year_of(reference))
    sentences = split_sentences(ctx, dates)
    edition_themes = extract_edition_themes(ctx, sentences)
    topics = extract_topics(ctx, sentences)
    counts = extract_event_counts(ctx, sentences, topics)
    themes_by_sentence: dict[int, list[str]] = {}
    named = [s for s in sentences if speaks_of_edition(s, lexicons)] if edition_themes else []
    for theme in edition_themes:
        # The sentence that names the edition: a theme may run on into the next (`sous le thème «` | `… »`).
        # A self-referring cue (`Le thème retenu cette année est …`) may stand in a sentence of its own:
        # it goes to the last sentence naming the edition before it, else to the first one.
        owner = max((s for s in named if s.start <= theme.start), key=lambda s: s.start, default=None) \
            or next(iter(named), None)
        if owner is not None:
            themes_by_sentence.setdefault(owner.start, []).append(theme.label)
    counted = {s.start for s in sentences for c in counts if s.start <= c.start < s.end and c.scope is None}
    people = extract_people(ctx, metadata.authors)
    organizations = extract_organizations(ctx)
    return DocumentFindings(
        document_id=document_id, metadata=metadata, reference_date=reference,
        edition_year=ctx.edition_year, dates=dates,
        editions=extract_editions(ctx, sentences, themes_by_sentence, counted),
        founding_years=extract_founding_years(sentences, lexicons),
        event_counts=counts, themes=edition_themes + topics, people=people,
        organizations=organizations, quotes=extract_quotes(ctx, people, organizations),
        events=extract_events(ctx, sentences, dates, organizations),
    )
