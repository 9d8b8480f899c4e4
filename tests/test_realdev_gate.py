"""The gate on real documents: `../shared/realdev` never scores below its floors.

The fifteen texts are not ours to copy (see their `SOURCES.md`), so they stay outside the
repository; the gate runs when they are beside it (as in CI) and says plainly when they are not.
Floors live in `realdev_floors.json`; they only go up.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from innovpub.evaluate import evaluate, figures, load_dataset
from innovpub.pipeline import run_locally
from innovpub.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
REALDEV = Path(os.environ.get("INNOVPUB_REALDEV", ROOT.parent / "shared" / "realdev"))
FLOORS = json.loads((Path(__file__).parent / "realdev_floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def realdev_report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The real development documents built and scored against their gold."""
    if not (REALDEV / "gold").is_dir() or not (REALDEV / "corpus").is_dir():
        pytest.skip(f"real documents not found at {REALDEV} (set INNOVPUB_REALDEV): realdev gate not run")
    out = tmp_path_factory.mktemp("realdev")
    summary = run_locally(replace(Settings(), corpus_dir=REALDEV / "corpus", out_dir=out))
    assert summary.failures == []
    return evaluate(load_dataset(summary.published.out_dir / "dataset"), REALDEV / "gold").as_dict()


@pytest.mark.slow
@pytest.mark.parametrize("figure", sorted(FLOORS["minimum"]))
def test_real_documents_hold_their_floor(realdev_report: dict, figure: str) -> None:
    assert figures(realdev_report)[figure] >= FLOORS["minimum"][figure], json.dumps(
        [d for d in realdev_report["details"]], ensure_ascii=False, indent=0)


@pytest.mark.slow
def test_every_real_document_is_scored(realdev_report: dict) -> None:
    assert realdev_report["errors"] == []
    assert realdev_report["must_not_merge_violations"] == []
