"""PDFs of a French text as real layout engines make them: WeasyPrint and Chromium's print.

The text becomes an HTML page the way a communications office sets one: the first paragraph a
title and short lines subheadings, both put in capitals by CSS (`text-transform`), the body
justified and hyphenated (`hyphens: auto` and soft hyphens `&shy;` inside long words), in one or
two CSS columns, with a running header and a page-numbered footer in the `@page` margins.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import pyphen

HEADER = "Mois de l'innovation publique · Communiqué de presse"
FOOTER = "Service de presse · reproduction libre"
MIN_HYPHENATED = 7  # words this long get soft hyphens
MAX_HEADING_WORDS = 8  # a short paragraph without final punctuation is a subheading
MIN_TITLE_WORDS = 4
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_TIMEOUT = 120  # seconds
_HYPHENATOR = pyphen.Pyphen(lang="fr_FR")


def _soft_hyphens(text: str) -> str:
    """HTML-escaped text with `&shy;` at the hyphenation points of its long words.

    None inside a ligature (`ef&shy;fi`): WeasyPrint 70 then maps the ligature's glyph to no
    text at all, so no reader can get `ffi` back from the PDF.
    """
    def hyphenate(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) < MIN_HYPHENATED:
            return word
        hyphenated = _HYPHENATOR.inserted(word, hyphen="\u00ad")
        return re.sub("(?<=f)\u00ad(?=[fil])", "", hyphenated)
    return html.escape(re.sub(r"[^\W\d_]+", hyphenate, text)).replace("\u00ad", "&shy;")


def _short_line(paragraph: str) -> bool:
    return (len(paragraph.split()) <= MAX_HEADING_WORDS and "\n" not in paragraph
            and not paragraph.rstrip().endswith((".", ":", ",", ";", "»", "!", "?")))


def _block(paragraph: str) -> str:
    """A paragraph as HTML: a short line a subheading (in capitals), or a byline in bold if it
    has a comma (`Louise Martin, directrice`), else a paragraph with its line breaks."""
    body = "<br>".join(_soft_hyphens(line) for line in paragraph.split("\n"))
    if _short_line(paragraph):
        return f"<p><b>{body}</b></p>" if "," in paragraph else f"<h2>{body}</h2>"
    return f"<p>{body}</p>"


def html_page(text: str, columns: int = 1) -> str:
    """An HTML page setting `text` (paragraphs apart by blank lines) as described above: the
    first line is the title, unless it is a word or two of a letterhead; the other lines of the
    first paragraph (a place and date) are plain."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    head = paragraphs[0].split("\n")
    blocks = [f"<h1>{_soft_hyphens(line)}</h1>" if index == 0 and len(line.split()) >= MIN_TITLE_WORDS
              else f"<p>{_soft_hyphens(line)}</p>" for index, line in enumerate(head)]
    blocks += [_block(paragraph) for paragraph in paragraphs[1:]]
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Communiqué</title><style>
@page {{ size: A4; margin: 25mm 20mm;
  @top-center {{ content: "{HEADER}"; font-size: 8pt; color: #555; }}
  @bottom-left {{ content: "{FOOTER}"; font-size: 8pt; color: #555; }}
  @bottom-right {{ content: "Page " counter(page) " / " counter(pages); font-size: 8pt; }} }}
body {{ font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35; }}
main {{ columns: {columns}; column-gap: 10mm; }}
p {{ text-align: justify; hyphens: auto; margin: 0 0 0.6em; }}
h1 {{ font-size: 15pt; text-transform: uppercase; column-span: all; }}
h2 {{ font-size: 12pt; text-transform: uppercase; margin: 0.83em 0; }}
</style></head><body><main>
{chr(10).join(blocks)}
</main></body></html>
"""


def weasyprint_pdf(text: str, path: Path, columns: int = 1) -> Path:
    """`text` set by WeasyPrint into the PDF `path`."""
    from weasyprint import HTML

    HTML(string=html_page(text, columns)).write_pdf(path)
    return path


def chromium_pdf(text: str, path: Path, columns: int = 1) -> Path:
    """`text` printed to the PDF `path` by headless Chromium, as its "Save as PDF" does."""
    if CHROMIUM is None:
        raise FileNotFoundError("chromium is not installed")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html_page(text, columns), encoding="utf-8")
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-pdf-header-footer",
                        f"--user-data-dir={Path(folder) / 'profile'}",
                        f"--print-to-pdf={path}", page.as_uri()],
                       check=True, capture_output=True, timeout=CHROMIUM_TIMEOUT)
    return path


def pdfium_pages(path: Path) -> list[str]:
    """Each page's text as PDFium reads it: a second opinion on what each page holds."""
    document = pdfium.PdfDocument(path)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
