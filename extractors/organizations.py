"""Organizations named in a document.

Rules find candidates (vocabulary in lexicons/organization_rules.yaml, ids in `rule`):

- a known name or acronym of organizations.yaml (`la DITP`), or a known organization's office in
  a place (`la CAF de la Haute-Vienne`), named as the text writes it;
- a head word of organization_heads.yaml and what follows it (`le conseil régional de
  Nouvelle-Aquitaine`, `la plate-forme RH (PFRH) de la préfecture de région Grand Est`);
- a name in apposition to a descriptor (`l'association « Prologin »`, `le lab Etat'LIN`);
- capitalised words closed by a head (`le Ti Lab`); a generic lab's name with its parent
  (`le Medialab de l'Ademe`, the parent kept as an organization of its own);
- the ministry a minister's portfolio names (`la ministre de la Culture`);
- a gloss glued to its acronym where a scraped `<abbr>` lost its space (`le CNFPTCentre national
  de la fonction publique territoriale`), when the gloss's initials spell the acronym;
- capitalised words that organize (`Les Petits Débrouillards organisent`, `organisé par Le Bazar
  Civique`, `consultante chez Octo Conseil`, `fondatrice de Civic Tech Lab`);
- a prefect's letterhead, for the prefecture (`PRÉFET DE LA RÉGION BRETAGNE`);
- what a person's parenthesis names (`Camille Roux (Ademe, Les Petits Débrouillards)`), and the
  names in parentheses beside a known one in a listing (`… (Ville de Caen), … (Solidarités Nouvelles)`).

Where candidates overlap the longest stays. Programmes (`Services Publics +`) are no organizations.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import repeat
from typing import NamedTuple

from spacy.attrs import IDX, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

from extractors.context import DocumentContext
from extractors.known import (
    OrganizationRules, acronym_spellings, is_acronym, known_organizations, load_organization_rules, phrase_pattern,
    place_pattern)
from extractors.lexicons import KnownOrganization, Lexicons, fold
from extractors.names import looks_like_person_name
from extractors.people import find_person_names
from extractors.textutils import fold_same_length, grouped_alternation, is_upper_text
from schemas.extraction import OrganizationMention

# A word, with the joiners a name may hold (`Tiers-Lieux`, `Etat’LIN`, `beta.gouv.fr`), or one sign.
_WORD = re.compile(r"[^\W_]+(?:['’@.&\-][^\W_]+)*|\S")
_ELISION = re.compile(r"(?:[dlnsjmtc]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W_])", re.IGNORECASE)
# Signs after which a capital only marks the start of a sentence, a line or a quotation.
_OPENERS = frozenset(".!?:;«»\"“”(–—-•*#|")
_QUOTES = {'"': '"', "«": "»", "“": "”"}
_CONTENT_POS = frozenset({"NOUN", "ADJ", "PROPN"})
_PREPOSITIONS = frozenset({"de", "du", "des", "d'"})
_DEFINITE = frozenset({"la", "l'", "le", "les"})
_TO = frozenset({"à", "au", "aux"})
# A parenthesis on one line, perhaps in emphasis: `(Ademe)`, `*(Ville de Caen, Ademe)*`.
_PARENTHESIS = re.compile(r"[ \t]*[*_]*\(([^()\n]{1,160})\)")
# What parts the organizations of one parenthesis: `Ademe, Ville de Caen`, `Lab Ouest – CAF du Gard`.
_AFFILIATION_SEPARATOR = re.compile(r"[ \t]*(?:[,;/]|[ \t][–—-][ \t])[ \t]*")
# A capital inside a word, perhaps after an apostrophe that elides no article: `OpenLaw`, `Nov'Impact`, not `d'Aix`.
_INTERNAL_CAPITAL = re.compile(r"[a-zà-ÿ](?:[a-zà-ÿ]['’])?[A-ZÀ-Ý]")
MAX_AFFILIATION_WORDS = 6
# The word before a parenthesis: `sociale (`, `aidants *(`.
_LAST_WORD = re.compile(r"(\w[\w'’-]*)[ \t*_]*\($")
# Characters read before a parenthesis to find the word it follows.
LOOKBEHIND = 60
# What may follow a place and leave it a place: a district (`Paris 13e`, `Lyon 3ème`).
_DISTRICT = re.compile(r"[ \t]*(?:\d+(?:e|er|ème|eme)?)?[ \t]*")
# A capitalised word ending in `lab` (`Medialab`, `Datalab`): a lab's generic name, told apart by its parent.
_LAB_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]*[a-zà-ÿ][Ll]ab")
LAB_HEAD = "lab"
# Words that join the capitalised words of an organizer's name: `Maison de l'Emploi`.
_RUN_LINKS = frozenset({"de", "du", "des", "d'", "la", "le", "l'"})
MAX_AGENT_WORDS = 6
# Between a marker and the organizer: blanks, perhaps a colon (`Organisateur : La Ruche`).
_BLANKS = re.compile(r"[ \t\u00a0]*(?::[ \t\u00a0]*)?")
# An acronym glued to the capitalised first word of its gloss: `CNFPTCentre`, `ANCTAgence`.
_GLUED_ACRONYM = re.compile(r"([A-Z][A-Z0-9]+)(?=[A-ZÀ-Ý][a-zà-ÿ'’-]+$)")
# Words a gloss's initials skip: `Centre national de la fonction publique` → CNFP.
_UNSPELLED = frozenset({"de", "du", "des", "d'", "la", "le", "les", "l'", "à", "au", "aux", "et", "en", "pour", "sur"})
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


class _Word(NamedTuple):
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
class _Candidate:
    start: int
    end: int
    name: str
    rule: str
    kind: str | None
    acronym: str | None
    # The parent a generic name holds (`le Medialab de Sciences Po` holds Sciences Po), kept beside it.
    nested: tuple[_Candidate, ...] = ()


def _tags(doc: Doc) -> dict[int, str]:
    """spaCy's coarse tag (`pos_`) of each token, by its offset, read in bulk: a `Token` each costs more."""
    offsets, tags = doc.to_array([IDX, POS]).T.tolist()
    return {offset: POS_NAMES[tag] for offset, tag in zip(offsets, tags)}


def _words(text: str, doc: Doc) -> list[_Word]:
    """The words of `text` (`doc.text`), elided articles apart (`d'` `Eure-et-Loir`), with spaCy's tags."""
    spans = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        if elided := _ELISION.match(text, start, end):
            spans.append((start, elided.end()))
            start = elided.end()
        spans.append((start, end))
    tags = _tags(doc)
    rows = [(a, b, text[a:b], text[a:b].casefold().replace("\u2019", "'"), tags.get(a, "X")) for a, b in spans]
    # `tuple.__new__` builds the named tuples at C speed; `_Word(…)` calls a `__new__` written in Python.
    return list(map(tuple.__new__, repeat(_Word), rows))


@cache
def _known_patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Known names (on folded text) and acronyms (as written)."""
    written = [w for o in lexicons.organizations for w in (o.name, *o.aliases)]
    acronyms = {s for w in [*(o.acronym for o in lexicons.organizations if o.acronym), *filter(is_acronym, written)]
                for s in acronym_spellings(w)}
    names = phrase_pattern(fold(w) for w in written if len(w) > 3 and not is_acronym(w))
    alternatives = grouped_alternation([re.escape(a) for a in sorted(acronyms, key=len, reverse=True)],
                                       not_after=r"[\w\-]")
    return names, re.compile(rf"(?:{alternatives})(?![\w\-])")


@cache
def _closing_words(lexicons: Lexicons, rules: OrganizationRules) -> frozenset[str]:
    """Words that end a name right after it: the rules' own, and one-word reporting verbs (`déclare`)."""
    return rules.closing_words | {form for form in lexicons.verb_lemma if " " not in form}


@cache
def _heads(lexicons: Lexicons) -> tuple[re.Pattern[str], dict[str, str]]:
    """Head words of organization_heads.yaml, and the kind each announces, by folded form."""
    kinds = {fold(form): kind for form, kind in lexicons.organization_heads}
    return phrase_pattern(kinds), kinds


@cache
def _glued_pattern(rules: OrganizationRules) -> re.Pattern[str]:
    """A head glued to the capital of a name: `LabAcces`."""
    return re.compile(rf"(?:{'|'.join(map(re.escape, rules.glued_heads))})(?=[A-ZÀ-Ý])")


@cache
def _agent_patterns(lexicons: Lexicons,
                    rules: OrganizationRules) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Markers of organizers (`organisé par`, `chez`), role titles followed by a role's link
    (`fondatrice de`) and verbs of organizing (`organisent`), on text folded by `fold_same_length`."""
    roles = {f"{fold(form)} {link}" for form in lexicons.role_forms for link in rules.role_links}
    return (phrase_pattern(rules.agent_markers), phrase_pattern(roles),
            phrase_pattern(fold(verb) for verb in rules.agent_verbs))


@cache
def _prefect_pattern(rules: OrganizationRules) -> re.Pattern[str]:
    """A prefect's title as a whole word, on text folded by `fold_same_length`: `prefete`."""
    return phrase_pattern(rules.prefect_titles)


@cache
def _not_agent_words(lexicons: Lexicons, rules: OrganizationRules) -> tuple[frozenset[str], frozenset[str]]:
    """First words of capitalised runs that name no organizer: events and months, and formats and roles
    (those only without a capitalised article inside a sentence: `L'Atelier des possibles` is a name)."""
    never = rules.not_agents | rules.date_words | {fold(w) for w in rules.not_proper}
    words = {fold(form) for form in (*lexicons.format_forms, *lexicons.role_forms) if " " not in fold(form)}
    return frozenset(never), frozenset(words)


@cache
def _portfolios(lexicons: Lexicons,
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
def _event_context(rules: OrganizationRules) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """On folded text: an event noun and a comma before a name (`un meme evenement, l'`), and a verb
    of taking place after it (`, a eu lieu`)."""
    nouns = grouped_alternation([re.escape(n) for n in sorted(rules.event_nouns, key=len, reverse=True)],
                                not_after=r"[\w\-]")
    verbs = "|".join(re.escape(v) for v in sorted(rules.event_verbs, key=len, reverse=True))
    return (re.compile(rf"(?:{nouns})[ \t]*,[ \t]*(?:l'|le[ \t]+|la[ \t]+|les[ \t]+)?$"),
            re.compile(rf"[ \t]*,?[ \t]*(?:{verbs})(?![\w\-])"))


class _Reader:
    """One document's words, and the known organizations, heads and places that start at each."""

    def __init__(self, ctx: DocumentContext) -> None:
        self.text, self.lexicons = ctx.text, ctx.lexicons
        self.rules = load_organization_rules()
        self.closing = _closing_words(ctx.lexicons, self.rules)
        self.folded = ctx.folded
        self.words = _words(ctx.text, ctx.doc)
        self.starts = [w.start for w in self.words]
        self.caps_lines: dict[int, bool] = {}
        self.known: dict[int, tuple[int, KnownOrganization]] = {}
        self.heads: dict[int, tuple[int, str, str]] = {}  # word → (end word, kind, folded head)
        self.places: dict[int, int] = {}
        self._index_known()
        heads, kinds = _heads(ctx.lexicons)
        for match in heads.finditer(self.folded):
            first, last = self._word_at(match.start()), self._word_containing(match.end() - 1)
            if first is not None:
                self.heads[first] = (last + 1, kinds[fold(match.group())], fold(match.group()))
        glued = _glued_pattern(self.rules)
        for index, word in enumerate(self.words):
            if (match := glued.match(word.text)) and fold(match.group()) in kinds:
                self.heads[index] = (index + 1, kinds[fold(match.group())], fold(match.group()))  # `LabAcces`
            elif word.lower.endswith("lab") and index not in self.heads and _LAB_WORD.fullmatch(word.text):
                self.heads[index] = (index + 1, kinds[LAB_HEAD], LAB_HEAD)  # `Medialab`
        for match in place_pattern(ctx.lexicons).finditer(self.folded):
            first, last = self._word_at(match.start()), self._word_ending(match.end())
            if first is not None and last is not None and self.words[first].text[0].isupper():
                self.places[first] = last
        self.excluded = [m.span() for _, pattern in self.rules.exclusions for m in pattern.finditer(self.folded)]
        self.ctx = ctx

    @cached_property
    def people(self) -> list[tuple[int, int, str]]:
        """The people's names of the text, read only when a rule asks."""
        return find_person_names(self.ctx)

    def _index_known(self) -> None:
        """Each known name or acronym of the text, at the word it starts."""
        by_name, by_acronym = _known_patterns(self.lexicons)
        index = known_organizations(self.lexicons)
        for match, key in [*((m, fold(m.group())) for m in by_name.finditer(self.folded)),
                           *((m, m.group()) for m in by_acronym.finditer(self.text))]:
            first, last = self._word_at(match.start()), self._word_ending(match.end())
            if first is None or last is None or first in self.known and self.known[first][0] >= last:
                continue
            written = self.text[match.start()]
            if key in self.rules.capitalised_only and not written.isupper():
                continue  # `les régions de France` are no association
            if key in self.rules.ambiguous_acronyms and self._among_capitals(first, last):
                continue  # `10 ANS D'INNOVATION`
            self.known[first] = (last, index[key])

    # --- positions and the look of words -------------------------------------------------

    def _word_at(self, offset: int) -> int | None:
        """The word that starts at `offset`, if one does."""
        index = bisect_right(self.starts, offset) - 1
        return index if index >= 0 and self.words[index].start == offset else None

    def _word_containing(self, offset: int) -> int:
        """The word that holds `offset`."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def _word_ending(self, offset: int) -> int | None:
        """Index past the word that ends at `offset`, if one does."""
        index = bisect_right(self.starts, offset - 1) - 1
        return index + 1 if index >= 0 and self.words[index].end == offset else None

    def _caps_line(self, offset: int) -> bool:
        """Whether the line at `offset` is written in capitals, where capitals tell nothing."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        if line_start not in self.caps_lines:
            line_end = self.text.find("\n", offset)
            self.caps_lines[line_start] = is_upper_text(self.text[line_start:line_end if line_end >= 0 else None])
        return self.caps_lines[line_start]

    def _among_capitals(self, first: int, end: int) -> bool:
        """Whether the words before or after `first`…`end` are written in capitals too."""
        neighbours = [self.words[i] for i in (first - 1, end) if 0 <= i < len(self.words)]
        return self._caps_line(self.words[first].start) or any(
            len(w.text) > 1 and w.text.isupper() for w in neighbours)

    def _capitalised(self, index: int) -> bool:
        """A capital that tells something: outside a line in capitals."""
        word = self.words[index]
        return word.text[0].isupper() and not self._caps_line(word.start)

    def _proper(self, index: int) -> bool:
        """A capitalised word that names something: not `Français`, not a determiner."""
        word = self.words[index]
        return (self._capitalised(index) and word.lower not in self.rules.not_proper
                and word.lower not in self.rules.determiners)

    def _initial(self, index: int) -> bool:
        """Whether the word opens a sentence, a line or a quotation."""
        if index == 0 or "\n" in self.text[self.words[index - 1].end:self.words[index].start]:
            return True
        return self.words[index - 1].text in _OPENERS

    def _line_break(self, before: int, after: int) -> bool:
        """A new line between two words, unless both stand in one letterhead in capitals."""
        gap = self.text[self.words[before - 1].end:self.words[after].start]
        if "\n" not in gap:
            return False
        return gap.count("\n") > 1 or not (self._caps_line(self.words[before - 1].start)
                                           and self._caps_line(self.words[after].start))

    def _is_linking(self, index: int) -> bool:
        """`de`, `la`, `et`…: a word that joins the parts of a name."""
        return self.words[index].lower in self.rules.linking

    def _starts_parent(self, index: int) -> bool:
        """A known organization, or a capitalised head of a parent kind (`du Ministère …`)."""
        if index in self.known:
            return True
        head = self.heads.get(index)
        return head is not None and head[1] in self.rules.parent_kinds and self._capitalised(index)

    # --- how far a name runs --------------------------------------------------------------

    def _links_allowed(self, links: list[str], following: int) -> bool:
        """Whether linking words may join the word at `following` to the name before them."""
        for position, link in enumerate(links):
            after = links[position + 1] if position + 1 < len(links) else None
            if link == "et" and (after in self.rules.articles or after is None and (
                    self._capitalised(following) or following in self.known or is_acronym(self.words[following].text))):
                return False  # `X et la Compagnie des Tiers-Lieux`, `X et l'IRA de Metz`
            if link == "à" and after not in _DEFINITE:
                return False  # `à distance`, `à Paris`
            if link in ("au", "aux", "pour") and after is None and self._capitalised(following):
                return False
        return not self._starts_parent(following)

    def _part_at(self, index: int, links: list[str], placed: bool) -> tuple[int, bool] | None:
        """End of the part of a name at word `index` and whether it was a place, or None."""
        word = self.words[index]
        if links and (placed or not self._links_allowed(links, index)):
            return None  # `Métropole européenne de Lille | et …`: a place ends a name
        if index in self.known:
            return self.known[index][0], False  # `Lab | Pôle emploi | Paca`
        if index in self.places:
            return self.places[index], True
        if word.is_sign or not links and not self._capitalised(index) and word.lower in self.closing:
            return None  # `la Direction interministérielle du numérique | lance`
        if word.text.isdigit():
            following = self.words[index + 1].lower if index + 1 < len(self.words) else ""
            date = following in self.rules.date_words
            return (index + 1, placed) if self._capitalised(index - 1) and not date else None
        if self._capitalised(index):
            return (index + 1, placed) if word.lower not in self.rules.determiners else None
        return (index + 1, False) if word.pos in _CONTENT_POS and not placed else None

    def _extend(self, first: int, end: int) -> int:
        """Index past the last word of the name that starts at word `first` and runs to `end`."""
        placed = False
        while end < len(self.words) and end - first < MAX_NAME_WORDS:
            link = end
            while link < len(self.words) and self._is_linking(link):
                link += 1
            if link >= len(self.words) or self._line_break(end, link):
                break
            links = [w.lower for w in self.words[end:link]]
            if links and links[0] in _TO and any(i in self.places for i in range(end + 1, link + 1)):
                break  # `le Lab Océan | à La Rochelle`: where it stands, not its name
            part = self._part_at(link, links, placed)
            if part is None:
                break
            end, placed = part
        return end

    def _acronym_after(self, end: int) -> str | None:
        """The acronym defined right after a name: `… publique (DITP)`."""
        if end + 2 < len(self.words) and self.words[end].text == "(" and self.words[end + 2].text == ")":
            acronym = self.words[end + 1].text
            return acronym if is_acronym(acronym) else None
        return None

    def _spelled_by_acronym(self, first: int, end: int) -> int:
        """Index past a name that goes on through commas to the acronym its initials spell: `direction
        régionale de la jeunesse, des sports et de la cohésion sociale (DRJSCS)`; else `end`."""
        stop = min(end + MAX_ENUMERATED_WORDS, len(self.words) - 2)
        opening = end
        while opening < stop and self.words[opening].text != "(":
            word = self.words[opening]
            if word.is_sign and word.text != "," or self._line_break(opening, opening):
                return end  # the sentence or the line ends before any acronym
            opening += 1
        if opening == end or opening >= stop or self._acronym_after(opening) is None:
            return end
        acronym = self.words[opening + 1].text
        letters = "".join(c for c in acronym if c.isupper()) if not acronym.isupper() else acronym
        initials = "".join(w.text[0] for w in self.words[first:opening]
                           if not w.is_sign and w.lower not in _UNSPELLED)
        return opening if initials.upper() == letters.upper() else end

    def _span_text(self, first: int, end: int) -> str:
        """The words `first`…`end` as written, white space made single spaces."""
        return " ".join(self.text[self.words[first].start:self.words[end - 1].end].split())

    def _candidate(self, first: int, end: int, rule: str, kind: str | None, acronym: str | None = None,
                   name: str | None = None) -> _Candidate:
        """A candidate over words `first`…`end`, named as written unless `name` is given."""
        return _Candidate(self.words[first].start, self.words[end - 1].end, name or self._span_text(first, end),
                          self.rules.rule_ids[rule], kind, acronym)

    # --- the rules ------------------------------------------------------------------------

    def known_candidate(self, first: int) -> _Candidate:
        """A known organization, or its office in a place (`l'IRA de Metz`, `la DREAL Occitanie`)."""
        end, organization = self.known[first]
        acronym = self._acronym_after(end)
        after = end + 3 if acronym else end  # `… (SGAR) de Normandie`
        link = after
        while (link < len(self.words) and link - after < MAX_PLACE_LINKS
               and self.words[link].lower in _PREPOSITIONS | _DEFINITE):
            link += 1
        linked = link == after or self.words[after].lower in _PREPOSITIONS
        if link in self.places and linked and not self._line_break(after, link):
            name = f"{self._span_text(first, end)} {self._span_text(after, self.places[link])}"
            return self._candidate(first, self.places[link], "branch", organization.kind, acronym, name)
        plural = self.words[first].lower.endswith("s")  # `les ministères de la Culture et de l’Intérieur`
        if organization.kind == MINISTRY_KIND and not plural and (longer := self._more_portfolios(end)) > end:
            return self._candidate(first, longer, "head", organization.kind)  # a ministry the lexicon lacks
        if first > 1 and self.words[first - 1].lower in _DEFINITE and self._capitalised(first - 1) and not (
                self._initial(first - 1)):
            first -= 1  # `ainsi que La Fing`: a capitalised article inside a sentence is part of the name written
        return self._candidate(first, end, "known", organization.kind, organization.acronym)

    def _more_portfolios(self, end: int) -> int:
        """Index past the portfolios a ministry's name goes on with: `Ministère des Sports | et de la Vie
        associative`, `Ministère de la Culture | , du Patrimoine et des Arts`."""
        while end < len(self.words) and self.words[end].lower in (",", "et"):
            link = end + 1
            if link < len(self.words) and self.words[link].lower == "et":
                link += 1
            if link >= len(self.words) or self.words[link].lower not in _PREPOSITIONS:
                break
            link += 1
            if link < len(self.words) and self.words[link].lower in _DEFINITE:
                link += 1
            named = link < len(self.words) and self.words[link].text[0].isupper() and (
                self.words[link].lower not in self.rules.determiners | self.rules.not_proper)  # letterheads too
            if not named or link in self.known or link in self.heads or link in self.places or self._line_break(
                    end, link):
                break  # `le ministère de l'Intérieur, | de la Région Bretagne`: another organization
            end = self._extend(link, link + 1)
        return end

    def head_candidate(self, first: int) -> _Candidate | None:
        """A name that starts with a head word, with the acronym defined after it."""
        head_end, kind, head = self.heads[first]
        end = self._extend(first, head_end)
        end = self._spelled_by_acronym(first, end)
        name = self._span_text(first, end)
        acronym = self._acronym_after(end)
        if acronym and end + 3 < len(self.words) and self.words[end + 3].lower in _PREPOSITIONS:
            # The name goes on after its acronym: `la plate-forme RH (PFRH) de la préfecture …`.
            further = self._extend(first, end + 3)
            if further > end + 3:
                name = f"{name} {self._span_text(end + 3, further)}"
                end = further
        if end == head_end == first + 1 and _LAB_WORD.fullmatch(self.words[first].text):
            if parented := self._with_parent(first, end):
                return parented  # `le Medialab de Sciences Po`
        end, name = self._state_region(first, end, name)
        if fold(name) == head or (first > 0 and self.words[first - 1].lower in self.rules.indefinites):
            return None  # `le conseil régional`, `une association locale`
        if head in self.rules.place_heads and not self._capitalised(first) and self._after_locative(first):
            return None  # `dans la région Bretagne`: a place
        if head in self.rules.place_only_heads and not self._capitalised(first) and self._place_follows(head_end):
            return None  # `la région de Normandie`: the territory, not its council
        if head in self.rules.team_heads and not acronym and self._team(first, head_end, end):
            return None  # `la mission Transfo`, `le département Stratégie`: a team
        if first > 0 and self.words[first - 1].text == "," and not self.words[first].text[0].isupper():
            return None  # `le LabAcces, laboratoire d'innovation de …`: a description, not a name
        if any(s <= self.words[first].start < e for s, e in self.excluded):
            return None
        capital_head = any(self._proper(i) and not self._initial(i) for i in range(first, head_end))
        named = any(self._proper(i) for i in range(head_end, end))
        if head in self.rules.weak_heads and not (acronym or named or capital_head):
            return None  # `le service public`, `la mission innovation`
        return self._candidate(first, end, "head", kind, acronym, name)

    def _with_parent(self, first: int, end: int) -> _Candidate | None:
        """A generic lab's name with the parent after it, and the parent on its own: `Datalab de l'Insee`."""
        link = end
        while link < len(self.words) and link - end < MAX_PLACE_LINKS and self.words[link].lower in (
                _PREPOSITIONS | _DEFINITE):
            link += 1
        if link == end or self.words[end].lower not in _PREPOSITIONS or self._line_break(end, link):
            return None
        parent = self.known_candidate(link) if link in self.known else (
            self.head_candidate(link) if self._starts_parent(link) else None)
        if parent is None:
            return None
        start = self.words[first].start
        return _Candidate(start, parent.end, " ".join(self.text[start:parent.end].split()),
                          self.rules.rule_ids["head"], self.heads[first][1], None, (parent,))

    def _state_region(self, first: int, end: int, name: str) -> tuple[int, str]:
        """A name ending in `de l'État` goes on with `en` and the region it serves."""
        if (end + 1 < len(self.words) and self.words[end - 1].lower in self.rules.state_words
                and self.words[end].lower == "en" and end + 1 in self.places):
            end = self.places[end + 1]
            return end, self._span_text(first, end)
        return end, name

    def _after_locative(self, first: int) -> bool:
        """`dans la | région`, `sur le | département`: a locative and an article before the head."""
        return (first > 1 and self.words[first - 1].lower in _DEFINITE
                and self.words[first - 2].lower in self.rules.locatives)

    def _place_follows(self, at: int) -> bool:
        """`de | Normandie`, `d' | Occitanie`, `de la | Réunion`: a preposition, then a place."""
        link = at
        while (link < len(self.words) and link - at < MAX_PLACE_LINKS
               and self.words[link].lower in _PREPOSITIONS | _DEFINITE):
            link += 1
        return link > at and self.words[at].lower in _PREPOSITIONS and link in self.places

    def _team(self, first: int, head_end: int, end: int) -> bool:
        """A head in lower case then a capitalised word, not a place nor a known name: `le pôle Données`."""
        return (not self._capitalised(first) and head_end < end and self._proper(head_end)
                and head_end not in self.places and head_end not in self.known)

    def apposition_candidate(self, first: int) -> _Candidate | None:
        """`l'association « Prologin »`, `le lab Etat'LIN des Pays de la Loire`: the name alone."""
        head_end, kind, head = self.heads[first]
        if head not in self.rules.descriptors or head_end >= len(self.words):
            return None
        if self.words[first].text[0].isupper():
            return None  # `le Lab Pôle emploi Paca`: the head is part of the name
        opening = self.words[head_end]
        if opening.text in _QUOTES:
            closing = self.text.find(_QUOTES[opening.text], opening.end, opening.end + MAX_QUOTED_NAME)
            inner = self.text[opening.end:closing]
            if closing < 0 or "\n" in inner or not inner.strip():
                return None
            start = opening.end + len(inner) - len(inner.lstrip())
            end = opening.end + len(inner.rstrip())
            return _Candidate(start, end, " ".join(inner.split()), self.rules.rule_ids["apposition"], kind, None)
        start = head_end
        if self.words[start].lower in self.rules.articles and self._capitalised(start) and start + 1 < len(self.words):
            start += 1  # `le tiers-lieu La Ruche`: the article belongs to the name
        if not self._proper(start) or start in self.known or start in self.places:
            return None
        end = start + 1
        while end < len(self.words) and end - head_end < MAX_NAME_WORDS:
            link = end
            while link < len(self.words) and self._is_linking(link):
                link += 1
            if (link >= len(self.words) or link in self.places or link in self.known or not self._proper(link)
                    or self._line_break(end, link)):
                break
            end = link + 1
        return self._candidate(head_end, end, "apposition", kind)

    def suffix_candidate(self, head: int) -> _Candidate | None:
        """`le Ti Lab`: capitalised words that a head closes."""
        if self.words[head].text not in self.rules.suffix_heads:
            return None
        first = head
        while (first > 0 and head - first < MAX_SUFFIX_WORDS and self._proper(first - 1)
               and not self._line_break(first - 1, first)):
            first -= 1
        if first == head or self._initial(first):
            return None  # `Webinaire Lab …` at the start of a line: its capital tells nothing
        return self._candidate(first, self._extend(first, head + 1), "suffix", self.heads[head][1])

    def portfolio_candidates(self) -> list[_Candidate]:
        """`la ministre de la Culture` names the Ministère de la Culture."""
        pattern, ministries = _portfolios(self.lexicons, self.rules)
        found = []
        for match in pattern.finditer(self.folded):
            ministry = ministries[fold(match.group())]
            found.append(_Candidate(match.start(), match.end(), ministry.name, self.rules.rule_ids["portfolio"],
                                    ministry.kind, ministry.acronym))
        return found

    def _is_affiliation(self, start: int, end: int, beside_person: bool) -> bool:
        """Whether a part of a parenthesis names an organization: capitalised, short, and no role,
        place, date, person or comment (`Ademe`, `On est prêts`; not `cheffe de projet`, `Lyon`)."""
        written = self.text[start:end]
        words = written.split()
        if not 1 <= len(words) <= MAX_AFFILIATION_WORDS or not written[0].isupper():
            return False
        folded = fold(written)
        first = folded.split()[0]
        if first in self.rules.comment_openers or first in self.closing or any(
                fold(w) in self.rules.date_words for w in words) or not any(c.isalpha() for c in written):
            return False
        if any(folded.startswith(form) and folded[len(form):len(form) + 1] in ("", " ")
               for form in self.lexicons.role_forms):
            return False  # `Cheffe de projet`
        place = place_pattern(self.lexicons).match(fold_same_length(written))
        if place and _DISTRICT.fullmatch(written, place.end()) or looks_like_person_name(written, self.lexicons):
            return False  # `Lyon`, `Paris 13e`, `Anne Roy`
        if len(words) == 1 and not is_acronym(written) and not _INTERNAL_CAPITAL.search(written):
            at = self._word_at(start)
            if at is None or self.words[at].pos != "PROPN":
                return False  # `(Intervenante)`: a common noun with a capital, not `(Sparknews)`
        if beside_person:
            return True
        # Beside other attributions only names that cannot be a common word: `Solidarités Nouvelles`, `OpenAgenda`.
        return (len(words) > 1 or bool(_INTERNAL_CAPITAL.search(written))) and not is_acronym(written)

    def _parenthesis_parts(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of a parenthesis's content, white space and emphasis marks trimmed."""
        bounds, at = [], start
        for separator in _AFFILIATION_SEPARATOR.finditer(self.text, start, end):
            bounds.append((at, separator.start()))
            at = separator.end()
        bounds.append((at, end))
        parts = []
        for a, b in bounds:
            piece = self.text[a:b]
            a += len(piece) - len(piece.lstrip(" \t*_"))
            b -= len(piece) - len(piece.rstrip(" \t*_"))
            if a < b:
                parts.append((a, b))
        return parts

    def _after_description(self, inner: int) -> bool:
        """Whether a parenthesis follows a word in lower case, as an attribution follows what it credits:
        `… des aidants (Aidants Connectés)`, not `Atelier Débutants (Salle Bleue)`."""
        before = _LAST_WORD.search(self.text, max(inner - LOOKBEHIND, 0), inner)
        return bool(before) and before.group(1)[0].islower()

    def affiliation_candidates(self, found: list[_Candidate]) -> list[_Candidate]:
        """What a person's parenthesis names, and the names in parentheses beside a found one on a line."""
        spans, of_people = [], set()
        for _, end, _ in self.people:
            if inside := _PARENTHESIS.match(self.text, end):
                of_people.add(inside.span(1))
                spans += [p for p in self._parenthesis_parts(*inside.span(1)) if self._is_affiliation(*p, True)]
        named = {(c.start, c.end) for c in found}
        groups = [m.span(1) for m in _PARENTHESIS.finditer(self.text) if m.span(1) not in of_people]
        anchored_lines = {self.text.rfind("\n", 0, a) for a, b in groups if (a, b) in named}
        spans += [p for a, b in groups if self.text.rfind("\n", 0, a) in anchored_lines and self._after_description(a)
                  for p in self._parenthesis_parts(a, b) if p not in named and self._is_affiliation(*p, False)]
        return [_Candidate(a, b, " ".join(self.text[a:b].split()), self.rules.rule_ids["affiliation"], None, None)
                for a, b in dict.fromkeys(spans)]

    def glued_gloss_candidates(self) -> list[_Candidate]:
        """`le CNFPTCentre national de la fonction publique territoriale`: the gloss, when its initials
        spell the acronym glued to it (an `<abbr>` whose space a scraper lost)."""
        found = []
        index = known_organizations(self.lexicons)
        for at, word in enumerate(self.words):
            glued = _GLUED_ACRONYM.match(word.text)
            if glued is None:
                continue
            acronym, start = glued.group(1), word.start + glued.end(1)
            initials, end, following = self.text[start], word.end, at + 1
            while len(initials) < len(acronym) and following < len(self.words) and not self._line_break(
                    following, following) and not self.words[following].is_sign:
                if self.words[following].lower not in _UNSPELLED:
                    initials += self.words[following].text[0]
                end, following = self.words[following].end, following + 1
            if initials.upper() == acronym:
                known = index.get(acronym)
                found.append(_Candidate(start, end, " ".join(self.text[start:end].split()),
                                        self.rules.rule_ids["gloss"], known.kind if known else None, acronym))
        return found

    def prefect_candidates(self) -> list[_Candidate]:
        """`PRÉFET DE LA RÉGION BRETAGNE` in a letterhead, `le préfet du Finistère` in prose: the prefecture
        (`Préfecture de la région Bretagne`), as a minister's portfolio names a ministry."""
        found = []
        for match in _prefect_pattern(self.rules).finditer(self.folded):
            at = self._word_at(match.start())
            if at is None:
                continue
            end = self._extend(at, at + 1)
            if end == at + 1 or not place_pattern(self.lexicons).search(
                    self.folded, self.words[at + 1].start, self.words[end - 1].end):
                continue  # `PRÉFET` alone, or a title that names no place
            rest = " ".join(w.lower if w.lower in _RUN_LINKS or fold(w.text) in self.rules.place_heads
                            else _title_case(w.text) if w.text.isupper() else w.text
                            for w in self.words[at + 1:end])  # `DE LA RÉGION BRETAGNE` → `de la région Bretagne`
            name = " ".join(f"{self.rules.prefect_office} {rest}".replace("' ", "'").split())
            found.append(self._candidate(at, end, "prefect", "directorate", None, name))
        return found

    def _capitalised_run(self, index: int) -> int | None:
        """Index past the capitalised words from `index`, a capitalised article first and linking words
        between: `Le Bazar Civique`, `Maison de l'Emploi`; None when no capitalised word starts there."""
        end = index
        if end < len(self.words) and self.words[end].lower in self.rules.articles and self.words[end].text[0].isupper():
            end += 1  # `Le Bazar Civique`: a capitalised article belongs to the name
        if end >= len(self.words) or not self._proper(end) or end > index and self._line_break(index + 1, end):
            return None
        end += 1
        while end < len(self.words) and end - index < MAX_AGENT_WORDS:
            link = end
            while link < len(self.words) and self.words[link].lower in _RUN_LINKS:
                link += 1
            if link >= len(self.words) or self._line_break(end, link) or not self._proper(link):
                break
            end = link + 1
        return end

    def _agent(self, first: int, end: int, strict: bool) -> _Candidate | None:
        """A capitalised run that names an organizer, unless another rule's, a place, a person, an event or a
        common word (`Transformation Publique` where the text writes `transformation`); `strict` asks
        for an article, two capitalised words or a capital inside one (`La Ruche`, `Civic Tech`, `OpenLaw`)."""
        if any(i in self.known or i in self.heads or i in self.places for i in range(first, end)):
            return None
        start, stop = self.words[first].start, self.words[end - 1].end
        if any(a < stop and start < b for a, b, _ in self.people):
            return None  # `animé par Ysaline Kerbrat, cheffe de projet`
        article = self.words[first].lower in self.rules.articles
        name_first = first + 1 if article else first
        lead = self.words[name_first]
        proper = [i for i in range(name_first, end) if self._proper(i)]
        written = self._span_text(name_first, end)
        never, formats_and_roles = _not_agent_words(self.lexicons, self.rules)
        named_by_article = article and self.words[first].text[0].isupper() and not self._initial(first)
        if (fold(lead.text) in never or fold(lead.text) in formats_and_roles and not named_by_article
                or fold(lead.text) in self.lexicons.first_names
                or looks_like_person_name(written, self.lexicons)
                or place_pattern(self.lexicons).fullmatch(fold_same_length(written))
                or _common_word(self.text, lead.text) and not named_by_article):
            return None
        capital_inside = any(_INTERNAL_CAPITAL.search(self.words[i].text) for i in proper)
        if len(proper) < 2 and not capital_inside and not article and (strict or self._initial(first)):
            return None
        return self._candidate(first, end, "agent", None)

    def _named_run(self, first: int) -> int | None:
        """Index past a capitalised run and the lower-case words that complete it (`L'Atelier des possibles`,
        `L'Escale innovation`), joined by `de`, `la`… only."""
        end = self._capitalised_run(first)
        while end is not None and end < len(self.words) and end - first < MAX_AGENT_WORDS:
            link = end
            while link < len(self.words) and self.words[link].lower in _RUN_LINKS:
                link += 1
            word = self.words[link] if link < len(self.words) else None
            if (word is None or self._line_break(end, link) or word.is_sign or word.text[0].isupper()
                    or word.pos not in _CONTENT_POS or word.lower in self.closing):
                break
            end = link + 1
        return end

    def _before_verb(self, verb: int) -> int:
        """Where the subject of a verb ends: before an auxiliary (`ont | organisé`) and the place it
        stands in (`La Comète | à Paris | propose`)."""
        at = verb
        if at > 0 and self.words[at - 1].lower in self.rules.auxiliaries:
            at -= 1
        for place_start, place_end in self.places.items():
            if place_end == at and place_start > 1 and self.words[place_start - 1].lower in ("à", "en"):
                return place_start - 1
        return at

    def agent_candidates(self) -> list[_Candidate]:
        """Capitalised words before a verb of organizing, after a marker of organizers or a role's link."""
        found = []
        markers, roles, verbs = _agent_patterns(self.lexicons, self.rules)
        for match in verbs.finditer(self.folded):
            verb = self._word_at(match.start())
            if not verb:
                continue
            subject_end = self._before_verb(verb)
            window = range(max(subject_end - MAX_NAME_WORDS, 0), subject_end)
            if not any(self.words[s].text[0].isupper() for s in window):
                continue  # most verbs follow no capital at all
            first = next((s for s in window if self._named_run(s) == subject_end), None)
            if first is not None and not self._initial(first) and self.words[first - 1].pos == "NOUN" and (
                    self.words[first - 1].text.islower()):
                continue  # `l'application Mon Dossier propose`: the name of what a common noun says
            if first is not None and (candidate := self._agent(first, subject_end, True)):
                found.append(candidate)  # `Les Petits Débrouillards | organisent`
        for pattern, strict in ((markers, False), (roles, True)):  # `organisé par Simplon`: one word will do
            for match in pattern.finditer(self.folded):
                first = self._word_at(_BLANKS.match(self.text, match.end()).end())
                lower_article = first is not None and self.words[first].lower in _DEFINITE
                if lower_article and not self.words[first].text[0].isupper():
                    first += 1  # `organisé par le | Bazar Civique`
                end = self._named_run(first) if first is not None and first < len(self.words) else None
                if end is not None and (candidate := self._agent(first, end, strict)):
                    found.append(candidate)
        return found

    def names_event(self, candidate: _Candidate) -> bool:
        """Whether a name found by its look stands for an event: in apposition to an event noun
        (`un même événement, l'AfterWork, a eu lieu`) or the subject of a verb of taking place."""
        if candidate.rule not in self.event_prone:
            return False
        before, after = _event_context(self.rules)
        closed = self.text.startswith(",", candidate.end)
        return bool(closed and before.search(self.folded, max(candidate.start - LOOKBEHIND, 0), candidate.start)
                    or after.match(self.folded, candidate.end))

    @cached_property
    def event_prone(self) -> frozenset[str]:
        """The rules that find names by their look, which may be an event's: heads, suffixes, agents."""
        return frozenset(self.rules.rule_ids[r] for r in ("head", "suffix", "apposition", "agent"))

    def candidates(self) -> list[_Candidate]:
        """Every candidate of every rule, overlapping ones included."""
        found = [self.known_candidate(first) for first in self.known]
        for first in self.heads:
            if first in self.known:
                continue
            candidate = (self.apposition_candidate(first) or self.suffix_candidate(first)
                         or self.head_candidate(first))
            if candidate:
                found.append(candidate)
        found += self.portfolio_candidates() + self.glued_gloss_candidates() + self.agent_candidates()
        return [c for c in found + self.prefect_candidates() if not self.names_event(c)]


def _title_case(word: str) -> str:
    """`ILLE-ET-VILAINE` → `Ille-et-Vilaine`, `CÔTES-D'ARMOR` → `Côtes-d'Armor`: a place as it is spelled."""
    parts = re.split(r"([-'’])", word.lower())
    return "".join(p if p in _RUN_LINKS | {"et", "sur", "en", "-", "'", "’"} or i and parts[i - 1] in ("'", "’")
                   and p in ("d", "l") else p[:1].upper() + p[1:] for i, p in enumerate(parts))


def _common_word(text: str, word: str) -> bool:
    """Whether `word` is also written in lower case in the text: a common word, not a name's."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _longest_first(candidates: list[_Candidate]) -> list[_Candidate]:
    """Candidates that overlap no longer one (the earlier of two equal ones), in text order."""
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def extract_organizations(ctx: DocumentContext) -> list[OrganizationMention]:
    """Every organization named in the document, as written there, with acronym and kind where known."""
    reader = _Reader(ctx)
    found = reader.candidates()
    found += reader.affiliation_candidates(found)
    kept = [n for c in _longest_first(found) for n in (c, *c.nested)]
    return [OrganizationMention(start=c.start, end=c.end, text=ctx.text[c.start:c.end], rule=c.rule, name=c.name,
                                acronym=c.acronym, kind=c.kind)
            for c in kept if c.kind != PROGRAM_KIND]
