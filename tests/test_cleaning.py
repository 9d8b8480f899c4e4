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
