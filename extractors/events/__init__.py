"""Events listed in a document, behind one `extract_events`.

Each kind of input has its module: `listings` (bullet listings and the lines under them),
`programme` with `agenda` (entries opening on a day: `[Le mardi 14/03 de 9h à 10h30] [Atelier] …`),
`slots` (timed slots: `9h30 : Plénière « … »`, and the sessions they count) and `front_matter` (the
event a page's front matter dates), `prose` (an organizer's verb, a participle or a noun naming an
event, or one format with its day). They share `reading` (the document as the rules read it),
`naming` (organizers and places), `announcement` (who announces a programme), `titles` (titles,
formats, dates, the finished mention) and `lexicon` (lexicons/events.yaml).
Names with a leading underscore are the package's own, shared between its modules.
"""

from __future__ import annotations

from extractors.context import DocumentContext
from extractors.events.lexicon import LEXICON_PATH, EventLexicon, load_event_lexicon
from extractors.events.listings import _bullet_drafts
from extractors.events.naming import _merge
from extractors.events.programme import _programme_drafts
from extractors.events.prose import (_cue_drafts, _date_later, _dated_format_drafts, _heading_drafts,
                                    _into_headings, _named_event_drafts, _nominal_drafts, _verb_drafts,
                                    _without_descriptions, _without_generic, _without_repeats)
from extractors.events.reading import _Doc, _Draft
from extractors.events.titles import _mention, _without_dates
from extractors.sentences import Sentence
from schemas.extraction import DateValue, EventMention, OrganizationMention

__all__ = ["LEXICON_PATH", "EventLexicon", "extract_events", "load_event_lexicon"]


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `offset` lies in one of `spans`."""
    return any(a <= offset < b for a, b in spans)


def _place_context(doc: _Doc, prose: list[_Draft]) -> None:
    """The stretch where a prose event's place may be written: its sentence, and the next one of its
    paragraph, when neither tells another event (`… organise un hackathon les 19 et 20 novembre.
    Les équipes se retrouveront à Station F`)."""
    starts = sorted(d.start for d in prose)
    for index, sentence in enumerate(doc.sentences):
        own = [d for d in prose if sentence.start <= d.start < sentence.end]
        if len(own) != 1:
            continue
        end = sentence.end
        following = doc.sentences[index + 1] if index + 1 < len(doc.sentences) else None
        if following and doc.paragraph_index(following.start) == doc.paragraph_index(sentence.start) and not any(
                following.start <= s < following.end for s in starts):
            end = following.end
        own[0].paragraph = (sentence.start, end)


def _with_listed_organizers(doc: _Doc, programme: list[_Draft], bullets: list[_Draft]) -> None:
    """A slot written as a listing (`- 14h : Atelier « … » – Lab 110 bis`) takes the organizer the listing
    rule reads after its separator, and its title stops there."""
    for bullet in bullets:
        slot = next((d for d in programme if d.rule.startswith("event.slot") and d.start <= bullet.start < d.end), None)
        if slot is None or not bullet.organizers:
            continue
        slot.organizers = _merge(slot.organizers, bullet.organizers, doc.lexicons)
        start, end = slot.title_span
        if start < bullet.title_span[1] < end:
            slot.title_span = (start, bullet.title_span[1])
            slot.title = _without_dates(doc, start, bullet.title_span[1])


def _told_by_entry(draft: _Draft, entries: list[_Draft]) -> bool:
    """Whether a prose event inside an agenda entry's description is that entry again: undated or on its
    day (`Le Lab Ouest anime une journée …` under `Le lundi 13/03 … [Atelier] …`)."""
    return any(entry.extra_text and entry.start <= draft.start < entry.extra_text[1] and (
        not draft.dates or draft.dates[0].starts_on == entry.dates[0].starts_on) for entry in entries)


def extract_events(ctx: DocumentContext, sentences: list[Sentence], dates: list[DateValue],
                   organizations: list[OrganizationMention]) -> list[EventMention]:
    """Programmes first, then listings outside them, then events in the prose outside both, in text order."""
    doc = _Doc(ctx, dates, organizations, sentences)
    programme, covered = _programme_drafts(doc)
    bullets, blocks = _bullet_drafts(doc)
    _with_listed_organizers(doc, programme, bullets)
    taken = covered + [(d.start, d.end) for d in programme]
    kept = [(bullet, block) for bullet, block in zip(bullets, blocks) if not _within(block[0], taken)]
    bullets, blocks = [b for b, _ in kept], [block for _, block in kept]
    entries = [d for d in programme if d.rule == "event.agenda"]
    # Prose reads an entry's description (an event of another day may be told there), not its heading.
    descriptions = {(d.start, d.extra_text[1]) for d in entries if d.extra_text}
    skipped = [span for span in covered if span not in descriptions] + blocks + [(d.start, d.end) for d in programme]
    prose: list[_Draft] = []
    for sentence in doc.sentences:
        if any(a <= sentence.start < b or sentence.start <= a < sentence.end for a, b in skipped):
            continue
        found = _verb_drafts(doc, sentence) + _nominal_drafts(doc, sentence)
        found += _cue_drafts(doc, sentence, found)
        prose += found or _heading_drafts(doc, sentence) or _dated_format_drafts(doc, sentence) or _named_event_drafts(
            doc, sentence)
    prose = _without_descriptions(doc, bullets, blocks, prose)
    _place_context(doc, prose)
    starts = sorted(d.start for d in programme + bullets + prose)
    _date_later(doc, prose, starts)
    prose = [d for d in _into_headings(doc, _without_generic(doc, prose)) if not _told_by_entry(d, entries)]
    drafts = _without_repeats(doc, sorted(programme + bullets + prose, key=lambda d: d.start))
    return [_mention(doc, draft, ctx.edition_year) for draft in drafts]
