"""Archivists' use: ingest, incremental runs, bad input refused with a reason, status and runs."""

from __future__ import annotations

import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from innovpub.cli import main
from innovpub.errors import CorpusBusy
from innovpub.ingest import MANIFEST, ingest
from innovpub.lock import exclusive_run
from innovpub.pipeline import run_locally
from innovpub.runs import read_runs
from innovpub.settings import Settings
from tests.conftest import CORPUS

FRENCH = (CORPUS / "002_38c670301ad10df2.txt").read_bytes()
ENGLISH = (b"The ministry launched a month of public innovation in November. It was the ninth "
           b"edition of the event, which is organised by the state for the agents and the public "
           b"who were invited to share their projects with the others in the regions.")


@pytest.fixture()
def archive(tmp_path: Path) -> Settings:
    return replace(Settings(), corpus_dir=tmp_path / "corpus", out_dir=tmp_path / "out")


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    return folder / name


BAD_INPUTS = [
    pytest.param("empty.txt", b"", "empty file", id="empty"),
    pytest.param("blank.txt", b"  \n\n ", "empty file", id="blank"),
    pytest.param("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary data (PNG image)", id="png-named-txt"),
    pytest.param("data.txt", b"abc\x00def" * 50, "binary data", id="nul-bytes-named-txt"),
    pytest.param("english.txt", ENGLISH, "not French", id="other-language"),
    pytest.param("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<<", "PDF", id="truncated-pdf"),
    pytest.param("page.html", b"<html><body><nav>Accueil</nav></body></html>", "no article body", id="html-no-body"),
    pytest.param("latin1.txt", "Le mois de l'innovation publique réunit les agents".encode("cp1252") + b"\x81",
                 "undecodable", id="undecodable"),
]


@pytest.mark.parametrize("name,data,reason", BAD_INPUTS)
def test_bad_input_is_rejected_with_its_reason(archive: Settings, tmp_path: Path, name: str, data: bytes,
                                               reason: str) -> None:
    path = _write(tmp_path / "incoming", name, data)
    [outcome] = ingest([path], archive.corpus_dir, archive.out_dir, archive.max_file_bytes)
    assert outcome.verdict == "rejected" and reason in outcome.reason and outcome.path == str(path)
    assert not [p for p in archive.corpus_dir.glob("*") if p.name != MANIFEST]


def test_file_over_the_size_limit_is_rejected(archive: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path / "incoming", "big.txt", FRENCH)
    [outcome] = ingest([path], archive.corpus_dir, archive.out_dir, max_bytes=100)
    assert outcome.verdict == "rejected" and "too large" in outcome.reason


def test_symbolic_links_are_not_followed(archive: Settings, tmp_path: Path) -> None:
    outside = _write(tmp_path / "outside", "secret.txt", FRENCH)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    (incoming / "link.txt").symlink_to(outside)
    outcomes = ingest([incoming], archive.corpus_dir, archive.out_dir, archive.max_file_bytes)
    assert [(o.verdict, o.reason) for o in outcomes] == [("rejected", "symbolic link, not followed")]


def test_ingest_is_idempotent_and_keeps_original_names(archive: Settings, tmp_path: Path) -> None:
    path = _write(tmp_path / "incoming", "Communiqué « final » d'été.txt", FRENCH)
    first = ingest([path], archive.corpus_dir, archive.out_dir, archive.max_file_bytes)
    again = ingest([path, tmp_path / "incoming"], archive.corpus_dir, archive.out_dir, archive.max_file_bytes)
    assert [o.verdict for o in first] == ["added"]
    assert [o.verdict for o in again] == ["already present", "already present"]
    stored = [p for p in archive.corpus_dir.iterdir() if p.name != MANIFEST]
    assert len(stored) == 1 and stored[0].read_bytes() == FRENCH
    assert "Communiqué « final » d'été.txt" in (archive.corpus_dir / MANIFEST).read_text("utf-8")


def test_cli_ingest_reports_each_file_and_fails_on_rejection(archive: Settings, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path / "incoming", "bon.txt", FRENCH)
    bad = _write(tmp_path / "incoming", "vide.txt", b"")
    folders = ["--corpus", str(archive.corpus_dir), "--out", str(archive.out_dir)]
    assert main(["ingest", str(good), str(bad), *folders]) == 1
    out = capsys.readouterr().out
    assert f"rejected: empty file  {bad}" in out and "added as" in out and "documents read: 1" in out
    assert main(["ingest", str(good), *folders]) == 0
    assert "already present" in capsys.readouterr().out


def test_second_run_with_no_change_analyses_nothing(archive: Settings) -> None:
    shutil.copytree(CORPUS, archive.corpus_dir)
    first = run_locally(archive)
    second = run_locally(archive)
    assert (first.analysed, first.cached) == (5, 0)
    assert (second.analysed, second.cached, second.published) == (0, 5, None)
    _write(archive.corpus_dir, "nouveau.txt", FRENCH.replace(b"neuvi", b"dixi"))
    third = run_locally(archive)
    assert (third.analysed, third.cached) == (1, 5) and third.published is not None


def test_a_damaged_cache_entry_is_analysed_again(archive: Settings) -> None:
    shutil.copytree(CORPUS, archive.corpus_dir)
    first = run_locally(archive)
    entries = sorted((archive.out_dir / "cache").rglob("*.pickle"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # a torn write, a full disk
    _write(archive.corpus_dir, "nouveau.txt", FRENCH.replace(b"neuvi", b"dixi"))
    second = run_locally(archive)
    assert second.failures == [] and second.published is not None
    assert second.rows["documents"] == first.rows["documents"] + 1
    assert pickle.loads(entries[0].read_bytes()).findings.document_id.startswith("doc_")


def test_a_failed_document_does_not_block_the_others_and_is_retried(archive: Settings) -> None:
    shutil.copytree(CORPUS, archive.corpus_dir)
    _write(archive.corpus_dir, "broken.pdf", b"%PDF-1.4\n")
    first = run_locally(archive)
    assert first.documents == 5 and [f.source for f in first.failures] == ["broken.pdf"]
    second = run_locally(archive)
    assert [f.source for f in second.failures] == ["broken.pdf"] and (second.analysed, second.cached) == (1, 5)
    runs = read_runs(archive.out_dir)
    assert [r.status for r in runs] == ["completed", "completed"] and runs[0].failures[0]["source"] == "broken.pdf"


def test_a_second_run_at_once_says_busy(archive: Settings, tmp_path: Path) -> None:
    shutil.copytree(CORPUS, archive.corpus_dir)
    incoming = _write(tmp_path / "incoming", "bon.txt", FRENCH)
    with exclusive_run(archive.out_dir):
        with pytest.raises(CorpusBusy, match="another run is in progress"):
            run_locally(archive)
        assert main(["ingest", str(incoming), "--corpus", str(archive.corpus_dir),
                     "--out", str(archive.out_dir)]) == 75
    assert not (archive.corpus_dir / MANIFEST).exists()


def test_status_shows_corpus_documents_and_last_run(archive: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(CORPUS, archive.corpus_dir)
    run_locally(archive)
    main(["status", "--corpus", str(archive.corpus_dir), "--out", str(archive.out_dir)])
    out = capsys.readouterr().out
    assert "5 files" in out and "communique  2020" in out and "last run:" in out and "completed" in out
