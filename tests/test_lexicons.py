"""The bundled lexicons: their invariants, and the loader's refusal of malformed copies."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from extractors.lexicons import HERE, REGIONS, Lexicons, fold, load_lexicons
from innovpub.errors import InvalidLexicon


@pytest.fixture(scope="module")
def lex() -> Lexicons:
    """The bundled lexicons."""
    return load_lexicons()


def _longest_first(forms: tuple[str, ...]) -> bool:
    return all(len(a) >= len(b) for a, b in zip(forms, forms[1:]))


@pytest.mark.parametrize(("text", "folded"), [
    ("Saône-et-Loire", "saone et loire"),
    ("L\u2019\u00cele\u2011de\u2011France", "l'ile de france"),
    ("  Mois  de\nl'Innovation\tPUBLIQUE ", "mois de l'innovation publique"),
    ("Ma\u00eblle", "maelle"),
    ("\ufb01nances", "finances"),
    ("Fran\u00e7oise", "francoise"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_loaded_once(lex: Lexicons) -> None:
    assert load_lexicons() is lex
    assert load_lexicons(HERE) is not lex


def test_regions(lex: Lexicons) -> None:
    assert len(lex.regions) == 18 and set(lex.regions) == set(REGIONS)
    assert set(lex.region_aliases.values()) == set(REGIONS)
    for alias, region in [("Paca", "Provence-Alpes-Côte d'Azur"), ("Région Sud", "Provence-Alpes-Côte d'Azur"),
                          ("Hauts de France", "Hauts-de-France"), ("Ile-de-France", "Île-de-France"),
                          ("Nouvelle Aquitaine", "Nouvelle-Aquitaine"), ("Alsace", "Grand Est"),
                          ("Limousin", "Nouvelle-Aquitaine"), ("Pays de Loire", "Pays de la Loire"),
                          ("Réunion", "La Réunion"), ("Centre-Val de Loire", "Centre-Val de Loire")]:
        assert lex.region_aliases[fold(alias)] == region, alias


def test_departments(lex: Lexicons) -> None:
    assert len(lex.departments) == 101
    assert len({d.code for d in lex.departments}) == 101
    assert {d.region for d in lex.departments} == set(REGIONS)


@pytest.mark.parametrize(("place", "region"), [
    ("Saône-et-Loire", "Bourgogne-Franche-Comté"), ("Saône et Loire", "Bourgogne-Franche-Comté"),
    ("Haute-Vienne", "Nouvelle-Aquitaine"), ("Eure-et-Loir", "Centre-Val de Loire"),
    ("Nord", "Hauts-de-France"), ("Corse-du-Sud", "Corse"), ("Val-d\u2019Oise", "Île-de-France"),
    ("Metz", "Grand Est"), ("Marseille", "Provence-Alpes-Côte d'Azur"), ("Lille", "Hauts-de-France"),
    ("Rennes", "Bretagne"), ("Mamoudzou", "Mayotte"), ("Saint-Étienne", "Auvergne-Rhône-Alpes"),
])
def test_place_regions(lex: Lexicons, place: str, region: str) -> None:
    assert lex.place_regions[fold(place)] == region


def test_ambiguous_place_is_left_out(lex: Lexicons) -> None:
    # Saint-Denis is a city of Seine-Saint-Denis and the prefecture of La Réunion.
    assert fold("Saint-Denis") not in lex.place_regions


def test_cities(lex: Lexicons) -> None:
    cities = yaml.safe_load((HERE / "regions.yaml").read_text(encoding="utf-8"))["cities"]
    assert len(cities) >= 150


def test_organizations(lex: Lexicons) -> None:
    assert len(lex.organizations) >= 120
    by_acronym = {o.acronym: o for o in lex.organizations if o.acronym}
    assert by_acronym["DITP"].name == "Direction interministérielle de la transformation publique"
    assert by_acronym["DINUM"] is not by_acronym["DITP"]
    assert by_acronym["DINUM"].kind == "directorate"
    assert len({fold(o.name) for o in lex.organizations}) == len(lex.organizations)
    acronyms = [fold(o.acronym) for o in lex.organizations if o.acronym]
    assert len(set(acronyms)) == len(acronyms)
    assert "Ministère de la Transformation et de la Fonction publiques" in {o.name for o in lex.organizations}


def test_organization_heads(lex: Lexicons) -> None:
    heads = dict(lex.organization_heads)
    assert heads["ministère"] == "ministry" and heads["communauté de communes"] == "local_authority"
    assert heads["centre hospitalier"] == "operator" and heads["sous-préfecture"] == "directorate"
    # Every spelling, for text folded by `fold` or offset for offset.
    assert heads["region"] == heads["région"] == "local_authority"
    assert heads["sous-prefecture"] == heads["sous prefecture"] == "directorate"
    assert _longest_first(tuple(form for form, _ in lex.organization_heads))


def test_first_names(lex: Lexicons) -> None:
    assert len({name for name in lex.first_names if name == fold(name)}) >= 1500
    for name in ["Amélie", "Thierry", "Jean-Pierre", "Anne-Sophie", "Maëlle", "Cyrille", "Cyrile", "Michael", "Mickaël"]:
        assert name.casefold() in lex.first_names and fold(name) in lex.first_names, name
    assert "amelie" in lex.first_names and "jean pierre" in lex.first_names


def test_reporting_verbs(lex: Lexicons) -> None:
    assert len(set(lex.verb_lemma.values())) >= 60
    assert lex.verb_lemma["a fait remarquer"] == "faire remarquer"
    assert lex.verb_lemma["s'est félicitée"] == lex.verb_lemma[fold("s\u2019est félicitée")] == "se féliciter"
    assert lex.verb_lemma["déclarant"] == "déclarer"
    assert "selon" in lex.speech_prepositions and "communiqué" in lex.document_speakers
    assert {"d'apres", "communique", "a-t-elle precise", "a t elle precise"} <= {
        *lex.speech_prepositions, *lex.document_speakers, *lex.reporting_verbs}
    assert _longest_first(lex.reporting_verbs)


def test_roles(lex: Lexicons) -> None:
    assert len(lex.roles) >= 80
    forms = {form: role.id for role in lex.roles for form in role.forms}
    assert forms["déléguée interministérielle"] == "delegue_interministeriel"
    assert forms["préfète"] == "prefet" and forms["cheffe de projet"] == "chef_projet"
    assert {"déléguée interministérielle", "deleguee interministerielle", "sous-prefete", "sous prefete"} <= set(
        lex.role_forms)
    assert _longest_first(lex.role_forms)


def test_event_formats(lex: Lexicons) -> None:
    assert len(lex.event_formats) >= 45
    assert lex.format_forms[fold("E-conférence")] == "conférence"
    assert lex.format_forms[fold("Tables rondes")] == "table ronde"
    online = {f.label: f.online for f in lex.event_formats}
    assert online["webinaire"] is True and online["atelier"] is None
    assert "en ligne" in lex.online_markers


def test_numbers(lex: Lexicons) -> None:
    assert lex.cardinals["vingt"] == 20
    assert lex.cardinals["dix-sept"] == lex.cardinals[fold("dix-sept")] == 17
    assert lex.ordinals[fold("Première")] == lex.ordinals["première"] == 1 and lex.ordinals["vingtieme"] == 20
    assert lex.ordinals["dix-septieme"] == lex.ordinals["dix septieme"] == 17
    assert all(fold(word) in lex.ordinals for word in ["trentième", "seconde", "1ère", "2nde"])
    assert lex.approximate_nouns["centaine"] == 100
    assert _longest_first(lex.count_qualifiers) and {"près de", "pres de", "jusqu'a"} <= set(lex.count_qualifiers)
    assert "a distance" in lex.online_markers


# --- Malformed copies -------------------------------------------------------------------------

def _edit_yaml(name: str, change: Callable[[Any], None]) -> Callable[[Path], None]:
    """A breakage that loads `name`, applies `change` to its data and writes it back."""
    def apply(directory: Path) -> None:
        path = directory / name
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        change(data)
        path.write_text(yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), allow_unicode=True),
                        encoding="utf-8")
    return apply


def _write(name: str, text: str) -> Callable[[Path], None]:
    """A breakage that replaces `name`'s content with `text`."""
    return lambda directory: (directory / name).write_text(text, encoding="utf-8")


def _append(name: str, text: str) -> Callable[[Path], None]:
    """A breakage that adds `text` at the end of `name`."""
    def apply(directory: Path) -> None:
        with (directory / name).open("a", encoding="utf-8") as file:
            file.write(text)
    return apply


BREAKAGES = {
    "missing key": ("organizations.yaml", _edit_yaml("organizations.yaml",
                                                     lambda d: d["organizations"][0].pop("kind"))),
    "unknown kind": ("organizations.yaml", _edit_yaml("organizations.yaml",
                                                      lambda d: d["organizations"][0].update(kind="guild"))),
    "duplicate acronym": ("organizations.yaml", _edit_yaml("organizations.yaml", lambda d: d["organizations"].append(
        {"name": "Direction imaginaire", "acronym": "DITP", "kind": "directorate"}))),
    "unknown region": ("regions.yaml", _edit_yaml("regions.yaml",
                                                  lambda d: d["departments"][0].update(region="Atlantide"))),
    "city in unknown region": ("regions.yaml", _edit_yaml("regions.yaml",
                                                          lambda d: d["cities"][0].update(region="Atlantide"))),
    "region missing": ("regions.yaml", _edit_yaml("regions.yaml", lambda d: d["regions"].pop())),
    "numeric department code": ("regions.yaml", _edit_yaml("regions.yaml",
                                                           lambda d: d["departments"][0].update(code=1))),
    "yaml syntax error": ("reporting_verbs.yaml", _write("reporting_verbs.yaml", "verbs: [déclare, {lemma: \n")),
    "form of two lemmas": ("reporting_verbs.yaml", _edit_yaml("reporting_verbs.yaml", lambda d: d["verbs"].append(
        {"lemma": "autre", "forms": ["déclare"]}))),
    "duplicate format label": ("event_formats.yaml", _edit_yaml("event_formats.yaml", lambda d: d["formats"].append(
        {"label": "atelier", "forms": ["ouvroir"]}))),
    "online not a boolean": ("event_formats.yaml", _edit_yaml("event_formats.yaml",
                                                              lambda d: d["formats"][0].update(online="yes"))),
    "ordinal not a number": ("numbers.yaml", _edit_yaml("numbers.yaml",
                                                        lambda d: d["ordinals"].update(premier="un"))),
    "role form of two roles": ("roles.yaml", _edit_yaml("roles.yaml", lambda d: d["roles"].append(
        {"id": "autre", "forms": ["préfète"]}))),
    "not a mapping": ("roles.yaml", _write("roles.yaml", "- ministre\n")),
    "not a given name": ("first_names.txt", _append("first_names.txt", "roles: [ministre]\n")),
    "missing file": ("organization_heads.yaml", lambda directory: (directory / "organization_heads.yaml").unlink()),
}


def _copy(directory: Path) -> None:
    for source in HERE.iterdir():
        if source.suffix in {".yaml", ".txt"}:
            shutil.copy(source, directory / source.name)


def test_intact_copy_loads(tmp_path: Path, lex: Lexicons) -> None:
    _copy(tmp_path)
    assert load_lexicons(tmp_path).place_regions == lex.place_regions


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_malformed_copy_is_refused(tmp_path: Path, breakage: str) -> None:
    file_name, apply = BREAKAGES[breakage]
    _copy(tmp_path)
    apply(tmp_path)
    with pytest.raises(InvalidLexicon, match=file_name.replace(".", r"\.")):
        load_lexicons(tmp_path)
