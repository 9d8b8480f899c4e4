"""A page whose YAML front matter dates an event (`event_start_date:`) announces that event under
the page's title; the front matter of the edition itself (`title: Mois de l'innovation publique`) does not.
"""

from __future__ import annotations

import re

from extractors.events.naming import _organizers_in, _region
from extractors.events.reading import _Doc, _Draft
from extractors.events.titles import _head_format
from extractors.lexicons import fold
from extractors.textutils import strip_span

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*)$", re.MULTILINE)


def _front_matter_end(doc: _Doc) -> int:
    """Where a YAML front matter (`---` … `---` at the top) ends; 0 without one."""
    match = _FRONT_MATTER.match(doc.text)
    return match.end() if match else 0


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
