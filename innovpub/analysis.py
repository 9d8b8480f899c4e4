"""The spaCy model: loaded once per process, run over batches with `nlp.pipe`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# No extractor reads entities or lemmas: the extractors use the tagger's `pos_` and `morph`,
# the parser's sentences and dependencies. Leaving these two out of the pipeline halves the
# time spaCy takes (ner alone is ≈ 40 % of it) and scores the same (`benchmarks/`, evaluate).
UNUSED_COMPONENTS = ("ner", "lemmatizer")


@cache
def load_model(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process, without the components no extractor uses."""
    return spacy.load(name, exclude=UNUSED_COMPONENTS)


def analyse_texts(texts: list[str], model_name: str, batch_size: int = 16) -> list[Doc]:
    """Run the model over `texts` in batches, keeping their order."""
    nlp = load_model(model_name)
    return list(nlp.pipe(texts, batch_size=batch_size))


@contextmanager
def analysis_zone(model_name: str) -> Iterator[None]:
    """A block whose `Doc`s are freed with the strings spaCy added for them when it ends
    (`Language.memory_zone`), so a worker's memory stays flat over thousands of documents.
    No `Doc` of the block may be used after it."""
    with load_model(model_name).memory_zone():
        yield
