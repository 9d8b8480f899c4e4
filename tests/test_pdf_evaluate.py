"""The same release as a PDF gives the same dataset as its text: `evaluate` scores every PDF
layout of the corpus within 0.02 of the text, figure by figure."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from innovpub.evaluate import evaluate, load_dataset
from innovpub.pipeline import run_locally
from innovpub.settings import Settings
from tests.conftest import CORPUS
from innovpub.synth.pdf import render_pdf
from tests.test_eval_gate import figures

pytestmark = pytest.mark.slow
TOLERANCE = 0.02


@pytest.mark.parametrize("layout", ["one_column", "two_columns", "paged", "hyphenated"])
def test_pdf_scores_like_text(tmp_path: Path, layout: str, corpus_report: dict, gold_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in sorted(CORPUS.glob("*.txt")):
        render_pdf(source.read_text("utf-8"), layout, corpus / f"{source.stem}.pdf")
    summary = run_locally(replace(Settings(), corpus_dir=corpus, out_dir=tmp_path / "out"))
    assert summary.failures == [] and summary.documents == 5
    pdf_report = evaluate(load_dataset(tmp_path / "out" / "dataset"), gold_dir).as_dict()
    text_figures, pdf_figures = figures(corpus_report), figures(pdf_report)
    drifts = {name: (value, pdf_figures.get(name)) for name, value in text_figures.items()
              if pdf_figures.get(name) is None or abs(pdf_figures[name] - value) > TOLERANCE}
    assert not drifts, drifts
