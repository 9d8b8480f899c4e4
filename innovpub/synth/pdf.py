"""Render texts to PDF the way ministry communiqués arrive: synthetic corpora and the PDF loader's tests.

`render_pdf(text, layout, path)` cleans `text` as a text file is cleaned (`clean_markup`), then
draws it with reportlab: `**…**` spans in bold, ligatures (`fi` → `ﬁ`), curly apostrophes,
no-break spaces before `: ; ! ?` and inside `« »`, the ministry's header block at top-left under
an emblem, the place and date at the right, and (with `emphasise_headings`) a larger bold title
and bold headings in capitals. Lines wrap at spaces and after a compound's own hyphen
(`Auvergne-` / `Rhône-Alpes`), as word processors do.

Layouts: `one_column` (A4), `two_columns` (front matter across the page, body in two columns),
`paged` (A5 pages with a running header, a running footer and page numbers) and `hyphenated`
(a narrow measure where words that do not fit are split at a syllable with a hyphen).
Also here: the unreadable kinds (scanned, encrypted, truncated, garbage).
"""

from __future__ import annotations

import random
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from innovpub.loaders.cleaning import clean_markup

LAYOUTS = ("one_column", "two_columns", "paged", "hyphenated")
RUNNING_HEADER = "Mois de l'innovation publique · Dossier de presse"
RUNNING_FOOTER = "Ministère de la Transformation et de la Fonction publiques · Service de presse"

BODY_SIZE = 10.0
TITLE_SIZE = 14.0  # the release's title stands out by size as well as weight
HEADER_SIZE = 8.0  # the ministry's name block is set small under the emblem
RUNNING_SIZE = 7.5
LEADING = 1.3  # baseline to baseline, in font sizes
PARAGRAPH_SPACING = 0.8 * BODY_SIZE  # "space after" of a paragraph, as a word processor adds
MARGIN = 56.0  # 2 cm
A5_MARGIN = 42.0  # 1.5 cm: small pages get small margins
GUTTER = 20.0  # between the two columns
HYPHENATED_MEASURE = 260.0  # narrow enough for many words to be split at the line end
RUNNING_OFFSET = 22.0  # running header and footer baselines, from the page edges
EMBLEM_SIZE = (36.0, 24.0)  # the Marianne emblem, drawn as a flag: no text in it
FLAG_COLOURS = ((0, 0, 0.57), (1, 1, 1), (0.88, 0.1, 0.2))  # blue, white, red (RGB)
# A paragraph of the front matter (header block, title, date) has no lowercase or is short.
FRONT_MATTER_MAX_CHARS = 120
HEADER_LINE_MAX_CHARS = 32  # the lines of `MINISTÈRE / DE LA TRANSFORMATION / …`
DATE_LINE = re.compile(r"^(?:[\w' -]+,\s*)?le \d{1,2}(?:er)? [a-zéû]+ \d{4}$", re.IGNORECASE)
ADDRESS = re.compile(r"[/@]|www\.|\w\.\w")  # word processors do not hyphenate addresses
MIN_SYLLABLE = 3  # letters kept on each side of a syllable split
VOWELS = set("aeiouyàâäéèêëîïôöùûüœæ")
# Consonant pairs that start a syllable together and are never split (`ta-bleau`, `ma-chine`).
INSEPARABLE = re.compile(r"^(?:[bcdfgkptv][lr]|ch|ph|th|gn|qu)$")
LIGATURES = (("ffi", "ﬃ"), ("ffl", "ﬄ"), ("ff", "ﬀ"), ("fi", "ﬁ"), ("fl", "ﬂ"))
# French typography: a no-break space (U+00A0) before a colon, a narrow one (U+202F) before
# ; ! ? and inside guillemets. Both are what the loader must turn back into plain spaces.
NO_BREAK_SPACES = ((re.compile(r" (?=:)"), "\u00a0"), (re.compile(r" (?=[;!?»])"), "\u202f"),
                   (re.compile(r"(?<=«) "), "\u202f"))
FONT_FOLDERS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")
SCAN_DPI_SCALE = 2  # pixels per point of the fake scan
SCAN_LINES, SCAN_LINE_CHARS = 40, 90  # the text drawn on the fake scan: one page's worth
GARBAGE_BYTES = 4096


@dataclass(frozen=True)
class _Geometry:
    """Page size, margins and columns of a layout, and what it adds to the text."""

    page_size: tuple[float, float]
    margin: float
    columns: int = 1
    measure: float | None = None  # a text width narrower than the page allows
    hyphenate: bool = False
    running: bool = False


GEOMETRIES = {
    "one_column": _Geometry(A4, MARGIN),
    "two_columns": _Geometry(A4, MARGIN, columns=2),
    "paged": _Geometry(A5, A5_MARGIN, running=True),
    "hyphenated": _Geometry(A4, MARGIN, measure=HYPHENATED_MEASURE, hyphenate=True),
}


def _font_file(name: str, vera_fallback: str) -> Path:
    """DejaVu `name` from the system fonts, else reportlab's bundled Vera (no ligature glyphs)."""
    for folder in FONT_FOLDERS:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}", name.removesuffix(".ttf")],
                               capture_output=True, text=True, check=False).stdout
    except FileNotFoundError:
        found = ""
    if found.endswith(name):
        return Path(found)
    return Path(reportlab.__file__).parent / "fonts" / vera_fallback


def _register_fonts() -> bool:
    """Register the regular and bold fonts; say whether they draw the ligature glyphs."""
    fonts = {"Body": _font_file("DejaVuSans.ttf", "Vera.ttf"),
             "Body-Bold": _font_file("DejaVuSans-Bold.ttf", "VeraBd.ttf")}
    glyphs = set()
    for name, file in fonts.items():
        font = TTFont(name, str(file))
        pdfmetrics.registerFont(font)
        glyphs.add(all(ord(lig) in font.face.charToGlyph for _, lig in LIGATURES))
    return all(glyphs)


LIGATURES_AVAILABLE = _register_fonts()


@dataclass
class _Word:
    """A word with the weight of each of its characters."""

    text: str
    bold: list[bool]

    def cut(self, end: int) -> tuple[_Word, _Word]:
        """The word split in two at `end`."""
        return (_Word(self.text[:end], self.bold[:end]), _Word(self.text[end:], self.bold[end:]))


@dataclass
class _Line:
    """A line ready to draw: runs of (text, bold), a size, an alignment and an indent."""

    runs: list[tuple[str, bool]] = field(default_factory=list)
    size: float = BODY_SIZE
    align_right: bool = False
    indent: float = 0.0
    spacing_after: float = 0.0


@dataclass(frozen=True)
class _Paragraph:
    """A paragraph of the text, ready to set."""

    kind: str  # header, date, title, heading or body
    lines: list[list[_Word]]  # the source's own lines, each a list of words


def _displayed(text: str) -> str:
    """Text as a typesetter draws it: ligature glyphs and curly apostrophes."""
    text = text.replace("'", "\u2019")
    if LIGATURES_AVAILABLE:
        for letters, ligature in LIGATURES:
            text = text.replace(letters, ligature)
    return text


def _width(runs: list[tuple[str, bool]], size: float) -> float:
    """Drawn width of styled runs."""
    return sum(pdfmetrics.stringWidth(_displayed(text), "Body-Bold" if bold else "Body", size)
               for text, bold in runs)


def _runs(words: list[_Word]) -> list[tuple[str, bool]]:
    """Words joined by spaces, grouped into runs of one weight; a space is bold between bolds."""
    runs: list[tuple[str, bool]] = []
    for index, word in enumerate(words):
        chars = list(zip(word.text, word.bold))
        if index:
            chars.insert(0, (" ", word.bold[0] and words[index - 1].bold[-1]))
        for char, bold in chars:
            if runs and runs[-1][1] == bold:
                runs[-1] = (runs[-1][0] + char, bold)
            else:
                runs.append((char, bold))
    return runs


def _syllable_splits(word: str) -> list[int]:
    """Where a word may be hyphenated: before a consonant between vowels, or between two
    consonants that do not start a syllable together (`transfor-mation`, `col-lectivités`)."""
    def letter(index: int) -> str:
        """The letter at `index` in lower case, or nothing outside the word or for a non-letter."""
        return word[index].lower() if 0 <= index < len(word) and word[index].isalpha() else ""

    splits = []
    for end in range(MIN_SYLLABLE, len(word) - MIN_SYLLABLE + 1):
        if not (word[end - MIN_SYLLABLE:end].isalpha() and word[end:end + MIN_SYLLABLE].isalpha()):
            continue
        before, here, after = letter(end - 1), letter(end), letter(end + 1)
        if before in VOWELS and here not in VOWELS and after in VOWELS:
            splits.append(end)
        elif (before not in VOWELS and here not in VOWELS and letter(end - 2) in VOWELS
              and after in VOWELS and not INSEPARABLE.match(before + here)):
            splits.append(end)
    return splits


def _break_points(word: _Word, hyphenate: bool) -> list[tuple[int, bool]]:
    """Where `word` may end a line: after its own hyphens, and (if hyphenating) at a syllable
    with a hyphen added, except in words in capitals and in web or e-mail addresses."""
    points = [(match.end(), False) for match in re.finditer(r"(?<=\w)-(?=\w)", word.text)]
    in_capitals = sum(char.isupper() for char in word.text) > 1
    if hyphenate and not in_capitals and not ADDRESS.search(word.text):
        points += [(end, True) for end in _syllable_splits(word.text)]
    return sorted(points, reverse=True)


def _fit_word(line: list[_Word], word: _Word, width: float, size: float,
              hyphenate: bool) -> tuple[_Word, _Word] | None:
    """The longest head of `word` that still fits on `line` (hyphen included), and the rest."""
    for end, add_hyphen in _break_points(word, hyphenate):
        head, rest = word.cut(end)
        if add_hyphen:
            head = _Word(head.text + "-", head.bold + [head.bold[-1]])
        if _width(_runs(line + [head]), size) <= width:
            return head, rest
    return None


def _wrap(words: list[_Word], width: float, indent: float, size: float,
          hyphenate: bool) -> list[tuple[list[_Word], bool]]:
    """Greedy line filling, lines after the first indented by `indent` (a hanging indent);
    a word that does not fit is split if it can be. Each line comes with whether it ends at a
    space of the text (rather than inside a word)."""
    lines: list[tuple[list[_Word], bool]] = [([], False)]
    pending = list(words)
    while pending:
        word = pending.pop(0)
        line = lines[-1][0]
        available = width - indent if len(lines) > 1 else width
        if _width(_runs(line + [word]), size) <= available or not line:
            line.append(word)
            continue
        split = _fit_word(line, word, available, size, hyphenate)
        if split:
            line.append(split[0])
            pending.insert(0, split[1])
        else:
            pending.insert(0, word)
            lines[-1] = (line, True)
        lines.append(([], False))
    return [(line, at_space) for line, at_space in lines if line]


def _typeset(text: str) -> str:
    """Put the no-break spaces of French typography where the text has plain ones."""
    for pattern, space in NO_BREAK_SPACES:
        text = pattern.sub(space, text)
    return text


def _words(line: str, start: int, bold: list[bool]) -> list[_Word]:
    """The words of one source line, with the weight of each character."""
    return [_Word(match.group(), bold[start + match.start():start + match.end()])
            for match in re.finditer(r"[^ \t]+", line)]  # no-break spaces do not split words


def _paragraphs(text: str) -> list[_Paragraph]:
    """Cleaned text cut into paragraphs, each classified as header, date, title, heading or body."""
    cleaned = clean_markup(text)
    bold = [False] * len(cleaned.text)
    for start, end in cleaned.emphasis:
        bold[start:end] = [True] * (end - start)
    typeset = _typeset(cleaned.text)
    paragraphs: list[_Paragraph] = []
    in_front_matter = True
    for match in re.finditer(r"(?:(?!\n[ \t\u00a0]*\n).)+", typeset, re.DOTALL):
        block = match.group()
        if not block.strip():
            continue
        lines, offset = [], match.start()
        for line in block.split("\n"):
            if line.strip():
                lines.append(_words(line, offset, bold))
            offset += len(line) + 1
        flat = " ".join(block.split())
        in_front_matter = in_front_matter and not (re.search(r"[a-zà-ÿ]", flat)
                                                   and len(flat) > FRONT_MATTER_MAX_CHARS)
        paragraphs.append(_Paragraph(_kind(block, flat, in_front_matter, paragraphs), lines))
    return paragraphs


def _kind(block: str, flat: str, in_front_matter: bool, previous: list[_Paragraph]) -> str:
    """How a paragraph is set: the leading stacks of short lines are the header block."""
    if not in_front_matter:
        return "heading" if flat.isupper() else "body"
    short_lines = [line for line in block.split("\n") if line.strip()]
    if (len(short_lines) > 1 and all(len(line) <= HEADER_LINE_MAX_CHARS for line in short_lines)
            and all(p.kind == "header" for p in previous)):
        return "header"
    return "date" if DATE_LINE.match(flat) else "title"


def _set_paragraph(paragraph: _Paragraph, width: float, geometry: _Geometry,
                   emphasise_headings: bool) -> list[_Line]:
    """Lines of a paragraph: the source's line breaks kept, long lines wrapped."""
    size = {"header": HEADER_SIZE, "title": TITLE_SIZE if emphasise_headings else BODY_SIZE}.get(
        paragraph.kind, BODY_SIZE)
    embolden = emphasise_headings and paragraph.kind in ("title", "heading")
    lines: list[_Line] = []
    for source_line in paragraph.lines:
        words = [_Word(w.text, [True] * len(w.text)) if embolden else w for w in source_line]
        bullet = words[0].text in ("-", "•", "–")
        indent = _width([(words[0].text + " ", False)], size) if bullet else 0.0
        wrapped = _wrap(words, width, indent, size, geometry.hyphenate)
        for index, (line_words, at_space) in enumerate(wrapped):
            # Word processors draw the space a line ends at, as the PDFs they export show.
            runs = _runs(line_words) + ([(" ", False)] if at_space else [])
            lines.append(_Line(runs, size, paragraph.kind == "date", indent if index else 0.0))
    lines[-1].spacing_after = PARAGRAPH_SPACING
    return lines


@dataclass
class _Flow:
    """Places lines down the columns of successive pages; the front matter spans the page."""

    geometry: _Geometry
    pages: list[list[tuple[_Line, float, float, float]]] = field(default_factory=lambda: [[]])
    column: int = 0
    columns_top: float = 0.0
    y: float = 0.0
    across: bool = True  # still in the front matter, set across the whole text width

    def __post_init__(self) -> None:
        """Start at the top of the first page."""
        self.y = self.columns_top = self._top()

    def _top(self) -> float:
        """Top of a page's text block."""
        return self.geometry.page_size[1] - self.geometry.margin

    def text_width(self) -> float:
        """Width of the text block: the measure, or the page less its margins."""
        full = self.geometry.page_size[0] - 2 * self.geometry.margin
        return min(full, self.geometry.measure or full)

    def width(self) -> float:
        """Width available to the next line."""
        if self.across or self.geometry.columns == 1:
            return self.text_width()
        return (self.text_width() - GUTTER * (self.geometry.columns - 1)) / self.geometry.columns

    def start_columns(self) -> None:
        """The body begins: columns start under the front matter."""
        self.across, self.columns_top = False, self.y

    def place(self, line: _Line) -> None:
        """Put `line` under the previous one, moving to the next column or page when full."""
        pitch = line.size * LEADING
        if self.y - pitch < self.geometry.margin:
            if not self.across and self.column + 1 < self.geometry.columns:
                self.column += 1
            else:
                self.pages.append([])
                self.column, self.columns_top = 0, self._top()
            self.y = self.columns_top
        self.y -= pitch
        x0 = self.geometry.margin + self.column * (self.width() + GUTTER)
        self.pages[-1].append((line, x0, x0 + self.width(), self.y))
        self.y -= line.spacing_after


def _draw_line(pdf: canvas.Canvas, line: _Line, x0: float, x1: float, baseline: float) -> None:
    """Draw one line's runs, right-aligned if it is the date line."""
    x = x1 - _width(line.runs, line.size) if line.align_right else x0 + line.indent
    for text, bold in line.runs:
        font = "Body-Bold" if bold else "Body"
        pdf.setFont(font, line.size)
        pdf.drawString(x, baseline, _displayed(text))
        x += pdfmetrics.stringWidth(_displayed(text), font, line.size)


def _draw_emblem(pdf: canvas.Canvas, geometry: _Geometry) -> None:
    """The emblem above the header block: three coloured bands, no text."""
    width, height = EMBLEM_SIZE
    top = geometry.page_size[1] - geometry.margin / 2
    for band, colour in enumerate(FLAG_COLOURS):
        pdf.setFillColorRGB(*colour)
        pdf.rect(geometry.margin + band * width / 3, top - height, width / 3, height,
                 stroke=0, fill=1)
    pdf.setFillColorRGB(0, 0, 0)


def _draw_running(pdf: canvas.Canvas, geometry: _Geometry, number: int, total: int) -> None:
    """Running header, running footer and page number, at the same place on every page."""
    page_width, page_height = geometry.page_size
    pdf.setFont("Body", RUNNING_SIZE)
    pdf.drawString(geometry.margin, page_height - RUNNING_OFFSET, RUNNING_HEADER)
    pdf.drawCentredString(page_width / 2, RUNNING_OFFSET, RUNNING_FOOTER)
    pdf.drawRightString(page_width - geometry.margin, RUNNING_OFFSET - RUNNING_SIZE * LEADING,
                        f"{number}/{total}")


def _layout(text: str, geometry: _Geometry, emphasise_headings: bool) -> _Flow:
    """Typeset `text` into pages."""
    flow = _Flow(geometry)
    for paragraph in _paragraphs(text):
        if flow.across and paragraph.kind == "body":
            flow.start_columns()
        for line in _set_paragraph(paragraph, flow.width(), geometry, emphasise_headings):
            flow.place(line)
    return flow


def _render(text: str, layout: str, path: Path, emphasise_headings: bool,
            encrypt: StandardEncryption | None = None) -> Path:
    """Typeset and draw `text`; see `render_pdf`."""
    geometry = GEOMETRIES[layout]
    flow = _layout(text, geometry, emphasise_headings)
    pdf = canvas.Canvas(str(path), pagesize=geometry.page_size, encrypt=encrypt, invariant=1)
    for number, placed in enumerate(flow.pages, start=1):
        if number == 1:
            _draw_emblem(pdf, geometry)
        if geometry.running:
            _draw_running(pdf, geometry, number, len(flow.pages))
        for line, x0, x1, baseline in placed:
            _draw_line(pdf, line, x0, x1, baseline)
        pdf.showPage()
    pdf.save()
    return path


def render_pdf(text: str, layout: str, path: Path, *, emphasise_headings: bool = True) -> Path:
    """Render `text` (a corpus `.txt`'s content) to a PDF at `path` in `layout`; return `path`.

    With `emphasise_headings=False` only the source's `**…**` spans are bold and the title keeps
    the body size, so the PDF's emphasis is exactly the text file's.
    """
    if layout not in GEOMETRIES:
        raise ValueError(f"unknown layout {layout!r}; one of {', '.join(LAYOUTS)}")
    return _render(text, layout, path, emphasise_headings)


def render_encrypted_pdf(text: str, path: Path, user_password: str = "secret") -> Path:
    """A one-column PDF that needs `user_password` to be opened (an empty one opens freely)."""
    encryption = StandardEncryption(user_password, ownerPassword="owner-password", canModify=0)
    return _render(text, "one_column", path, True, encrypt=encryption)


def render_truncated_pdf(text: str, path: Path) -> Path:
    """A one-column PDF cut in half, as an interrupted download leaves it."""
    data = _render(text, "one_column", path, True).read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def render_garbage_pdf(path: Path, *, with_eof_marker: bool = False, seed: int = 0) -> Path:
    """Random bytes behind a `%PDF-` signature, optionally ending with a `%%EOF` marker."""
    data = b"%PDF-1.7\n" + random.Random(seed).randbytes(GARBAGE_BYTES)
    path.write_bytes(data + (b"\n%%EOF\n" if with_eof_marker else b""))
    return path


def render_scanned_pdf(text: str, path: Path) -> Path:
    """A page that is only a picture of text (no text layer), as a scanner produces."""
    width, height = A4
    image = Image.new("L", (int(width) * SCAN_DPI_SCALE, int(height) * SCAN_DPI_SCALE), color=255)
    draw = ImageDraw.Draw(image)
    for row, line in enumerate(text.splitlines()[:SCAN_LINES]):
        draw.text((MARGIN * SCAN_DPI_SCALE, (MARGIN + row * BODY_SIZE * LEADING) * SCAN_DPI_SCALE),
                  line[:SCAN_LINE_CHARS], fill=0)
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.drawImage(ImageReader(image), 0, 0, width=width, height=height)
    pdf.showPage()
    pdf.save()
    return path
