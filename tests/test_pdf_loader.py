"""The PDF loader on communiqués rendered as they are published (see `innovpub.synth.pdf`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz

from innovpub.errors import UnreadableDocument
from innovpub.loaders import load_document
from innovpub.loaders.cleaning import clean_markup
from innovpub.loaders.pdf import PdfText, load_pdf, load_pdf_layout
from innovpub.loaders.pdf_glyphs import raw_text
from innovpub.synth.pdf import (LAYOUTS, LIGATURES_AVAILABLE, RUNNING_FOOTER, RUNNING_HEADER,
                               render_encrypted_pdf, render_garbage_pdf, render_pdf,
                               render_scanned_pdf, render_truncated_pdf)
from tests.pdf_engines import pdfium_pages

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
STEMS = sorted(path.name[:3] for path in CORPUS.glob("*.txt"))
MIN_SIMILARITY = 0.98
CORRUPT = "truncated or corrupt PDF"
MIN_SPLIT_WORDS = 5  # the hyphenated layout splits at least this many words per document
# Titles set large and bold by the factory, though not marked `**…**` in the text files.
TITLES = {
    "000": "Le ministère de la Transformation et de la Fonction publiques lance le mois",
    "001": "MOIS DE L'INNOVATION PUBLIQUE 2020 :",
    "003": "10E EDITION DU MOIS DE L'INNOVATION PUBLIQUE DU 2 AU 30 NOVEMBRE",
}
COMPOUNDS = ("co-construction", "Auvergne-Rhône-Alpes", "Saint-Denis")
# Paragraphs whose padding (narrow `i`s, three more each time) sweeps each compound across the
# line end, so that its hyphen ends a line in some of them.
COMPOUND_TEXT = "\n\n".join(f"Un atelier {'i' * width} de {compound} pour tous."
                             for compound in COMPOUNDS for width in range(1, 80, 3))


def source(stem: str) -> str:
    """The corpus text file whose name starts with `stem`."""
    return next(CORPUS.glob(f"{stem}_*.txt")).read_text(encoding="utf-8")


def normalised(text: str) -> str:
    """Runs of white space as one space."""
    return " ".join(text.split())


def without_dash_spaces(text: str) -> str:
    """`normalised`, and no space after a hyphen: PDFium drops a space drawn after a hyphen
    ending a line, so `publique- Université` (a dash) reads as `publique-Université`."""
    return normalised(text).replace("- ", "-")


def drawn_characters(path: Path) -> str:
    """The raw text of a PDF: every character PDFium reports, page after page."""
    return raw_text(path.read_bytes())


def page_size(path: Path) -> tuple[float, float]:
    """Width and height of the first page, in points."""
    document = pdfium.PdfDocument(path)
    try:
        return document[0].get_size()
    finally:
        document.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where this module's PDFs are rendered."""
    return tmp_path_factory.mktemp("pdfs")


@pytest.fixture(scope="module")
def extracted(folder: Path) -> Callable[..., tuple[Path, PdfText]]:
    """Render a corpus text (or a given text) once per layout and extract it once."""
    @lru_cache(maxsize=None)
    def render_and_load(stem: str, layout: str, emphasise_headings: bool = True,
                        text: str | None = None) -> tuple[Path, PdfText]:
        """The rendered PDF and what the loader extracts from it."""
        name = f"{stem}_{layout}_{'styled' if emphasise_headings else 'plain'}.pdf"
        path = render_pdf(text or source(stem), layout, folder / name,
                          emphasise_headings=emphasise_headings)
        return path, load_pdf_layout(path.read_bytes(), name)
    return render_and_load


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("stem", STEMS)
def test_text_matches_the_text_file(extracted, stem: str, layout: str) -> None:
    _, pdf = extracted(stem, layout)
    expected = normalised(clean_markup(source(stem)).text)
    assert fuzz.ratio(expected, normalised(pdf.text)) / 100 >= MIN_SIMILARITY


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("stem", STEMS)
def test_bold_spans_and_titles_are_emphasis(extracted, stem: str, layout: str) -> None:
    _, pdf = extracted(stem, layout)
    emphasised = [without_dash_spaces(pdf.text[start:end]) for start, end in pdf.emphasis]
    text_file = clean_markup(source(stem))
    wanted = [without_dash_spaces(text_file.text[start:end]) for start, end in text_file.emphasis]
    wanted += [TITLES[stem]] if stem in TITLES else []
    for bold in wanted:
        assert any(bold in span for span in emphasised), bold


@pytest.mark.parametrize("stem", ["001", "003"])
def test_without_styled_headings_emphasis_is_the_text_files(extracted, stem: str) -> None:
    _, pdf = extracted(stem, "one_column", emphasise_headings=False)
    text_file = clean_markup(source(stem))
    assert ([without_dash_spaces(pdf.text[start:end]) for start, end in pdf.emphasis]
            == [without_dash_spaces(text_file.text[start:end]) for start, end in text_file.emphasis])


@pytest.mark.parametrize("stem", STEMS)
def test_running_headers_footers_and_page_numbers_go(extracted, stem: str) -> None:
    path, pdf = extracted(stem, "paged")
    pages = pdfium_pages(path)
    assert len(pages) > 1 and all(RUNNING_HEADER in page for page in pages)
    assert RUNNING_HEADER not in pdf.text and RUNNING_FOOTER not in pdf.text
    assert "Dossier de presse" not in pdf.text and "Service de presse" not in pdf.text
    assert not re.search(r"(?m)^\d+/\d+$", pdf.text)


@pytest.mark.parametrize("stem", STEMS)
def test_hyphenated_words_are_mended(extracted, stem: str) -> None:
    path, pdf = extracted(stem, "hyphenated")
    # PDFium marks a hyphen ending a line before a letter with U+FFFE.
    splits = re.findall(r"(\w+)\ufffe(\w+)", "".join(pdfium_pages(path)))
    assert len(splits) >= MIN_SPLIT_WORDS
    text, original = normalised(pdf.text), clean_markup(source(stem)).text
    for head, tail in splits:
        compound = f"{head}-{tail}"
        assert (compound if compound in original else head + tail) in text


def test_compounds_keep_their_hyphen_at_a_line_end(extracted) -> None:
    path, pdf = extracted("compounds", "hyphenated", text=COMPOUND_TEXT)
    pages = "".join(pdfium_pages(path))
    for split in ["co\ufffeconstruction", "Saint\ufffeDenis", "Auvergne\ufffeRhône", "Rhône\ufffeAlpes"]:
        assert split in pages  # the factory did put the hyphen at a line end
    for compound in COMPOUNDS:
        assert pdf.text.count(compound) == COMPOUND_TEXT.count(compound)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_ligatures_become_letters(extracted, layout: str) -> None:
    if not LIGATURES_AVAILABLE:
        pytest.xfail("no font with ligature glyphs on this machine")
    path, pdf = extracted("000", layout)
    with pdfplumber.open(path) as document:  # the PDF draws ligature glyphs
        assert re.search("[\ufb00-\ufb04]", "".join(c["text"] for page in document.pages for c in page.chars))
    assert not re.search("[\ufb00-\ufb06]", pdf.text)
    assert "efficaces" in pdf.text and "réflexion" in pdf.text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_no_break_spaces_become_spaces(extracted, layout: str) -> None:
    path, pdf = extracted("000", layout)
    assert "\u202f" in drawn_characters(path)
    assert not re.search("[\u00a0\u202f\u2009]", pdf.text)
    assert "« l'innovation ouverte »" in pdf.text and "secteur privé ? Aujourd'hui" in pdf.text


def test_two_columns_are_read_one_after_the_other(extracted) -> None:
    path, pdf = extracted("001", "two_columns")
    width, _ = page_size(path)
    second_page = [place for place in pdf.positions if place[2] == 2]
    sides = [place[3] > width / 2 for place in second_page]
    assert True in sides and sides == sorted(sides)  # the whole left column, then the right one


@pytest.mark.parametrize("emphasise_headings", [True, False])
def test_the_date_at_the_right_is_read_in_its_place(extracted, emphasise_headings: bool) -> None:
    # Without styled headings the title fits in one column: no line across the page separates
    # the date from the columns.
    _, pdf = extracted("001", "two_columns", emphasise_headings)
    assert "COMMUNIQUE DE PRESSE\n\nParis, le 18 novembre 2020\n\nMOIS DE L'INNOVATION" in pdf.text


@pytest.mark.parametrize("layout", LAYOUTS)
def test_positions_point_at_the_right_page(extracted, layout: str) -> None:
    path, pdf = extracted("001", layout)
    pages = [normalised(clean_markup(page.replace("\ufffe", "-")).text)
             for page in pdfium_pages(path)]
    width, height = page_size(path)
    assert [place[0] for place in pdf.positions] == sorted(place[0] for place in pdf.positions)
    assert pdf.positions[-1][1] == len(pdf.text)
    for start, end, page, x0, top, x1, bottom in pdf.positions:
        assert normalised(pdf.text[start:end]) in pages[page - 1]
        assert 0 <= x0 < x1 <= width and 0 <= top < bottom <= height


def test_source_map_points_at_the_raw_characters(extracted) -> None:
    path, pdf = extracted("003", "two_columns")
    raw = drawn_characters(path)
    for text_start, source_start, length in pdf.source_map:
        assert pdf.text[text_start:text_start + length] == raw[source_start:source_start + length]
    assert sum(length for _, _, length in pdf.source_map) > 0.9 * len(pdf.text)


def test_load_document_reads_a_pdf(extracted, folder: Path) -> None:
    path, pdf = extracted("001", "paged")
    document = load_document(path, folder)
    assert document.media_type == "application/pdf"
    assert document.text == pdf.text
    assert (document.emphasis, document.source_map) == (pdf.emphasis, pdf.source_map)
    cleaned, warnings, _ = load_pdf(path.read_bytes(), path.name)
    assert cleaned.text == pdf.text and warnings == []


def test_a_pdf_with_an_owner_password_only_is_read(folder: Path) -> None:
    path = render_encrypted_pdf(source("003"), folder / "owner_only.pdf", user_password="")
    assert "COMMUNIQUE DE PRESSE" in load_pdf_layout(path.read_bytes(), path.name).text


@pytest.mark.parametrize(("maker", "reason"), [
    (lambda path: render_encrypted_pdf(source("001"), path), "encrypted PDF"),
    (lambda path: render_truncated_pdf(source("001"), path), f"{CORRUPT}: no %%EOF marker"),
    (render_garbage_pdf, f"{CORRUPT}: no %%EOF marker"),
    (lambda path: render_garbage_pdf(path, with_eof_marker=True), f"{CORRUPT}: Data format error"),
    (lambda path: render_scanned_pdf(source("001"), path), "no text layer"),
], ids=["encrypted", "truncated", "garbage", "garbage-with-eof", "scanned"])
def test_unreadable_pdfs_say_why(folder: Path, maker: Callable[[Path], Path], reason: str) -> None:
    path = maker(folder / "unreadable.pdf")
    with pytest.raises(UnreadableDocument) as raised:
        load_pdf(path.read_bytes(), "corpus/unreadable.pdf")
    assert raised.value.reason.startswith(reason)
    assert raised.value.path == "corpus/unreadable.pdf"
    assert str(raised.value).startswith("corpus/unreadable.pdf: ")
