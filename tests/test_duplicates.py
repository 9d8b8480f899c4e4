"""One release in two formats: copies are found, marked `duplicate_of`, and counted once."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from innovpub.cli import main
from innovpub.evaluate import evaluate, figures, load_dataset
from innovpub.pipeline import run_locally
from innovpub.resolve.duplicates import Candidate, find_copies, normalised
from innovpub.settings import Settings
from tests.conftest import CORPUS
from tests.pdf_engines import weasyprint_pdf
from tests.test_real_pdfs import corpus_texts

RELEASE = """Le Mois de l'innovation publique revient du 2 au 30 novembre.

Plus de 200 événements sont proposés par les laboratoires d'innovation territoriale, de la
Bretagne à l'Auvergne-Rhône-Alpes, sur le thème de la co-construction avec les usagers.

« Les agents publics inventent chaque jour le service public de demain », a déclaré
Hélène Marchand, directrice du laboratoire régional."""
# The same release as a PDF reads it: line ends, capitals, a word hyphenated, ligatures.
RELEASE_FROM_PDF = ("LE MOIS DE L'INNOVATION PUBLIQUE REVIENT DU 2 AU 30 NOVEMBRE.\n\n"
                    + " ".join(RELEASE.split("\n\n", 1)[1].split())
                    .replace("événements", "évé-\nnements").replace("« ", "«\u00a0"))
# Another release of the same office: the same opening, another body.
OTHER = """Le Mois de l'innovation publique revient du 2 au 30 novembre.

Le ministère publie le bilan de l'édition précédente : 350 événements, dont la moitié en
ligne, et un atlas des laboratoires d'innovation publique mis à jour."""


def candidate(name: str, text: str) -> Candidate:
    media = {"pdf": "application/pdf", "html": "text/html"}.get(name.rsplit(".", 1)[-1], "text/plain")
    return Candidate(f"doc_{name}", name, media, text)


def test_normalised_text_ignores_case_accents_punctuation_and_layout() -> None:
    assert normalised("Évé-\nnements  À L'ÉTAT,\u00a0«\u00a0ici\u00a0»") == "eve nements a l etat ici"


def test_the_same_release_as_text_and_as_pdf_is_one_copy() -> None:
    copies = find_copies([candidate("release.pdf", RELEASE_FROM_PDF), candidate("release.txt", RELEASE),
                          candidate("other.txt", OTHER)])
    assert copies == {"doc_release.pdf": "doc_release.txt"}  # the text copy is the canonical one


def test_identical_texts_in_two_files_keep_the_first_by_name() -> None:
    copies = find_copies([candidate("b.txt", RELEASE), candidate("a.md", RELEASE),
                          candidate("c.html", RELEASE)])
    assert copies == {"doc_b.txt": "doc_a.md", "doc_c.html": "doc_a.md"}


def test_releases_sharing_an_opening_are_not_copies() -> None:
    assert find_copies([candidate("a.txt", RELEASE), candidate("b.txt", OTHER)]) == {}


def test_a_short_text_is_compared_whole() -> None:
    assert find_copies([candidate("a.txt", "Bilan."), candidate("b.pdf", "BILAN")]) == {"doc_b.pdf": "doc_a.txt"}
    assert find_copies([candidate("a.txt", "Bilan."), candidate("b.txt", "Programme")]) == {}


@pytest.fixture(scope="module")
def doubled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The bundled documents as text and as WeasyPrint PDFs, in one corpus, run once."""
    try:
        import weasyprint  # noqa: F401  (loads pango)
    except OSError as error:
        pytest.skip(f"WeasyPrint cannot load pango ({error}): no PDF copies to make")
    corpus = tmp_path_factory.mktemp("doubled")
    for stem, text in corpus_texts().items():
        shutil.copy(CORPUS / f"{stem}.txt", corpus)
        weasyprint_pdf(text, corpus / f"{stem}.pdf", 2)
    out = tmp_path_factory.mktemp("doubled-out")
    summary = run_locally(replace(Settings(), corpus_dir=corpus, out_dir=out))
    assert summary.failures == [] and summary.documents == 10
    return corpus, out


@pytest.mark.slow
def test_each_pdf_is_marked_a_copy_of_its_text(doubled: tuple[Path, Path]) -> None:
    documents = load_dataset(doubled[1] / "dataset")["documents"]
    ids = {d["source"]: d["document_id"] for d in documents}
    marked = {d["source"]: d["duplicate_of"] for d in documents if d["duplicate_of"]}
    assert marked == {f"{stem}.pdf": ids[f"{stem}.txt"] for stem in corpus_texts()}


@pytest.mark.slow
def test_consolidated_tables_count_copies_once(doubled: tuple[Path, Path],
                                               corpus_data: dict[str, list[dict]]) -> None:
    data = load_dataset(doubled[1] / "dataset")
    for table in ("editions", "people", "organizations", "events", "themes"):
        assert data[table] == corpus_data[table], table
    # The copies' own rows stay, with their evidence and pages.
    copies = {d["document_id"] for d in data["documents"] if d["duplicate_of"]}
    for table in ("quotes", "event_counts", "mentions"):
        rows = [row for row in data[table] if row["document_id"] in copies]
        assert rows and all(row["page"] for row in rows), table
        assert len(data[table]) - len(rows) == len(corpus_data[table]), table


@pytest.mark.slow
def test_evaluation_is_that_of_the_text_corpus(doubled: tuple[Path, Path], corpus_report: dict,
                                               gold_dir: Path) -> None:
    report = evaluate(load_dataset(doubled[1] / "dataset"), gold_dir).as_dict()
    assert figures(report) == figures(corpus_report)


@pytest.mark.slow
def test_status_counts_a_release_once(doubled: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    corpus, out = doubled
    assert main(["status", "--corpus", str(corpus), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    counted = sum(int(line.split()[-1]) for line in printed.splitlines()
                  if line.startswith("  ") and line.split()[-1].isdigit() and "copies" not in line)
    assert counted == 5 and "and 5 copies of them" in printed


@pytest.mark.slow
def test_ingest_names_the_text_a_pdf_copies(tmp_path: Path, doubled: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    source = next(CORPUS.glob("002_*.txt"))
    assert main(["ingest", str(source), "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 0
    pdf = tmp_path / "communique.pdf"
    shutil.copy(doubled[0] / f"{source.stem}.pdf", pdf)
    capsys.readouterr()
    assert main(["ingest", str(pdf), "--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert f"added (same text as {source.name}) as " in capsys.readouterr().out
