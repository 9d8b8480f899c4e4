"""Programmes: agenda entries, timed slots and a page's front matter, each an event (see `agenda`,
`slots` and `front_matter`); the stretches they cover, where the other rules do not look.
"""

from __future__ import annotations

from extractors.events.agenda import _agenda_drafts
from extractors.events.front_matter import _front_matter_draft, _front_matter_end
from extractors.events.reading import _Doc, _Draft
from extractors.events.slots import _slot_drafts
from extractors.textutils import iter_lines


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
