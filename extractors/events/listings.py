"""Bullet listings: `- **Title – Organizer** - Du 17 au 30 novembre`, `- Région : Title - 26 novembre`,
`- **Région : Title organisé par X, les 24 et 25 novembre**`, each with the lines that describe it.
"""

from __future__ import annotations


from extractors.events.lexicon import _places
from extractors.events.naming import _merge, _name_end, _named, _organizer_after, _organizers_in
from extractors.events.reading import _BULLET, _NAME_POS_STOPS, _Doc, _Draft, _Named, _REGION_PREFIX, _SEPARATOR
from extractors.events.titles import _days_in, _first_format, _without_dates
from extractors.lexicons import fold
from extractors.textutils import Line, is_upper_text, iter_lines, strip_span


def _heading(doc: _Doc, body: int, line_end: int) -> tuple[int, int] | None:
    """A listing's heading: its bold span, else the text before (or after) its first date, else the line."""
    bold = next(((a, min(b, line_end)) for a, b in doc.ctx.emphasis if body <= a < line_end), None)
    if bold:
        return bold
    value = next((d for d in doc.days if body <= d.start < line_end), None)
    if value is None:
        return strip_span(doc.text, body, line_end)
    before = strip_span(doc.text, body, doc.date_start(value), " \t,;:-–—")
    return before if before[0] < before[1] else strip_span(doc.text, value.end, line_end, " \t,;:-–—")


def _block_end(doc: _Doc, lines: list[Line], index: int) -> int:
    """The end of a listing with its description: the lines right under it, or the paragraph
    after a blank line when another listing or a heading follows that paragraph."""
    end = lines[index].end
    following = index + 1
    while following < len(lines) and lines[following].text.strip() and not _BULLET.match(lines[following].text):
        end = lines[following].end
        following += 1
    if end > lines[index].end or following >= len(lines):
        return end
    rest = [p for p in doc.paragraphs[doc.paragraph_index(end):] if p.start > end][:2]
    if rest and not _BULLET.match(rest[0].text) and not is_upper_text(rest[0].text) and (
            len(rest) == 1 or _BULLET.match(rest[1].text) or is_upper_text(rest[1].text)):
        return rest[0].end
    return end


def _mentioned(doc: _Doc, start: int, end: int) -> list[_Named]:
    """The organizations the extractor found in `[start, end)`, each cut at a clause end or a date."""
    return [named for m in doc.organizations if start <= m.start < end
            if (named := _named(doc, m.start, min(m.end, _name_end(doc, m.start, end)), proper=False))]


def _organizers_beside(doc: _Doc, end: int, line_end: int) -> list[_Named]:
    """An organizer named on a listing's line after its heading, before or after its dates."""
    days = [d for d in doc.days if end <= d.start < line_end]
    pieces = [(end, doc.date_start(days[0]) if days else line_end)] + ([(days[-1].end, line_end)] if days else [])
    for piece in pieces:
        start, stop = strip_span(doc.text, *piece, " \t\n,;:.-–—")
        if start < stop and doc.text[start].isupper() and (named := _named(doc, start, stop, proper=False)):
            return [named]
    return []


def _is_clause(doc: _Doc, start: int, end: int) -> bool:
    """Whether a listing's heading is a statement, not a title: a finite verb (not an imperative: `Venez
    coder !` is a title) outside quotes, no question
    (`votre événement doit se dérouler entre le …` is a condition in a list; `Qui décide ?` is a title)."""
    if doc.text[start:end].rstrip().endswith(("?", "!")):
        return False
    span = doc.ctx.doc.char_span(start, end, alignment_mode="expand")
    return any(token.pos_ in _NAME_POS_STOPS and "Fin" in token.morph.get("VerbForm")
               and "Imp" not in token.morph.get("Mood") and token.text.islower()
               and doc.masked[token.idx] == doc.folded[token.idx] for token in span or ())


def _bullet_draft(doc: _Doc, body: int, line_end: int, heading: tuple[int, int], block_end: int) -> _Draft | None:
    """One listing: region prefix, title, organizers from the heading or the description, dates."""
    start, end = heading
    region = None
    if prefix := _REGION_PREFIX.match(doc.text, start, end):
        _, regions = _places(doc.lexicons)
        if region := regions.get(fold(prefix["place"])):
            start = prefix.end()
    organizers: list[_Named] = []
    title_end = end
    cue = next((m for rule in doc.lex.organizer_cues if (m := rule.pattern.search(doc.masked, start, end))), None)
    separators = list(_SEPARATOR.finditer(doc.text, start, end))
    if cue:
        title_end = cue.start()
        organizers += [o for o in [_organizer_after(doc, cue.end(), end)] if o]
    elif separators and (named := _named(doc, separators[-1].end(), end)):
        organizers.append(named)
        title_end = separators[-1].start()
    if not organizers:  # `**Title** Etalab - 26 novembre`, `Atelier, mardi 14 novembre, Lab Zéro (Rennes)`
        organizers = _organizers_beside(doc, end, line_end)
    own_line = bool(organizers) or bool(_first_format(doc, start, title_end))
    organizers = _merge(organizers, _organizers_in(doc, end, block_end), doc.lexicons)
    if not organizers:  # `… le datathon du département du Gard`, else one its description names
        organizers = _mentioned(doc, start, title_end) or _mentioned(doc, end, block_end)[:1]
    title = _without_dates(doc, start, title_end)
    days = _days_in(doc, body, line_end)
    event_format = _first_format(doc, start, title_end) or _first_format(doc, end, block_end)
    # Without a date, only a format and an organizer tell an event from any bold list item, one of them
    # on its own line: `- L'innovation au service des agents ;` then a sentence naming other events'
    # formats and organizers is one item of an enumeration, not an event that sentence describes.
    if not title or not (days or event_format and organizers and own_line):
        return None
    if not organizers and _is_clause(doc, start, title_end):
        return None
    return _Draft("event.bullet", body, line_end, title, (start, title_end), organizers, days, event_format,
                  region, (end, block_end))


def _bullet_drafts(doc: _Doc) -> tuple[list[_Draft], list[tuple[int, int]]]:
    """Every listing, and the stretch (listing and description) each one covers."""
    drafts, blocks = [], []
    lines = iter_lines(doc.text)
    for index, line in enumerate(lines):
        bullet = _BULLET.match(line.text)
        heading = bullet and _heading(doc, line.start + bullet.end(), line.end)
        if not heading:
            continue
        block_end = _block_end(doc, lines, index)
        if draft := _bullet_draft(doc, line.start + bullet.end(), line.end, heading, block_end):
            drafts.append(draft)
            blocks.append((line.start, block_end))
    return drafts, blocks
