"""The spaCy pipeline the extractors read: pruned, yet the same tags as the full model."""

from __future__ import annotations

import spacy

from innovpub.analysis import PARSER, load_model
from innovpub.loaders import load_document
from innovpub.settings import Settings
from tests.conftest import CORPUS


def test_the_pruned_pipeline_tags_the_corpus_as_the_full_model() -> None:
    model = Settings().model_name
    texts = [load_document(path, CORPUS).text for path in sorted(CORPUS.iterdir())]
    pruned, full = load_model(model), spacy.load(model)
    assert PARSER not in pruned.pipe_names
    for ours, theirs in zip(pruned.pipe(texts), full.pipe(texts)):
        assert [(t.idx, t.pos_, str(t.morph)) for t in ours] == [(t.idx, t.pos_, str(t.morph)) for t in theirs]
        assert ours.has_annotation("SENT_START")
