"""The words of a document as the organization rules read them, the candidates they make, and the
patterns built once from the lexicons (known names, heads, verbs of organizing, portfolios, events)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import NamedTuple

from spacy.attrs import IDX, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from extractors.known import OrganizationRules, acronym_spellings, is_acronym, phrase_pair_pattern, phrase_pattern
from extractors.lexicons import KnownOrganization, Lexicons, fold
from extractors.textutils import grouped_alternation

# A word, with the joiners a name may hold (`Tiers-Lieux`, `Etat’LIN`, `beta.gouv.fr`), or one sign.
WORD = re.compile(r"[^\W_]+(?:['’@.&\-][^\W_]+)*|\S")
ELISION = re.compile(r"(?:[dlnsjmtc]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W_])", re.IGNORECASE)
# Signs after which a capital only marks the start of a sentence, a line or a quotation.
OPENERS = frozenset(".!?:;«»\"“”(–—-•*#|")
QUOTES = {'"': '"', "«": "»", "“": "”"}
CONTENT_POS = frozenset({"NOUN", "ADJ", "PROPN"})
PREPOSITIONS = frozenset({"de", "du", "des", "d'"})
DEFINITE = frozenset({"la", "l'", "le", "les"})
TO = frozenset({"à", "au", "aux"})
# A parenthesis on one line, perhaps in emphasis: `(Ademe)`, `*(Ville de Caen, Ademe)*`.
PARENTHESIS = re.compile(r"[ \t]*[*_]*\(([^()\n]{1,160})\)")
# What parts the organizations of one parenthesis: `Ademe, Ville de Caen`, `Lab Ouest – CAF du Gard`.
AFFILIATION_SEPARATOR = re.compile(r"[ \t]*(?:[,;/]|[ \t][–—-][ \t])[ \t]*")
# A capital inside a word, perhaps after an apostrophe that elides no article: `OpenLaw`, `Cap'Agir`, not `d'Aix`.
INTERNAL_CAPITAL = re.compile(r"[a-zà-ÿ](?:[a-zà-ÿ]['’])?[A-ZÀ-Ý]")
MAX_AFFILIATION_WORDS = 6
# The word before a parenthesis: `sociale (`, `aidants *(`.
LAST_WORD = re.compile(r"(\w[\w'’-]*)[ \t*_]*\($")
# Characters read before a parenthesis to find the word it follows.
LOOKBEHIND = 60
# What may follow a place and leave it a place: a district (`Paris 13e`, `Lyon 3ème`).
DISTRICT = re.compile(r"[ \t]*(?:\d+(?:e|er|ème|eme)?)?[ \t]*")
# A capitalised word ending in `lab` (`Medialab`, `Datalab`): a lab's generic name, told apart by its parent.
LAB_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]*[a-zà-ÿ][Ll]ab")
LAB_SIGN = re.compile("[Ll]ab")  # the words to try `LAB_WORD` on
LAB_HEAD = "lab"
# Words that join the capitalised words of an organizer's name: `Maison de l'Emploi`.
RUN_LINKS = frozenset({"de", "du", "des", "d'", "la", "le", "l'"})
MAX_AGENT_WORDS = 6
# Between a marker and the organizer: blanks, perhaps a colon (`Organisateur : La Ruche`).
BLANKS = re.compile(r"[ \t\u00a0]*(?::[ \t\u00a0]*)?")
# An acronym glued to the capitalised first word of its gloss: `CNFPTCentre`, `ANCTAgence`.
GLUED_ACRONYM = re.compile(r"([A-Z][A-Z0-9]+)(?=[A-ZÀ-Ý][a-zà-ÿ'’-]+$)")
GLUED_SIGN = re.compile(r"[A-Z][A-Z0-9]+[A-ZÀ-Ý][a-zà-ÿ]")  # the words to try `GLUED_ACRONYM` on
# Words a gloss's initials skip: `Centre national de la fonction publique` → CNFP.
UNSPELLED = frozenset({"de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "et", "en", "pour", "sur"})
PROGRAM_KIND = "program"
MINISTRY_KIND = "ministry"
MAX_NAME_WORDS = 14
# Words read past a name's end for the acronym that shows it goes on (`…, des sports et de la cohésion sociale (`).
MAX_ENUMERATED_WORDS = 12
MAX_QUOTED_NAME = 120
# Capitalised words a head may close: `Ti Lab`, `Grand Ouest Lab`.
MAX_SUFFIX_WORDS = 2
# Words between a known organization and the place of its office: `la CAF | de la | Haute-Vienne`.
MAX_PLACE_LINKS = 2


class Word(NamedTuple):
    start: int
    end: int
    text: str
    lower: str  # case-folded, plain apostrophe, accents kept
    pos: str

    @property
    def is_sign(self) -> bool:
        """A punctuation sign or symbol, not a word."""
        return not self.text[0].isalnum()


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    name: str
    rule: str
    kind: str | None
    acronym: str | None
    # The parent a generic name holds (`le Medialab de l'Ademe` holds Ademe), kept beside it.
    nested: tuple[Candidate, ...] = ()


def word_tags(doc: Doc) -> dict[int, str]:
    """spaCy's coarse tag (`pos_`) of each token, by its offset, read in bulk: a `Token` each costs more."""
    offsets, tags = doc.to_array([IDX, POS]).T.tolist()
    return {offset: POS_NAMES[tag] for offset, tag in zip(offsets, tags)}


def read_words(text: str, doc: Doc) -> list[Word]:
    """The words of `text` (`doc.text`), elided articles apart (`d'` `Eure-et-Loir`), with spaCy's tags."""
    spans = []
    for match in WORD.finditer(text):
        start, end = match.span()
        if elided := ELISION.match(text, start, end):
            spans.append((start, elided.end()))
            start = elided.end()
        spans.append((start, end))
    tags = word_tags(doc)
    rows = [(a, b, text[a:b], text[a:b].casefold().replace("\u2019", "'"), tags.get(a, "X")) for a, b in spans]
    # `tuple.__new__` builds the named tuples at C speed; `Word(…)` calls a `__new__` written in Python.
    return list(map(tuple.__new__, repeat(Word), rows))


@cache
def known_patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Known names (on folded text) and acronyms (as written)."""
    written = [w for o in lexicons.organizations for w in (o.name, *o.aliases)]
    acronyms = {s for w in [*(o.acronym for o in lexicons.organizations if o.acronym), *filter(is_acronym, written)]
                for s in acronym_spellings(w)}
    names = phrase_pattern(fold(w) for w in written if len(w) > 3 and not is_acronym(w))
    alternatives = grouped_alternation([re.escape(a) for a in sorted(acronyms, key=len, reverse=True)],
                                       not_after=r"[\w\-]")
    return names, re.compile(rf"(?:{alternatives})(?![\w\-])")


@cache
def closing_words(lexicons: Lexicons, rules: OrganizationRules) -> frozenset[str]:
    """Words that end a name right after it: the rules' own, and one-word reporting verbs (`déclare`)."""
    return rules.closing_words | {form for form in lexicons.verb_lemma if " " not in form}


@cache
def head_patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], dict[str, str]]:
    """Head words of organization_heads.yaml, and the kind each announces, by folded form."""
    kinds = {fold(form): kind for form, kind in lexicons.organization_heads}
    return phrase_pattern(kinds), kinds


@cache
def glued_pattern(rules: OrganizationRules) -> re.Pattern[str]:
    """A head glued to the capital of a name: `LabAcces`."""
    return re.compile(rf"(?:{'|'.join(map(re.escape, rules.glued_heads))})(?=[A-ZÀ-Ý])")


@cache
def agent_patterns(lexicons: Lexicons,
                    rules: OrganizationRules) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Markers of organizers (`organisé par`, `chez`), role titles followed by a role's link
    (`fondatrice de`) and verbs of organizing (`organisent`), on text folded by `fold_same_length`."""
    roles = phrase_pair_pattern((fold(form) for form in lexicons.role_forms), rules.role_links)
    return (phrase_pattern(rules.agent_markers), roles, phrase_pattern(fold(verb) for verb in rules.agent_verbs))


@cache
def prefect_pattern(rules: OrganizationRules) -> re.Pattern[str]:
    """A prefect's title as a whole word, on text folded by `fold_same_length`: `prefete`."""
    return phrase_pattern(rules.prefect_titles)


@cache
def not_agent_words(lexicons: Lexicons, rules: OrganizationRules) -> tuple[frozenset[str], frozenset[str]]:
    """First words of capitalised runs that name no organizer: events and months, and formats and roles
    (those only without a capitalised article inside a sentence: `L'Atelier des possibles` is a name)."""
    never = rules.not_agents | rules.date_words | {fold(w) for w in rules.not_proper}
    words = {fold(form) for form in (*lexicons.format_forms, *lexicons.role_forms) if " " not in fold(form)}
    return frozenset(never), frozenset(words)


@cache
def portfolios(lexicons: Lexicons,
                rules: OrganizationRules) -> tuple[re.Pattern[str], dict[str, KnownOrganization]]:
    """`ministre de la culture` → Ministère de la Culture, for every ministry organizations.yaml knows."""
    office = rules.portfolio_office + " "
    ministries = {}
    for organization in lexicons.organizations:
        for written in (organization.name, *organization.aliases):
            if fold(written).startswith(office):
                for title in rules.portfolio_titles:
                    ministries[f"{fold(title)} {fold(written).removeprefix(office)}"] = organization
    return phrase_pattern(ministries), ministries


@cache
def event_context(rules: OrganizationRules) -> re.Pattern[str]:
    """A verb of taking place opening folded text, perhaps after a comma: `, a eu lieu`, ` se tiendra`."""
    verbs = "|".join(re.escape(v) for v in sorted(rules.event_verbs, key=len, reverse=True))
    return re.compile(rf"[ \t]*,?[ \t]*(?:{verbs})(?![\w\-])")


def title_case(word: str) -> str:
    """`ILLE-ET-VILAINE` → `Ille-et-Vilaine`, `CÔTES-D'ARMOR` → `Côtes-d'Armor`: a place as it is spelled."""
    parts = re.split(r"([-'’])", word.lower())
    return "".join(p if p in RUN_LINKS | {"et", "sur", "en", "-", "'", "’"} or i and parts[i - 1] in ("'", "’")
                   and p in ("d", "l") else p[:1].upper() + p[1:] for i, p in enumerate(parts))


def common_word(text: str, word: str) -> bool:
    """Whether `word` is also written in lower case in the text: a common word, not a name's."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def longest_first(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates that overlap no longer one (the earlier of two equal ones), in text order."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)
