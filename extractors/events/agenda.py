"""Agenda entries: a line that opens on a day, then an hour or bracketed labels, each an event.

`[Le mardi 14/03 de 9h à 10h30] [Atelier] Title`, `Le jeudi 09/03 de 10h à 12h` with `[Quiz]
Title` on the next line, `Mardi 16 novembre, 10h-11h30 : Title`, `[Atelier] Title — jeudi 9 mars, 14h`.
Its description runs to the next entry; it names organizers beside the programme's announcers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.events.announcement import _announcers
from extractors.events.lexicon import _formats
from extractors.events.listings import _is_clause
from extractors.events.naming import _merge, _organizer_after_separator, _organizers_in, _place_at, _region
from extractors.events.reading import _BULLET, _HOUR, _NUMBERED, _SEPARATOR, _Doc, _Draft
from extractors.events.titles import _head_format, _without_dates
from extractors.lexicons import fold
from extractors.textutils import Line, strip_span
from schemas.extraction import DateValue

_HOURS = re.compile(rf"[\s,;–—-]*(?:(?:de|dès|à partir de|à|a)\s+)?{_HOUR}"
                    rf"(?:\s*(?:-|–|—|/|à|a)\s*{_HOUR})?", re.IGNORECASE)
_LABEL = re.compile(r"[ \t]*\[([^\[\]\n]{1,80})\]")
_AFTER_DAY = re.compile(r"[ \t]*\]?[ \t]*(?:[:,–—|-][ \t]*)?")
# An entry whose line after its day holds only a place (`– Lyon`, `Maison de la Région, Marseille`)
# takes its title from a heading right above it, of at most so many words.
MAX_PLACE_WORDS = 8
MAX_HEADING_WORDS = 16
# An entry's description runs over at most this many paragraphs (text, practical lines, a link).
DESCRIPTION_PARAGRAPHS = 6


@dataclass(frozen=True)
class _Entry:
    """An agenda entry: the line(s) that head it, its title and labels, and its day."""

    start: int
    end: int
    title_span: tuple[int, int]
    labels: list[str]
    day: DateValue


def _labels(doc: _Doc, pos: int, end: int) -> tuple[list[str], int]:
    """The bracketed labels from `pos` (`[Atelier] [Données]`) and where they end."""
    labels = []
    while (label := _LABEL.match(doc.text, pos, end)) and label.group(1).strip():
        labels.append(label.group(1).strip())
        pos = label.end()
    return labels, pos


def _entry_at(doc: _Doc, lines: list[Line], index: int) -> _Entry | None:
    """An agenda entry heading the line `index`: a day at its start, then hours or labels."""
    line = lines[index]
    pos = strip_span(doc.text, line.start, line.end, " \t[*")[0]
    day = doc.date_at(pos)
    if day is None:
        return _labelled_entry(doc, line)
    if day.kind == "until" or day.end > line.end:
        return None
    pos = day.end
    hours = _HOURS.match(doc.text, pos, line.end)
    pos = hours.end() if hours else pos
    pos = _AFTER_DAY.match(doc.text, pos, line.end).end()
    labels, pos = _labels(doc, pos, line.end)
    end = line.end
    if not (labels or hours) and pos >= strip_span(doc.text, pos, line.end)[1]:
        # `Atelier « Écrire clair »` | `Le 9 mars 2023`: a day alone under the event's heading.
        heading = _format_heading_above(doc, lines, index)
        if heading and day.starts_on != doc.ctx.reference_date:
            return _Entry(heading[0], line.end, heading, [], day)
        # `Mardi 20 mars` | `Atelier de co-design des services` | `De 9h à 12h, Besançon`: the title below.
        below = _format_line_below(doc, lines, index)
        return _Entry(line.start, below[1], below, [], day) if below and (
            day.starts_on != doc.ctx.reference_date) else None
    if pos >= strip_span(doc.text, pos, line.end)[1] and index + 1 < len(lines) and lines[index + 1].text.strip():
        # `Le jeudi 09/03 de 10h à 12h` | `[Quiz] Êtes-vous incollable ?`
        following = lines[index + 1]
        more, pos = _labels(doc, following.start, following.end)
        labels += more
        end = following.end
    start, stop = strip_span(doc.text, pos, end, " \t\n,;:-–—")
    separated = doc.text[day.end:pos].strip(" \t]").startswith((":", "–", "—", "-"))
    title_format = start < stop and _head_format(doc, doc.text[start:stop])
    if not (labels or hours or separated and title_format) or (start >= stop and not labels):
        return None
    if not labels and start < stop and _is_clause(doc, start, stop):
        return None  # `Le 14 mars de 10h à 12h, la DITP organise …` is prose, read by the prose rules
    if not (labels or title_format) and day.starts_on == doc.ctx.reference_date:
        return None  # `26/10/2021 à 10h00 - Par la rédaction` dates the page
    heading = None if labels or title_format else _heading_above(doc, lines, index, start, stop)
    if heading:
        return _Entry(heading[0], end, heading, labels, day)
    return _Entry(line.start, end, (start, stop), labels, day)


def _format_heading_above(doc: _Doc, lines: list[Line], index: int) -> tuple[int, int] | None:
    """A heading right above a line, short, no sentence, that opens on an event format: `Atelier « … »`."""
    if index == 0:
        return None
    title = strip_span(doc.text, lines[index - 1].start, lines[index - 1].end)
    text = doc.text[slice(*title)]
    if not text or text.endswith(".") or len(text.split()) > MAX_HEADING_WORDS or doc.date_at(title[0]):
        return None
    return title if _head_format(doc, text) else None


def _format_line_below(doc: _Doc, lines: list[Line], index: int) -> tuple[int, int] | None:
    """The line right under a day alone on its line, when short, no sentence, opening on an event format."""
    if index + 1 >= len(lines) or _BULLET.match(lines[index + 1].text) or _NUMBERED.match(lines[index + 1].text):
        return None  # `Mardi 14 mars` | `- 10h : Webinaire …`: a day over slots, read as a programme
    title = strip_span(doc.text, lines[index + 1].start, lines[index + 1].end)
    text = doc.text[slice(*title)]
    if not text or text[0].isdigit() or text.endswith(".") or len(text.split()) > MAX_HEADING_WORDS or doc.date_at(title[0]):
        return None
    return title if _head_format(doc, text) and not _is_clause(doc, *title) else None


def _heading_above(doc: _Doc, lines: list[Line], index: int, start: int, stop: int) -> tuple[int, int] | None:
    """The title a heading right above gives an entry whose own line only says where:
    `Atelier « Simplifions »` over `Le 18 novembre de 14h à 16h – Lyon`."""
    words = doc.text[start:stop].split()
    if index == 0 or len(words) > MAX_PLACE_WORDS or not _region(doc, [(start, stop)]):
        return None
    above = lines[index - 1]
    title = strip_span(doc.text, above.start, above.end)
    text = doc.text[slice(*title)]
    if not text or text.endswith(".") or len(text.split()) > MAX_HEADING_WORDS or doc.date_at(title[0]):
        return None
    return title


def _labelled_entry(doc: _Doc, line: Line) -> _Entry | None:
    """An entry that opens on a format label, its day later on the line:
    `[Atelier] Concevoir avec les usagers — jeudi 9 mars, 14h-16h, Lab Ouest (Brest)`."""
    labels, pos = _labels(doc, line.start, line.end)
    if not any(_formats(doc.lexicons).search(fold(label)) for label in labels):
        return None
    day = next((d for d in doc.days if pos <= d.start < line.end and d.kind != "until"), None)
    if day is None:
        return None
    start, stop = strip_span(doc.text, pos, doc.date_start(day), " \t\n,;:-–—")
    return _Entry(line.start, line.end, (start, stop), labels, day) if start < stop else None


def _entry_format(doc: _Doc, entry: _Entry, title: str) -> str | None:
    """The format a label names (`[Table ronde, Démo]`), else the one the title opens with."""
    for label in entry.labels:
        if match := _formats(doc.lexicons).search(fold(label)):
            return doc.lexicons.format_forms[match.group()]
    return _head_format(doc, title) if title else None


def _practical_spans(doc: _Doc, lines: list[Line], start: int, end: int) -> list[tuple[int, int]]:
    """The bulleted lines of a description, where programmes give the address (`* 10 rue …, 75003 Paris`)."""
    return [(line.start, line.end) for line in lines
            if start <= line.start < end and _NUMBERED.match(line.text) and not line.text.lstrip()[:1].isdigit()]


def _block_end(doc: _Doc, start: int, limit: int) -> int:
    """Where an entry's description ends: at the next entry, at a paragraph that opens on a day or a
    label (an item the rules did not take as an entry), or after a few paragraphs, so that the prose
    after a programme is read as prose."""
    index = doc.paragraph_index(start)
    for count, paragraph in enumerate(doc.paragraphs[index:]):
        if paragraph.start >= limit:
            break
        if count >= DESCRIPTION_PARAGRAPHS:
            return paragraph.start
        opening = strip_span(doc.text, paragraph.start, paragraph.end, " \t*")[0]
        if paragraph.start > start and (doc.date_at(opening) or doc.text.startswith("[", opening)):
            return paragraph.start
    return limit


def _before_place(doc: _Doc, start: int, end: int) -> int:
    """A title's end before a town after its last dash: `Atelier « Parcours usagers » - Rennes`."""
    separators = list(_SEPARATOR.finditer(doc.text, start, end))
    if not separators:
        return end
    place_start = strip_span(doc.text, separators[-1].end(), end)[0]
    place_end = _place_at(doc, place_start, end)
    return separators[-1].start() if place_end and place_end >= strip_span(doc.text, place_start, end)[1] else end


def _agenda_drafts(doc: _Doc, lines: list[Line], first_line: int) -> list[_Draft]:
    """Every agenda entry, with its description up to the next entry."""
    entries = [entry for index in range(first_line, len(lines)) if (entry := _entry_at(doc, lines, index))]
    if not entries:
        return []
    announcers, announcement = _announcers(doc, entries[0].start, dated=False)
    drafts = []
    for entry, following in zip(entries, [*entries[1:], None]):
        block_end = _block_end(doc, entry.end, following.start if following else len(doc.text.rstrip()))
        title_end, named = _organizer_after_separator(doc, *entry.title_span)
        title_end = _before_place(doc, entry.title_span[0], title_end)
        title_span = (entry.title_span[0], title_end)
        title = _without_dates(doc, *title_span) or (entry.labels[-1] if entry.labels else "")
        if not title:
            continue
        # `« Les communs », webinaire animé par la DINUM`: a cue in the heading names one too.
        organizers = _merge(announcers, named + _organizers_in(doc, entry.title_span[0], block_end), doc.lexicons)
        region = _region(doc, [(entry.start, entry.end)]) or _region(
            doc, _practical_spans(doc, lines, entry.end, block_end)) or (
            _region(doc, [announcement]) if announcement else None)
        drafts.append(_Draft("event.agenda", entry.start, entry.end, title, title_span, organizers,
                             [entry.day], _entry_format(doc, entry, title), region, (entry.end, block_end),
                             region_from_description=False))
    return drafts
