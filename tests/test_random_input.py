"""Random bytes and random Unicode as documents never crash a run: each is published or refused."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from innovpub.pipeline import run_locally
from innovpub.settings import Settings
from tests.conftest import CORPUS

SEED = (CORPUS / "004_f7a5ba5ff42905d7.txt").read_text("utf-8")
documents = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=3000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.text(max_size=400).map(lambda t: (SEED[:1500] + t + SEED[1500:]).encode("utf-8", "surrogatepass")),
    st.binary(max_size=500).map(lambda b: b"%PDF-1.7\n" + b),
)


@hypothesis_settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(documents, min_size=1, max_size=3))
def test_random_documents_never_crash_a_run(tmp_path_factory, files: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("random")
    settings = replace(Settings(), corpus_dir=folder / "corpus", out_dir=folder / "out")
    shutil.copytree(CORPUS, settings.corpus_dir, ignore=lambda _d, names: [n for n in names if not n.startswith("004")])
    for index, data in enumerate(files):
        (settings.corpus_dir / f"random_{index}.txt").write_bytes(data)
    summary = run_locally(settings)
    # Every file is accounted for: published, or refused with a reason.
    assert summary.documents + len(summary.failures) == 1 + len(files)
    assert all(f.reason for f in summary.failures)
    assert (Path(settings.out_dir) / "dataset" / "documents.jsonl").exists()
