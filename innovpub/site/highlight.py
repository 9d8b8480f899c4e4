"""A document's text as HTML with every extraction highlighted, overlapping spans included,
and the table of those extractions below it.

Spans may nest (a person inside a quote) or cross (an event title that runs past the end of
a quote). HTML needs properly nested elements, so a span crossing the end of another is cut
there and reopened after it: each piece is an element with the same `data-kind`, `data-id`
and `data-ref`; the first piece carries the anchor `id="h-<ref>"`. All text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    """One extraction to highlight: `[start, end)` in the document text."""

    start: int
    end: int
    kind: str
    row_id: str
    title: str  # a one-line summary shown on hover
    ref: str  # unique in the document: the anchor `h-<ref>` of its first piece


def _open_tag(span: Span, first: bool) -> str:
    anchor = f' id="h-{span.ref}"' if first else ' data-part="cont"'
    return (f'<mark class="hl k-{escape(span.kind)}" data-kind="{escape(span.kind)}" data-id="{escape(span.row_id)}"'
            f' data-ref="{span.ref}"{anchor} title="{escape(span.title)}">')


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with each span wrapped in `<mark>` pieces nested properly."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
        ends.setdefault(span.end, []).append(span)
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for boundary in sorted(starts.keys() | ends.keys()):
        out.append(str(escape(text[position:boundary])))
        position = boundary
        closing = ends.get(boundary, [])
        if closing:
            closing_refs = {s.ref for s in closing}
            reopen = []
            while closing_refs:  # pop down to the deepest span ending here, then reopen the rest
                top = stack.pop()
                out.append("</mark>")
                if top.ref in closing_refs:
                    closing_refs.discard(top.ref)
                else:
                    reopen.append(top)
            for span in reversed(reopen):
                out.append(_open_tag(span, first=False))
                stack.append(span)
        for span in sorted(starts.get(boundary, []), key=lambda s: (-s.end, s.ref)):
            out.append(_open_tag(span, first=True))
            stack.append(span)
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def extraction_rows(text: str, extractions: list[dict], root: str) -> Markup:
    """The rows of a document's table of extractions: each links to its highlight and its entity.

    Written here rather than in the template: a page has a hundred rows, a Jinja loop over
    them took most of the site's time."""
    rows = []
    for e in extractions:
        entity = (f'<a href="{escape(root + e["href"])}">{escape(e["label"])}</a>' if e["href"] else
                  str(escape(e["label"] or "")))
        note = f" <small>{escape(e['note'])}</small>" if e["note"] else ""
        rows.append(
            f'<tr id="x-{escape(e["ref"])}" data-kind="{escape(e["kind"])}"><td><a href="#h-{escape(e["ref"])}">'
            f'<mark class="hl k-{escape(e["kind"])}">{escape(e["kind"])}</mark></a></td>'
            f'<td>{escape(_shorten(text[e["start"]:e["end"]]))}</td><td>{escape(e["table"])}</td>'
            f'<td><code>{escape(e["id"])}</code></td><td>{escape(e["rule"] or "")}</td><td>{entity}{note}</td>'
            f'<td>{"" if e["page"] is None else escape(e["page"])}</td></tr>\n')
    return Markup("".join(rows))
