"""Events: the listings and prose sentences each rule reads, with organizers, dates, region,
format and whether they are online; the event lexicon's loader; properties on any text."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extractors.context import DocumentContext
from extractors.dates import extract_dates
from extractors.events import LEXICON_PATH, extract_events, load_event_lexicon
from extractors.lexicons import fold, load_lexicons
from extractors.organizations import extract_organizations
from extractors.sentences import split_sentences
from innovpub.analysis import load_model
from innovpub.errors import InvalidLexicon
from innovpub.loaders.cleaning import clean_markup
from innovpub.resolve.entities import Resolved
from innovpub.resolve.events import resolve_events
from innovpub.settings import Settings
from schemas.extraction import EventMention

pytestmark = pytest.mark.slow

D = date.fromisoformat
NOV_2020 = D("2020-11-18")
NOV_2022 = D("2022-11-10")
OCT_2023 = D("2023-10-19")
PROPERTY_EXAMPLES = 60


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().model_name)


def events_of(markdown: str, published: date, nlp: Language) -> list[EventMention]:
    """The events of a Markdown text, extracted as extract_document chains the extractors."""
    cleaned = clean_markup(markdown)
    dates = extract_dates(cleaned.text, published)
    ctx = DocumentContext(document_id="doc", text=cleaned.text, doc=nlp(cleaned.text), lexicons=load_lexicons(),
                          emphasis=tuple(cleaned.emphasis), reference_date=published, edition_year=published.year)
    return extract_events(ctx, split_sentences(ctx, dates), dates, extract_organizations(ctx))


def case(text: str, published: date, *expected: dict, id: str, marks=()):
    """A text and the events it lists, each a dict of the fields to check (dates as ISO strings)."""
    return pytest.param(text, published, list(expected), id=id, marks=marks)


def check(found: list[EventMention], expected: list[dict]) -> None:
    assert len(found) == len(expected), [e.title for e in found]
    for event, fields in zip(found, expected):
        for name, value in fields.items():
            actual = getattr(event, name)
            if name in ("starts_on", "ends_on"):
                value = value and D(value)
            if name == "dates":
                value = [D(v) for v in value]
            if name == "organizers":
                assert all(any(v in a for a in actual) for v in value), (name, actual)
                continue
            assert actual == value, (name, actual)


LISTINGS = [
    case("- **Atelier de design de services – Lab Normandie** - Du 14 au 18 novembre", NOV_2022,
         {"title": "Atelier de design de services", "organizers": ["Lab Normandie"], "starts_on": "2022-11-14",
          "ends_on": "2022-11-18", "region": "Normandie", "format": "atelier", "rule": "event.bullet"},
         id="bold-title-dash-organizer-range"),
    case("- Bretagne : Café de l'innovation - Préfecture d'Ille-et-Vilaine - 22 novembre", NOV_2022,
         {"title": "Café de l'innovation", "organizers": ["Préfecture d'Ille-et-Vilaine"], "starts_on": "2022-11-22",
          "region": "Bretagne", "format": "café"},
         id="plain-region-prefix-title-organizer-date"),
    case("- **Occitanie : «Simplifions», le datathon du département du Gard**, jusqu'au 2 décembre", NOV_2022,
         {"title": "Simplifions, le datathon du département du Gard", "organizers": ["département du Gard"],
          "starts_on": None, "ends_on": "2022-12-02", "region": "Occitanie", "format": "datathon"},
         id="quoted-title-organizer-inside-until"),
    case("- **Hackathon, quelle application pour nos usagers ? organisé par la CAF de la Gironde, les 24 et 25 "
         "novembre prochains** . infos pratiques ici", NOV_2022,
         {"title": "Hackathon, quelle application pour nos usagers ?", "organizers": ["CAF de la Gironde"],
          "dates": ["2022-11-24", "2022-11-25"], "region": "Nouvelle-Aquitaine", "format": "hackathon"},
         id="organise-par-in-heading-prochains"),
    case("- **L'intelligence artificielle au service des agents ?** Etalab - 3 décembre\n\n"
         "Ce webinaire présentera des cas d'usage.\n\nAUTRES ÉVÉNEMENTS", NOV_2022,
         {"organizers": ["Etalab"], "starts_on": "2022-12-03", "format": "webinaire", "online": True},
         id="organizer-after-bold-format-in-description"),
    case("- **Webinaire découverte** - 17 novembre\nLe Lab Urssaf Occitanie propose aux agents de découvrir "
         "ses méthodes.", NOV_2022,
         {"title": "Webinaire découverte", "organizers": ["Lab Urssaf Occitanie"], "region": "Occitanie",
          "online": True},
         id="organizer-in-description-line"),
    case("- **Quel avenir pour les archives ?** - 25 novembre\n\nAux Archives nationales, des archivistes "
         "témoignent pendant cette e-conférence.\n\n- **Autre rendez-vous** - 26 novembre", NOV_2022,
         {"title": "Quel avenir pour les archives ?", "format": "conférence"},
         {"title": "Autre rendez-vous", "starts_on": "2022-11-26"},
         id="format-from-demonstrative-in-description"),
    case("Programme :\n- Atelier de co-design, mardi 15 novembre, Lab Zéro (Rennes)\n- Conférence « IA et service "
         "public », jeudi 17 novembre, DINUM", NOV_2022,
         {"title": "Atelier de co-design", "organizers": ["Lab Zéro"], "starts_on": "2022-11-15", "region": "Bretagne"},
         {"title": "Conférence « IA et service public »", "organizers": ["DINUM"], "starts_on": "2022-11-17"},
         id="plain-listing-organizer-after-date"),
    case("• 16 novembre : Webinaire « Données et territoires » – Etalab", NOV_2022,
         {"title": "Webinaire « Données et territoires »", "organizers": ["Etalab"], "starts_on": "2022-11-16"},
         id="date-first-listing"),
    case("- Design sprint : L'accueil des usagers – Direction générale des finances publiques\n"
         "- Des échanges entre agents", NOV_2022,
         {"title": "Design sprint : L'accueil des usagers", "organizers": ["Direction générale des finances publiques"],
          "starts_on": None, "format": "design sprint"},
         id="plain-listing-without-date-format-and-organizer"),
    case("- **Cap sur la donnée – La Trame** - 4 novembre\n\nLa Trame propose une conférence pour présenter ses "
         "résultats.\n\nLe programme complet est en ligne.", NOV_2022,
         {"title": "Cap sur la donnée", "organizers": ["La Trame"], "format": "conférence"},
         id="description-paragraph-by-the-same-organizer-is-no-second-event"),
    case("- **Le thème de l'année**\n- **350 événements** partout en France", NOV_2022,
         id="bold-items-without-date-or-format-are-no-events"),
    case("Le jury a distingué trois équipes :\n- 1er prix pour l'association Data Cité, qui cartographie les "
         "bancs publics ;\n- 2e prix pour la start-up Okapi, qui simplifie les démarches.", NOV_2022,
         id="prizes-awarded-are-no-events"),
]

PROSE = [
    case("Enfin, le Lab Tilt dans le Grand Est organise les rencontres de la donnée le 29 novembre 2022 qui "
         "proposent une journée de démonstrations.", NOV_2022,
         {"title": "rencontres de la donnée", "organizers": ["Lab Tilt"], "starts_on": "2022-11-29",
          "region": "Grand Est", "format": "rencontre", "rule": "event.prose.organise"},
         id="organise-place-after-organizer-date-then-relative"),
    case("Le conseil régional de Bretagne propose les 15 et le 22 novembre un webinaire sur l'accessibilité, le "
         "conseil départemental du Loiret animera une conférence sur la donnée publique le 24 novembre.", NOV_2022,
         {"title": "webinaire sur l'accessibilité", "dates": ["2022-11-15", "2022-11-22"], "region": "Bretagne",
          "online": True},
         {"title": "conférence sur la donnée publique", "starts_on": "2022-11-24", "region": "Centre-Val de Loire"},
         id="two-events-in-one-sentence"),
    case("Ainsi la préfecture de la Moselle et la mairie de Nancy anime un atelier sur la médiation le 25 novembre "
         "2022.", NOV_2022,
         {"title": "atelier sur la médiation", "organizers": ["préfecture de la Moselle", "mairie de Nancy"],
          "region": "Grand Est", "online": None},
         id="ainsi-two-organizers"),
    case("Du côté des opérateurs, la direction générale des douanes organise un webinaire de présentation de ses "
         "outils le 17 novembre.", NOV_2022,
         {"title": "webinaire de présentation de ses outils", "organizers": ["direction générale des douanes"],
          "starts_on": "2022-11-17", "region": None},
         id="du-cote-de"),
    case("À noter, l'organisation par l'Institut national du service public d'une table ronde sur l'éthique le "
         "21 novembre.", NOV_2022,
         {"title": "table ronde sur l'éthique", "organizers": ["Institut national du service public"],
          "starts_on": "2022-11-21", "rule": "event.nominal.organisation_par"},
         id="nominal-organisation-par"),
    case("Un parcours « Sobriété numérique » en trois étapes, organisé par la Fabrique numérique du ministère de "
         "l'Intérieur.", NOV_2022,
         {"title": "parcours « Sobriété numérique » en trois étapes", "organizers": ["Fabrique numérique"],
          "starts_on": None, "format": "parcours", "rule": "event.passive.organise_par"},
         id="sentence-opens-on-the-event"),
    case("Des formats ludiques sont mis en place comme le jeu sérieux « Cap sur la donnée » imaginé par le Lab "
         "Zénith en Occitanie.", NOV_2022,
         {"title": "jeu sérieux « Cap sur la donnée »", "organizers": ["Lab Zénith"], "region": "Occitanie",
          "format": "serious game"},
         id="participle-right-after-the-event"),
    case("Une rencontre TECH à Lyon : un événement initié par la Direction régionale des finances publiques pour "
         "présenter ses outils.\n\nPlus de 40 exposants sont attendus. Des tables rondes auront également lieu le "
         "28 novembre 2023.", OCT_2023,
         {"title": "rencontre TECH à Lyon", "organizers": ["Direction régionale des finances publiques"],
          "starts_on": "2023-11-28", "region": "Auvergne-Rhône-Alpes", "rule": "event.passive.initie_par+aura_lieu"},
         id="date-in-a-later-paragraph"),
    case("Pendant tout le mois, la DINUM propose des rencontres en ligne sur la donnée. Rendez-vous le 24 novembre "
         "sur l'ouverture des codes sources.", NOV_2020,
         {"title": "rencontres en ligne sur la donnée", "organizers": ["DINUM"], "starts_on": "2020-11-24",
          "online": True},
         id="rendez-vous-in-the-next-sentence"),
    case("Par exemple, le Lab Breizh en Bretagne qui fête son anniversaire le 18 novembre 2022 en organisant des "
         "ateliers.", NOV_2022,
         {"title": "anniversaire", "organizers": ["Lab Breizh"], "region": "Bretagne", "format": "anniversaire"},
         id="qui-fete-possessive-and-gerund"),
    case("Le secteur associatif répond présent avec l'association \"Agents en transition\" qui propose une série "
         "de deux ateliers sur la sobriété.", NOV_2022,
         {"title": "série de deux ateliers sur la sobriété", "organizers": ["Agents en transition"],
          "format": "atelier"},
         id="quoted-association-name"),
    case("Les services se mobilisent, à l'exemple de la Direction générale des douanes qui une journée de "
         "démonstrations.", NOV_2022,
         {"title": "journée de démonstrations", "organizers": ["Direction générale des douanes"],
          "rule": "event.prose.qui_sans_verbe"},
         id="relative-without-its-verb"),
    case("La Métropole de Lyon et la Compagnie des Fabriques animent le 29 novembre une journée de débats.",
         NOV_2022,
         {"title": "journée de débats", "organizers": ["Métropole de Lyon", "Compagnie des Fabriques"],
          "starts_on": "2022-11-29"},
         id="date-before-the-event"),
    case("Parmi les temps forts : un hackathon organisé par la CAF du Nord le 16 novembre, un webinaire proposé par "
         "Etalab le 20 novembre et une conférence animée par la DINUM le 24 novembre.", NOV_2022,
         {"title": "hackathon", "organizers": ["CAF du Nord"], "starts_on": "2022-11-16", "region": "Hauts-de-France"},
         {"title": "webinaire", "organizers": ["Etalab"], "starts_on": "2022-11-20"},
         {"title": "conférence", "organizers": ["DINUM"], "starts_on": "2022-11-24"},
         id="list-of-participles-each-with-its-date"),
    case("Le 21 novembre, la DITP organise un atelier et le Lab Zéro anime un webinaire le 23 novembre.", NOV_2022,
         {"title": "atelier", "organizers": ["DITP"], "starts_on": "2022-11-21"},
         {"title": "webinaire", "organizers": ["Lab Zéro"], "starts_on": "2022-11-23"},
         id="two-verbs-and-an-opening-date"),
    case("Le Lab Zéro organise un\natelier de design le 14\nnovembre.", NOV_2022,
         {"title": "atelier de design", "starts_on": "2022-11-14"}, id="sentence-wrapped-over-lines"),
    case("De son côté, La Trame à Besançon organise un sprint créatif le 25 novembre.", NOV_2022,
         {"title": "sprint créatif", "organizers": ["Trame"], "region": "Bourgogne-Franche-Comté"},
         id="proper-name-organizer-without-head-word"),
    case("Le ministère de la Justice organise à Chalon-sur-Saône un simplificathon sur les communs numériques les 5 "
         "et 11 novembre.", NOV_2022,
         {"title": "simplificathon sur les communs numériques", "dates": ["2022-11-05", "2022-11-11"],
          "region": "Bourgogne-Franche-Comté"},
         id="place-before-the-event"),
    case("À Reims, une journée d'étude sur le thème : « Lire le droit », organisée par le Lab Champagne, est "
         "ouverte à tous.", NOV_2022,
         {"title": "journée d'étude sur le thème : « Lire le droit »", "organizers": ["Lab Champagne"],
          "format": "journée", "rule": "event.passive.organise_par"},
         id="participle-after-a-quoted-theme"),
    case("Amélie Durand organise un atelier le 8 novembre.", NOV_2022,
         {"title": "atelier", "organizers": [], "starts_on": "2022-11-08", "rule": "event.prose.dated_format"},
         id="a-person-is-no-organizer-the-dated-event-stays"),
    case("Le Mois de l'innovation publique propose plus de 350 événements.", NOV_2022, id="a-count-is-no-event"),
    case("Ce rendez-vous annuel propose une série de conférences et d'ateliers.", NOV_2022,
         id="no-organization-no-event"),
    case("Ce webinaire, organisé par la DITP, présentera les résultats.", NOV_2022, id="a-reference-back-is-no-event"),
    case("Le Lab Ouest organise « Faisons simple », un simplificathon, le 3 novembre.", NOV_2022,
         {"title": "Faisons simple, un simplificathon", "format": "simplificathon"},
         id="quoted-name-before-its-format", marks=pytest.mark.xfail(strict=True)),
    case("La DITP, avec le Lab Ouest, organise un atelier le 5 novembre.", NOV_2022,
         {"organizers": ["DITP", "Lab Ouest"]},
         id="organizer-before-a-parenthetical", marks=pytest.mark.xfail(strict=True)),
]

PLACES = [
    case("Le service départemental d'incendie et de secours de Saône-et-Loire organise un atelier le 14 novembre.",
         NOV_2022, {"region": "Bourgogne-Franche-Comté"}, id="department-saone-et-loire"),
    case("Le centre de gestion de Metz anime un webinaire le 25 novembre.", NOV_2022, {"region": "Grand Est"},
         id="city-metz"),
    case("Le Lab de la métropole de Marseille organise une session de créativité le 22 novembre.", NOV_2022,
         {"region": "Provence-Alpes-Côte d'Azur", "format": "session de créativité"}, id="city-marseille"),
    case("Le Lab Urssaf Paca organise un atelier le 22 novembre.", NOV_2022,
         {"region": "Provence-Alpes-Côte d'Azur"}, id="region-alias-paca"),
    case("La préfecture d'Eure-et-Loir animera une conférence le 29 novembre.", NOV_2022,
         {"region": "Centre-Val de Loire"}, id="department-after-elision"),
    case("Le Centre hospitalier de Lyon organise un atelier le 8 novembre.", NOV_2022,
         {"region": "Auvergne-Rhône-Alpes"}, id="centre-is-no-region"),
    case("La DITP organise un atelier où la simplification sera au centre des débats le 8 novembre.", NOV_2022,
         {"region": None}, id="lower-case-word-is-no-place"),
    case("La DITP organise des temps d'échanges avec des laboratoires à Bordeaux et à Rennes le 8 novembre.",
         NOV_2022, {"region": None, "format": "rencontre"}, id="several-regions-say-none"),
    case("Le Lab d'innovation de la Réunion organise un hackathon du 20 au 22 novembre.", NOV_2022,
         {"region": "La Réunion"}, id="place-that-is-also-an-event-word-after-an-article"),
    case("- **Réunion de clôture – DITP** - 30 novembre", NOV_2022, {"format": "réunion", "region": None},
         id="event-word-that-is-also-a-place"),
    case("La préfecture de la région Centre-Val de Loire propose un concours d'idées le 8 novembre.", NOV_2022,
         {"region": "Centre-Val de Loire"}, id="longest-of-overlapping-place-names"),
    case("La DITP organise au Tampon une rencontre sur les données le 8 novembre.", NOV_2022,
         {"region": "La Réunion", "title": "rencontre sur les données"}, id="place-after-a-contracted-article"),
    case("La DITP organise un atelier à la Cité des sciences le 8 novembre.", NOV_2022,
         {"region": "Île-de-France"}, id="landmark-venue"),
    case("La DITP organise un atelier au Grand Théâtre le 8 novembre.", NOV_2022,
         {"region": None}, id="venue-outside-the-lexicon"),
    case("La DREETS organise un atelier le 8 novembre au 12 rue des Lilas, 31000 Toulouse.", NOV_2022,
         {"region": "Occitanie"}, id="postcode-and-town"),
    case("- **Atelier sobriété – DREAL** - 9 mars\nAu 2 place du Marché, 97200 Fort-de-France", D("2023-03-01"),
         {"region": "Martinique"}, id="overseas-postcode-in-a-listing-description"),
    case("L'Agence du numérique organise un hackathon les 9 et 10 mars. Pendant deux jours, les équipes "
         "se retrouveront à la Station F.", D("2023-03-01"),
         {"region": "Île-de-France"}, id="place-later-in-the-paragraph"),
]

FORMATS = [
    case("La DITP organise un atelier en ligne le 8 novembre.", NOV_2022,
         {"format": "atelier", "online": True}, id="online-marker"),
    case("La DITP organise un atelier le 8 novembre.", NOV_2022, {"format": "atelier", "online": None},
         id="on-site-unless-said"),
    case("La DITP anime un #webinaire le 8 novembre.", NOV_2022, {"format": "webinaire", "online": True},
         id="always-online-format"),
    case("La DITP organise une série de trois webinaires le 8 novembre.", NOV_2022, {"format": "webinaire"},
         id="format-within-the-first-words"),
    case("La DITP organise le lancement de son programme avec des ateliers le 8 novembre.", NOV_2022,
         id="format-too-far-is-no-event"),
]

DATES = [
    case("La CAF de la Gironde organise un hackathon les 24 et 25 novembre prochains.", NOV_2022,
         {"starts_on": "2022-11-24", "ends_on": "2022-11-25", "dates": ["2022-11-24", "2022-11-25"],
          "dates_inferred": True},
         id="les-24-et-25-prochains"),
    case("Le SGAR d'Occitanie organise un atelier le jeudi 17 novembre 2022 à Toulouse.", NOV_2020,
         {"starts_on": "2022-11-17", "dates_inferred": False}, id="a-written-year-is-not-inferred"),
    case("Le SGAR d'Occitanie a organisé un atelier le jeudi 17 novembre à Toulouse.", D("2023-06-01"),
         {"starts_on": "2022-11-17", "dates_inferred": True}, id="the-weekday-picks-the-inferred-year"),
    case("La DITP propose un appel à idées jusqu'au 4 décembre.", NOV_2022,
         {"starts_on": None, "ends_on": "2022-12-04", "format": "appel à idées"}, id="jusqu-au"),
    case("Le conseil régional de Bretagne propose les 16 et le 21 novembre un webinaire de formation.", NOV_2022,
         {"starts_on": "2022-11-16", "ends_on": "2022-11-21", "dates": ["2022-11-16", "2022-11-21"]},
         id="les-16-et-le-21"),
    case("La DITP propose des rencontres en ligne sur la donnée. Le Mois se déroulera du 2 au 30 novembre.",
         NOV_2022, {"title": "rencontres en ligne sur la donnée", "starts_on": None},
         id="the-edition-period-dates-no-event-announced-before"),
    case("Le 3 novembre, la DITP organise un atelier.", NOV_2022, {"starts_on": "2022-11-03"},
         id="date-before-the-organizer"),
    case("La DITP organise un atelier sur les données.", NOV_2022, {"starts_on": None, "dates": []},
         id="undated"),
]

PROGRAMMES = [
    case("Les équipes de la DGFiP vous proposent plusieurs rendez-vous :\n\n"
         '<p><b>[Le mardi 14/03 de 9h à 10h30] [Atelier]</b> <i>Données fiscales : quels usages ?</i></p>\n\n'
         "Un temps d'échange sur les jeux de données.\n\n"
         '<p><b>[Le jeudi 16/03 de 14h à 15h] [Webinaire] [Série Découverte]</b> <i>Les API de l\'impôt</i></p>\n\n'
         "* 10 rue des Archives 75003 Paris", D("2023-02-20"),
         {"title": "Données fiscales : quels usages ?", "organizers": ["DGFiP"], "starts_on": "2023-03-14",
          "format": "atelier", "region": None, "rule": "event.agenda"},
         {"title": "Les API de l'impôt", "organizers": ["DGFiP"], "starts_on": "2023-03-16", "format": "webinaire",
          "region": "Île-de-France"},
         id="agenda-bracketed-day-labels-announcer"),
    case("Le jeudi 09/03 de 10h à 12h \n<br>[Quiz] Êtes-vous incollable sur la donnée ?\n\n"
         "Le Lab Mosaïque anime cette partie entre agents.", D("2023-02-01"),
         {"title": "Êtes-vous incollable sur la donnée ?", "organizers": ["Lab Mosaïque"], "starts_on": "2023-03-09",
          "format": "jeu"},
         id="agenda-labels-on-the-next-line"),
    case("Le vendredi 10/03 de 14h à 16h [Quiz] Connaissez-vous vos droits ?", D("2023-02-01"),
         {"title": "Connaissez-vous vos droits ?", "starts_on": "2023-03-10", "format": "jeu", "rule": "event.agenda"},
         id="agenda-labels-on-the-same-line"),
    case("Mardi 21 mars, 10h-11h30 : Atelier « Cartes et territoires »\nMercredi 22 mars, 14h : Visite du Fab Lab",
         D("2023-03-01"),
         {"title": "Atelier « Cartes et territoires »", "starts_on": "2023-03-21", "format": "atelier"},
         {"title": "Visite du Fab Lab", "starts_on": "2023-03-22", "format": "visite"},
         id="agenda-day-hours-colon-title"),
    case("Le Lab Tiers vous donne rendez-vous à Rouen.\n\nJeudi 16 mars 2023\n\n- 9h : Accueil\n"
         "- 9h30 – 10h30 : Conférence d'ouverture\n- 14h : Clôture", D("2023-03-01"),
         {"title": "Accueil", "organizers": ["Lab Tiers"], "starts_on": "2023-03-16", "region": "Normandie"},
         {"title": "Conférence d'ouverture", "format": "conférence"},
         {"title": "Clôture", "format": None},
         id="slots-under-a-day-heading-announcer-and-place"),
    case("- 17 mars : Atelier des usagers – Lab Tiers\n\nLe 20 mars 2023 : Hackathon des communs\n\n"
         "Un temps de restitution.\n\nLe Lab Tiers anime aussi le 24 mars un webinaire sur les communs.",
         D("2023-03-01"),
         {"title": "Atelier des usagers", "starts_on": "2023-03-17", "rule": "event.bullet"},
         {"title": "Hackathon des communs", "starts_on": "2023-03-20", "rule": "event.agenda"},
         {"title": "webinaire sur les communs", "starts_on": "2023-03-24", "rule": "event.prose.anime"},
         id="prose-after-an-entry-on-another-day"),
    case("Les 1er et 2 mars, la Région Normandie accueillera le forum des labs à Caen.\n\n"
         "Mardi 14 mars, 10h-11h : « Les communs », webinaire animé par la DINUM\n\n"
         "[Atelier] Concevoir avec les usagers — jeudi 16 mars, 14h-16h, Lab Ouest (Brest)", D("2023-02-20"),
         {"title": "forum des labs à Caen", "organizers": ["Région Normandie"]},
         {"title": "Les communs, webinaire animé par la DINUM", "organizers": ["DINUM"], "starts_on": "2023-03-14"},
         {"title": "Concevoir avec les usagers", "organizers": [], "starts_on": "2023-03-16", "format": "atelier",
          "region": "Bretagne", "rule": "event.agenda"},
         id="agenda-label-first-cue-in-heading-a-dated-event-announces-none"),
    case("Mardi 14 mars, 10h : Atelier « Formulaires » – Lab Ouest\nMardi 14 mars, 14h : Visite – Entrée libre",
         D("2023-03-01"),
         {"title": "Atelier « Formulaires »", "organizers": ["Lab Ouest"], "rule": "event.agenda"},
         {"title": "Visite – Entrée libre", "rule": "event.agenda"},
         id="organizer-after-the-dash-of-an-entry"),
    case("Rencontre le mardi 14 mars 2023.\n\n9h30 : Accueil\n10h : Table ronde sur la donnée – DREAL",
         D("2023-03-01"),
         {"title": "Accueil", "rule": "event.slot"},
         {"title": "Table ronde sur la donnée", "organizers": ["DREAL"], "rule": "event.slot"},
         id="organizer-after-the-dash-of-a-slot"),
    case("Les labs en fête\n\n20/03/2023 à 10h00 - Par la rédaction\n\nLes labs ouvrent leurs portes.",
         D("2023-03-20"), id="a-byline-with-the-publication-day-is-no-entry"),
    case("Atelier « Écrire clair »\nJeudi 9 mars 2023\nVenez simplifier vos courriers.\n\nNos engagements\n"
         "Vendredi 10 mars 2023\nLes agents ont répondu.", D("2023-03-01"),
         {"title": "Atelier « Écrire clair »", "starts_on": "2023-03-09", "format": "atelier", "rule": "event.agenda"},
         id="a-day-alone-under-a-format-heading"),
    case("Le 12 mars 2023, la préfecture du Cher a réuni ses agents.", D("2023-03-20"),
         id="a-sentence-opening-on-a-date-is-no-entry"),
    case("Le 14 mars de 10h à 12h, la préfecture du Cher organise un atelier sur l'accueil.", D("2023-03-01"),
         {"title": "atelier sur l'accueil", "organizers": ["préfecture du Cher"], "starts_on": "2023-03-14",
          "rule": "event.prose.organise"},
         id="a-sentence-opening-on-a-day-and-hours-is-prose"),
    case("Le laboratoire d'innovation de la préfecture du Calvados organise une journée d'étude le mardi "
         "7 mars 2023 à Caen.\n\nProgramme\n\n9h : Café d'accueil\n\n9h30-10h15 : Table ronde sur la "
         "sobriété\n\n12h30 : Pause déjeuner\n\n14h – Conclusion des travaux", D("2023-02-01"),
         {"title": "journée d'étude à Caen", "starts_on": "2023-03-07", "rule": "event.prose.organise"},
         {"title": "Café d'accueil", "starts_on": "2023-03-07", "format": "café", "region": "Normandie",
          "rule": "event.slot"},
         {"title": "Table ronde sur la sobriété", "starts_on": "2023-03-07", "format": "table ronde",
          "organizers": ["laboratoire d'innovation de la préfecture du Calvados"]},
         {"title": "Conclusion des travaux", "starts_on": "2023-03-07", "format": None},
         id="timed-slots-take-the-programme-day-breaks-are-no-sessions"),
    case("Programme du mardi 21 mars 2023\n\n14h00-15h30 Atelier « Cartographier les usages »\n"
         "De 15h45 à 17h : Restitution collective", D("2023-03-01"),
         {"title": "Atelier « Cartographier les usages »", "starts_on": "2023-03-21", "format": "atelier"},
         {"title": "Restitution collective", "starts_on": "2023-03-21"},
         id="slots-without-separator-and-de-a"),
    case("Mardi 14 mars\n- 10h : Webinaire « Achats responsables » (DGFiP)\n"
         "- 14h : Atelier « Formulaires » – Lab Ouest\n\nMercredi 15 mars\n- 9h30 : Petit-déjeuner des agents",
         D("2023-03-01"),
         {"title": "Webinaire « Achats responsables » (DGFiP)", "organizers": ["DGFiP"], "starts_on": "2023-03-14",
          "rule": "event.slot"},
         {"title": "Atelier « Formulaires »", "organizers": ["Lab Ouest"], "starts_on": "2023-03-14"},
         {"title": "Petit-déjeuner des agents", "starts_on": "2023-03-15", "format": "café"},
         id="slots-as-listings-under-day-headings"),
    case('<h3>Atelier « Écrire clair »</h3><p>Le 9 mars 2023 de 14h à 16h – Lille</p>\n\n'
         "<h3>Conférence sur les données</h3>\n<p>Jeudi 16 mars 2023, 18h, Hôtel de Région, Marseille</p>",
         D("2023-03-01"),
         {"title": "Atelier « Écrire clair »", "starts_on": "2023-03-09", "region": "Hauts-de-France",
          "format": "atelier", "rule": "event.agenda"},
         {"title": "Conférence sur les données", "starts_on": "2023-03-16", "region": "Provence-Alpes-Côte d'Azur"},
         id="html-heading-over-a-day-and-place-line"),
    case("La préfecture de la Sarthe organise une journée des labs le jeudi 9 mars 2023 au Mans.\n\n"
         "14h : 3 ateliers au choix\nAtelier 1 : Simplifier les courriers\nAtelier 2 : Mesurer l'impact\n"
         "Table ronde n°3 – Les données ouvertes", D("2023-03-01"),
         {"title": "journée des labs au Mans", "starts_on": "2023-03-09"},
         {"title": "Simplifier les courriers", "organizers": ["préfecture de la Sarthe"], "starts_on": "2023-03-09",
          "format": "atelier", "rule": "event.slot.numbered"},
         {"title": "Mesurer l'impact", "format": "atelier"},
         {"title": "Les données ouvertes", "format": "table ronde"},
         id="sessions-numbered-after-their-format"),
    case("Innovation publique à Rouen, le 21 mars 2023\n\nPublié le 04/03/2023\n\nLa Semaine se déroule du 20 au "
         "24 mars 2023.\n\nPROGRAMME\n\n9h30-10h15 Conférence sur la participation\n\n10h15-12h Retours "
         "d'expériences des services\n\n  • Un guichet unique\n\n12h-13h30 Déjeuner", D("2023-03-04"),
         {"title": "Conférence sur la participation", "starts_on": "2023-03-21", "region": "Normandie"},
         {"title": "Retours d'expériences des services", "starts_on": "2023-03-21"},
         id="a-single-day-before-the-week-dates-the-slots"),
    case("Publié le 2 mars 2023\n\nLe programme des ateliers\n\nAtelier 1 : Simplifier les courriers\n"
         "Atelier 2 : Mesurer l'impact", D("2023-03-02"), id="a-dateline-is-no-programme-day"),
    case("La rencontre aura lieu le vendredi 10 mars 2023 à Dijon.\n\n14H : 14h : 3 ateliers au choix\n\n"
         "  1. Simplifier les courriers\n    Avec l'équipe du Lab.\n  2. Mesurer l'impact\n"
         "  3. Tester avec les usagers\n\nInscription obligatoire.", D("2023-02-01"),
         {"title": "Simplifier les courriers", "starts_on": "2023-03-10", "format": "atelier",
          "region": "Bourgogne-Franche-Comté", "rule": "event.slot.session"},
         {"title": "Mesurer l'impact", "format": "atelier"},
         {"title": "Tester avec les usagers", "format": "atelier"},
         id="slot-counting-sessions-lists-them"),
    case("---\ntitle: Atelier « Écrire simple » au Lab 110 bis\nevent_start_date: 2023-03-15 10:00:00 +01:00\n"
         "lieu: Lab 110 bis\nadresse: 110 rue de Grenelle, 75007 Paris\ntags:\n- Lab 110 bis\n---\n\n"
         "Venez écrire des courriers plus clairs.", D("2023-03-01"),
         {"title": "Atelier « Écrire simple » au Lab 110 bis", "starts_on": "2023-03-15", "region": "Île-de-France",
          "format": "atelier", "rule": "event.front_matter"},
         id="front-matter-event-tags-are-no-listing"),
    case("---\ntitle: Mois de l'innovation publique 2023\nevent_start_date: 2023-11-02\n"
         "event_end_date: 2023-11-30\n---\n\nLe programme arrive.", D("2023-10-01"),
         id="front-matter-of-the-edition-is-no-event"),
]

DATED_FORMATS = [
    case("Les prix seront remis ce jeudi 9 mars par la ministre, à l'issue d'une table ronde sur la fraude "
         "documentaire, au Carreau du Temple (Paris).", D("2023-03-01"),
         {"title": "table ronde sur la fraude documentaire", "organizers": [], "starts_on": "2023-03-09",
          "region": "Île-de-France", "format": "table ronde", "rule": "event.prose.dated_format"},
         id="passive-announcement-with-a-format-and-a-day"),
    case("Un atelier d'écriture nous réunira le 16 mars autour de vos projets.", D("2023-03-01"),
         {"title": "atelier d'écriture", "starts_on": "2023-03-16", "format": "atelier"},
         id="sentence-opening-on-a-format-with-a-day"),
    case("Vous y croiserez les 16 et 17 mars à Lille le Forum des communs numériques ainsi que d'autres réseaux.",
         D("2023-03-01"),
         {"title": "Forum des communs numériques", "dates": ["2023-03-16", "2023-03-17"], "region": "Hauts-de-France",
          "format": "forum"},
         id="an-event-named-by-its-capitalised-format"),
    case("Le 16 mars, la journée a réuni cent agents.", D("2023-03-01"), id="a-lower-case-format-after-la-is-no-name"),
    case("Retrouvez le replay du webinaire « Des achats plus verts ».\n\nQuels achats durables ? Le 16 mars, "
         "trois acheteurs ont témoigné.", D("2023-04-01"),
         {"title": "webinaire « Des achats plus verts »", "starts_on": "2023-03-16"},
         id="a-quoted-event-takes-the-day-the-next-paragraph-opens-on"),
    case("Retrouvez le replay du webinaire « Des achats plus verts ».\n\nLes acheteurs ont témoigné.",
         D("2023-04-01"), id="a-quoted-event-without-a-day-is-left"),
    case("Le 16 mars, le webinaire « Des achats plus verts » a réuni 300 agents.", D("2023-04-01"),
         {"title": "webinaire « Des achats plus verts »", "starts_on": "2023-03-16", "format": "webinaire"},
         id="an-event-named-by-its-quoted-title"),
    case("Les agents de La Réunion se retrouvent le 16 mars.", D("2023-03-01"), id="a-place-is-no-named-event"),
    case("Des ateliers ont eu lieu le 16 mars dans toute la région.", D("2023-03-01"),
         id="plural-formats-are-no-one-event"),
    case("Une conférence réunira les lauréats du 2 au 30 mars.", D("2023-03-01"), id="a-period-is-no-day"),
    case("Le « Café des usagers » ouvre le 16 mars.", D("2023-03-01"), id="format-inside-quotes"),
    case("Le 16 mars sera une journée riche en échanges.", D("2023-03-01"), id="a-copula-describes-a-day"),
    case("« Les agents innovent », a rappelé la ministre lors d'une conférence de presse le 7 mars.", D("2023-03-01"),
         id="a-press-conference-presents-the-programme"),
    case("Rendez-vous le jeudi 16 mars à 14h pour un webinaire consacré aux achats publics.", D("2023-03-01"),
         {"title": "webinaire consacré aux achats publics", "starts_on": "2023-03-16", "online": True},
         id="rendez-vous-pour-un-webinaire"),
]

NAMED = [
    case("Le jeudi 14 mars 2019, un événement inédit, le Labothon, a réuni des agents dans toute la région.",
         D("2019-04-01"), {"title": "Labothon", "starts_on": "2019-03-14", "organizers": [],
                           "rule": "event.prose.named_event"},
         id="a-name-in-apposition-to-evenement"),
    case("Le 3 mars, l'événement phare de la semaine, la Nuit des Agents, a réuni 80 agents.", D("2020-04-01"),
         {"title": "Nuit des Agents", "starts_on": "2020-03-03"}, id="a-longer-apposition"),
    case("Le rendez-vous Innov'Agents du 3 mars 2020 a réuni 80 agents.", D("2020-04-01"),
         {"title": "Innov'Agents", "starts_on": "2020-03-03"}, id="a-name-right-after-rendez-vous"),
    case("Le 3 mars, la manifestation « Agents en action » a accueilli 80 agents à Nantes.", D("2020-04-01"),
         {"title": "Agents en action", "starts_on": "2020-03-03", "region": "Pays de la Loire"},
         id="a-quoted-name-after-manifestation"),
    case("L'événement « Agents en action », organisé par la DDT du Cher, aura lieu le 3 mars à Bourges.",
         D("2020-03-01"), {"title": "Agents en action", "organizers": ["DDT du Cher"], "starts_on": "2020-03-03",
                           "region": "Centre-Val de Loire"}, id="a-named-event-and-its-organizer"),
    case("Lors de cet événement, Julie Martin a présenté le 14 mars le bilan de l'année.", D("2019-04-01"),
         id="a-person-after-evenement-is-no-name"),
    case("Lors de cet événement, Marseille a accueilli le 14 mars cent agents.", D("2019-04-01"),
         id="a-place-after-evenement-is-no-name"),
    case("Un événement, la Semaine de l'innovation publique, aura lieu le 14 mars.", D("2019-01-01"),
         id="the-programme-is-no-event-of-its-own"),
    case("Rendez-vous Mardi 14 mars 2023 à 14h.", D("2023-03-01"), id="a-capitalised-day-is-no-name"),
    case("Rendez-vous Salle Voltaire le 14 mars.", D("2023-03-01"), id="a-room-after-rendez-vous-is-no-name"),
    case("Le 14 mars, lors de l'événement, Orange, partenaire du salon, a présenté ses outils.", D("2023-03-01"),
         id="a-sponsor-after-evenement-is-no-name"),
    case("Un événement inédit, le Labothon, a réuni des agents du 2 au 30 mars.", D("2019-04-01"),
         id="a-name-without-its-day-is-left"),
]

PASSIVES = [
    case("Le 5 mars, une table ronde sur les achats durables a été organisée par la préfecture de l'Aisne.",
         D("2020-04-01"), {"title": "table ronde sur les achats durables", "organizers": ["préfecture de l'Aisne"],
                           "starts_on": "2020-03-05"},
         id="the-auxiliary-of-a-passive-is-no-part-of-the-title"),
    case("Le 5 mars se tiendra à Dijon le Forum des achats publics, organisé par la préfecture de la Côte-d'Or.",
         D("2020-03-01"), {"title": "Forum des achats publics", "organizers": ["préfecture de la Côte-d'Or"],
                           "starts_on": "2020-03-05", "rule": "event.passive.organise_par"},
         id="a-participle-after-a-comma-names-the-organizer-of-the-event-before"),
    case("Un forum du Grand Est organisé par la Région Grand Est aura lieu le 5 mars.", D("2020-03-01"),
         {"title": "forum du Grand Est", "organizers": ["Région Grand Est"]}, id="est-of-a-place-stays-in-the-title"),
    case("Le Lab Sud vous donne rendez-vous le 5 mars pour un webinaire sur les marchés.", D("2020-03-01"),
         {"title": "webinaire sur les marchés", "organizers": ["Lab Sud"], "starts_on": "2020-03-05"},
         id="rendez-vous-pour-un-webinaire-names-the-webinar"),
]

OCCURRENCES = [
    case("Le 5 mars, à Dijon, se tiendra la journée régionale des achats publics.", D("2020-03-01"),
         {"title": "journée régionale des achats publics", "starts_on": "2020-03-05",
          "region": "Bourgogne-Franche-Comté", "rule": "event.prose.dated_format"},
         id="a-verb-of-taking-place-before-the-event"),
    case("La conférence de clôture aura lieu le 5 mars à la préfecture.", D("2020-03-01"),
         {"title": "conférence de clôture", "starts_on": "2020-03-05"}, id="a-verb-of-taking-place-after-the-event"),
    case("Les ateliers se tiendront le 5 mars à Dijon.", D("2020-03-01"), id="plural-events-taking-place-are-no-one"),
    case("La rencontre aura lieu le 5 mars à Dijon.", D("2020-03-01"), id="a-bare-format-refers-back"),
    case("Inscrivez-vous au webinaire du 5 mars sur les marchés publics.", D("2020-03-01"),
         {"title": "webinaire sur les marchés publics", "starts_on": "2020-03-05", "format": "webinaire"},
         id="a-format-followed-by-its-own-day"),
    case("Une conférence inaugurale aura lieu le 5 mars de 9h30 à 10h30 au Conseil régional.", D("2020-03-01"),
         {"title": "conférence inaugurale", "starts_on": "2020-03-05"}, id="hours-are-no-part-of-a-title"),
    case("À l'occasion de la journée du 5 mars, un guide a été publié.", D("2020-03-01"),
         id="a-day-of-the-calendar-is-no-event"),
    case("La réunion de lancement aura lieu le 5 mars en préfecture.", D("2020-03-01"),
         {"title": "réunion de lancement", "starts_on": "2020-03-05"},
         id="a-noun-the-tagger-calls-a-pronoun-stays-in-the-title"),
    case("La préfecture accueille une matinée d'échanges sur les achats, animée par le Lab Est.\n\n"
         "La matinée se déroulera le 5 mars à Dijon.", D("2020-03-01"),
         {"title": "matinée d'échanges sur les achats", "organizers": ["Lab Est"], "starts_on": "2020-03-05"},
         id="the-same-format-again-is-the-event-already-told"),
]

HEADINGS = [
    case("Datathon « Mobilités rurales » les 12 et 13 mars à Poitiers\n\nLe conseil départemental de la Vienne "
         "organise un datathon ouvert aux agents.", D("2020-03-01"),
         {"title": "Datathon « Mobilités rurales » à Poitiers", "organizers": ["conseil départemental de la Vienne"],
          "dates": ["2020-03-12", "2020-03-13"], "region": "Nouvelle-Aquitaine", "rule": "event.prose.heading"},
         id="a-heading-naming-a-format-and-a-day-takes-the-organizer-below"),
    case("Atelier le 12 mars, puis le 13 mars.", D("2020-03-01"), id="a-sentence-is-no-heading"),
    case("Journée des labs le 12 mars à Lyon\n\nLe 12 mars, la Métropole de Lyon accueillera une journée des labs.",
         D("2020-03-01"), {"title": "Journée des labs à Lyon", "organizers": ["Métropole de Lyon"]},
         id="the-prose-under-a-heading-on-its-day-is-that-event"),
    case("Ateliers du 2 au 30 mars", D("2020-03-01"), id="a-heading-with-a-period-is-no-event"),
    case("Présentation du 12 mars 2020 (PDF)", D("2020-04-01"), id="a-bare-format-heading-heads-a-file"),
    case("Le 12 mars s'est tenue la conférence régionale des achats à Rouen.", D("2020-04-01"),
         {"title": "conférence régionale des achats à Rouen", "starts_on": "2020-03-12", "region": "Normandie"},
         id="a-past-verb-of-taking-place"),
]

SEVERAL = [
    case("Au menu : un datathon à Rouen le 3 mars, une conférence à Caen le 5 mars et un atelier à Dieppe le 6 mars.",
         D("2020-03-01"),
         {"title": "datathon à Rouen", "starts_on": "2020-03-03", "region": "Normandie",
          "rule": "event.prose.dated_formats"},
         {"title": "conférence à Caen", "starts_on": "2020-03-05"}, {"title": "atelier à Dieppe", "starts_on": "2020-03-06"},
         id="as-many-formats-as-days-pair-in-order"),
    case("Un atelier aura lieu le 3 mars ou le 5 mars.", D("2020-03-01"), id="one-format-two-days-is-no-pairing"),
    case("La DDT de l'Ain anime un atelier le 3 mars et une conférence le 5 mars.", D("2020-03-01"),
         {"title": "atelier", "organizers": ["DDT de l'Ain"], "starts_on": "2020-03-03"},
         {"title": "conférence", "organizers": ["DDT de l'Ain"], "starts_on": "2020-03-05"},
         id="a-verb-with-two-objects-tells-two-events"),
]

AGENDA_SHAPES = [
    case("Les rendez-vous en région\n\n12/03/2020 - Atelier « Parcours usagers » - Brest\n"
         "13/03/2020 - Conférence sur la donnée - Quimper", D("2020-03-01"),
         {"title": "Atelier « Parcours usagers »", "starts_on": "2020-03-12", "region": "Bretagne",
          "rule": "event.agenda"},
         {"title": "Conférence sur la donnée", "starts_on": "2020-03-13", "region": "Bretagne"},
         id="a-day-a-dash-a-format-a-dash-a-town"),
    case("› 12 mars : Datathon des données culturelles à Lille\n› 13 mars : Table ronde sur l'inclusion à Arras",
         D("2020-03-01"), {"title": "Datathon des données culturelles à Lille", "starts_on": "2020-03-12"},
         {"title": "Table ronde sur l'inclusion à Arras", "starts_on": "2020-03-13"}, id="chevron-bullets"),
    case("Jeudi 12 mars\nAtelier de co-design des formulaires\nDe 9h à 12h, salle du conseil", D("2020-03-01"),
         {"title": "Atelier de co-design des formulaires", "starts_on": "2020-03-12", "format": "atelier"},
         id="a-day-alone-over-a-format-line"),
    case("Jeudi 12 mars\nLes agents ont travaillé sur les formulaires.", D("2020-03-01"),
         id="a-day-alone-over-a-sentence-is-no-entry"),
]

ENUMERATIONS = [
    case("Trois parcours sont proposés :\n- L'innovation au service des agents ;\n- L'innovation pour la "
         "planète.\nLe programme compte déjà un atelier « Données ouvertes » organisé par la Métropole de Lyon "
         "ou encore l'atelier « Achats verts » organisé par le Conseil départemental du Gard.", D("2022-10-01"),
         {"title": "atelier « Données ouvertes »", "organizers": ["Métropole de Lyon"], "format": "atelier",
          "rule": "event.passive.organise_par"},
         {"title": "atelier « Achats verts »", "organizers": ["Conseil départemental du Gard"], "format": "atelier"},
         id="items-of-an-enumeration-are-no-listings-of-the-events-below"),
    case("- **Atelier « Données ouvertes »**\nLa Métropole de Lyon ouvre ses données.", D("2022-10-01"),
         {"title": "Atelier « Données ouvertes »", "organizers": ["Métropole de Lyon"], "format": "atelier",
          "rule": "event.bullet"},
         id="a-listing-with-its-format-takes-its-organizer-from-below"),
]

REPEATS = [
    case("La DREAL a organisé un webinaire sur les mobilités douces. Vous l'avez manqué ? Le replay est en "
         "ligne.\n\nLa DREAL a organisé, le 9 mars 2023, un webinaire lors duquel trois collectivités ont témoigné.",
         D("2023-04-01"), {"starts_on": "2023-03-09", "format": "webinaire"},
         id="an-event-told-again-with-its-date-is-one"),
    case("La DREAL propose une série de trois webinaires sur la biodiversité. La DREAL anime le 9 mars un "
         "webinaire sur les mobilités.", D("2023-03-01"),
         {"title": "série de trois webinaires sur la biodiversité", "starts_on": None},
         {"title": "webinaire sur les mobilités", "starts_on": "2023-03-09"},
         id="another-title-is-another-event"),
    case("Toute l'année, la Fédération des tiers-lieux organise des rencontres, des visites et des formations.",
         D("2023-04-01"), id="an-undated-bare-plural-is-an-activity"),
    case("Conditions :\n  • votre atelier doit se tenir entre le 6 et le 10 mars 2023, sauf dérogation ;\n"
         "  • il doit être gratuit.", D("2023-01-10"), id="a-condition-in-a-list-is-no-listing"),
    case("- **Qui décide des algorithmes ?** - 7 mars 2023", D("2023-01-10"),
         {"title": "Qui décide des algorithmes ?", "starts_on": "2023-03-07"}, id="a-question-heading-is-a-title"),
]


@pytest.mark.parametrize(("text", "published", "expected"),
                         LISTINGS + PROSE + PLACES + FORMATS + DATES + PROGRAMMES + DATED_FORMATS + REPEATS + NAMED
                         + ENUMERATIONS + PASSIVES
                         + OCCURRENCES + HEADINGS + SEVERAL + AGENDA_SHAPES)
def test_events(text: str, published: date, expected: list[dict], nlp: Language) -> None:
    check(events_of(text, published, nlp), expected)


def test_evidence_is_the_listing_or_the_clause(nlp: Language) -> None:
    text = "Par exemple, le Lab Tilt organise un atelier le 3 novembre. La DITP anime un webinaire."
    first, second = events_of(text, NOV_2022, nlp)
    assert first.text == "le Lab Tilt organise un atelier le 3 novembre"
    assert second.text == "La DITP anime un webinaire"


# Pieces of listings and prose; hypothesis glues them into any order.
PIECES = ["- ", "**", "«", "»", '"', ":", " : ", ",", ".", " - ", " – ", "\n", "\n\n", "le", "la", "l'", "d'",
          "un", "une", "des", "qui", "et", "organise", "propose", "anime", "organisé par", "l'organisation par",
          "en partenariat avec", "Rendez-vous", "auront lieu", "webinaire", "atelier", "rencontres", "Lab Tilt",
          "DITP", "conseil régional de Bretagne", "en Bretagne", "dans le Grand Est", "Marseille",
          "le 24 novembre", "les 24 et 25 novembre prochains", "jusqu'au 4 décembre", "Du 2 au 30 novembre",
          "plus de 300", "Ce", "en ligne", "9h30 :", "14h –", "10h-11h30", "[Atelier]", "[Le mardi 14/03", "]",
          "Le jeudi 09/03 de 10h à 12h", "4 ateliers au choix", "1.", "  2.", "Atelier 2 :", "---", "title:",
          "event_start_date: 2022-11-24", "<p>", "<br>", "</b>", "75015 Paris", "une table ronde", "le Forum",
          "du webinaire « Les API »", "Publié le 3 novembre 2022"]


@settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join))
def test_any_listing_or_prose(markdown: str) -> None:
    cleaned = clean_markup(markdown)
    for event in events_of(markdown, NOV_2022, load_model(Settings().model_name)):
        assert cleaned.text[event.start:event.end] == event.text
        assert event.title


def _listed(document_id: str, title: str, starts_on: str | None, *organizers: str) -> SimpleNamespace:
    """A document's findings holding one event, as resolve_events reads them."""
    event = EventMention(start=0, end=1, text="x", rule="event.test", title=title, organizers=list(organizers),
                         starts_on=starts_on and D(starts_on), ends_on=None, dates=[], region=None, format=None,
                         online=None, edition_year=None)
    return SimpleNamespace(findings=SimpleNamespace(document_id=document_id, events=[event]),
                           loaded=SimpleNamespace(page_starts=[]))


DITP = SimpleNamespace(organization_id="org_ditp", name="Direction interministérielle de la transformation publique")


@pytest.mark.parametrize(("documents", "rows"), [
    pytest.param([_listed("a", "Atelier design des services", "2020-11-17", "DITP"),
                  _listed("b", "Atelier design des services", "2020-11-17", "DITP")], 1, id="same-event-twice"),
    pytest.param([_listed("a", "atelier", "2020-11-17", "DITP"),
                  _listed("b", "atelier design des services", "2020-11-17", "Direction interministérielle de la "
                                                                              "transformation publique")], 1,
                 id="shorter-title-same-organizer"),
    pytest.param([_listed("a", "atelier", "2020-11-17", "DITP"),
                  _listed("b", "atelier design des services", "2020-11-17")], 2, id="shorter-title-alone-is-not-enough"),
    pytest.param([_listed("a", "Atelier design des services publics", "2020-11-17"),
                  _listed("b", "Atelier desing des services publics", "2020-11-17", "DITP")], 1, id="misspelt-title"),
    pytest.param([_listed("a", "barcamp sur l'écoconception des services numériques", "2020-11-17", "DITP"),
                  _listed("b", "concours d'idées sur l'écoconception des services numériques", "2020-11-17", "DITP")],
                 2, id="one-subject-two-formats"),
    pytest.param([_listed("a", "atelier sur la donnée", None, "DITP"),
                  _listed("b", "atelier sur la donnée", None, "Lab Zéro")], 2, id="different-organizers"),
    pytest.param([_listed("a", "atelier sur la donnée", "2020-11-17", "DITP"),
                  _listed("b", "atelier sur la donnée", "2020-11-18", "DITP")], 2, id="different-dates"),
])
def test_events_across_documents(documents: list, rows: int) -> None:
    organizations = Resolved([DITP], {}, {"ditp": DITP.organization_id, fold(DITP.name): DITP.organization_id})
    resolved = list(resolve_events(documents, organizations, Settings()))
    assert len(resolved) == rows
    assert resolved[0].organizer_names[:1] in ([DITP.name], [])
    assert resolved[0].organizer_ids[:1] in ([DITP.organization_id], [])


def test_bundled_lexicon_loads() -> None:
    lexicon = load_event_lexicon()
    assert {rule.id for rule in lexicon.verbs} >= {"organise", "propose", "anime", "lance", "fete", "inaugure"}


def _broken(edit) -> dict:
    data = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    edit(data)
    return data


@pytest.mark.parametrize("data", [
    pytest.param(_broken(lambda d: d.pop("verbs")), id="missing-list"),
    pytest.param(_broken(lambda d: d["verbs"][0].pop("id")), id="rule-without-id"),
    pytest.param(_broken(lambda d: d["verbs"].append({"id": "x", "pattern": "("})), id="bad-pattern"),
    pytest.param(_broken(lambda d: d["verbs"].append(dict(d["verbs"][0]))), id="duplicate-id"),
    pytest.param(_broken(lambda d: d.update(determiners=[])), id="empty-word-list"),
    pytest.param(_broken(lambda d: d["verbs"].append({"id": "y", "forms": ["a"], "pattern": "a"})),
                 id="forms-and-pattern"),
])
def test_malformed_lexicon_names_its_file(data: dict, tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InvalidLexicon, match="events.yaml"):
        load_event_lexicon(path)


def test_unreadable_lexicon_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "events.yaml"
    path.write_text("verbs: [", encoding="utf-8")
    with pytest.raises(InvalidLexicon, match="events.yaml"):
        load_event_lexicon(path)
