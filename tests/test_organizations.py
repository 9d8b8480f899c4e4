"""Organizations: the names each rule finds in French sentences, and their resolution across
documents (known administrations, acronyms, places that keep offices apart, stable ids, scale)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from extractors.context import DocumentContext
from extractors.known import RULES_FILE, load_organization_rules
from extractors.lexicons import Lexicons, fold, load_lexicons
from extractors.organizations import extract_organizations
from innovpub.analysis import load_model
from innovpub.errors import InvalidLexicon
from innovpub.resolve.entities import Resolved
from innovpub.resolve.organizations import resolve_organization_mentions
from innovpub.settings import Settings
from schemas.extraction import OrganizationMention

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(Settings().model_name)


@pytest.fixture(scope="module")
def lex() -> Lexicons:
    return load_lexicons()


def _extract(text: str, nlp: Language, lex: Lexicons) -> list[OrganizationMention]:
    return extract_organizations(DocumentContext(document_id="doc", text=text, doc=nlp(text), lexicons=lex))


def case(text: str, *names: str, id: str, marks=()):
    """A sentence and every organization name it holds, in text order (none: no organization)."""
    return pytest.param(text, list(names), id=id, marks=marks)


# As communiqués write them: letterheads in capitals, bullet listings, press contacts.
LETTERHEADS_AND_LISTINGS = [
    case("MINISTÈRE\nDE LA CULTURE\n\nCOMMUNIQUE DE PRESSE", "MINISTÈRE DE LA CULTURE",
         id="letterhead-over-lines"),
    case("PREFECTURE DE LA REGION BRETAGNE\n\nCOMMUNIQUE DE PRESSE", "PREFECTURE DE LA REGION BRETAGNE",
         id="letterhead-ends-at-blank-line"),
    case("- **Défis du code – Ministère des Armées** - Du 3 au 12 mars", "Ministère des Armées",
         id="bullet-heading-ends-at-dash"),
    case("Occitanie : Rencontres du design - Université Toulouse 3 - du 5 mars", "Université Toulouse 3",
         id="number-in-name-before-date"),
    case("Atelier ouvert - Conseil départemental du Gard 14 mars Cet atelier", "Conseil départemental du Gard",
         id="number-of-a-date-ends-name"),
    case("Contacts presse : DITP - jean.martin@modernisation.gouv.fr", "DITP", id="press-contact"),
    case("10 ANS D'EXISTENCE pour l'Agence du numérique en santé (ANS).", "Agence du numérique en santé", "ANS",
         id="acronym-that-is-a-word-in-capitals"),
]

# As articles write them, in prose.
PROSE = [
    case("La DINUM et la DITP pilotent le programme.", "DINUM", "DITP", id="acronyms"),
    case("Selon la Cour des comptes, la DGFiP doit se moderniser.", "Cour des comptes", "DGFiP",
         id="name-and-mixed-case-acronym"),
    case("L'Insee et l'Ademe publient un rapport.", "Insee", "Ademe", id="acronym-written-as-a-name"),
    case("La Direction Interministérielle du Numérique lance un concours de données.",
         "Direction Interministérielle du Numérique", id="title-case-name-ends-before-verb"),
    case("Les élèves de l’École nationale de la magistrature visitent le tribunal.",
         "École nationale de la magistrature", id="after-typographic-elision"),
    case("Amélie Durand, ministre de la Culture, ouvre la journée.", "Ministère de la Culture",
         id="portfolio-of-a-minister"),
    case("Les régions de France accueillent Régions de France.", "Régions de France", id="capitalised-only-name"),
    case("La DITP rend des services publics plus simples.", "DITP", id="no-programme-in-prose"),
    case("Le conseil régional de Bretagne propose une formation.", "conseil régional de Bretagne",
         id="local-authority-lower-case"),
    case("le conseil départemental d'Ille-et-Vilaine animera un atelier",
         "conseil départemental d'Ille-et-Vilaine", id="elided-preposition-before-department"),
    case("La Métropole européenne de Lille et la Compagnie des Usagers animent une journée.",
         "Métropole européenne de Lille", "Compagnie des Usagers", id="coordination-split"),
    case("La Banque des territoires et le conseil régional d’Auvergne-Rhône-Alpes financent le projet.",
         "Banque des territoires", "conseil régional d’Auvergne-Rhône-Alpes", id="coordination-after-known"),
    case("le Lab Pôle emploi Bretagne et le Lab ville de Rennes organisent une session",
         "Lab Pôle emploi Bretagne", "Lab ville de Rennes", id="lab-holding-a-known-name"),
    case("Le ministère de l'Intérieur et des Outre-mer participe.", "ministère de l'Intérieur et des Outre-mer",
         id="et-des-inside-a-name"),
    case("conçu par le Lab L'Escale en Normandie.", "Lab L'Escale", id="name-ends-before-en-place"),
    case("Le Lab Marée à La Rochelle a organisé un atelier.", "Lab Marée", id="name-ends-before-a-place-with-a"),
    case("organisé par La Fabrique d'innovation pour les territoires du Ministère de la Culture.",
         "La Fabrique d'innovation pour les territoires", "Ministère de la Culture", id="parent-ministry-apart"),
    case("la plate-forme d'appui RH (PFRA) de la préfecture de région Normandie anime un atelier",
         "plate-forme d'appui RH de la préfecture de région Normandie", id="name-goes-on-after-acronym"),
    case("L’association nationale des agents innovateurs organise une rencontre.",
         "association nationale des agents innovateurs", id="lower-case-association"),
    case("Le Comité interministériel de la transformation publique (CITP) s'est réuni.",
         "Comité interministériel de la transformation publique", id="acronym-defined"),
    case("Le tribunal administratif de Lyon a rendu un avis.", "tribunal administratif de Lyon", id="court"),
    case("PRÉFÈTE\nDE LA RÉGION\nNORMANDIE\n\nLiberté", "Préfecture de la région Normandie",
         id="prefect-letterhead-names-the-prefecture"),
    case("Le préfet du Calvados a ouvert la journée.", "Préfecture du Calvados", id="prefect-in-prose"),
    case("Le ministère des Sports et de la Vie associative organise.",
         "ministère des Sports et de la Vie associative", id="ministry-name-beyond-the-lexicon"),
    case("MINISTÈRE\nDES SPORTS ET DE\nLA JEUNESSE\n\nLiberté", "MINISTÈRE DES SPORTS ET DE LA JEUNESSE",
         id="letterhead-ministry-beyond-the-lexicon"),
    case("Le ministère de la Culture et la DITP organisent.", "ministère de la Culture", "DITP",
         id="ministry-then-another-organization"),
    case("Le département Loire-Atlantique et la Région Normandie participent.", "département Loire-Atlantique",
         "Région Normandie", id="sub-unit-head-with-a-place"),
    case("organisé par le réseau des laboratoires d'innovation publique de l'État en Normandie.",
         "réseau des laboratoires d'innovation publique de l'État en Normandie", id="state-network-in-a-region"),
    case("le réseau des labs de l’État en Auvergne–Rhône–Alpes",
         "réseau des labs de l’État en Auvergne–Rhône–Alpes",
         id="region-written-with-dashes"),
    case("Parmi les temps forts, le LabAcces propose un atelier.", "LabAcces", id="name-glued-to-lab"),
    case("Le directeur du Medialab de l'Ademe ouvre la séance.", "Medialab de l'Ademe", "Ademe",
         id="generic-lab-with-its-parent"),
    case("Le Datalab de l'Université de Caen participe.", "Datalab de l'Université de Caen", "Université de Caen",
         id="generic-lab-with-a-parent-head"),
    case("avec le CNILCommission nationale de l'informatique et des libertés et la Ville",
         "Commission nationale de l'informatique et des libertés", id="gloss-glued-to-its-acronym"),
    case("Le PDFDocument final est en ligne.", id="glued-word-whose-initials-spell-nothing"),
    case("Un atelier réunira l'Insee et La Fing à Nantes.", "Insee", "La Fing",
         id="known-name-with-its-capitalised-article"),
    case("date 2024 Le ministère de la Culture lance un appel", "ministère de la Culture",
         id="capital-of-a-title-after-a-date-is-no-article-of-the-name"),
    case("Camille Roy, inspectrice à la direction départementale de l'emploi, du travail et des solidarités "
         "(DDETS), témoigne.", "direction départementale de l'emploi, du travail et des solidarités", "DDETS",
         id="enumerated-name-spelled-by-its-acronym"),
    case("la direction régionale de la culture, des élus et des usagers (DRCX) invite",
         "direction régionale de la culture", id="enumeration-its-acronym-does-not-spell"),
]

# Public bodies a lexicon of French administrations holds: operators, networks, universities.
GENERAL_KNOWLEDGE = [
    case("Une doctorante INRIA présente ses travaux.", "INRIA", id="name-like-acronym-in-capitals"),
    case("Les agents de la DIRNO témoignent.", "DIRNO", id="road-directorate-acronym"),
    case("Une conseillère de la Carsat animera l'atelier.", "Carsat", id="social-security-fund"),
    case("avec un enseignant-chercheur Sorbonne Paris Nord", "Sorbonne Paris Nord", id="university-short-form"),
    case("Les outils de l'Etat et d'OpenDataFrance sont présentés.", "OpenDataFrance", id="local-authority-network"),
    case("L'étude menée par SciencesPo et l'Inrae paraît.", "SciencesPo", "Inrae",
         id="glued-school-and-research-body"),
]

# A known organization's office in a place is an organization of its own.
OFFICES = [
    case("Un forum organisé par la CAF de la Gironde.", "CAF de la Gironde", id="acronym-of-department"),
    case("la préfecture et l’IRA de Lyon animent un webinaire", "IRA de Lyon", id="acronym-of-city"),
    case("L'ARS Bretagne présente son plan avec Pôle emploi Nouvelle-Aquitaine.", "ARS Bretagne",
         "Pôle emploi Nouvelle-Aquitaine", id="region-without-preposition"),
    case("La Direction départementale des finances publiques de Haute-Savoie ouvre ses portes.",
         "Direction départementale des finances publiques de Haute-Savoie", id="known-name-of-department"),
    case("Le Secrétariat général pour les affaires régionales (SGAR) de Normandie organise une journée.",
         "Secrétariat général pour les affaires régionales de Normandie", id="place-after-acronym"),
]

# A name after a descriptor, or closed by a head.
APPOSITIONS = [
    case("avec l'association \"Codeurs solidaires\", l'atelier vise", "Codeurs solidaires", id="quoted-association"),
    case("Le collectif « Nos services publics » publie une tribune.", "Nos services publics", id="guillemets"),
    case("Le lab Ouest’Innov de Bretagne organise un sprint.", "Ouest’Innov", id="lab-without-its-region"),
    case("L'agence Fabernovel et le cabinet Wavestone accompagnent le projet.", "Fabernovel", "Wavestone",
         id="company-descriptors"),
    case("Le préfet a inauguré le tiers-lieu La Ruche.", "La Ruche", id="name-opening-with-an-article"),
    case("Par exemple, le Kaz Lab en Martinique fête ses cinq ans.", "Kaz Lab", id="name-closed-by-lab"),
    case("La Métropole de Lyon et Toulouse Métropole participent.", "Métropole de Lyon", "Toulouse Métropole",
         id="name-closed-by-metropole"),
    case("La Ville de Brest et Brest métropole organisent un atelier.", "Ville de Brest", "Brest métropole",
         id="name-closed-by-lower-case-metropole"),
    case("Enfin, le Lab’Oc dans le Sud organise les rencontres.", "Lab’Oc", id="lab-apostrophe-name"),
]

# What a person's parenthesis names, and names beside a known one in a listing of attributions.
AFFILIATIONS = [
    case("avec Anne Morel (Les Petits Débrouillards) et Paul Roy (Ademe).", "Les Petits Débrouillards", "Ademe",
         id="person-affiliation"),
    case("Table ronde avec Lise Caron (Zéro Gâchis, Solidarité Mobile).", "Zéro Gâchis", "Solidarité Mobile",
         id="two-affiliations"),
    case("avec Hugo Perrin *(Kodiak Conseil – CAF du Gard)*.", "Kodiak Conseil", "CAF du Gard",
         id="dash-and-emphasis"),
    case("les démarches en ligne (Ville de Caen) et l'accueil des aidants (Aidants Connectés).", "Ville de Caen",
         "Aidants Connectés", id="beside-a-known-attribution"),
    case("avec Anne Morel (Cheffe de projet, Lyon) et Paul Roy (Elle a fondé le lab).", id="role-place-comment"),
    case("avec Anne Morel (Intervenante) et Paul Roy (12 mars).", id="role-noun-and-date"),
    case("avec Anne Morel (Lyon 3e) et Paul Roy (Replay disponible).", id="district-and-programme-furniture"),
    case("avec Anne Morel (CEO, Kodiak Conseil)", "Kodiak Conseil", id="english-title-is-a-role"),
    case("avec Anne Morel (RH, Ademe)", "Ademe", id="acronym-of-a-field"),
    case("un atelier (en ligne) puis une visite (Grand Public)", id="no-attribution-beside"),
    case("Atelier (DITP) puis Café Débutants (Salle Bleue)", "DITP", id="parenthesis-after-a-title"),
]

# Capitalised words that organize, or that a role works for.
AGENTS = [
    case("Le Collectif Numérique Citoyen organise un atelier.", "Le Collectif Numérique Citoyen",
         id="subject-of-organise", marks=pytest.mark.xfail(strict=True, reason="`collectif` is a head of its own")),
    case("Les Petits Débrouillards organisent une visite.", "Les Petits Débrouillards", id="article-and-plural-verb"),
    case("Un atelier organisé par Le Grenier Solidaire et la mairie.", "Le Grenier Solidaire",
         id="after-organise-par"),
    case("Une visite proposée par Simplon au public.", "Simplon", id="one-word-after-a-marker"),
    case("Date : 3 mars\nOrganisateur : Le Grenier Solidaire\nLieu : Caen", "Le Grenier Solidaire",
         id="organizer-field-of-a-listing"),
    case("De son côté, La Boussole des usagers à Brest organise un atelier.", "La Boussole des usagers",
         id="lower-case-words-and-a-city-before-the-verb"),
    case("Par exemple, L'Atelier des communs en Bretagne a organisé une visite.", "L'Atelier des communs",
         id="format-word-after-a-capitalised-article"),
    case("Le Premier ministre lance le plan.", id="a-role-is-no-organizer"),
    case("Marie Dupont, consultante chez Octo Technology, interviendra.", "Octo Technology", id="after-chez"),
    case("Paul Roy, cofondateur de Open Civic Factory, interviendra.", "Open Civic Factory",
         id="after-a-role-and-de"),
    case("Le délégué à la Transformation Publique parle de transformation.", id="common-words-with-capitals"),
    case("La Semaine Européenne propose des ateliers.", id="an-event-is-no-organizer"),
    case("Un atelier animé par Ysaline Kerbrat, cheffe de projet.", id="a-person-is-no-organization"),
    case("Tous Solidaires anime un café.", id="one-word-after-a-determiner"),
    case("Depuis mars, l'application Dossier Facile propose un espace.", id="name-of-a-product"),
    case("Cap’Agir y sera le 3 mars avec la DITP.", "Cap’Agir", "DITP", id="coined-name-that-takes-part"),
    case("Ensuite, La Boussole Civique participe au forum.", "La Boussole Civique", id="subject-of-participe"),
    case("Toulouse y sera le 3 mars.", id="a-city-that-takes-part"),
    case("Pour cet atelier, le Lab Marée propose un jeu.", "Lab Marée", id="after-a-format-noun-without-apposition"),
    case("Lors de l'événement, le Lab Marée, partenaire fidèle, anime un jeu.", "Lab Marée",
         id="after-an-event-noun-in-a-fronted-phrase"),
    case("La Région Normandie et la Région de Bretagne participent.", "Région Normandie", "Région de Bretagne",
         id="capitalised-region-is-the-council"),
]

# Common nouns and programmes: no organization.
NOT_ORGANIZATIONS = [
    case("Les acteurs du service public se mobilisent.", id="service-public"),
    case("avec les élus, les usagers et la société civile…", id="societe-civile"),
    case("la responsable de la mission innovation", id="mission-innovation"),
    case("Les agents agissent au service des Français.", id="au-service-des-francais"),
    case("Le programme complet : https://www.exemple.gouv.fr/programme", id="programme"),
    case("le rôle des tiers lieux en ville", id="head-alone"),
    case("Une association locale propose un atelier.", id="indefinite-article"),
    case("En région Grand Est, les agents sont invités.", id="en-region"),
    case("Le groupe de travail rendra ses conclusions.", id="working-group"),
    case("l'équipe du Lab à distance !", id="lab-a-distance"),
    case("le réseau des agents@innovation se mobilise", id="network-without-proper-name"),
    case("avec Ti, laboratoire d'innovation de la région, et d'autres", id="description-after-a-comma"),
    case("les comités Services Publics + seront créés", id="programme-known"),
    case("Découvrez la mission Design et le pôle Données du ministère.", id="team-after-a-sub-unit-head"),
    case("Les projets menés dans la région Normandie avancent.", id="region-as-a-place"),
    case("avec les services déconcentrés de l'Etat en région", id="services-deconcentres"),
    case("Le 3 mars, un temps fort, le ClimatLab, a eu lieu à Rennes.", id="name-of-an-event-in-apposition"),
    case("Le HackLab de printemps se tiendra à Rennes.", id="subject-of-a-verb-of-taking-place"),
    case("Les agents de la région de Normandie innovent.", id="region-de-place-is-a-territory"),
    case("les ressources de la bibliothèque numérique Europeana", id="digital-library"),
]

KNOWN_MISSES = [
    case("La start-up d'État Démarches simplifiées facilite les démarches.", "Démarches simplifiées",
         id="start-up-name-after-head", marks=pytest.mark.xfail(strict=True)),
    case("Les conseils régionaux de Bretagne et de Normandie participent.", "conseil régional de Bretagne",
         "conseil régional de Normandie", id="plural-coordinated-heads", marks=pytest.mark.xfail(strict=True)),
    case("L'association Agir pour l'environnement organise un atelier.", "Agir pour l'environnement",
         id="apposition-with-lower-case-words", marks=pytest.mark.xfail(strict=True)),
    case("Le Centre de gestion du Nord (CDG 59) organise un forum.", "Centre de gestion du Nord", "CDG 59",
         id="acronym-with-number", marks=pytest.mark.xfail(strict=True)),
]


@pytest.mark.parametrize(("text", "names"), LETTERHEADS_AND_LISTINGS + PROSE + GENERAL_KNOWLEDGE + OFFICES
                         + APPOSITIONS + AFFILIATIONS + AGENTS + NOT_ORGANIZATIONS + KNOWN_MISSES)
def test_organizations_found(text: str, names: list[str], nlp: Language, lex: Lexicons) -> None:
    assert [m.name for m in _extract(text, nlp, lex)] == names


@pytest.mark.parametrize(("text", "rule", "acronym", "kind"), [
    pytest.param("piloté par la direction interministérielle de la transformation publique (DITP)",
                 "organization.known", "DITP", "directorate", id="known"),
    pytest.param("organisé par la CAF du Rhône", "organization.branch", None, "operator", id="branch"),
    pytest.param("la Direction des ressources humaines (DRH) répond", "organization.head", "DRH", "directorate",
                 id="head-with-acronym"),
    pytest.param("avec l'association \"Codeurs solidaires\"", "organization.apposition", None, "association",
                 id="apposition"),
    pytest.param("le Kaz Lab en Martinique", "organization.suffix", None, "lab", id="suffix"),
    pytest.param("la ministre de la Culture", "organization.portfolio", None, "ministry", id="portfolio"),
    pytest.param("avec Anne Morel (Zéro Gâchis)", "organization.affiliation", None, None, id="affiliation"),
    pytest.param("organisé par Le Grenier Solidaire", "organization.agent", None, None, id="agent"),
    pytest.param("PRÉFET DE L'EURE", "organization.prefect", None, "directorate", id="prefect"),
    pytest.param("le CNFPTCentre national de la fonction publique territoriale", "organization.gloss", "CNFPT",
                 "operator", id="gloss"),
])
def test_rule_acronym_and_kind(text: str, rule: str, acronym: str | None, kind: str | None, nlp: Language,
                               lex: Lexicons) -> None:
    first = _extract(text, nlp, lex)[0]
    assert (first.rule, first.acronym, first.kind) == (rule, acronym, kind)


def test_portfolio_keeps_the_text_as_evidence(nlp: Language, lex: Lexicons) -> None:
    text = "la Ministre de l'Éducation Nationale porte une ambition"
    [mention] = _extract(text, nlp, lex)
    assert mention.text == "Ministre de l'Éducation Nationale"
    assert mention.name == "Ministère de l'Éducation nationale"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from([
    "le", "la", "l’", "Lab", "lab", "association", "\"", "«", "»", "(", "DITP", ")", "de", "et", "Conseil",
    "régional", "Bretagne", "ministère", "Ministre", "Culture", "IRA", "Metz", "-", "\n", "\n\n", "2", "novembre",
    "organise", "Ti", "MINISTÈRE", "é", ",", "'", "Pôle", "emploi", "Paca", "Métropole", "en", "à", "du",
    "Anne", "Roy", "Kerbrat", "par", "chez", "Le", "Bazar", "PRÉFET", "CNFPTCentre", "national", "Medialab", "–",
    "*", ":", "organisé", "a", "fondatrice", "Organisateur", "Lyon", "3e", "Sports", "État",
]), max_size=30))
def test_never_raises_and_evidence_is_the_text(words: list[str], nlp: Language, lex: Lexicons) -> None:
    text = " ".join(words)
    for mention in _extract(text, nlp, lex):
        assert text[mention.start:mention.end] == mention.text and mention.name.strip()


def test_every_rule_has_an_id() -> None:
    rules = load_organization_rules()
    assert set(rules.rule_ids) == {"known", "branch", "head", "apposition", "suffix", "portfolio", "affiliation",
                                   "gloss", "agent", "prefect"}
    assert len(set(rules.rule_ids.values())) == len(rules.rule_ids)
    assert len({rule_id for rule_id, _ in rules.exclusions}) == len(rules.exclusions)


def test_rules_name_heads_of_the_heads_lexicon(lex: Lexicons) -> None:
    rules = load_organization_rules()
    heads = {fold(form) for form, _ in lex.organization_heads}
    assert rules.weak_heads <= heads and rules.descriptors <= heads
    assert {fold(h) for h in rules.suffix_heads | set(rules.glued_heads)} <= heads


@pytest.mark.parametrize(("content", "problem"), [
    pytest.param("weak_heads: [service]\n", "patterns", id="no-patterns"),
    pytest.param("- a list\n", "top level", id="not-a-mapping"),
    pytest.param("patterns: {known: a, branch: b}\n", "patterns", id="missing-pattern-ids"),
    pytest.param(": : :\n", "cannot be read", id="bad-yaml"),
    pytest.param(None, "parent_kinds", id="unknown-parent-kind"),
])
def test_malformed_rules_name_the_file(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "organization_rules.yaml"
    if content is None:  # the bundled rules with one kind misspelt
        content = RULES_FILE.read_text(encoding="utf-8").replace("parent_kinds: [ministry", "parent_kinds: [ministery")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidLexicon, match=problem) as error:
        load_organization_rules(path)
    assert str(path) in str(error.value)


def test_bad_exclusion_pattern_is_refused(tmp_path: Path) -> None:
    text = RULES_FILE.read_text(encoding="utf-8")
    path = tmp_path / "organization_rules.yaml"
    path.write_text(text + "  - id: organization.not.broken\n    pattern: \"(\"\n", encoding="utf-8")
    with pytest.raises(InvalidLexicon, match="organization.not.broken"):
        load_organization_rules(path)


# --- resolution across documents ---------------------------------------------------------

def _mention(name: str, start: int, acronym: str | None = None, kind: str | None = None) -> OrganizationMention:
    return OrganizationMention(start=start, end=start + len(name), text=name, rule="organization.head", name=name,
                               acronym=acronym, kind=kind)


def _resolve(documents: dict[str, list[str | tuple[str, str]]], lex: Lexicons) -> Resolved:
    """Resolve names per document; a `(name, acronym)` pair is a name defined with its acronym."""
    mentions = []
    for doc_id, names in documents.items():
        for position, entry in enumerate(names):
            name, acronym = entry if isinstance(entry, tuple) else (entry, None)
            mentions.append((doc_id, _mention(name, position * 100, acronym)))
    return resolve_organization_mentions(mentions, Settings(), lex)


def _id(resolved: Resolved, doc_id: str, position: int) -> str:
    return resolved.ids[(doc_id, position * 100)]


def test_ditp_under_every_spelling(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["DITP", "direction interministérielle de transformation publique"],
                         "b": ["Direction Interministérielle de la Transformation Publique", "DINUM"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "a", 1) == _id(resolved, "b", 0)
    assert _id(resolved, "b", 1) != _id(resolved, "a", 0)
    row = next(r for r in resolved.rows if r.organization_id == _id(resolved, "a", 0))
    assert (row.name, row.acronym) == ("Direction interministérielle de la transformation publique", "DITP")


def test_known_name_with_its_article_keeps_the_written_form(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["La Fing"], "b": ["Fing"], "c": ["La Banque des territoires"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "b", 0)
    rows = {row.organization_id: row for row in resolved.rows}
    assert "La Fing" in rows[_id(resolved, "a", 0)].aliases
    assert rows[_id(resolved, "c", 0)].name == "Banque des territoires"


def test_regional_councils(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["Conseil régional des Pays de Loire"],
                         "b": ["Conseil régional des Pays de la Loire", "Conseil régional de Nouvelle-Aquitaine"],
                         "c": ["conseil régional d'Occitanie"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "b", 0)
    assert len({_id(resolved, "b", 0), _id(resolved, "b", 1), _id(resolved, "c", 0)}) == 3
    row = next(r for r in resolved.rows if r.organization_id == _id(resolved, "a", 0))
    assert row.name == "Conseil régional des Pays de la Loire"
    assert row.aliases == ["Conseil régional des Pays de Loire"]


def test_offices_in_different_places_stay_apart(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["Lab Pôle Emploi", "Lab Pôle emploi Auvergne-Rhône-Alpes", "Pôle emploi"],
                         "b": ["Lab Pôle emploi Paca", "Lab Pôle Emploi Auvergne-Rhône-Alpes"],
                         "c": ["CAF du Rhône", "Caisse d'allocations familiales", "CAF"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "a", 1) == _id(resolved, "b", 1)
    assert _id(resolved, "b", 0) != _id(resolved, "b", 1)
    assert _id(resolved, "a", 2) not in {_id(resolved, "a", 1), _id(resolved, "b", 0)}
    assert _id(resolved, "c", 0) != _id(resolved, "c", 1) == _id(resolved, "c", 2)


def test_a_name_without_its_place_joins_the_office_of_its_own_document(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["Lab Pôle Emploi", "Lab Pôle emploi Auvergne-Rhône-Alpes"],
                         "b": ["Lab Pôle Emploi", "Lab Pôle emploi Paca"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "a", 1) != _id(resolved, "b", 0) == _id(resolved, "b", 1)


def test_a_word_more_or_another_word_is_another_organization(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["Association des usagers du numérique public",
                               "Association des usagers du numérique", "Association des usagers du numérique rural"],
                         "b": ["Association des usagers du numerique public", "Assocation des usagers du numérique"]},
                        lex)
    assert len({_id(resolved, "a", i) for i in range(3)}) == 3
    assert (_id(resolved, "b", 0), _id(resolved, "b", 1)) == (_id(resolved, "a", 0), _id(resolved, "a", 1))


def test_acronym_defined_in_a_document_names_that_office_there(lex: Lexicons) -> None:
    office = "plate-forme de ressources humaines de la préfecture de région Grand Est"
    resolved = _resolve({"a": [(office, "PFRH"), "PFRH"], "b": ["PFRH"],
                         "c": [("Laboratoire des usages numériques", "LUN")], "d": ["LUN"]}, lex)
    assert _id(resolved, "a", 0) == _id(resolved, "a", 1) != _id(resolved, "b", 0)
    known = next(r for r in resolved.rows if r.organization_id == _id(resolved, "b", 0))
    assert known.name == "Plate-forme régionale d'appui interministériel à la gestion des ressources humaines"
    assert _id(resolved, "c", 0) == _id(resolved, "d", 0)


def test_ministries_never_merge(lex: Lexicons) -> None:
    resolved = _resolve({"a": ["Ministère de la Transformation et de la Fonction publiques",
                               "Ministère de la Transition écologique et de la Cohésion des territoires",
                               "Ministère des Solidarités et de la Santé", "Ministère de la Culture"]}, lex)
    assert len({_id(resolved, "a", i) for i in range(4)}) == 4


def test_ids_are_stable(lex: Lexicons) -> None:
    documents = {"a": ["DITP", "Lab Pôle emploi Paca", "Université Lyon 3"],
                 "b": ["Conseil régional des Pays de Loire", "Lab Pôle emploi Paca", "université Lyon 3"]}
    first, again = _resolve(documents, lex), _resolve(documents, lex)
    reordered = _resolve(dict(reversed(documents.items())), lex)
    assert first.ids == again.ids == reordered.ids
    assert [r.model_dump() for r in first.rows] == [r.model_dump() for r in again.rows]


def _synthetic_mentions(count: int, lex: Lexicons) -> list[tuple[str, OrganizationMention]]:
    """`count` mentions over ten per document: offices, labs and associations in places (names
    recur, as in a corpus), and directorates named after two made-up words (each name new)."""
    rng = random.Random(7)
    places = sorted(lex.place_regions)[:200]
    words = ["innovation", "numérique", "territoires", "solidarités", "usagers", "données", "design", "agents"]
    heads = ["Conseil départemental de", "Lab", "Association des amis de", "Direction des services de", "Ville de"]
    coined = ["".join(rng.choice("bcdfglmnprstv") + rng.choice("aeiou") for _ in range(4)) for _ in range(3000)]
    mentions = []
    for index in range(count):
        if index % 2:
            name = f"{rng.choice(heads)} {rng.choice(words)} {rng.choice(places).title()}"
        else:
            name = f"Direction interministérielle de la {rng.choice(coined)} et des {rng.choice(coined)}"
        mentions.append((f"doc{index // 10}", _mention(name.lower() if rng.random() < 0.2 else name,
                                                       (index % 10) * 100)))
    return mentions


def test_resolution_scales(lex: Lexicons, capsys: pytest.CaptureFixture[str]) -> None:
    mentions = _synthetic_mentions(20_000, lex)
    started = time.perf_counter()
    resolved = resolve_organization_mentions(mentions, Settings(), lex)
    seconds = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nresolved {len(mentions)} organization mentions into {len(resolved.rows)} rows in {seconds:.2f} s")
    assert len(resolved.ids) == len(mentions)
    assert len(resolved.rows) <= len({m.name.lower() for _, m in mentions})
