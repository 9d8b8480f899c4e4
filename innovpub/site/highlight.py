"""A document's text as HTML with every extraction highlighted, overlapping spans included,
and the table of those extractions below it.

Spans may nest (a person inside a quote) or cross (an event title that runs past the end of
a quote). HTML needs properly nested elements, so a span crossing the end of another is cut
there and reopened after it: each piece is an element with the same `data-kind`, `data-id`
and `data-ref`; the first piece carries the anchor `id="h-<ref>"`. All text is escaped.
"""

from __future__ import annotations

from typing import NamedTuple

from markupsafe import Markup

from innovpub.site.escaping import escaped


class Span(NamedTuple):
    """One extraction to highlight: `[start, end)` in the document text (a tuple: a page has a
    hundred, made twice as fast as a frozen dataclass)."""

    start: int
    end: int
    kind: str
    row_id: str
    title: str  # a one-line summary shown on hover
    ref: str  # unique in the document: the anchor `h-<ref>` of its first piece


def _tag_parts(span: Span) -> tuple[str, str]:
    """A span's `<mark>` tag before and after its anchor attribute (`id` or `data-part`)."""
    kind = escaped(span.kind)
    return (f'<mark class="hl k-{kind}" data-kind="{kind}" data-id="{escaped(span.row_id)}" data-ref="{span.ref}"',
            f' title="{escaped(span.title)}">')


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with each span wrapped in `<mark>` pieces nested properly."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    starts: dict[int, list[Span]] = {}
    ends: dict[int, list[Span]] = {}
    for span in spans:
        starts.setdefault(span.start, []).append(span)
        ends.setdefault(span.end, []).append(span)
    tags = {span.ref: _tag_parts(span) for span in spans}
    out: list[str] = []
    stack: list[Span] = []
    position = 0
    for boundary in sorted(starts.keys() | ends.keys()):
        out.append(escaped(text[position:boundary]))
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
                head, tail = tags[span.ref]
                out.append(f'{head} data-part="cont"{tail}')
                stack.append(span)
        for span in sorted(starts.get(boundary, []), key=lambda s: (-s.end, s.ref)):
            head, tail = tags[span.ref]
            out.append(f'{head} id="h-{span.ref}"{tail}')
            stack.append(span)
    out.append(escaped(text[position:]))
    return Markup("".join(out))


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def extraction_rows(text: str, extractions: list[dict], root: str) -> Markup:
    """The rows of a document's table of extractions: each links to its highlight and its entity.

    Written here rather than in the template: a page has a hundred rows, a Jinja loop over
    them took most of the site's time."""
    rows = []
    for e in extractions:
        kind, ref = escaped(e["kind"]), escaped(e["ref"])
        entity = (f'<a href="{escaped(root + e["href"])}">{escaped(e["label"])}</a>' if e["href"] else
                  escaped(e["label"] or ""))
        note = f" <small>{escaped(e['note'])}</small>" if e["note"] else ""
        rows.append(
            f'<tr id="x-{ref}" data-kind="{kind}"><td><a href="#h-{ref}">'
            f'<mark class="hl k-{kind}">{kind}</mark></a></td>'
            f'<td>{escaped(_shorten(text[e["start"]:e["end"]]))}</td><td>{escaped(e["table"])}</td>'
            f'<td><code>{escaped(e["id"])}</code></td><td>{escaped(e["rule"] or "")}</td><td>{entity}{note}</td>'
            f'<td>{"" if e["page"] is None else escaped(str(e["page"]))}</td></tr>\n')
    return Markup("".join(rows))
