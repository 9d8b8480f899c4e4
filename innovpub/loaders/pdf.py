"""PDF files, read by PDFium (`pdf_glyphs`): layout-aware text of press releases as published.

Reading order follows the columns (`pdf_layout`); running headers, footers and page numbers
go; lines are joined into paragraphs (`\\n\\n` between paragraphs, `\\n` at a line break of the
author's, a space where the line merely wrapped); words hyphenated at a line end are mended;
each line is cleaned by `clean_markup`, so ligatures and no-break spaces come out as from a
text file; bold glyphs and glyphs larger than the body become `emphasis` spans.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from itertools import accumulate, islice

from innovpub.errors import UnreadableDocument
from innovpub.loaders.cleaning import CleanText, clean_markup
from innovpub.loaders.pdf_glyphs import read_pages
from innovpub.loaders.pdf_layout import (Glyph, Line, body_size, group_rows, page_gutters,
                                         reading_order, remove_running_lines)
from innovpub.loaders.textmap import MappedTextBuilder

EOF_WINDOW = 1024  # `%%EOF` must sit in the last KiB, as PDF readers require
HEADING_SIZE_RATIO = 1.2  # lines set this much larger than the body are emphasised like bold
WORD_GAP_EMS = 0.2  # a gap this wide between two glyphs, with no space glyph, is a space
SPACE_EMS = 0.25  # a narrow space (Times's), to test whether a word would have fitted on a line
FIT_TOLERANCE = 1.0  # points
JUSTIFIED_SHARE = 0.6  # of a document's lines end at the right edge when it is justified
# The right edge of a column: most of its lines reach it; a long URL sticking out does not count.
RIGHT_EDGE_QUANTILE = 0.9
LEADING_STEP = 0.05  # leadings are compared in steps of a twentieth of the font size
PARAGRAPH_GAP_EMS = 0.4  # extra space between lines that starts a new paragraph
SIZE_CHANGE = 0.15  # a change of font size by more than this share starts a new paragraph
HYPHEN = "-"
# A soft hyphen taken at a line end: drawn as itself by some producers, as the Unicode hyphen
# U+2010 by browsers and HTML-to-PDF engines (a hyphen typed in the text is U+002D).
TAKEN_SOFT_HYPHENS = "\u00ad\u2010"
# A space glyph whose next glyph starts within this share of a font size of where it starts has
# no advance: browsers draw one at every soft-hyphen break opportunity, inside words.
ZERO_ADVANCE_EMS = 0.05
NO_BREAK_SPACES = "\u00a0\u202f\u2007"
# Bullet glyphs start a new line even after a full one; a `-` may as well be a dash.
BULLETS = re.compile(r"^[•▪●◦■➢►✓]\s")
# Prefixes written with a hyphen before a word (`co-construction`, `non-recours`) and rarely a
# syllable of their own: a line ending in one of them and `-` keeps its hyphen.
COMPOUND_PREFIXES = frozenset({"co", "demi", "semi", "vice", "quasi", "non"})
# Words French writes after a hyphen: pronouns of an inversion or an imperative (`rêvez-vous`,
# `dit-il`), `lui-même`, `peut-être`, `celui-ci`, `rendez-vous`.
HYPHENATED_WORDS = frozenset({"vous", "nous", "elle", "elles", "ils", "moi", "toi", "lui", "même",
                              "mêmes", "être", "ci", "là"})
# Hyphenation leaves at least three letters on the next line (TeX's French rule); a shorter
# part after a line-end hyphen is a word of its own or an ending (`agent-` / `es`).
MIN_SPLIT_TAIL = 3
# In a web or e-mail address a line-end hyphen is the address's own: nobody hyphenates one.
ADDRESS = re.compile(r"[/@]|www\.|\w\.\w")
LETTERS = r"[^\W\d_]"


@dataclass(frozen=True)
class PdfText:
    """The text of a PDF, with its map back to the PDF and the place of every line.

    `source_map` holds `[text_start, source_start, length]` runs (see `MappedTextBuilder`) into
    the raw text of the document: every character PDFium's text pages report, in content-stream
    order, page after page (`pdf_glyphs.raw_text`). `positions` holds one
    `(text_start, text_end, page_number, x0, top, x1, bottom)` per line: pages count from 1,
    coordinates are points from the page's top-left corner. `page_starts` holds the text offset
    where each page begins, one per page (a page without text begins where the next one does).
    """

    text: str
    source_map: list[list[int]]
    emphasis: list[tuple[int, int]]
    warnings: list[str]
    positions: list[tuple[int, int, int, float, float, float, float]]
    page_starts: list[int]


@dataclass(slots=True)
class _Piece:
    """Text of a line: characters copied from the raw text from `raw_offset` on (`copied`), or
    text standing for the raw character at `raw_offset` (a space put in, `ﬁ` spelt `fi`).

    Not frozen: `_add_copied` lengthens a piece glyph after glyph, and building a frozen
    dataclass is several times slower.
    """

    text: str
    raw_offset: int
    copied: bool
    bold: bool


@dataclass
class _CleanLine:
    """A line of the layout, cleaned, with its trailing hyphen set aside."""

    line: Line
    pieces: list[_Piece]
    hyphen: Glyph | None

    @property
    def text(self) -> str:
        """The cleaned text of the line."""
        return "".join(piece.text for piece in self.pieces)


@dataclass(frozen=True)
class _Measures:
    """What the assembly learns of the whole document before joining its lines: each column's
    right edge, the usual leading (in font sizes), the words and hyphenated pairs written,
    whether the text is justified, and whether the split words at line ends are marked as such
    (a taken soft hyphen, U+00AD or U+2010, rather than `-`)."""

    edges: dict[tuple[int, str], float]
    leading: float
    vocabulary: tuple[set[str], set[str]]
    justified: bool
    marks_hyphenation: bool


@dataclass
class _Assembly:
    """The document text being built, with its emphasis and line positions."""

    builder: MappedTextBuilder = field(default_factory=MappedTextBuilder)
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    positions: list[tuple[int, int, int, float, float, float, float]] = field(default_factory=list)
    bold_from: int | None = None
    bold_to: int = 0

    def add(self, piece: _Piece) -> None:
        """Append a piece; consecutive bold pieces, white space between them, make one span."""
        start = self.builder.length
        if piece.copied:
            self.builder.copy(piece.text, piece.raw_offset)
        else:
            self.builder.replace(piece.text, piece.raw_offset)
        if piece.text.isspace():
            return
        if piece.bold:  # white space at either end of the piece stays out of the span
            if self.bold_from is None:
                self.bold_from = start + len(piece.text) - len(piece.text.lstrip())
            self.bold_to = start + len(piece.text.rstrip())
        else:
            self.close_emphasis()

    def separate(self, separator: str, raw_offset: int) -> None:
        """Insert white space between lines; a paragraph break ends the emphasis span."""
        self.builder.replace(separator, raw_offset)
        if separator == "\n\n":
            self.close_emphasis()

    def close_emphasis(self) -> None:
        """End the open emphasis span, if any."""
        if self.bold_from is not None:
            self.emphasis.append((self.bold_from, self.bold_to))
        self.bold_from = None


def load_pdf(data: bytes, path: str) -> tuple[CleanText, list[str], list[int]]:
    """Extract the text of a PDF in reading order and clean it, with the text offset where each
    page begins; see `load_pdf_layout`."""
    layout = load_pdf_layout(data, path)
    return (CleanText(layout.text, layout.source_map, layout.emphasis), layout.warnings,
            layout.page_starts)


def load_pdf_layout(data: bytes, path: str) -> PdfText:
    """Extract the text of a PDF with its layout; raise `UnreadableDocument` if it has none."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise UnreadableDocument(path, "truncated or corrupt PDF: no %%EOF marker at the end")
    pages, warnings = read_pages(data, path)
    glyphs = [glyph for page in pages for glyph in page.glyphs]
    if not any(not glyph.blank for glyph in glyphs):
        raise UnreadableDocument(path, "no text layer")
    empty = [str(page.number) for page in pages if not any(not g.blank for g in page.glyphs)]
    if empty:
        warnings.append(f"{path}: no text layer on page(s) {', '.join(empty)}")
    rows = remove_running_lines([group_rows(page.glyphs, page.number - 1) for page in pages],
                                [page.height for page in pages])
    lines = [line for page_rows, gutter in zip(rows, page_gutters(rows))
             for line in reading_order(page_rows, gutter)]
    layout = _assemble([_clean_line(line) for line in lines], body_size(glyphs), warnings)
    return replace(layout, page_starts=_page_starts(layout.positions, len(pages), len(layout.text)))


def _page_starts(positions: list[tuple[int, int, int, float, float, float, float]], pages: int,
                 length: int) -> list[int]:
    """The text offset where each page begins: its first line's; for a page without a line, the
    next page's (the first page begins at 0, before any white space)."""
    firsts: dict[int, int] = {}
    for start, _, page, *_ in positions:
        firsts.setdefault(page, start)
    starts, following = [], length
    for page in range(pages, 0, -1):
        following = firsts.get(page, following)
        starts.append(following)
    return [0, *reversed(starts[:-1])] if starts else []


def _clean_line(line: Line) -> _CleanLine:
    """Spell a line out (spaces where glyphs are a word apart), clean it with `clean_markup`."""
    glyphs = _advancing(line.glyphs)
    hyphen = None
    # A hyphen after a letter ends a split word or a compound; a typed one followed by a space
    # drawn at the line end (`publique- Université`) is a dash.
    trailing_blank = bool(glyphs) and glyphs[-1].blank
    while glyphs and glyphs[-1].blank:
        glyphs.pop()
    ending = HYPHEN + TAKEN_SOFT_HYPHENS if not trailing_blank else TAKEN_SOFT_HYPHENS
    if len(glyphs) > 1 and glyphs[-1].text in ending and re.match(LETTERS, glyphs[-2].text):
        hyphen = glyphs.pop()
    return _CleanLine(line, _cleaned_pieces(_spelt(glyphs)), hyphen)


def _advancing(glyphs: tuple[Glyph, ...]) -> list[Glyph]:
    """A line's glyphs without the space glyphs that do not advance (the next glyph starts
    where they start): they mark a break opportunity inside a word, not a space on the page.

    Sorted by `x0`, the glyph drawn after such a space may come just before it, its `x0` a
    rounding error smaller: the nearest glyph of ink on either side is compared.
    """
    kept: list[Glyph] = []
    for index, glyph in enumerate(glyphs):
        if glyph.blank:
            following = next((g for g in islice(glyphs, index + 1, None) if not g.blank), None)
            before = kept[-1] if kept and not kept[-1].blank else None
            if any(g is not None and abs(g.x0 - glyph.x0) < ZERO_ADVANCE_EMS * glyph.size
                   for g in (following, before)):
                continue
        kept.append(glyph)
    return kept


def _spelt(glyphs: list[Glyph]) -> list[_Piece]:
    """The text of a line's glyphs, with a space where two glyphs are a word apart and one
    white space character for a run of white space glyphs.

    A piece holds as many characters copied one after the other from the raw text, bold or not,
    as it can: the work after this one goes a piece at a time, not a character at a time.
    """
    pieces: list[_Piece] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if glyph.blank:
            if pieces and not pieces[-1].text[-1].isspace():
                _add_copied(pieces, glyph.text[0], glyph.raw_offset, False)
        elif previous and not previous.blank and glyph.x0 - previous.x1 > WORD_GAP_EMS * glyph.size:
            pieces.append(_Piece(" ", glyph.raw_offset, False, False))
        if not glyph.blank and glyph.text:  # a glyph may have no text at all
            _add_copied(pieces, glyph.text, glyph.raw_offset, glyph.bold)
        previous = glyph
    return pieces


def _add_copied(pieces: list[_Piece], text: str, raw_offset: int, bold: bool) -> None:
    """Append text copied from the raw text: to the last piece if it follows that piece's
    characters there and is as bold, else as a piece of its own."""
    last = pieces[-1] if pieces else None
    if (last is not None and last.copied and last.bold == bold
            and last.raw_offset + len(last.text) == raw_offset):
        last.text += text
    else:
        pieces.append(_Piece(text, raw_offset, True, bold))


def _cleaned_pieces(spelt: list[_Piece]) -> list[_Piece]:
    """Run `clean_markup` over a line and carry each character's origin through its map."""
    starts = list(accumulate((len(piece.text) for piece in spelt), initial=0))
    cleaned = clean_markup("".join(piece.text for piece in spelt))
    ends = [segment[0] for segment in cleaned.source_map[1:]] + [len(cleaned.text)]
    pieces: list[_Piece] = []
    for (start, source, length), end in zip(cleaned.source_map, ends):
        end = min(end, len(cleaned.text))
        kept = max(0, min(length, end - start))  # none of a segment past the stripped text
        pieces += _kept_pieces(cleaned.text[start:start + kept], source, spelt, starts)
        if end > start + length:  # replaced text (`ﬁ` spelt `fi`) stands for one character
            raw, bold = _origin(min(source + length, starts[-1] - 1), spelt, starts)
            pieces.append(_Piece(cleaned.text[start + length:end], raw, False, bold))
    return pieces


def _origin(offset: int, spelt: list[_Piece], starts: list[int]) -> tuple[int, bool]:
    """The raw offset and the weight of the character at `offset` in the spelt line."""
    index = bisect_right(starts, offset) - 1
    return spelt[index].raw_offset + offset - starts[index], spelt[index].bold


def _kept_pieces(text: str, source: int, spelt: list[_Piece], starts: list[int]) -> list[_Piece]:
    """The pieces of `text`: the characters of the spelt line from offset `source` on, which
    `clean_markup` kept as they were; `starts` holds the offset of each spelt piece in the
    line, then the line's length."""
    pieces: list[_Piece] = []
    index = bisect_right(starts, source) - 1
    position, stop = source, source + len(text)
    while position < stop:
        piece, piece_end = spelt[index], min(starts[index + 1], stop)
        pieces.append(_Piece(text[position - source:piece_end - source],
                             piece.raw_offset + position - starts[index], piece.copied, piece.bold))
        position, index = piece_end, index + 1
    return pieces


def _assemble(lines: list[_CleanLine], body: float, warnings: list[str]) -> PdfText:
    """Join the cleaned lines into paragraphs and record emphasis and positions."""
    lines = [line for line in lines if line.pieces]
    edges = _right_edges(lines)
    measures = _Measures(edges, _typical_leading(lines), _vocabulary(lines), _justified(lines, edges),
                         any(line.hyphen and not _visible(line.hyphen) for line in lines))
    assembly = _Assembly()
    for index, line in enumerate(lines):
        if index:
            previous = lines[index - 1]
            keep_hyphen, separator = _boundary(previous, line, measures)
            if keep_hyphen:
                _add_hyphen(assembly, previous.hyphen)
            if separator:
                assembly.separate(separator, line.pieces[0].raw_offset)
        start = assembly.builder.length
        heading = line.line.size >= HEADING_SIZE_RATIO * body
        for piece in line.pieces:
            assembly.add(replace(piece, bold=True) if heading else piece)
        assembly.positions.append((start, assembly.builder.length, line.line.page + 1, line.line.x0,
                                   line.line.top, line.line.x1, line.line.bottom))
    if lines and _visible(lines[-1].hyphen):
        _add_hyphen(assembly, lines[-1].hyphen)
    assembly.close_emphasis()
    return PdfText(assembly.builder.text(), assembly.builder.segments, assembly.emphasis,
                   warnings, assembly.positions, [])


def _add_hyphen(assembly: _Assembly, hyphen: Glyph) -> None:
    """Append a line-end hyphen that stays, counting it in its line's text span."""
    assembly.add(_Piece("-", hyphen.raw_offset, hyphen.text == "-", hyphen.bold))
    start, _, *place = assembly.positions[-1]
    assembly.positions[-1] = (start, assembly.builder.length, *place)


def _visible(hyphen: Glyph | None) -> bool:
    """Whether a line-end hyphen is a typed one (a taken soft hyphen only marks a split)."""
    return hyphen is not None and hyphen.text not in TAKEN_SOFT_HYPHENS


def _boundary(previous: _CleanLine, line: _CleanLine, measures: _Measures) -> tuple[bool, str]:
    """Whether the line before keeps its end hyphen, and what goes between the two lines: a
    paragraph break, a line break, a space, or nothing (a hyphenated word mended)."""
    before, after = previous.line, line.line
    keep = _visible(previous.hyphen)
    # Down the page the space between the lines tells; up to the top of the next column or
    # page, only whether the line before was full does.
    downwards = before.page == after.page and after.baseline > before.baseline
    if downwards and _paragraph_gap(before, after, measures.leading):
        return keep, "\n\n"
    if previous.hyphen is not None and re.match(r"\w", line.text):
        # Where the document marks its own hyphenation apart, a typed hyphen is the text's.
        return keep and (measures.marks_hyphenation
                         or _keeps_hyphen(previous.text, line.text, measures.vocabulary)), ""
    wrapped = _wrapped(previous, line, measures.edges, measures.justified)
    if not downwards and not wrapped:
        return keep, "\n\n"
    if BULLETS.match(line.text):
        return keep, "\n"
    return keep, " " if wrapped else "\n"


def _paragraph_gap(before: Line, after: Line, leading: float) -> bool:
    """More space between two lines than the document's leading, or a change of font size."""
    larger = max(before.size, after.size)
    if abs(before.size - after.size) > SIZE_CHANGE * larger:
        return True
    return after.baseline - before.baseline > (leading + PARAGRAPH_GAP_EMS) * larger


def _wrapped(previous: _CleanLine, line: _CleanLine, edges: dict[tuple[int, str], float],
             justified: bool) -> bool:
    """Whether the line before ended only because the next line's first word did not fit.

    Near misses count as not fitting: most line ends in running text are wraps. In justified
    text a wrapped line is stretched to the edge, so a line that stops short of it ends there.
    """
    room = edges[previous.line.page, previous.line.column] - previous.line.x1
    if justified and room > FIT_TOLERANCE:
        return False
    return SPACE_EMS * previous.line.size + _first_word_width(line.line) > room - FIT_TOLERANCE


def _first_word_width(line: Line) -> float:
    """Width of a line's first word: up to a breaking space glyph or a gap as wide as a space
    (`«` and a no-break space go with the word that follows)."""
    ink = list(line.glyphs)
    while ink and ink[0].blank:
        ink.pop(0)
    end = 1
    while (end < len(ink) and (not ink[end].blank or ink[end].text in NO_BREAK_SPACES)
           and ink[end].x0 - ink[end - 1].x1 <= WORD_GAP_EMS * ink[end].size):
        end += 1
    return ink[end - 1].x1 - ink[0].x0


def _right_edges(lines: list[_CleanLine]) -> dict[tuple[int, str], float]:
    """The right edge of each column of each page: where most lines of that kind of column end
    in the document, or where the page's longest line ends if that is short of it (a last page
    with the left column only)."""
    by_column: dict[str, list[float]] = {}
    by_page: dict[tuple[int, str], float] = {}
    for line in lines:
        key = (line.line.page, line.line.column)
        by_column.setdefault(line.line.column, []).append(line.line.x1)
        by_page[key] = max(by_page.get(key, 0.0), line.line.x1)
    document = {column: _quantile(ends, RIGHT_EDGE_QUANTILE) for column, ends in by_column.items()}
    return {key: min(end, document[key[1]]) for key, end in by_page.items()}


def _justified(lines: list[_CleanLine], edges: dict[tuple[int, str], float]) -> bool:
    """Whether the text is justified: most lines followed by another line of their paragraph
    end at their column's right edge, within a point."""
    ends = [edges[a.line.page, a.line.column] - a.line.x1 for a, b in zip(lines, lines[1:])
            if a.line.page == b.line.page and a.line.column == b.line.column]
    return bool(ends) and sum(room <= FIT_TOLERANCE for room in ends) >= JUSTIFIED_SHARE * len(ends)


def _quantile(values: list[float], share: float) -> float:
    """The value below which `share` of `values` lie."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _typical_leading(lines: list[_CleanLine]) -> float:
    """The usual baseline-to-baseline distance of consecutive lines, in font sizes."""
    ratios = [round((b.line.baseline - a.line.baseline) / a.line.size / LEADING_STEP) * LEADING_STEP
              for a, b in zip(lines, lines[1:])
              if a.line.page == b.line.page and a.line.column == b.line.column
              and a.line.size == b.line.size and b.line.baseline > a.line.baseline]
    return statistics.mode(ratios) if ratios else 0.0


def _vocabulary(lines: list[_CleanLine]) -> tuple[set[str], set[str]]:
    """Words of the document, and the pairs joined by a hyphen inside a line (`co-design`)."""
    words: set[str] = set()
    pairs: set[str] = set()
    for line in lines:
        for token in re.findall(rf"{LETTERS}+(?:-{LETTERS}+)*", line.text.lower()):
            parts = token.split("-")
            words.update(parts)
            pairs.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
    return words, pairs


def _keeps_hyphen(before_text: str, after_text: str, vocabulary: tuple[set[str], set[str]]) -> bool:
    """Whether a hyphen ending a line belongs to the text rather than to a word split in two.

    Kept before a capital or a digit (`Auvergne-` / `Rhône-Alpes`, `Covid-` / `19`), inside a
    web or e-mail address, around a part too short to be a split word's (`e-` / `santé`,
    `agent-` / `es`), before a word French joins with a hyphen (`rendez-` / `vous`), when the
    document writes the compound elsewhere, and after a prefix that takes a hyphen (`co-` /
    `construction`); dropped when the document writes the joined word elsewhere, and otherwise
    (`transfor-` / `mation`).
    """
    before_word = re.search(r"\S*$", before_text).group()
    after_word = re.match(r"\S*", after_text).group()
    if not after_word[:1].isalpha() or after_word[0].isupper():
        return True
    if ADDRESS.search(before_word + after_word):
        return True
    before = re.search(rf"{LETTERS}+$", before_word).group().lower()
    after = re.match(rf"{LETTERS}+", after_word).group().lower()
    words, pairs = vocabulary
    if len(before) == 1 or len(after) < MIN_SPLIT_TAIL or after in HYPHENATED_WORDS:
        return True
    if f"{before}-{after}" in pairs:
        return True
    if before + after in words:
        return False
    return before in COMPOUND_PREFIXES
