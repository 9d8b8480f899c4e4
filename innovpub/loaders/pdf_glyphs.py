"""The characters of a PDF's pages as `Glyph`s, read by PDFium (pypdfium2).

PDFium's text page lists a page's characters in content-stream order, with word spaces and
line breaks of its own marked as generated: its line breaks are left out, its spaces kept as
white space glyphs. A character's box is its font's (descent to ascent, as wide as its advance),
in points from the page's top-left corner. A few ctypes calls a character cost several times
less than laying the page out with pdfminer did.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from innovpub.errors import UnreadableDocument
from innovpub.loaders.pdf_layout import Glyph

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
FONT_NAME_BYTES = 256
# PDFium reports a hyphen ending a line (U+002D, or a soft hyphen drawn as U+00AD) as this
# control character, read back as `-`: whether it is the text's is the assembler's question.
PDFIUM_LINE_END_HYPHEN = "\x02"
HYPHEN = "-"
LINE_BREAKS = "\r\n"


@dataclass(frozen=True)
class Page:
    """The glyphs of one page, numbered from 1."""

    number: int
    height: float
    glyphs: list[Glyph]


@dataclass(frozen=True)
class _Run:
    """What the characters of one text object share: their size as drawn, whether the font is
    a bold one, whether they are upright."""

    size: float
    bold: bool
    upright: bool


def read_pages(data: bytes, path: str) -> tuple[list[Page], list[str]]:
    """Every page's glyphs and the warnings about characters left out.

    A glyph's `raw_offset` indexes the raw text of the document: every character PDFium's text
    pages report (`FPDFText_GetUnicode`, generated ones included), page after page (`raw_text`).
    """
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise UnreadableDocument(path, _unreadable_reason(error)) from None
    pages: list[Page] = []
    offset, dropped = 0, Counter[str]()
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                height, glyphs, count = _page_glyphs(page, offset, dropped)
            finally:
                page.close()
            pages.append(Page(index + 1, height, glyphs))
            offset += count
    finally:
        document.close()
    if not pages:
        raise UnreadableDocument(path, "truncated or corrupt PDF: no pages")
    warnings = [f"{path}: {count} {reason} left out" for reason, count in sorted(dropped.items())]
    return pages, warnings


def raw_text(data: bytes) -> str:
    """The raw text that `read_pages`'s offsets index."""
    document = pdfium.PdfDocument(data)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            handle = textpage.raw
            texts += [_character(handle, i) for i in range(pdfium_c.FPDFText_CountChars(handle))]
            textpage.close()
            page.close()
        return "".join(texts)
    finally:
        document.close()


def _page_glyphs(page: pdfium.PdfPage, offset: int, dropped: Counter[str]) -> tuple[float, list[Glyph], int]:
    """A page's height, its glyphs, and how many characters its text page holds."""
    _, bottom, _, top = page.get_mediabox()
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        count = pdfium_c.FPDFText_CountChars(handle)
        box, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        runs: dict[int, _Run] = {}
        glyphs: list[Glyph] = []
        for index in range(count):
            char = _character(handle, index)
            if pdfium_c.FPDFText_IsGenerated(handle, index):
                if char not in LINE_BREAKS and glyphs:
                    glyphs.append(_generated_space(handle, index, offset, glyphs[-1], box))
                continue
            if pdfium_c.FPDFText_HasUnicodeMapError(handle, index):
                dropped["characters without a Unicode mapping"] += 1
                continue
            key = ctypes.cast(pdfium_c.FPDFText_GetTextObject(handle, index), ctypes.c_void_p).value or 0
            run = runs.get(key) or runs.setdefault(key, _run(handle, index))
            if not run.upright:
                dropped["rotated characters"] += 1
                continue
            pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
            pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
            glyphs.append(Glyph(char, offset + index, box.left, box.right, top - box.top,
                                top - box.bottom, top - y.value, run.size, run.bold, char.isspace()))
        return top - bottom, glyphs, count
    finally:
        textpage.close()


def _character(handle: object, index: int) -> str:
    """Character `index` of a text page."""
    char = chr(pdfium_c.FPDFText_GetUnicode(handle, index))
    return HYPHEN if char == PDFIUM_LINE_END_HYPHEN else char


def _generated_space(handle: object, index: int, offset: int, before: Glyph,
                     box: pdfium_c.FS_RECTF) -> Glyph:
    """A space PDFium found between two words: a white space glyph of no width where it puts
    it, as tall as the glyph before."""
    pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
    return Glyph(" ", offset + index, box.left, box.left, before.top, before.bottom, before.baseline,
                 before.size, before.bold, True)


def _run(handle: object, index: int) -> _Run:
    """The size, weight and orientation of the text object of character `index`."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
    upright = abs(matrix.b) < 1e-6 and abs(matrix.c) < 1e-6 and matrix.a > 0 and matrix.d > 0
    name = ctypes.create_string_buffer(FONT_NAME_BYTES)
    pdfium_c.FPDFText_GetFontInfo(handle, index, name, FONT_NAME_BYTES, None)
    return _Run(pdfium_c.FPDFText_GetFontSize(handle, index) * abs(matrix.d), _is_bold(name.value),
                upright)


@lru_cache(maxsize=None)
def _is_bold(fontname: bytes) -> bool:
    """Whether a font is a bold one, from its name (`ABCDEF+DejaVuSans-Bold`: subset tag first)."""
    return bool(BOLD_FONT.search(fontname.decode("latin-1").split("+")[-1]))


def _unreadable_reason(error: pdfium.PdfiumError) -> str:
    """Why PDFium could not open a PDF."""
    if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:  # a wrong or missing password
        return "encrypted PDF"
    detail = re.sub(r"^Failed to load document \(PDFium: (.*)\)\.?$", r"\1", str(error))
    return f"truncated or corrupt PDF: {detail}"
