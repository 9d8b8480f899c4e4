"""The PDF loader on PDFs from real layout engines (WeasyPrint, Chromium's print), made from
French HTML (`tests/pdf_engines.py`): justified, hyphenated (`hyphens: auto`, soft hyphens),
in one and two CSS columns, headings in capitals by CSS, running header and footer."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from innovpub.evaluate import evaluate, figures, load_dataset, normalize
from innovpub.loaders import load_bytes, load_document
from innovpub.loaders.document import page_of
from innovpub.pipeline import run_locally
from innovpub.settings import Settings
from tests.conftest import CORPUS
from tests.pdf_engines import CHROMIUM, FOOTER, HEADER, chromium_pdf, pdfium_pages, weasyprint_pdf

MIN_SIMILARITY = 0.98
TOLERANCE = 0.02
LAYOUTS = [("weasyprint", 1), ("weasyprint", 2), ("chromium", 1), ("chromium", 2)]
# Compounds whose hyphen is the text's; padded so that each hyphen ends a line somewhere.
COMPOUNDS = ("co-construction", "Auvergne-Rhône-Alpes", "Provence-Alpes-Côte d'Azur", "rendez-vous")
COMPOUND_TEXT = "Communiqué des ateliers régionaux\n\n" + "\n\n".join(
    f"Un atelier {'très ' * width}ouvert de {compound} pour les agents publics."
    for compound in COMPOUNDS for width in range(1, 14))


def _engine(name: str) -> Callable[[str, Path, int], Path]:
    """The engine's PDF maker, or a plain skip saying what is missing."""
    if name == "chromium":
        if CHROMIUM is None:
            pytest.skip("Chromium is not installed (apt-get install chromium): its PDFs are not tested")
        return chromium_pdf
    try:
        import weasyprint  # noqa: F401  (loads pango)
    except OSError as error:
        pytest.skip(f"WeasyPrint cannot load pango ({error}): its PDFs are not tested")
    return weasyprint_pdf


def corpus_texts() -> dict[str, str]:
    """The bundled documents' texts as the text loader reads them, by file stem."""
    return {path.stem: load_bytes(path.read_bytes(), path.name).text for path in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def engine_corpus(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int], Path]:
    """A folder of the bundled documents printed by an engine in a layout, made once."""
    made: dict[tuple[str, int], Path] = {}

    def folder(engine: str, columns: int) -> Path:
        if (engine, columns) not in made:
            make = _engine(engine)
            target = tmp_path_factory.mktemp(f"{engine}{columns}")
            for stem, text in corpus_texts().items():
                make(text, target / f"{stem}.pdf", columns)
            made[engine, columns] = target
        return made[engine, columns]
    return folder


@pytest.mark.parametrize(("engine", "columns"), LAYOUTS)
def test_text_reads_as_the_text_file(engine_corpus, engine: str, columns: int) -> None:
    folder = engine_corpus(engine, columns)
    for stem, expected in corpus_texts().items():
        text = load_document(folder / f"{stem}.pdf", folder).text
        # Headings come out in the capitals CSS gave them: compared case-folded.
        assert fuzz.ratio(normalize(expected), normalize(text)) / 100 >= MIN_SIMILARITY, stem
        # No word split by a break opportunity's space (`Transfo rmation`), none glued.
        invented = set(normalize(text).split()) - set(normalize(expected).split())
        assert not invented, (stem, sorted(invented)[:20])
        assert HEADER not in text and FOOTER not in text and not re.search(r"Page \d+ / \d+", text)


@pytest.mark.parametrize(("engine", "columns"), LAYOUTS)
def test_compounds_keep_their_hyphen_at_a_line_end(engine_corpus, tmp_path: Path, engine: str,
                                                   columns: int) -> None:
    path = _engine(engine)(COMPOUND_TEXT, tmp_path / "compounds.pdf", columns)
    text = " ".join(load_document(path, tmp_path).text.split())
    for compound in COMPOUNDS:
        assert text.count(compound) == COMPOUND_TEXT.count(compound), compound
    assert "coconstruction" not in text and "rendezvous" not in text


@pytest.mark.parametrize(("engine", "columns"), LAYOUTS)
def test_page_starts_begin_each_page(engine_corpus, engine: str, columns: int) -> None:
    folder = engine_corpus(engine, columns)
    for stem in corpus_texts():
        path = folder / f"{stem}.pdf"
        document = load_document(path, folder)
        pages = pdfium_pages(path)
        assert len(document.page_starts) == len(pages) and document.page_starts[0] == 0
        ends = [*document.page_starts[1:], len(document.text)]
        for number, (start, end) in enumerate(zip(document.page_starts, ends), 1):
            words = document.text[start:end].split()[:4]  # the page's first words are on it
            assert normalize(" ".join(words)) in normalize(pages[number - 1]), (stem, number, words)
            assert page_of(document.page_starts, start) == number


@pytest.fixture(scope="session")
def engine_dataset(engine_corpus, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, int], Path]:
    """The dataset of an engine's corpus, built once."""
    built: dict[tuple[str, int], Path] = {}

    def dataset(engine: str, columns: int) -> Path:
        if (engine, columns) not in built:
            out = tmp_path_factory.mktemp(f"out-{engine}{columns}")
            summary = run_locally(replace(Settings(), corpus_dir=engine_corpus(engine, columns), out_dir=out))
            assert summary.failures == [] and summary.documents == 5
            built[engine, columns] = out / "dataset"
        return built[engine, columns]
    return dataset


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "columns"), LAYOUTS)
def test_scores_like_the_text(engine_dataset, corpus_report: dict, gold_dir: Path, engine: str,
                              columns: int) -> None:
    report = evaluate(load_dataset(engine_dataset(engine, columns)), gold_dir).as_dict()
    text_figures, pdf_figures = figures(corpus_report), figures(report)
    drifts = {name: (value, pdf_figures.get(name)) for name, value in text_figures.items()
              if pdf_figures.get(name) is None or abs(pdf_figures[name] - value) > TOLERANCE}
    assert not drifts, drifts


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "columns"), [("chromium", 2), ("weasyprint", 1)])
def test_every_evidence_row_has_its_page(engine_dataset, engine_corpus, engine: str,
                                         columns: int) -> None:
    data = load_dataset(engine_dataset(engine, columns))
    documents = {d["document_id"]: d for d in data["documents"]}
    # Each page's words, those hyphenated at a line end joined again.
    pages = {d["document_id"]: [re.sub("[-\u2010\u00ad]\r?\n", "", page) for page in
                                pdfium_pages(engine_corpus(engine, columns) / d["source"])]
             for d in data["documents"]}
    for table in ("mentions", "quotes", "event_counts", "events", "document_editions"):
        assert data[table], table
        for row in data[table]:
            document_id = row.get("document_id") or row["document_ids"][0]
            document = documents[document_id]
            assert row["page"] == page_of(document["page_starts"], row["start"]), (table, row)
            # The value's first word is printed on that page (a word broken at the page's end
            # is left out).
            first = document["text"][row["start"]:row["end"]].split()[0]
            if len(first) > 3 and first.isalpha():
                assert normalize(first) in normalize(pages[document_id][row["page"] - 1]), (table, row)
