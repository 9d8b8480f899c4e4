"""Event titles, their formats and dates, and the finished `EventMention` of a draft."""

from __future__ import annotations

import re

from extractors.events.lexicon import _formats, _online_markers
from extractors.events.naming import _first_stop, _place_after, _region, _skip_words, _strip_words_end
from extractors.events.reading import _Doc, _Draft, _HOUR, MAX_FORMAT_WORD, _OUTER_QUOTES, _QUOTES, _Title
from extractors.lexicons import fold
from extractors.textutils import fold_same_length
from schemas.extraction import DateValue, EventMention


# An hour or a span of hours after a word of a title: ` à 11h`, ` de 14h à 16h30`, ` 9h30-10h`.
_INNER_HOURS = re.compile(rf"(?<=\w)\s+(?:(?:de|dès|à|a)\s+)?{_HOUR}(?:\s*(?:-|–|à|a)\s*{_HOUR})?")


def _head_format(doc: _Doc, title: str) -> str | None:
    """The format a title opens with, within its first words: `série de trois webinaires`."""
    folded = fold(title)
    match = _formats(doc.lexicons).search(folded)
    if match is None or len(folded[:match.start()].split()) >= MAX_FORMAT_WORD:
        return None
    return doc.lexicons.format_forms[match.group()]


def _first_format(doc: _Doc, start: int, end: int) -> str | None:
    """The format of the first event word in `[start, end)`; one after `ce`/`cette` first."""
    folded = fold(doc.text[start:end])
    matches = list(_formats(doc.lexicons).finditer(folded))
    pointed = [m for m in matches if (before := folded[:m.start()].split()) and (
        doc.words["demonstratives"].fullmatch(fold_same_length(before[-1])))]
    chosen = (pointed or matches or [None])[0]
    return doc.lexicons.format_forms[chosen.group()] if chosen else None


def _title_end(doc: _Doc, start: int, limit: int) -> int:
    """Where a title from `start` ends: a clause end or a stop, a closing quote kept."""
    end = _strip_words_end(doc, start, _first_stop(doc, start, limit), "organizer_conjunctions")
    # The model may end a sentence inside a quotation: `sur le thème "… responsable ?` | `"`.
    closing = _unclosed_quote(doc.text[start:end])
    after = doc.skip_space(end, len(doc.text))
    return after + 1 if closing and doc.text.startswith(closing, after) else end


def _unclosed_quote(text: str) -> str | None:
    """The closing quote a text still lacks: `sur le thème "Transition …` lacks `"`."""
    for opening, closing in _QUOTES.items():
        count = text.count(opening)
        if count % 2 if opening == closing else count > text.count(closing):
            return closing
    return None


def _without_dates(doc: _Doc, start: int, end: int) -> str:
    """The text of `[start, end)` without its dates: `conférence le 22 novembre sur …` → `conférence sur …`."""
    pieces, position = [], start
    for value in doc.dates:
        if start <= value.start and value.end <= end:
            pieces.append(doc.text[position:doc.date_start(value)])
            position = value.end
    pieces.append(doc.text[position:end])
    # `webinaire à 11h sur les achats` → `webinaire sur les achats`: an hour inside a title tells when, not what.
    title = " ".join(_INNER_HOURS.sub("", " ".join(pieces)).split()).strip(" ,;:-–—")
    quoted = _OUTER_QUOTES.match(title)
    return (quoted["inner"] + title[quoted.end():]).strip(" ,;:-–—") if quoted else title


def _title_after(doc: _Doc, pos: int, limit: int) -> _Title | None:
    """The event a verb's object names: fillers, dates and an article skipped, up to a stop."""
    while True:  # `organise à Lyon le 5 novembre un hackathon`
        pos = _skip_words(doc, pos, limit, "object_fillers")
        value = doc.date_at(pos)
        located = _place_after(doc, pos, limit, "place_prepositions")
        if value is None and located == pos:
            break
        pos = value.end if value else located
    if doc.words["count_openers"].match(doc.masked, pos, limit):
        return None
    if article := doc.words["title_articles"].match(doc.masked, pos, limit):
        pos = doc.skip_space(article.end(), limit)
    if doc.words["count_openers"].match(doc.masked, pos, limit):
        return None
    end = _title_end(doc, pos, limit)
    title = _without_dates(doc, pos, end)
    event_format = _head_format(doc, title) if title else None
    return _Title(title, pos, end, event_format) if event_format else None


def _days_in(doc: _Doc, start: int, end: int) -> list[DateValue]:
    """The dates naming days (not a month or a year) that start in `[start, end)`."""
    return [d for d in doc.days if start <= d.start < end]


def _mention(doc: _Doc, draft: _Draft, edition_year: int | None) -> EventMention:
    """The finished event: first dates, region (stated, else from organizers, title, description), online."""
    first = draft.dates[0] if draft.dates else None
    region = draft.region or _region(doc, [(o.start, o.end) for o in draft.organizers]) or _region(
        doc, [draft.title_span]) or (_region(doc, [draft.extra_text])
                                     if draft.extra_text and draft.region_from_description else None) or (
        _region(doc, [draft.paragraph]) if draft.paragraph else None)
    online_spans = [(draft.start, draft.end)] + ([draft.extra_text] if draft.extra_text else [])
    online_text = " ".join(doc.folded[a:b] for a, b in online_spans)
    always_online = any(f.online for f in doc.lexicons.event_formats if f.label == draft.format)
    online = True if always_online or _online_markers(doc.lexicons).search(online_text) else None
    names = list(dict.fromkeys(o.name for o in draft.organizers))
    return EventMention(
        start=draft.start, end=draft.end, text=doc.text[draft.start:draft.end], rule=draft.rule,
        title=draft.title, organizers=names, starts_on=first.starts_on if first else None,
        ends_on=first.ends_on if first else None, dates=list(first.dates) if first else [],
        dates_inferred=bool(first and first.inferred), region=region,
        format=draft.format, online=online, edition_year=edition_year)
