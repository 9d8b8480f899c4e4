"""The spaCy model: loaded once per process, run over batches with `nlp.pipe`."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc


@cache
def load_model(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process."""
    return spacy.load(name)


def analyse_texts(texts: list[str], model_name: str, batch_size: int = 16) -> list[Doc]:
    """Run the model over `texts` in batches, keeping their order."""
    nlp = load_model(model_name)
    return list(nlp.pipe(texts, batch_size=batch_size))
