"""The spaCy model: loaded once per process, run over batches with `nlp.pipe`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from extractors.lexicons import Lexicons
from innovpub.errors import ModelUnavailable
from extractors.quotes import needs_dependencies

# No extractor reads entities or lemmas: the extractors use the tagger's `pos_` and `morph`,
# sentences, and the parser's dependencies in one place. Leaving these two out of the pipeline
# halves the time spaCy takes (ner alone is ≈ 40 % of it) and scores the same (`benchmarks/`, evaluate).
UNUSED_COMPONENTS = ("ner", "lemmatizer")
# Sentences come from the small sentence recognizer; the parser, which also splits sentences but
# costs more, runs only on the texts whose dependencies an extractor reads (`analyse_texts`).
PARSER, SENTENCES = "parser", "senter"
# The attribute ruler copies each coarse tag into the fine one (`tag_`), which no extractor reads,
# and marks white space as SPACE, which they rely on. Without the copying rules its matcher does
# a quarter of the work: ≈ 7 % of spaCy's time saved, the same `pos_` and `morph` everywhere.
RULER, UNUSED_RULE_ATTRIBUTES = "attribute_ruler", {"TAG"}


@cache
def load_model(name: str) -> Language:
    """Load the spaCy pipeline `name` once per process, without the components and rules no extractor
    uses, the parser set aside (`analyse_texts` runs it where needed) and sentences from `senter`.
    A model that is missing or fails to load (a file of it lost or damaged) raises `ModelUnavailable`."""
    try:
        nlp = spacy.load(name, exclude=UNUSED_COMPONENTS)
    except Exception as error:  # spaCy, thinc, srsly: OSError, ValueError, KeyError… each its own
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelUnavailable(f"the spaCy model {name} cannot be loaded: {reason}") from None
    nlp.disable_pipe(PARSER)
    nlp.enable_pipe(SENTENCES)
    if RULER in nlp.pipe_names:
        ruler = nlp.get_pipe(RULER)
        rules = [rule for rule in ruler.patterns if not set(rule["attrs"]) <= UNUSED_RULE_ATTRIBUTES]
        ruler.clear()
        ruler.add_patterns(rules)
    return nlp


def analyse_texts(texts: list[str], model_name: str, lexicons: Lexicons, batch_size: int = 16) -> list[Doc]:
    """Run the model over `texts` in batches, keeping their order; the parser runs only on the texts
    whose dependencies the extractors read (`needs_dependencies`). It reuses the vectors of the
    shared `tok2vec` and keeps the sentences `senter` set."""
    nlp = load_model(model_name)
    parser = nlp.get_pipe(PARSER)
    docs = []
    for text, doc in zip(texts, nlp.pipe(texts, batch_size=batch_size)):
        docs.append(parser(doc) if needs_dependencies(text, lexicons) else doc)
    return docs


@contextmanager
def analysis_zone(model_name: str) -> Iterator[None]:
    """A block whose `Doc`s are freed with the strings spaCy added for them when it ends
    (`Language.memory_zone`), so a worker's memory stays flat over thousands of documents.
    No `Doc` of the block may be used after it."""
    with load_model(model_name).memory_zone():
        yield
