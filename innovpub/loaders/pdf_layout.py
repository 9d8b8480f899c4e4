"""Page geometry of a PDF: glyphs into lines, running headers and footers out, reading order.

Works on `Glyph`s, one per character PDFium reports (`pdf_glyphs`), in page coordinates
(points, `top` measured from the top of the page). Lines come out in reading order, each tagged
with the column it sits in (`full`, `left` or `right`) so that the text assembler can compare a
line with its column's right edge.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter

ROW_OVERLAP = 0.5  # glyphs on one line overlap vertically by half the smaller one's height
# Running headers and footers live in the top and bottom tenth of the page...
MARGIN_ZONE = 0.1
# ...and repeat, digits aside, within this many points of height on most pages.
POSITION_TOLERANCE = 2.0
RUNNING_SHARE = 0.5
MIN_RUNNING_PAGES = 2
PAGE_NUMBER = re.compile(r"^[-–—]*(?:page)?#(?:(?:/|sur|of|de)#)?[-–—]*$")
# A gutter is looked for in the middle of the text block, between these fractions of its width.
GUTTER_BAND = (0.3, 0.7)
INK_GAP_EMS = 1.0  # ink closer than one em is one stretch of text (words of one line)
MIN_COLUMN_ROWS = 3  # lines needed on each side of a gutter to call a page two-column
MAX_SPANNING_SHARE = 0.5  # at most half the glyphs of a two-column page cross the gutter
# A line starting this far right of the right column's left edge is aligned right, not in it.
RIGHT_ALIGNED_EMS = 4.0


# Not frozen: a frozen dataclass sets each field through `object.__setattr__`, which makes
# building the thousands of glyphs of a document several times slower.
@dataclass(slots=True)
class Glyph:
    """One character drawn on a page; `raw_offset` places it in the raw text of the document."""

    text: str
    raw_offset: int
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    bold: bool

    blank: bool  # white space

@dataclass(frozen=True)
class Line:
    """Glyphs of one line of one column, left to right, on page `page` (from 0)."""

    glyphs: tuple[Glyph, ...]
    page: int
    column: str = "full"

    @cached_property
    def ink(self) -> tuple[Glyph, ...]:
        """The line's glyphs other than white space."""
        return tuple(g for g in self.glyphs if not g.blank) or self.glyphs

    @cached_property
    def x0(self) -> float:
        """Left edge of the line's ink."""
        return min(g.x0 for g in self.ink)

    @cached_property
    def x1(self) -> float:
        """Right edge of the line's ink."""
        return max(g.x1 for g in self.ink)

    @cached_property
    def top(self) -> float:
        """Top of the line's ink."""
        return min(g.top for g in self.ink)

    @cached_property
    def bottom(self) -> float:
        """Bottom of the line's ink."""
        return max(g.bottom for g in self.ink)

    @cached_property
    def size(self) -> float:
        """Font size of the line's largest glyph."""
        return max(g.size for g in self.ink)

    @cached_property
    def baseline(self) -> float:
        """Baseline of the line's largest glyph (a superscript does not move it)."""
        return max(self.ink, key=lambda g: g.size).baseline

    @cached_property
    def stretches(self) -> list[tuple[float, float]]:
        """Horizontal stretches of the line's ink; words less than an em apart share one."""
        stretches: list[tuple[float, float]] = []
        for glyph in self.glyphs:
            if glyph.blank:
                continue
            if stretches and glyph.x0 - stretches[-1][1] < INK_GAP_EMS * glyph.size:
                if glyph.x1 > stretches[-1][1]:
                    stretches[-1] = (stretches[-1][0], glyph.x1)
            else:
                stretches.append((glyph.x0, glyph.x1))
        return stretches


def group_rows(glyphs: list[Glyph], page: int) -> list[Line]:
    """Glyphs that overlap vertically, as rows left to right (a row may span two columns)."""
    rows: list[list[Glyph]] = []
    open_rows: list[tuple[float, float, list[Glyph]]] = []
    previous: Glyph | None = None
    members: list[Glyph] = []  # the row of `previous`
    for glyph in sorted(glyphs, key=attrgetter("top", "x0")):
        if previous is not None and _same_extent(glyph, previous):
            members.append(glyph)
            continue
        previous = glyph
        open_rows = [row for row in open_rows if row[1] > glyph.top]
        best, best_overlap = None, 0.0
        for index, (top, bottom, _) in enumerate(open_rows):
            overlap = min(bottom, glyph.bottom) - max(top, glyph.top)
            needed = ROW_OVERLAP * min(bottom - top, glyph.bottom - glyph.top)
            if overlap > best_overlap and overlap >= needed:
                best, best_overlap = index, overlap
        if best is None:
            members = [glyph]
            rows.append(members)
            open_rows.append((glyph.top, glyph.bottom, members))
        else:
            top, bottom, members = open_rows[best]
            members.append(glyph)
            open_rows[best] = (min(top, glyph.top), max(bottom, glyph.bottom), members)
    return [Line(tuple(sorted(row, key=attrgetter("x0"))), page) for row in rows
            if any(not g.blank for g in row)]


def _same_extent(glyph: Glyph, previous: Glyph) -> bool:
    """Whether a glyph, of some height, spans the same heights as the glyph before it.

    Most glyphs do (those of one font on one line), and the row of the glyph before is then its
    row: that row holds the glyph's whole height, more than any row before it overlaps the
    glyph, and no row can overlap it more. Skipping the search over the open rows for them
    makes `group_rows` several times faster.
    """
    return (glyph.top == previous.top and glyph.bottom == previous.bottom
            and glyph.bottom > glyph.top)


def _running_key(line: Line) -> str:
    """A line's text with each number folded to `#`, then without white space."""
    text = "".join(g.text for g in line.glyphs).lower()
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", text))


def remove_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Drop page numbers and lines repeated at the same height in the margins of most pages."""
    in_margins = [[(line, _running_key(line)) for line in lines
                   if line.bottom < MARGIN_ZONE * height or line.top > (1 - MARGIN_ZONE) * height]
                  for lines, height in zip(pages, heights)]
    needed = max(MIN_RUNNING_PAGES, math.ceil(RUNNING_SHARE * len(pages)))

    def running(line: Line, key: str) -> bool:
        """A page number, or a line found on enough pages."""
        pages_with_it = sum(any(other_key == key and abs(other.top - line.top) <= POSITION_TOLERANCE
                                for other, other_key in margin) for margin in in_margins)
        return bool(PAGE_NUMBER.match(key)) or pages_with_it >= needed

    dropped = {id(line) for margin in in_margins for line, key in margin if running(line, key)}
    return [[line for line in lines if id(line) not in dropped] for lines in pages]


def _crosses(line: Line, x: float) -> bool:
    """Whether a stretch of the line's ink runs across `x`."""
    return any(start < x < end for start, end in line.stretches)


def _find_gutter(rows: list[Line]) -> float | None:
    """The x of a page's gutter between two columns, or None for a one-column page."""
    if not rows:
        return None
    left, right = min(r.x0 for r in rows), max(r.x1 for r in rows)
    band = range(math.ceil(left + GUTTER_BAND[0] * (right - left)),
                 math.floor(left + GUTTER_BAND[1] * (right - left)) + 1)
    if not band:
        return None
    coverage = Counter({x: 0 for x in band})
    for row in rows:
        for start, end in row.stretches:
            coverage.update(range(max(band.start, math.floor(start) + 1),
                                  min(band.stop, math.ceil(end))))
    least = min(coverage.values())
    runs = re.finditer("1+", "".join("1" if coverage[x] == least else "0" for x in band))
    widest = max(runs, key=lambda run: run.end() - run.start())
    gutter = band.start + (widest.start() + widest.end() - 1) / 2
    return gutter if _two_columns(rows, gutter) else None


def _two_columns(rows: list[Line], gutter: float, min_rows: int = MIN_COLUMN_ROWS) -> bool:
    """Enough lines on both sides of `gutter`, and few glyphs running across it."""
    crossing = [row for row in rows if _crosses(row, gutter)]
    sides = [row for row in rows if not _crosses(row, gutter)]
    on_left = sum(any(not g.blank and g.x1 <= gutter for g in row.glyphs) for row in sides)
    on_right = sum(any(not g.blank and g.x0 >= gutter for g in row.glyphs) for row in sides)
    spanning = sum(len(row.glyphs) for row in crossing) / sum(len(row.glyphs) for row in rows)
    return min(on_left, on_right) >= min_rows and spanning <= MAX_SPANNING_SHARE


def page_gutters(pages: list[list[Line]]) -> list[float | None]:
    """Each page's gutter; a page whose right column is too short to be found alone (the last
    lines of a text) takes the gutter of the document's other two-column pages."""
    gutters = [_find_gutter(rows) for rows in pages]
    found = [gutter for gutter in gutters if gutter is not None]
    if not found:
        return gutters
    usual = Counter(round(gutter) for gutter in found).most_common(1)[0][0]
    return [gutter if gutter is not None or not rows or not _two_columns(rows, usual, 1)
            else float(usual) for gutter, rows in zip(gutters, pages)]


def _split(row: Line, gutter: float) -> list[Line]:
    """A row's parts on each side of the gutter, as lines of the left and right columns."""
    parts = []
    for column, side in (("left", [g for g in row.glyphs if (g.x0 + g.x1) / 2 < gutter]),
                         ("right", [g for g in row.glyphs if (g.x0 + g.x1) / 2 >= gutter])):
        if any(not g.blank for g in side):
            parts.append(Line(tuple(side), row.page, column))
    return parts


def reading_order(rows: list[Line], gutter: float | None) -> list[Line]:
    """A page's lines in reading order: top to bottom, or column by column between the lines
    that run across the gutter (a title over two columns, a full-width paragraph)."""
    rows = sorted(rows, key=lambda r: r.top)
    if gutter is None:
        return rows
    sections: list[list[Line]] = [[]]
    for row in rows:
        if _crosses(row, gutter):
            sections += [[row], []]
        else:
            sections[-1] += _split(row, gutter)
    starts = Counter(round(line.x0) for section in sections for line in section
                     if line.column == "right").most_common(1)
    right_column_x0 = starts[0][0] if starts else math.inf  # where most right-hand lines start
    return [line for section in sections for line in _by_column(section, right_column_x0)]


def _by_column(lines: list[Line], right_column_x0: float) -> list[Line]:
    """The left column top to bottom, then the right one; lines starting right of the right
    column's left edge above its first line (a place and date) are read with the left column."""
    right = sorted((line for line in lines if line.column == "right"), key=lambda line: line.top)
    first = next((index for index, line in enumerate(right)
                  if line.x0 <= right_column_x0 + RIGHT_ALIGNED_EMS * line.size), len(right))
    left = [line for line in lines if line.column != "right"] + right[:first]
    return sorted(left, key=lambda line: line.top) + right[first:]


def body_size(glyphs: list[Glyph]) -> float:
    """The most common font size of the document's ink: the body text's size."""
    # The few distinct sizes are rounded rather than every glyph's; the rounded sizes still
    # come in the order of their first glyph, which settles a tie.
    exact = Counter(g.size for g in glyphs if not g.blank)
    sizes = Counter[float]()
    for size, count in exact.items():
        sizes[round(size, 1)] += count
    return sizes.most_common(1)[0][0] if sizes else 0.0
