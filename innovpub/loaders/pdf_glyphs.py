"""The characters of a PDF's pages as `Glyph`s, read by PDFium (pypdfium2).

PDFium's text page lists a page's characters in content-stream order, with word spaces and
line breaks of its own marked as generated: its line breaks are left out, its spaces kept as
white space glyphs. A character's box is its font's (descent to ascent, as wide as its advance),
in points from the page's top-left corner. A few ctypes calls a character cost several times
less than laying the page out with pdfminer did; the text of a page comes in one call, and only
white space is asked whether PDFium generated it (it generates nothing else).
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
# control character, one at a time, and as U+FFFE in a page's text, both read back as `-`:
# whether it is the text's is the assembler's question.
PDFIUM_LINE_END_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-"})
LINE_BREAKS = "\r\n"
GENERATED = " \r\n"  # what PDFium inserts: spaces between words, line breaks
# PDFium's binding returns a text object as a pointer object, which must be cast to serve as a
# key (≈ 1 µs a character); this prototype of the same function returns its address.
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value)


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
            texts.append(_page_text(handle, pdfium_c.FPDFText_CountChars(handle)))
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
        address = ctypes.cast(handle, ctypes.c_void_p).value
        count = pdfium_c.FPDFText_CountChars(handle)
        box, x, y = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        char_box, char_origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
        runs: dict[int, _Run] = {}
        glyphs: list[Glyph] = []
        for index, char in enumerate(_page_text(handle, count)):
            if char in GENERATED and pdfium_c.FPDFText_IsGenerated(handle, index):
                if char not in LINE_BREAKS and glyphs:
                    glyphs.append(_generated_space(handle, index, offset, glyphs[-1], box))
                continue
            if pdfium_c.FPDFText_HasUnicodeMapError(handle, index):
                dropped["characters without a Unicode mapping"] += 1
                continue
            key = _text_object(address, index) or 0
            run = runs.get(key) or runs.setdefault(key, _run(handle, index))
            if not run.upright:
                dropped["rotated characters"] += 1
                continue
            char_box(handle, index, box)
            char_origin(handle, index, x, y)
            glyphs.append(Glyph(char, offset + index, box.left, box.right, top - box.top,
                                top - box.bottom, top - y.value, run.size, run.bold, char.isspace()))
        return top - bottom, glyphs, count
    finally:
        textpage.close()


def _page_text(handle: object, count: int) -> str:
    """The `count` characters of a text page, in one call; one by one when one of them lies beyond
    the 16 bits of a UTF-16 unit (it takes two there, and the indexes would shift)."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    text = bytes(buffer)[:max(written - 1, 0) * 2].decode("utf-16-le", errors="surrogatepass")
    if len(text) != count:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(handle, index)) for index in range(count))
    return text.translate(PDFIUM_LINE_END_HYPHENS)


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
