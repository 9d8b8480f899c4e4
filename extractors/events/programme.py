"""Programmes: agenda entries, timed slots and a page's front matter, each an event.

An agenda entry opens a line on a day, then an hour or bracketed labels: `[Le mercredi 10/11 de
10h à 11h30] [Atelier] Title`, `Le jeudi 03/11 de 16h15 à 18h15` with `[Quiz] Title` on the next
line, `Mardi 16 novembre, 10h-11h30 : Title`. Its description runs to the next entry. A timed
slot opens a line on an hour (`9h30-10h15 : Table ronde sur …`, `14h – Atelier …`) and takes the
day the programme last named; a slot that counts sessions (`4 ateliers au choix`) lists them as
numbered items, each an event. Both take the organizers their description names, and those of
the programme's announcement (`les équipes de la DINUM vous proposent …`). A page whose front
matter dates an event (`event_start_date:`) announces that event under the page's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.events.lexicon import _formats
from extractors.events.listings import _is_clause
from extractors.events.naming import _merge, _organizer_after, _organizers_in, _region, _subject, _verbs
from extractors.events.reading import _CLAUSE_END, _Doc, _Draft, _is_period, _Named
from extractors.events.titles import _head_format, _without_dates
from extractors.lexicons import fold
from extractors.textutils import Line, iter_lines, strip_span

# `9h`, `9H30`, `16 h 15`; a span `9h30-10h15`, `de 10h à 11h30`.
_HOUR = r"\d{1,2}\s?[hH](?:\s?[0-5]\d)?(?![\w])"
_HOURS = re.compile(rf"[\s,;–—-]*(?:(?:de|dès|à partir de|à|a)\s+)?{_HOUR}(?:\s*(?:-|–|—|/|à|a)\s*{_HOUR})?",
                    re.IGNORECASE)
_LABEL = re.compile(r"[ \t]*\[([^\[\]\n]{1,80})\]")
_AFTER_DAY = re.compile(r"[ \t]*\]?[ \t]*(?:[:,–—|-][ \t]*)?")
# A slot: an hour (or two) at the start of a line, then a separator and the session.
# `14h00-15h30 Atelier …` (a capital after a space separates too), `De 9h30 à 12h : …`, `À 14h – …`.
_SLOT = re.compile(rf"[ \t]*(?:[-•*▪][ \t]+)?(?:(?:[Dd]e|[Àà]|A|[Dd]ès)[ \t]+)?{_HOUR}(?:\s*(?:-|–|—|à)\s*{_HOUR})?"
                   r"(?:\s*(?:[:|–—-]\s*)+|[ \t]+(?=[A-ZÀ-Ý«\"“]))(?=\S)")
# A session numbered after its format, in a programme: `Atelier 2 : Mesurer l'impact`, `Table ronde n°1 – …`.
_FORMAT_NUMBER = re.compile(r"[ \t]*(?:[-•*▪][ \t]+)?(?P<label>[^\W\d][\w' -]{1,30}?)[ \t]+(?:n°[ \t]*)?\d{1,2}"
                            r"[ \t]*[:–—.-][ \t]*(?=\S)")
_NUMBERED = re.compile(r"(?P<indent>[ \t]*)(?:\d{1,2}[.)]|[-•*▪])[ \t]+(?=\S)")
_SESSION_COUNT = re.compile(r"\d{1,2}(?![\w])")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$", re.MULTILINE)
# An announcement lies at most this many sentences before the programme it introduces.
ANNOUNCEMENT_SENTENCES = 6
# An entry whose line after its day holds only a place (`– Lyon`, `Maison de la Région, Marseille`)
# takes its title from a heading right above it, of at most so many words.
MAX_PLACE_WORDS = 8
MAX_HEADING_WORDS = 16
# An entry's description runs over at most this many paragraphs (text, practical lines, a link).
DESCRIPTION_PARAGRAPHS = 6
# A programme of timed slots has at least this many; a lone `14h : …` line needs an event format.
MIN_SLOTS = 2


@dataclass(frozen=True)
class _Entry:
    """An agenda entry: the line(s) that head it, its title and labels, and its day."""

    start: int
    end: int
    title_span: tuple[int, int]
    labels: list[str]
    day: object


def _front_matter_end(doc: _Doc) -> int:
    """Where a YAML front matter (`---` … `---` at the top) ends; 0 without one."""
    match = _FRONT_MATTER.match(doc.text)
    return match.end() if match else 0


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
    if pos >= strip_span(doc.text, pos, line.end)[1] and index + 1 < len(lines) and lines[index + 1].text.strip():
        # `Le jeudi 03/11 de 16h15 à 18h15` | `[Quiz] Qui veut gagner le quiz ?`
        following = lines[index + 1]
        more, pos = _labels(doc, following.start, following.end)
        labels += more
        end = following.end
    start, stop = strip_span(doc.text, pos, end, " \t\n,;:-–—")
    separated = doc.text[day.end:pos].strip(" \t]").startswith((":", "–", "—"))
    title_format = start < stop and _head_format(doc, doc.text[start:stop])
    if not (labels or hours or separated and title_format) or (start >= stop and not labels):
        return None
    if not labels and start < stop and _is_clause(doc, start, stop):
        return None  # `Le 14 mars de 10h à 12h, la DITP organise …` is prose, read by the prose rules
    heading = None if labels or title_format else _heading_above(doc, lines, index, start, stop)
    if heading:
        return _Entry(heading[0], end, heading, labels, day)
    return _Entry(line.start, end, (start, stop), labels, day)


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
    """The bulleted lines of a description, where programmes give the address (`* 77 av. …, Paris`)."""
    return [(line.start, line.end) for line in lines
            if start <= line.start < end and _NUMBERED.match(line.text) and not line.text.lstrip()[:1].isdigit()]


def _edition_cue(doc: _Doc, sentence_start: int, cue: int) -> bool:
    """Whether a cue follows the edition's own name: `le mois de l'innovation publique organisé par la DITP`
    names who runs the edition, not the programme."""
    clause = sentence_start
    for mark in _CLAUSE_END.finditer(doc.masked, sentence_start, cue):
        clause = mark.end()
    return any(name in doc.folded[clause:cue] for name in doc.lexicons.editions["programme_names"])


def _announcers(doc: _Doc, before: int, dated: bool) -> tuple[list[_Named], tuple[int, int] | None]:
    """The organizers of the announcement that introduces a programme: the subject of an event verb
    (`les équipes de la DINUM vous proposent …`) or the organizer after a cue (`…, organisée par X`);
    and that sentence, which may say where the programme takes place. Slots belong to the day one
    dated sentence announces (`X organise une journée le 7 mars :` then `9h : …`), not entries."""
    earlier = [s for s in doc.sentences if s.end <= before][-ANNOUNCEMENT_SENTENCES:]
    for sentence in reversed(earlier):
        if not dated and any(sentence.start <= d.start < sentence.end and d.kind in ("day", "days") for d in doc.days):
            continue  # `le 2 décembre, la Région accueillera le forum …` tells one event, it announces none
        found: list[_Named] = []
        lower = sentence.start
        for verb_start, verb_end, _ in _verbs(doc, sentence.start, sentence.end):
            subject = _subject(doc, lower, verb_start)
            if subject and subject.organizers:
                found += subject.organizers
            else:
                clause = max([lower] + [m.end() for m in _CLAUSE_END.finditer(doc.masked, lower, verb_start)])
                found += [_Named(m.name, m.start, m.end) for m in doc.organizations if clause <= m.start < verb_start]
            lower = verb_end
        for rule in doc.lex.organizer_cues:
            for cue in rule.pattern.finditer(doc.masked, sentence.start, sentence.end):
                if not _edition_cue(doc, sentence.start, cue.start()) and (
                        organizer := _organizer_after(doc, cue.end(), sentence.end)):
                    found.append(organizer)
        if found:
            return _merge([], found, doc.lexicons), (sentence.start, sentence.end)
    return [], None


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


def _agenda_drafts(doc: _Doc, lines: list[Line], first_line: int) -> list[_Draft]:
    """Every agenda entry, with its description up to the next entry."""
    entries = [entry for index in range(first_line, len(lines)) if (entry := _entry_at(doc, lines, index))]
    if not entries:
        return []
    announcers, announcement = _announcers(doc, entries[0].start, dated=False)
    drafts = []
    for entry, following in zip(entries, [*entries[1:], None]):
        block_end = _block_end(doc, entry.end, following.start if following else len(doc.text.rstrip()))
        title = _without_dates(doc, *entry.title_span) or entry.labels[-1]
        # `« Les communs », webinaire animé par la DINUM`: a cue in the heading names one too.
        organizers = _merge(announcers, _organizers_in(doc, entry.title_span[0], block_end), doc.lexicons)
        region = _region(doc, [(entry.start, entry.end)]) or _region(
            doc, _practical_spans(doc, lines, entry.end, block_end)) or (
            _region(doc, [announcement]) if announcement else None)
        drafts.append(_Draft("event.agenda", entry.start, entry.end, title, entry.title_span, organizers,
                             [entry.day], _entry_format(doc, entry, title), region, (entry.end, block_end),
                             region_from_description=False))
    return drafts


def _slot_body(doc: _Doc, line: Line) -> tuple[int, str | None] | None:
    """Where the session of a slot starts (`10H45 : 10h45 : 4 ateliers` at `4`), if the line is one; with the
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


def _is_dateline(doc: _Doc, value: object) -> bool:
    """Whether a day dates the page (`Publié le 5 mars 2023`, `Paris, le 5 mars 2023`), not a programme."""
    line_start = doc.text.rfind("\n", 0, value.start) + 1
    opening = strip_span(doc.text, line_start, value.start)[0]
    return bool(doc.words["dateline_openers"].match(doc.masked, opening, value.start))


def _programme_day(doc: _Doc, pos: int) -> tuple[object, tuple[int, int]] | None:
    """The day a programme last named before `pos`, and the sentence naming it (which may say where)."""
    days = [d for d in doc.days if d.end <= pos and not _is_period(d) and not _is_dateline(doc, d)]
    if not days:
        return None
    day = days[-1]
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
                drafts.append(_Draft("event.slot.session", start, stop_at, _without_dates(doc, start, stop_at),
                                     (start, stop_at), organizers, [day], counted, region))
            continue
        title = _without_dates(doc, body, end).rstrip(" .")
        event_format = label or _head_format(doc, title)
        if doc.words["slot_breaks"].fullmatch(fold(title).strip()) or not (event_format or len(slots) >= MIN_SLOTS):
            continue
        drafts.append(_Draft("event.slot.numbered" if label else "event.slot", line.start, end, title, (body, end),
                             organizers, [day], event_format, region))
    return drafts


def _front_value(doc: _Doc, body: re.Match[str], keys: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of the value of the first front-matter key of `keys`, its indented continuation lines included."""
    for key in _FRONT_KEY.finditer(doc.text, body.start("body"), body.end("body")):
        if key["key"].casefold() in keys:
            end = key.end()
            while (following := re.match(r"\n[ \t]+[^\s-][^\n]*", doc.text[end:body.end("body")])) and ":" not in (
                    following.group().split()[0]):
                end += following.end()
            start, end = strip_span(doc.text, key.start("value"), end, " \t\n\"'")
            return (start, end) if start < end else None
    return None


def _front_matter_draft(doc: _Doc) -> _Draft | None:
    """The event a page's front matter dates (`event_start_date:`), under the page's title; not the
    edition itself (`title: Mois de l'innovation publique 2021`)."""
    body = _FRONT_MATTER.match(doc.text)
    keys = doc.lex.front_matter
    start_span = body and _front_value(doc, body, keys["start"])
    title_span = start_span and _front_value(doc, body, keys["title"])
    if not (body and start_span and title_span):
        return None
    title = " ".join(doc.text[slice(*title_span)].split())
    if any(fold(title).startswith(name) for name in doc.lexicons.editions["programme_names"]):
        return None
    first = next((d for d in doc.days if start_span[0] <= d.start < start_span[1]), None)
    end_span = _front_value(doc, body, keys["end"])
    last = end_span and next((d for d in doc.days if end_span[0] <= d.start < end_span[1]), None)
    if first is None:
        return None
    dates = [first]
    if last and last.starts_on and first.starts_on and last.starts_on > first.starts_on:
        dates = [first.model_copy(update={"kind": "range", "ends_on": last.starts_on,
                                          "dates": [first.starts_on, last.starts_on]})]
    place = _front_value(doc, body, keys["place"])
    organizers = _organizers_in(doc, body.start("body"), body.end("body"))
    return _Draft("event.front_matter", title_span[0], title_span[1], title, title_span, organizers, dates,
                  _head_format(doc, title), _region(doc, [place]) if place else None, (0, body.end()))


def _programme_drafts(doc: _Doc) -> tuple[list[_Draft], list[tuple[int, int]]]:
    """Agenda entries, timed slots and the front matter's event; and the stretches they cover
    (the front matter, each entry with its description), where no other rule looks."""
    lines = iter_lines(doc.text)
    front_end = _front_matter_end(doc)
    first_line = next((i for i, line in enumerate(lines) if line.start >= front_end), len(lines))
    agenda = _agenda_drafts(doc, lines, first_line)
    blocks = [(0, front_end)] if front_end else []
    blocks += [(draft.start, draft.extra_text[1]) for draft in agenda if draft.extra_text]
    slots = _slot_drafts(doc, lines, first_line, blocks)
    front = _front_matter_draft(doc)
    return ([front] if front else []) + agenda + slots, blocks
