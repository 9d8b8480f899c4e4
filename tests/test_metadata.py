"""Document metadata: the headline a reader sees, the page's own publication date, the kind."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.front_matter import find_front_matter
from extractors.lexicons import load_lexicons
from extractors.metadata import extract_metadata

LEXICONS = load_lexicons()
BODY = ("La direction régionale organise une matinée d'ateliers ouverte aux agents des services "
        "déconcentrés et des collectivités, avec des démonstrations d'outils numériques.")


def case(text, title, published_on=None, *, id, marks=()):
    """One page: the title expected (None: no headline) and the publication date (ISO or None)."""
    return pytest.param(text, title, published_on and date.fromisoformat(published_on), id=id, marks=marks)


# Pages as a browser saves them: navigation, labels and buttons around the headline.
WEB_PAGES = [
    case(f"Fil d'Ariane\nAccueil\nActualités\nLes agents ont la parole\n\n{BODY}",
         "Les agents ont la parole", id="breadcrumb-one-step-a-line"),
    case(f"Menu\n\nRechercher\n\nImage\n\nCrédit photo : préfecture du Gard\n\nLes agents ont la parole\n\n{BODY}",
         "Les agents ont la parole", id="menu-and-photo-credit"),
    case(f"LES AGENTS\nONT LA PAROLE\n\n{BODY}", "LES AGENTS ONT LA PAROLE", id="headline-two-lines-capitals"),
    case(f"Ce site utilise des cookies pour mesurer l'audience.\n\nAller au contenu\n\nLes agents ont la parole\n\n"
         f"{BODY}", "Les agents ont la parole", id="cookie-banner-and-skip-link"),
    case(f"Télécharger le programme (PDF, 2 Mo)\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="file-link-above"),
    case(f"Du 2 au 30 novembre 2021\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="date-range-above"),
    case(f"Fonction publique\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole", id="rubric-above"),
    case(f"Innovation publique\n\nPublié le 08/11/2022\n\n{BODY}", None, "2022-11-08", id="rubric-date-then-body"),
    case(f"Vie des services\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole", id="unlisted-rubric"),
    case("Vous êtes ici\n\nNos missions\n\n1 208\nUn forum des labs à Poitiers\n14.03.17\n"
         "Un forum des labs à Poitiers\n\n"
         f"{BODY}", "Un forum des labs à Poitiers", "2017-03-14", id="rubric-counter-headline-printed-twice"),
    case(f"Espace des agents\n\nVie interne\n\n4521\nUn forum des labs à Poitiers\n\n{BODY}",
         "Un forum des labs à Poitiers", id="two-rubrics-and-bare-counter"),
    case(f"Le portail de la préfecture de la Vienne\n\nUn forum des labs à Poitiers\n14.03.17\n"
         f"Un forum des labs à Poitiers\n\n{BODY}", "Un forum des labs à Poitiers", "2017-03-14",
         id="headline-printed-twice-below-a-site-line"),
    case(f"Vie des services\n{BODY}", None, id="unlisted-rubric-then-body"),
    case(f"Hackathon des archives\n\n12/03/2019\nÉvénement\n\n{BODY}", "Hackathon des archives", "2019-03-12",
         id="short-headline-over-its-date"),
    case(f"Forum des labs\n\n{BODY}", "Forum des labs", id="short-headline-alone-in-its-block"),
    case(f"Régions\n\n{BODY}", None, id="one-word-label-then-body"),
    case(f"Préfecture de la Creuse\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="institution-site-name-above"),
    case(f"Les services de l'État en Corrèze\n{BODY}", None, id="prefecture-site-name-then-body"),
    case(f"Préfecture de la Creuse\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="site-name-and-headline-in-one-block"),
    case(f"Ministère de la Mer\net de la Pêche\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="letterhead-name-over-two-lines"),
    case(f"Préfecture de Limoges : les agents ont la parole\n\n{BODY}",
         "Préfecture de Limoges : les agents ont la parole", id="institution-opening-a-headline"),
    case(f"Préfecture de Tulle ouvre ses portes aux usagers\n\n{BODY}",
         "Préfecture de Tulle ouvre ses portes aux usagers", id="institution-name-then-verb"),
    case(f"Préfecture de Tulle lance le lab\n\n{BODY}",
         "Préfecture de Tulle lance le lab", id="institution-name-then-verb-like-a-particle"),
    case(f"Ministère de l'Intérieur et des Outre-mer\n\nLes agents ont la parole\n\n{BODY}",
         "Les agents ont la parole", id="institution-name-with-elisions"),
    case(f"Les agents ont la parole | Le Courrier picard\n\n{BODY}", "Les agents ont la parole",
         id="press-site-name-after-bar"),
    case(f"Les agents ont la parole - Midi Libre\n\n{BODY}", "Les agents ont la parole",
         id="press-site-name-after-dash"),
    case(f"Les agents ont la parole - Le blog des agents de Brive\n\nLes agents ont la parole\n\n{BODY}",
         "Les agents ont la parole", id="page-title-with-unknown-site-then-headline"),
    case(f"Les agents ont la parole | Mairie de Brive\n\n{BODY}", "Les agents ont la parole",
         id="town-hall-site-name-after-bar"),
    case(f"Vie des services : Les agents ont la parole\n\nLes agents ont la parole\n\n{BODY}",
         "Les agents ont la parole", id="page-title-with-a-rubric-then-headline"),
    case(f"Espace agents\n\nUN FORUM DES LABS À POITIERS\n\nUn forum des labs à Poitiers\n\n{BODY}",
         "UN FORUM DES LABS À POITIERS", id="headline-printed-twice-in-two-cases"),
    case(f"Conseil départemental\nde la Corrèze\n\nLes agents ont la parole\n\n{BODY}", "Les agents ont la parole",
         id="council-letterhead"),
    case(f"Retour à la liste des actualités\n\nAbonnez-vous à notre lettre\n\nLes agents ont la parole\n\n"
         f"{BODY}", "Les agents ont la parole", id="links-and-buttons-above"),
    case(f"Retour sur le forum des agents de Brive\n\n{BODY}", "Retour sur le forum des agents de Brive",
         id="retour-sur-is-a-headline"),
    case(f"# Forum des labs\n\n{BODY}", "Forum des labs", id="short-markdown-title-kept"),
    case(f"Forum des labs\n==============\n\n{BODY}", "Forum des labs", id="short-setext-title-kept"),
    case(f"LES AGENTS\nINNOVENT\n\n{BODY}", "LES AGENTS INNOVENT", id="short-headline-in-capitals-over-two-lines"),
    case(f"Vous êtes ici\n\nLes laboratoires régionaux se réunissent à Dijon\n\n{BODY}",
         "Les laboratoires régionaux se réunissent à Dijon", id="breadcrumb-marker-alone"),
    case(f"Vous êtes ici : Accueil > Actualités > Agenda\n\nUn forum de l'innovation à Rennes\n\n{BODY}",
         "Un forum de l'innovation à Rennes", id="breadcrumb-with-steps"),
    case(f"Accueil > Presse > Communiqués\nUn forum de l'innovation à Rennes\n{BODY}",
         "Un forum de l'innovation à Rennes", id="breadcrumb-no-blank-lines"),
    case(f"Accueil / Actualités\n\nLa Semaine de l'innovation s'installe à Metz\n\n{BODY}",
         "La Semaine de l'innovation s'installe à Metz", id="breadcrumb-slashes"),
    case(f"Archives\n\nLe référencement des ateliers est ouvert\n\n{BODY}",
         "Le référencement des ateliers est ouvert", id="archives-label"),
    case("Un laboratoire, pour quoi faire ?\nDu 4 au 8 mars, c'est la semaine des labs. Et c'est une première !",
         "Un laboratoire, pour quoi faire ?", id="question-headline-then-body-line"),
    case(f"Actualités\n\nTémoignage : trois agents racontent leur hackathon\n\n{BODY}",
         "Témoignage : trois agents racontent leur hackathon", id="section-label-above"),
    case(f"Actualité\n\nDossiers : Le Mois de l'innovation publique en Normandie\n\n{BODY}",
         "Le Mois de l'innovation publique en Normandie", id="section-label-glued"),
    case(f"Actualités | Les agents de Lille inventent le guichet de demain\n\n{BODY}",
         "Les agents de Lille inventent le guichet de demain", id="section-label-glued-bar"),
    case(f"Les services publics de demain\n\nPartager\n\nImprimer\n\n{BODY}",
         "Les services publics de demain", id="share-buttons-after"),
    case(f"Partager sur Facebook Twitter LinkedIn\n\nLes services publics de demain\n\n{BODY}",
         "Les services publics de demain", id="share-row-before"),
    case(f"Les agents réunis à Nantes © Préfecture\n\nUn prix pour les laboratoires d'innovation\n\n{BODY}",
         "Un prix pour les laboratoires d'innovation", id="photo-credit-above"),
    case(f"Etalab\n\nUn atelier sur les algorithmes publics\n\n{BODY}", "Un atelier sur les algorithmes publics",
         id="site-name-above"),
    case(f"1 254 vues\n\nTags : innovation, numérique\n\nUn prix pour les laboratoires d'innovation\n\n{BODY}",
         "Un prix pour les laboratoires d'innovation", id="counter-and-tags"),
    case(f"Temps de lecture : 4 min\n\nUn prix pour les laboratoires d'innovation\n\n{BODY}",
         "Un prix pour les laboratoires d'innovation", id="reading-time"),
    case(f"Mois de l'innovation publique 2026\n{BODY}",
         "Mois de l'innovation publique 2026", id="headline-then-body-no-blank-line"),
    case(f"Mois de l'innovation publique :\nle programme des ateliers en Bretagne\n\n{BODY}",
         "Mois de l'innovation publique : le programme des ateliers en Bretagne", id="headline-two-lines-colon"),
    case(f"La fonction publique territoriale\nse met à l'heure de l'innovation\n\n{BODY}",
         "La fonction publique territoriale se met à l'heure de l'innovation", id="headline-wrapped-lower-case"),
    case(f"Les agents de la préfecture de\nCorrèze inventent le guichet de demain\n{BODY}",
         "Les agents de la préfecture de Corrèze inventent le guichet de demain", id="headline-wrapped-after-de"),
    case(f"Un forum des labs à Poitiers\nLa Vienne accueille les agents de la région.\n\n{BODY}",
         "Un forum des labs à Poitiers", id="headline-then-capitalised-body-line"),
    case(f"Hackathon des archives 12-13 mars 2019\n===================================\n\nUn slogan\n\n{BODY}",
         "Hackathon des archives 12-13 mars 2019", id="markdown-setext"),
    case(f"# Hackathon des archives\n\n{BODY}", "Hackathon des archives", id="markdown-atx"),
    case(f"**Un atelier sur les données ouvertes**\n\n{BODY}", "Un atelier sur les données ouvertes",
         id="markdown-bold"),
    case("[VIDÉO] « Simplifier sans exclure : le pari des services publics »\n\n" + BODY,
         "[VIDÉO] « Simplifier sans exclure : le pari des services publics »", id="tag-and-guillemets-kept"),
    case(f"Rennes. Les agents de la préfecture inventent le guichet de demain\n\n{BODY}",
         "Rennes. Les agents de la préfecture inventent le guichet de demain", id="regional-paper-town-lead"),
    case(f"Les agents ont la parole | Préfecture du Gard\n\n{BODY}", "Les agents ont la parole",
         id="site-name-after-bar"),
    case(f"Les agents ont la parole - Ministère de la Culture\n\n{BODY}", "Les agents ont la parole",
         id="site-name-after-dash"),
    case(f"Les agents ont la parole – modernisation.gouv.fr\n\n{BODY}", "Les agents ont la parole",
         id="site-address-after-dash"),
    case(f"Forum des agents – Épisode 2\n\n{BODY}", "Forum des agents – Épisode 2", id="dash-in-headline-kept"),
    case("Quelle place pour l'usager dans l'action publique ?\n\n" + BODY,
         "Quelle place pour l'usager dans l'action publique ?", id="question-headline"),
]

# The body comes first: there is no headline, and a body sentence is never one.
NO_HEADLINE = [
    case(f"Du 3 au 9 mai 2019, la préfecture organise une semaine d'ateliers pour ses agents.\n\n{BODY}",
         None, id="body-sentence-first"),
    case(f"{BODY}\nLes inscriptions sont ouvertes.\n\nUn intertitre\n\n{BODY}", None, id="body-block-first"),
    case("Du 3 au 9 mai 2019, la préfecture de la Sarthe organise une semaine\nd'ateliers et de "
         "rencontres ouverte à tous les agents publics du\ndépartement, en présence du préfet et des "
         "élus locaux, sur le thème\nde l'accueil des usagers.\n\n" + BODY, None, id="wrapped-paragraph-first"),
    case(f"Vous êtes ici\n\nCe lundi, nous ouvrons la semaine. Les agents sont invités à participer.\n\n{BODY}",
         None, id="two-sentences-after-breadcrumb"),
    case("Vous êtes agent public ou usager curieux ? Vous aimeriez tester de nouveaux services ? Venez "
         "nombreux du 4 au 8 mars !\n\n" + BODY, None, id="questions-opening-the-body"),
    case(f"La semaine permet aux agents et aux usagers de :\n- découvrir des projets\n- tester des services\n\n{BODY}",
         None, id="lead-in-then-list"),
    case(f"Par ailleurs, la préfecture ouvre ses portes aux usagers.\n\nUn intertitre\n\n{BODY}", None,
         id="par-ailleurs-is-no-byline"),
    case(f"* un atelier de design\n* une table ronde\n\n{BODY}", None, id="star-list-first"),
    case(f"Un jeu sérieux « Gare aux cookies » est proposé aux agents, avec des ateliers.\n\nUn intertitre\n\n{BODY}",
         None, id="cookies-in-a-body-sentence"),
    case(f"- un atelier de design\n- une table ronde\n\n{BODY}", None, id="list-first"),
    case("Programme\n\nJeudi 21 mars 2019\n\n9h : accueil des participants\n\n10h - 12h : atelier de design\n", None,
         id="programme-rubric-day-and-times"),
    case("14h - 17h : atelier de design des services\n\n" + BODY, None, id="schedule-entry-first"),
    case(f"48h pour réinventer le guichet de la mairie\n\n{BODY}", "48h pour réinventer le guichet de la mairie",
         id="hours-in-a-headline"),
    case(f"Lieu : préfecture de la Corrèze\n\nUn atelier de design pour les agents\n\n{BODY}",
         "Un atelier de design pour les agents", id="event-card-field-above"),
    case(f"Visuel de l'atelier « Design des services »\n\nUn atelier de design pour les agents\n\n{BODY}",
         "Un atelier de design pour les agents", id="image-alternative-text-above"),
    case(f"(Crédit photo : préfecture de l'Aisne)\n{BODY}", None, id="credit-in-brackets-then-body"),
    case("Du 6 au 10 mars 2017, venez découvrir les projets des agents de la préfecture de Vendée !\n" + BODY, None,
         id="day-lead-exclamation-first"),
    case("Depuis le 1er octobre, les agents de la région testent un nouveau guichet pour les usagers\n\n" + BODY,
         None, id="day-lead-no-full-stop"),
    case("Pour sa quatrième année consécutive, le conseil départemental ouvre les portes de son laboratoire "
         "d'innovation aux habitants\n\n" + BODY, None, id="lead-clause-long-line-no-full-stop"),
    case("Le 12 mars, les labs ouvrent leurs portes\n\n" + BODY, "Le 12 mars, les labs ouvrent leurs portes",
         id="short-headline-opening-with-a-day"),
    case("Semaine des labs : le 12 mars, les agents de la région présentent leurs projets aux usagers du "
         "service public\n\n" + BODY, "Semaine des labs : le 12 mars, les agents de la région présentent leurs "
         "projets aux usagers du service public", id="long-headline-with-colon-and-comma"),
]

# Markdown sources: the front matter stays in the text and gives the title and the date.
FRONT_MATTER = [
    case("---\ntitle: Atelier « Données et territoires » dans le cadre du Mois de\n  l'innovation publique\n"
         "date: 2018-11-12 09:15:00 +01:00\nevent_start_date: 2018-11-20 14:00:00 +01:00\n---\n\n" + BODY,
         "Atelier « Données et territoires » dans le cadre du Mois de l'innovation publique", "2018-11-12",
         id="folded-title-and-date"),
    case("---\ntitle: 'Programme : le Mois de l''innovation 2023'\ndate: \"2023-10-02\"\n---\n" + BODY,
         "Programme : le Mois de l'innovation 2023", "2023-10-02", id="quoted-title-and-date"),
    case("---\nlayout: post\ncategories:\n- Agenda\nlastmod: 2020-03-04\n---\n\n# Les rendez-vous du printemps\n\n"
         + BODY, "Les rendez-vous du printemps", "2020-03-04", id="no-title-key-heading-in-body"),
    case("---\ntitre: Un titre\ndate: 25/11/2019\n---\n\n" + BODY, "Un titre", "2019-11-25", id="french-key-numeric-date"),
    case("---\ntitle: Un titre\nevent_start_date: 2021-11-02 00:00:00 +01:00\n---\n\n" + BODY, "Un titre", None,
         id="event-date-is-not-publication"),
]

# The page's own date, and the dates that are not.
DATES = [
    case(f"Un hackathon pour la santé\n\nPublié le 14/11/2019\n\n{BODY}", "Un hackathon pour la santé",
         "2019-11-14", id="publie-le-numeric"),
    case(f"Un hackathon pour la santé\n\nPublié le 05 décembre 2022 par Direction de la communication\n\n{BODY}",
         "Un hackathon pour la santé", "2022-12-05", id="publie-le-par-unit"),
    case(f"Un hackathon pour la santé\n\nMise à jour : 2 décembre 2021\n\n{BODY}", "Un hackathon pour la santé",
         "2021-12-02", id="update-date-alone-accepted"),
    case(f"Un hackathon pour la santé\n\nPublié le 3 mai 2021 | Mis à jour le 7 juin 2021\n\n{BODY}",
         "Un hackathon pour la santé", "2021-05-03", id="published-before-update"),
    case(f"Un hackathon pour la santé\n\nMis à jour le 7 juin 2021\n\nPublié le 3 mai 2021\n\n{BODY}",
         "Un hackathon pour la santé", "2021-05-03", id="published-after-update"),
    case(f"Un hackathon pour la santé\n03.12.19\n\n{BODY}", "Un hackathon pour la santé", "2019-12-03",
         id="short-year-dotted"),
    case(f"Un hackathon pour la santé\n\nLes agents réunis à Nantes. Photo : préfecture\n\nLe 9 novembre 2023\n\n"
         f"{BODY}",
         "Un hackathon pour la santé", "2023-11-09", id="bare-date-under-caption"),
    case(f"Un hackathon pour la santé\n\n12/03/2024 Claire Fontaine\n\n{BODY}", "Un hackathon pour la santé",
         "2024-03-12", id="date-and-author"),
    case(f"Forum des agents publics à Lyon, le 21 novembre 2019\n\n{BODY}",
         "Forum des agents publics à Lyon, le 21 novembre 2019", None, id="date-in-headline-is-not-publication"),
    case(f"Un hackathon pour la santé\n\nLe 17 novembre 2022, la direction a réuni ses agents.\n\n{BODY}",
         "Un hackathon pour la santé", None, id="date-in-body-sentence"),
    case(f"Un hackathon pour la santé\n\nPublié le 17/11/2014 • Par Anne Roux • dans : A la une\n\n{BODY}",
         "Un hackathon pour la santé", "2014-11-17", id="press-byline-bullets"),
    case(f"Un hackathon pour la santé\n\nPublié le 14/11/2019 à 18h12\n\n{BODY}",
         "Un hackathon pour la santé", "2019-11-14", id="publie-le-with-time"),
    case(f"Un hackathon pour la santé\n14 novembre 2019 / Anne Roux / 2 commentaires\n\n{BODY}",
         "Un hackathon pour la santé", "2019-11-14", id="blog-date-author-comments"),
    case(f"Un hackathon pour la santé\n\nLe 3 décembre 2018 - La rédaction\n\n{BODY}",
         "Un hackathon pour la santé", "2018-12-03", id="bare-date-newsroom"),
    case(f"Un hackathon pour la santé\n\nDate de publication : 02.12.2019\n\n{BODY}",
         "Un hackathon pour la santé", "2019-12-02", id="date-de-publication"),
    case(f"Un hackathon pour la santé\n\nMis en ligne le 14 mars 2016 | Temps de lecture : 3 min\n\n{BODY}",
         "Un hackathon pour la santé", "2016-03-14", id="mis-en-ligne-with-reading-time"),
    case(f"Atelier de design des politiques publiques\n\nMardi 19 novembre 2019\n\nDe 14h à 17h\n\n{BODY}",
         "Atelier de design des politiques publiques", None, id="event-day-with-weekday"),
    case(f"Atelier de design des politiques publiques\n\n19 novembre 2019\n\n14h - 17h\n\n{BODY}",
         "Atelier de design des politiques publiques", None, id="event-day-then-hours"),
    case(f"Atelier de design des politiques publiques\n\n19 novembre 2019 | 9h - 12h30\n\n{BODY}",
         "Atelier de design des politiques publiques", None, id="event-day-and-hours-on-one-line"),
    case(f"Le programme des ateliers en Occitanie\n\nMis à jour le 05/11/2021\n\n{BODY}\n\nJeudi 18 novembre 2021\n\n"
         "9h30 : atelier", "Le programme des ateliers en Occitanie", "2021-11-05", id="update-before-programme-days"),
    case(f"Un hackathon pour la santé\n\nActualité publiée le 12 octobre 2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="words-before-publiee-le"),
    case(f"Un hackathon pour la santé\n\nPage mise à jour le 12 octobre 2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="words-before-mise-a-jour"),
    case(f"Un hackathon pour la santé\n\nLa DITP a publié le 3 mai 2021 un guide pour les agents\n\n{BODY}",
         "Un hackathon pour la santé", None, id="publie-le-in-a-sentence"),
    case(f"Un hackathon pour la santé\n\nActualités du 14/11/2019\n\n{BODY}",
         "Un hackathon pour la santé", "2019-11-14", id="actualites-du"),
    case(f"Un hackathon pour la santé\n\nPosted on 12 octobre 2016 par Anne Roux\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="blog-posted-on"),
    case(f"Un hackathon pour la santé\n\nPar Anne Roux, le 12 octobre 2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="byline-then-date"),
    case(f"Un hackathon pour la santé\n\nPar la rédaction | 12/10/2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="byline-bar-date"),
    case(f"Un hackathon pour la santé\n\nAnne Roux | 12/10/2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="author-bar-date"),
    case(f"Un hackathon pour la santé\n\nAnne Roux, le 12 octobre 2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="author-comma-le-date"),
    case(f"Un hackathon pour la santé\noctobre 12, 2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="blog-month-first"),
    case(f"Un hackathon pour la santé\n\n12-10-2016\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="numeric-day-with-dashes"),
    case(f"Un hackathon pour la santé\n\nJeudi 13 octobre 2016, par Anne Roux\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-13", id="weekday-date-signed"),
    case(f"Posted on October 12, 2016\n\nUn hackathon pour la santé\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="stamp-in-english-above"),
    case(f"Un hackathon pour la santé\n\n12 Oct 2016 | Anne Roux\n\n{BODY}",
         "Un hackathon pour la santé", "2016-10-12", id="english-day-first"),
    case(f"Posted on 12 octobre\n\nUn hackathon pour la santé\n\n{BODY}",
         "Un hackathon pour la santé", None, id="stamp-without-a-year-is-no-headline"),
    case(f"Publication du guide des laboratoires d'innovation\n\n{BODY}",
         "Publication du guide des laboratoires d'innovation", None, id="publication-noun-in-a-headline"),
    case(f"Publication : le guide des laboratoires d'innovation de 2020\n\n{BODY}",
         "Publication : le guide des laboratoires d'innovation de 2020", None, id="publication-colon-headline"),
    case("Un hackathon pour la santé\n" + "Une phrase du corps de la page.\n" * 20 + "Le 14 novembre 2023\nFin.",
         "Un hackathon pour la santé", None, id="date-alone-far-down-a-page-without-blank-lines"),
    case(f"Programme de la semaine\n\nLe 14 novembre 2023\n\n9h : accueil\n\nLe 15 novembre 2023\n\n9h : atelier",
         "Programme de la semaine", None, id="days-of-a-programme"),
    case("Un hackathon pour la santé\n\n" + f"{BODY}\n\n" * 20 + "Publié le 14/11/2019 | Mis à jour le 15/11/2019\n",
         "Un hackathon pour la santé", "2019-11-14", id="stamp-under-the-article"),
    case("Un hackathon pour la santé\n\n" + f"{BODY}\n\n" * 20 + "Mis à jour le 15/11/2019\n",
         "Un hackathon pour la santé", "2019-11-15", id="update-stamp-under-the-article"),
    case("Un hackathon pour la santé\n\n" + f"{BODY}\n\n" * 20 + "Date : 19 novembre 2019\nLieu : Niort\n",
         "Un hackathon pour la santé", None, id="event-card-date-under-the-article"),
    case("Un hackathon pour la santé\n\n" + f"{BODY}\n\n" * 20
         + "Publié le 3 mai 2021, le guide des labs recense les projets des agents.\n",
         "Un hackathon pour la santé", None, id="publie-le-sentence-under-the-article"),
]

COMMUNIQUES = [
    case("Un laboratoire d'innovation pour la Bretagne\n\nCommuniqué de presse – Rennes, le 8 mars 2022\n\n" + BODY,
         "Un laboratoire d'innovation pour la Bretagne", "2022-03-08", id="marker-and-dateline-on-one-line"),
    case("MINISTÈRE\nDE LA CULTURE\n\nUn titre au-dessus du bandeau\n\nCOMMUNIQUÉ DE PRESSE\n\n"
         "Paris, le 3 mai 2021\n\n"
         + BODY, "Un titre au-dessus du bandeau", "2021-05-03", id="headline-above-the-marker"),
    case("Forum des agents – 21 novembre 2019\n\n" + BODY, "Forum des agents – 21 novembre 2019", None,
         id="headline-dash-date"),
    case("MINISTÈRE\nDE L'ÉCONOMIE\n\nLiberté\nÉgalité\nFraternité\n\nCOMMUNIQUÉ DE PRESSE\n\n"
         "Strasbourg, le 4 octobre 2021\n\nLE MOIS DE L'INNOVATION PUBLIQUE :\n\nDES ATELIERS DANS TOUTE LA RÉGION\n\n"
         + BODY, "LE MOIS DE L'INNOVATION PUBLIQUE : DES ATELIERS DANS TOUTE LA RÉGION", "2021-10-04",
         id="letterhead-dateline-title-over-two-blocks"),
    case("COMMUNIQUÉ DE PRESSE\n\nLe Havre, le 8 mars 2022\n\nUn laboratoire d'innovation pour la Normandie\n\n"
         + BODY, "Un laboratoire d'innovation pour la Normandie", "2022-03-08", id="dateline-two-word-place"),
]


@pytest.mark.parametrize(("text", "title", "published_on"),
                         WEB_PAGES + NO_HEADLINE + FRONT_MATTER + DATES + COMMUNIQUES)
def test_title_and_publication_date(text: str, title: str | None, published_on: date | None) -> None:
    metadata = extract_metadata(text, LEXICONS)
    assert (metadata.title, metadata.published_on) == (title, published_on)
    assert metadata.published_on_inferred is False


@pytest.mark.parametrize(("text", "kind"), [
    pytest.param("COMMUNIQUÉ DE PRESSE\n\nUn titre\n\n" + BODY, "communique", id="communique-marker"),
    pytest.param(f"Un titre\n\n{BODY}\n\nContacts presse\n\nService de presse", "communique", id="press-contacts"),
    pytest.param(f"Actualités\n\nUn titre\n\n{BODY}", "article", id="web-article"),
    pytest.param(f"Un titre\n\nCommuniqué de presse | 8 mars 2022\n\n{BODY}", "communique", id="marker-and-date"),
    pytest.param(f"Un titre\n\nCommuniqué du 14 novembre 2019\n\n{BODY}", "communique", id="communique-du"),
    pytest.param(f"Un titre\n\nDossier de presse du Mois de l'innovation 2020\n\n{BODY}", "article",
                 id="press-kit-named-not-dated"),
    pytest.param(f"Un titre\n\n{BODY}\n\nCommuniqué de presse - 14 novembre 2019 (PDF, 200 Ko)", "article",
                 id="link-to-a-communique"),
    pytest.param(f"Un titre\n\nCommuniqué de la préfecture sur les ateliers\n\n{BODY}", "article",
                 id="marker-words-in-a-heading"),
])
def test_kind(text: str, kind: str) -> None:
    assert extract_metadata(text, LEXICONS).kind == kind


@pytest.mark.parametrize("text", [
    pytest.param(f"Vous êtes ici\n\nDossiers : Un forum à Rennes\n\n{BODY}", id="glued-label"),
    pytest.param(f"**Un forum à Rennes**\n\n{BODY}", id="bold"),
    pytest.param("---\ntitle: Un forum\n  à Rennes\n---\n" + BODY, id="front-matter"),
])
def test_title_offsets_point_into_the_text(text: str) -> None:
    metadata = extract_metadata(text, LEXICONS)
    assert " ".join(text[metadata.title_start:metadata.title_end].split()) == metadata.title


def test_front_matter_needs_a_key_first() -> None:
    assert find_front_matter("---\nUn paragraphe sous un filet.\n---\n") is None


@pytest.mark.parametrize(("text", "authors"), [
    pytest.param(f"Un titre\n\n26/10/2021 Claire FONTAINE\n\n{BODY}", ["Claire Fontaine"], id="date-then-name"),
    pytest.param(f"Un titre\n\nPublié le 3 mai 2021 par Julien Mercier\n\n{BODY}", ["Julien Mercier"], id="par-name"),
    pytest.param(f"Un titre\n\nPublié le 3 mai 2021 par Mission « Design »\n\n{BODY}", [], id="par-unit"),
    pytest.param(f"Un titre\n\nPar Anne Roux, le 12 octobre 2016\n\n{BODY}", ["Anne Roux"], id="byline-before-date"),
    pytest.param(f"Un titre\n\nPar Anne Roux\n\n{BODY}", ["Anne Roux"], id="byline-alone"),
    pytest.param(f"Un titre\n\nPar la rédaction\n\n{BODY}", [], id="byline-newsroom"),
    pytest.param(f"Un titre\n\nAnne Roux | 12/10/2016\n\n{BODY}", ["Anne Roux"], id="name-bar-date"),
    pytest.param(f"Un titre\n\nAnne Roux, le 12 octobre 2016\n\n{BODY}", ["Anne Roux"], id="name-comma-le-date"),
    pytest.param(f"Un titre\n\nJeudi 13 octobre 2016, par Anne Roux\n\n{BODY}", ["Anne Roux"],
                 id="weekday-date-par-name"),
])
def test_authors(text: str, authors: list[str]) -> None:
    assert extract_metadata(text, LEXICONS).authors == authors


@pytest.mark.parametrize(("text", "value"), [
    pytest.param("---\ntitle: Un forum\n  à Rennes\ndate: 2020-01-02\n---\n", "Un forum\n  à Rennes", id="folded"),
    pytest.param("---\ntitle: 'Un forum : à Rennes'\n---\n", "Un forum : à Rennes", id="single-quotes"),
    pytest.param("---\ntitle: >-\n  Un forum\n  à Rennes\n---\n", "Un forum\n  à Rennes", id="block-scalar"),
])
def test_front_matter_title_offsets(text: str, value: str) -> None:
    field = find_front_matter(text).fields["title"]
    assert text[field.start:field.end] == value


# Pieces of page heads: front matter, breadcrumbs, labels, buttons, dates, headlines, body.
HEAD_PIECES = ["---", "title:", "date:", " 2019-11-25 11:41:00 +01:00", "  suite", "'", '"', ">-", "Vous êtes ici",
               "Accueil", ">", "›", "/", "Actualités", "Dossiers :", "Partager", "Imprimer", "1 254 vues", "Tags :",
               "Publié le", "Mise à jour :", "14/11/2019", "03.12.19", "Le 9 novembre 2023", "Paris, le",
               "mardi", "par", "Claire Martin", "=====", "#", "**", "- ", "Un forum à Rennes", "Du 3 au 9 mai 2019,",
               "la préfecture organise", ".", "!", ":", "«", "»", "\u00a0", "É", "3754", "Nos actions",
               "Posted on", "October 12, 2016", "octobre 12, 2016", "12-10-2016", "12 Oct 2016", "Préfecture de la Creuse",
               "Les services de l'État", "9h :", "14h - 17h", "(Crédit photo : DITP)", "Retour aux actualités", " | ",
               " - ", "Le Courrier picard", "Mairie de Brive", "de", "Visuel de"]
page_like = st.lists(st.tuples(st.sampled_from(HEAD_PIECES), st.sampled_from(["", " ", "\n", "\n\n"])),
                     max_size=40).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))


@settings(max_examples=600, deadline=None)
@given(st.one_of(page_like, st.text(max_size=300)))
def test_never_raises_and_a_title_has_offsets(text: str) -> None:
    metadata = extract_metadata(text, LEXICONS)
    if metadata.title is not None:
        assert metadata.title.strip() and metadata.title == " ".join(metadata.title.split())
        assert 0 <= metadata.title_start < metadata.title_end <= len(text)
