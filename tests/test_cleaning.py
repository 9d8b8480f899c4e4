"""Loaders clean Markdown and scraping artefacts and keep a map back to the source."""

from __future__ import annotations

import pytest

from innovpub.loaders.cleaning import clean_markup
from innovpub.loaders.textmap import to_source_offset
from tests.conftest import CORPUS


@pytest.mark.parametrize("source,text", [
    pytest.param("**Titre – DINUM** - 26 novembre", "Titre – DINUM - 26 novembre", id="bold"),
    pytest.param("consulter le programme [ici](#).", "consulter le programme ici.", id="link"),
    pytest.param(" date 2021-10 Le titre", "Le titre", id="scrape-stamp"),
    pytest.param("la 10^e édition", "la 10e édition", id="ordinal-caret"),
    pytest.param("des Français.Piloté par", "des Français. Piloté par", id="missing-space"),
    pytest.param("l’innovation\u00a0: «\u202fouverte\u202f»", "l'innovation : « ouverte »", id="apostrophe-nbsp"),
])
def test_artefacts_are_cleaned(source: str, text: str) -> None:
    assert clean_markup(source).text == text


@pytest.mark.parametrize("source,text", [
    pytest.param('<p class="x"><b>[Le lundi 14/03 de 9h à 10h] [Atelier]</b> <i>Design des formulaires</i></p>',
                 "[Le lundi 14/03 de 9h à 10h] [Atelier] Design des formulaires", id="inline-tags-vanish"),
    pytest.param("Le mardi 08/03 de 14h à 15h \n<br>[Webinaire] Les API", "Le mardi 08/03 de 14h à 15h \n[Webinaire] Les API",
                 id="br-at-line-start-adds-no-line"),
    pytest.param("Inscriptions.<br>Places limitées", "Inscriptions.\nPlaces limitées", id="br-mid-line-breaks"),
    pytest.param('Texte.\n\n<div class="lien"><p><a href="https://ex.fr/?a=1&amp;b=2">Plus d\'informations</a></p></div>',
                 "Texte.\n\nPlus d'informations", id="div-and-link-tags"),
    pytest.param("Recherche &amp; innovation&nbsp;: l&#8217;atelier", "Recherche & innovation : l'atelier", id="entities"),
    pytest.param("### Au programme\nUn atelier", "Au programme\nUn atelier", id="heading-marker"),
    pytest.param("Voir [le programme] (https://ex.fr/programme).", "Voir le programme.", id="link-with-space"),
    pytest.param('la [semaine] (https://ex.fr/s "site officiel") de', "la semaine de", id="link-with-title"),
    pytest.param("[Atelier] (en ligne) sur la donnée", "[Atelier] (en ligne) sur la donnée", id="brackets-not-a-link"),
    pytest.param("le prix < 5 euros et x<y", "le prix < 5 euros et x<y", id="not-a-tag"),
    pytest.param("---\ntitle: Un <b>titre</b>\n# note\n---\n\n## Corps", "---\ntitle: Un <b>titre</b>\n# note\n---\n\nCorps",
                 id="front-matter-kept"),
])
def test_html_and_headings_are_cleaned(source: str, text: str) -> None:
    assert clean_markup(source).text == text


def test_html_cleaned_text_maps_back_to_the_source() -> None:
    source = '<p><b>[Le jeudi 17/03] [Quiz]</b> <i>Qui veut jouer ?</i></p>\n\n### Accès &amp; plan'
    cleaned = clean_markup(source)
    for offset, char in enumerate(cleaned.text):
        origin = to_source_offset(cleaned.source_map, offset)
        assert source[origin] == char or (char, source[origin]) in {("\n", "<"), ("&", "&")}, (offset, char)

@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_kept_character_maps_back_to_the_same_source_character(path) -> None:
    source = path.read_text("utf-8")
    cleaned = clean_markup(source)
    for offset, char in enumerate(cleaned.text):
        origin = to_source_offset(cleaned.source_map, offset)
        if source[origin] == char:
            continue
        if char == " " and source[origin - 1] in ".!?":
            continue  # a space put back after a full stop maps to where it was inserted
        # Replaced characters (apostrophes, spaces) map to the character they stand for.
        assert char in "' " and source[origin] in "\u2019\u00a0\u202f ", (offset, char, source[origin])
