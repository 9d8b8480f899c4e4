"""The evaluation gate: the gold scores of the bundled corpus never fall below their floors.

Floors live in `eval_floors.json`; they only go up (raise them when a change scores higher).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from innovpub.evaluate import figures

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text("utf-8"))


@pytest.mark.parametrize("figure", sorted(FLOORS["minimum"]))
def test_score_holds_its_floor(corpus_report: dict, figure: str) -> None:
    assert figures(corpus_report)[figure] >= FLOORS["minimum"][figure], json.dumps(corpus_report, indent=1)


def test_no_must_not_merge_violation(corpus_report: dict) -> None:
    assert corpus_report["must_not_merge_violations"] == []


def test_every_document_is_scored(corpus_report: dict) -> None:
    assert corpus_report["errors"] == []


def test_every_table_is_filled(corpus_run) -> None:
    assert all(count > 0 for count in corpus_run.rows.values()), corpus_run.rows
    assert corpus_run.failures == []
