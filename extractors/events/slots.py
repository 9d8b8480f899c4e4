"""Timed slots: a line that opens on an hour (`9h30-10h15 : Table ronde sur …`, `14h – Atelier …`)
or on a numbered format (`Atelier 2 : …`), on the day the programme last named. A slot that counts
sessions (`4 ateliers au choix`) lists them as numbered items, each an event.
"""

from __future__ import annotations

import re

from extractors.events.announcement import _announcers
from extractors.events.lexicon import _formats
from extractors.events.naming import _merge, _organizer_after_separator, _region
from extractors.events.reading import _HOUR, _NUMBERED, _Doc, _Draft, _is_period
from extractors.events.titles import _head_format, _without_dates
from extractors.lexicons import fold
from extractors.textutils import Line, strip_span
from schemas.extraction import DateValue

# A slot: an hour (or two) at the start of a line, then a separator and the session.
# `14h00-15h30 Atelier …` (a capital after a space separates too), `De 9h30 à 12h : …`, `À 14h – …`.
_SLOT = re.compile(rf"[ \t]*(?:[-•*▪][ \t]+)?(?:(?:[Dd]e|[Àà]|A|[Dd]ès)[ \t]+)?{_HOUR}"
                   rf"(?:\s*(?:-|–|—|à)\s*{_HOUR})?(?:\s*(?:[:|–—-]\s*)+|[ \t]+(?=[A-ZÀ-Ý«\"“]))(?=\S)")
# A session numbered after its format, in a programme: `Atelier 2 : Mesurer l'impact`, `Table ronde n°1 – …`.
_FORMAT_NUMBER = re.compile(r"[ \t]*(?:[-•*▪][ \t]+)?(?P<label>[^\W\d][\w' -]{1,30}?)[ \t]+(?:n°[ \t]*)?\d{1,2}"
                            r"[ \t]*[:–—.-][ \t]*(?=\S)")
_SESSION_COUNT = re.compile(r"\d{1,2}(?![\w])")
# A programme of timed slots has at least this many; a lone `14h : …` line needs an event format.
MIN_SLOTS = 2


def _slot_body(doc: _Doc, line: Line) -> tuple[int, str | None] | None:
    """Where the session of a slot starts (`14H : 14h : 3 ateliers` at `3`), if the line is one; with the
    format a numbered label names (`Atelier 2 : …`)."""
    slot = _SLOT.match(doc.text, line.start, line.end)
    if slot is None:
        numbered = _FORMAT_NUMBER.match(doc.text, line.start, line.end)
        label = numbered and doc.lexicons.format_forms.get(fold(numbered["label"]).strip())
        return (numbered.end(), label) if label else None
    pos = slot.end()
    while again := _SLOT.match(doc.text, pos, line.end):
        pos = again.end()
    return pos, None


def _is_dateline(doc: _Doc, value: DateValue) -> bool:
    """Whether a day dates the page (`Publié le 5 mars 2023`, `Paris, le 5 mars 2023`), not a programme."""
    line_start = doc.text.rfind("\n", 0, value.start) + 1
    opening = strip_span(doc.text, line_start, value.start)[0]
    return bool(doc.words["dateline_openers"].match(doc.masked, opening, value.start))


def _programme_day(doc: _Doc, pos: int) -> tuple[DateValue, tuple[int, int]] | None:
    """The day a programme last named before `pos`, and the sentence naming it (which may say where); a
    range (`du 25 au 30 novembre`, most often the edition's week) only when no single day is named."""
    days = [d for d in doc.days if d.end <= pos and not _is_period(d) and not _is_dateline(doc, d)]
    single = [d for d in days if d.kind in ("day", "days")]
    if not days:
        return None
    day = (single or days)[-1]
    sentence = next(((s.start, s.end) for s in doc.sentences if s.start <= day.start < s.end), (day.start, day.end))
    return day, sentence


def _counted_format(doc: _Doc, start: int, end: int) -> str | None:
    """The format of a slot that counts sessions: `4 ateliers au choix`, `trois tables rondes`."""
    count = _SESSION_COUNT.match(doc.text, start, end) or doc.words["session_counts"].match(doc.masked, start, end)
    if count is None:
        return None
    head = _formats(doc.lexicons).match(doc.folded, doc.skip_space(count.end(), end), end)
    return doc.lexicons.format_forms[head.group()] if head else None


def _sessions(doc: _Doc, lines: list[Line], index: int, stop: int) -> list[tuple[int, int]]:
    """The numbered items under a slot (`  1. Quels services publics ?`), their descriptions skipped."""
    items: list[tuple[int, int]] = []
    indent = None
    for line in lines[index + 1:stop]:
        if not line.text.strip():
            continue
        item = _NUMBERED.match(line.text)
        depth = len(line.text) - len(line.text.lstrip(" \t"))
        if item and (indent is None or len(item["indent"]) <= indent):
            indent = len(item["indent"])
            items.append(strip_span(doc.text, line.start + item.end(), line.end))
        elif indent is None or depth <= indent:
            break  # the text after the list
    return items


def _slot_drafts(doc: _Doc, lines: list[Line], first_line: int, taken: list[tuple[int, int]]) -> list[_Draft]:
    """Every slot of a programme (timed, or numbered after its format), a slot that counts sessions as
    its numbered items."""
    slots = [(index, *body) for index in range(first_line, len(lines))
             if not any(a <= lines[index].start < b for a, b in taken)
             and (body := _slot_body(doc, lines[index])) is not None]
    drafts: list[_Draft] = []
    organizers, announcement = _announcers(doc, lines[slots[0][0]].start, dated=True) if slots else ([], None)
    for number, (index, body, label) in enumerate(slots):
        line = lines[index]
        known = _programme_day(doc, line.start)
        if known is None:
            continue
        day, day_sentence = known
        following = slots[number + 1] if number + 1 < len(slots) else None
        stop = following[0] if following else len(lines)
        region = _region(doc, [day_sentence]) or (_region(doc, [announcement]) if announcement else None)
        end = strip_span(doc.text, body, line.end)[1]
        if counted := _counted_format(doc, body, end):
            sessions = _sessions(doc, lines, index, stop)
            if not sessions and following and following[2]:
                continue  # `4 ateliers au choix` then `Atelier 1 : …`: the numbered slots are the sessions
            for start, stop_at in sessions or [(body, end)]:
                if session_title := _without_dates(doc, start, stop_at):
                    drafts.append(_Draft("event.slot.session", start, stop_at, session_title, (start, stop_at),
                                         organizers, [day], counted, region))
            continue
        title_end, named = _organizer_after_separator(doc, body, end)
        title = _without_dates(doc, body, title_end).rstrip(" .")
        event_format = label or _head_format(doc, title)
        if not title or doc.words["slot_breaks"].fullmatch(fold(title).strip()) or not (
                event_format or len(slots) >= MIN_SLOTS):
            continue
        drafts.append(_Draft("event.slot.numbered" if label else "event.slot", line.start, end, title,
                             (body, title_end), _merge(organizers, named, doc.lexicons), [day], event_format, region))
    return drafts
