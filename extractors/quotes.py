"""Quotations and who said them.

Patterns of French institutional writing, tried in this order for each quoted passage (the
pattern is the `rule`, then how the speaker is named: `quote.cue_after.role`):
- `cue_after`: a cue after the closing mark: `« … », déclare Amélie de Montchalin`, `"…",
  précise le communiqué de la DITP`, `"…", a fait remarquer le délégué interministériel`,
  `« … », a-t-elle ajouté`, `"…", selon Thierry Lambert`;
- `colon`: `Thierry Lambert, délégué interministériel … : « … »`;
- `preposition`: `selon Thierry Lambert : on est "…"`;
- `cue_before`: a reporting verb earlier in the sentence, its subject after it (`a affirmé
  Thierry Lambert avant d'exhorter "à laisser…"`) or before it (`la DITP précise que « … »`);
- `pull`: a paragraph without quotation marks followed by a line `Name, Role`;
- `standalone`: a quotation that is a line of its own, with no speaker.
Lost marks: a closing `»` whose opening mark is lost quotes from the paragraph start or the end
of an earlier quotation, and an opening `«` never closed quotes to the paragraph end; either
way the quotation stays in the speaker's voice, never crossing a sentence of the writer's that
names the speaker (`… sous l'égide de la ministre de la Transformation …`, `Voir la vidéo
d'Amélie de Montchalin.`). Quoted passages of fewer than MIN_QUOTE_WORDS words (names, titles,
slogans) are quotations only with a cue right beside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.textutils import Line, fold_same_length, grouped_alternation, is_upper_text, strip_span
from innovpub.errors import InvalidLexicon
from schemas.extraction import OrganizationMention, PersonMention, QuoteMention, SpeakerKind

QUOTES_LEXICON = Path(__file__).parent / "lexicons" / "quotes.yaml"
# Fewer words than this between quotation marks is a name, a title or a slogan.
MIN_QUOTE_WORDS = 6
# An embedded fragment has at least this many words: one word in guillemets is a scare quote.
MIN_FRAGMENT_WORDS = 3
# A byline `Name, Role` under a pull quote is at most this many words.
MAX_BYLINE_WORDS = 25
# How far after a closing mark a cue may stand: `», déclare …`.
CUE_WINDOW = 90
# A role of one word (`ministre`) may name anyone; a longer one names the speaker in the writer's voice.
MIN_VOICE_ROLE_WORDS = 2
_TRIM = " \t\n*_"
# A sentence ends at `.`, `!`, `?` or `…`, maybe after a closing mark, before white space.
_SENTENCE_END = re.compile(r"[.!?…][»”\"]?\s+")
_SPACES = re.compile(r"\s*")
# White space that keeps to one line or wraps once: `déclare\nThierry Lambert` in a PDF line.
_GAP = re.compile(r"[ \t]*\n?[ \t]*")
# What stands between a closing mark and its cue: `», déclare`, `" – précise`.
_BEFORE_CUE = re.compile(r"[\s,]*(?:[-–—]\s*)?")
# A dash or a parenthesis after a closing mark, before a byline: `» – Jeanne Martin, Mairie de
# Rouen.`, `» (Jeanne Martin, DINUM)`.
_DASH_AFTER = re.compile(r"[ \t]*[.,]?[ \t]*(?:[-–—][ \t]+|\()")
# The end of a quotation's sentence, when the next one may attribute it: `». La phrase est de …`.
_NEXT_SENTENCE = re.compile(r"[ \t]*[.!?…]?[ \t]+")
# A dash that may open a byline: `— Thierry Lambert, délégué interministériel`.
_BYLINE_DASH = re.compile(r"[-–—]?\s*")
# `Pour Sophie Leroy[, cheffe du lab de la préfecture], « …`: an apposition, then the comma before the mark.
_APPOSITION_TO_MARK = re.compile(r"(?:\s*,[^,.;:!?«»\"“”\n]{1,80})?\s*,\s*")
# `la directrice, Anne Colin`: a comma between a role and the name.
_ROLE_COMMA = re.compile(r"[ \t]*,[ \t]*")
_BULLET = re.compile(r"[-–—•*·▪]\s")
# A surname as written after a title: `Lambert`, `de Montchalin`, `MARCEL ORZECHOWSKI`.
_SURNAME = re.compile(r"(?:(?:de|du|des)[ \t]+|d['’])?[A-ZÀ-ÖØ-Ý][\w'’-]*(?:[ \t]+[A-ZÀ-ÖØ-Ý][\w'’-]*)?")


@dataclass(frozen=True)
class QuoteMarks:
    """A pair of quotation marks; `directional` when a lone mark tells which side it is."""

    open: str
    close: str
    directional: bool


@dataclass(frozen=True)
class QuoteLexicon:
    """Quotation marks and the small words that tie a quotation to its speaker (`quotes.yaml`)."""

    marks: tuple[QuoteMarks, ...]
    pronouns: tuple[str, ...]
    honorifics: tuple[str, ...]
    determiners: tuple[str, ...]
    owner_links: tuple[str, ...]
    links: tuple[str, ...]
    purpose_links: tuple[str, ...]
    purpose_verbs: tuple[str, ...]
    title_determiners: tuple[str, ...]
    opinion_prepositions: tuple[str, ...]
    attribution_sentences: tuple[str, ...]


def _words(path: Path, data: dict[str, Any], key: str) -> tuple[str, ...]:
    """The list of words under `key`, folded offset for offset, longest first."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidLexicon(f"{path}: {key}: expected a non-empty list of non-empty strings")
    return tuple(sorted({fold_same_length(v.strip()) for v in value}, key=len, reverse=True))


@cache
def load_quote_lexicon(path: Path = QUOTES_LEXICON) -> QuoteLexicon:
    """Read and check `quotes.yaml` once; any problem raises InvalidLexicon naming the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InvalidLexicon(f"{path}: cannot be read: {error}") from error
    if not isinstance(data, dict):
        raise InvalidLexicon(f"{path}: top level: expected a mapping")
    marks = []
    for index, entry in enumerate(data.get("marks") or []):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) and len(entry[k]) == 1
                                                for k in ("open", "close"))
                and isinstance(entry.get("directional"), bool)):
            raise InvalidLexicon(f"{path}: marks[{index}]: expected one-character open and close and a "
                                 f"boolean directional, got {entry!r}")
        marks.append(QuoteMarks(entry["open"], entry["close"], entry["directional"]))
    if not marks:
        raise InvalidLexicon(f"{path}: marks: expected a non-empty list")
    words = (_words(path, data, key) for key in
             ("pronouns", "honorifics", "determiners", "owner_links", "links", "purpose_links", "purpose_verbs",
              "title_determiners", "opinion_prepositions"))
    attributions = data.get("attribution_sentences")
    if not isinstance(attributions, list) or not attributions or not all(isinstance(a, str) for a in attributions):
        raise InvalidLexicon(f"{path}: attribution_sentences: expected a non-empty list of regexes")
    try:
        for pattern in attributions:
            re.compile(pattern)
    except re.error as error:
        raise InvalidLexicon(f"{path}: attribution_sentences: {error}") from error
    return QuoteLexicon(tuple(marks), *words, tuple(attributions))


@dataclass(frozen=True)
class _Quoted:
    start: int  # of the quoted text, without its marks
    end: int
    open_mark: int | None  # None: the opening mark is lost
    close_mark: int | None  # None: the quotation is never closed
    block: Line  # the paragraph it stands in


@dataclass(frozen=True)
class _Speaker:
    name: str | None
    kind: SpeakerKind | None  # None: a speaker the text does not name
    cue: str
    rule: str


def _inside(spans: list[tuple[int, int]], at: int) -> tuple[int, int] | None:
    """The span of `spans` that holds `at`, if any."""
    return next(((a, b) for a, b in spans if a <= at < b), None)


def _lost_opening_start(text: str, block: Line, close_at: int, taken: list[tuple[int, int]]) -> int:
    """Where a quotation whose opening mark is lost may start: its paragraph, after any earlier quotation."""
    start = block.start
    for _, quoted_end in (span for span in taken if block.start <= span[0] and span[1] <= close_at):
        sentence = _SENTENCE_END.search(text, quoted_end, close_at)
        start = max(start, sentence.end() if sentence else quoted_end)
    return start


@cache
def _either_mark(mark: QuoteMarks) -> re.Pattern[str]:
    """The opening or the closing mark of a pair."""
    return re.compile(f"[{re.escape(mark.open + mark.close)}]")


def _pairs(text: str, block: Line, mark: QuoteMarks, taken: list[tuple[int, int]]) -> tuple[list[_Quoted], list[int]]:
    """Outermost quotations between `mark`s in a paragraph, and the closing marks left alone.

    Directional marks nest (`« Nous voulons « aller plus loin » avec… »`) and an opening one
    never closed quotes to the paragraph end; straight quotes pair in order.
    """
    positions = [m.start() for m in _either_mark(mark).finditer(text, block.start, block.end)
                 if not _inside(taken, m.start())]
    if not mark.directional:
        return [_Quoted(a + 1, b, a, b, block) for a, b in zip(positions[::2], positions[1::2])], []
    found, lone, opened = [], [], []
    for at in positions:
        if text[at] == mark.open:
            opened.append(at)
        elif opened:
            open_at = opened.pop()
            if not opened:
                found.append(_Quoted(open_at + 1, at, open_at, at, block))
        else:
            lone.append(at)
    if opened:
        found.append(_Quoted(opened[0] + 1, block.end, opened[0], None, block))
    return found, lone


def _quoted_passages(text: str, blocks: list[Line], marks: tuple[QuoteMarks, ...]) -> list[_Quoted]:
    """Every passage between quotation marks of the paragraphs `blocks` of `text`, with lost opening
    or closing marks restored."""
    found = []
    for block in blocks:
        taken: list[tuple[int, int]] = []
        lone_closes = []
        for mark in marks:
            pairs, lone = _pairs(text, block, mark, taken)
            found += pairs
            taken += [(q.start - 1, q.end + 1) for q in pairs]  # with their marks
            lone_closes += lone
        for close_at in sorted(lone_closes):
            if _inside(taken, close_at):
                continue
            start = _lost_opening_start(text, block, close_at, taken)
            found.append(_Quoted(start, close_at, None, close_at, block))
            taken.append((start, close_at + 1))
    return sorted(found, key=lambda q: q.start)


def _either(forms: tuple[str, ...], not_after: str = "") -> str:
    """A regex alternation of `forms` as they read in folded text, longest first, grouped by first
    character (`grouped_alternation`: there are thousands of reporting verbs); with `not_after`, a
    character class, none may follow such a character."""
    alternatives = [re.escape(f) for f in sorted({fold_same_length(f) for f in forms}, key=len, reverse=True)]
    return grouped_alternation(alternatives, not_after)


@dataclass(frozen=True)
class _Patterns:
    """The cue patterns, compiled once per set of lexicons; all match `fold_same_length` text."""

    verbs: re.Pattern[str]  # `déclare`, `a fait remarquer`, `a-t-elle précisé`
    prepositions: re.Pattern[str]  # `selon `, `d'après `
    determiner: re.Pattern[str]  # `le `, `l'`, or nothing
    roles: re.Pattern[str]  # `délégué interministériel`
    documents: re.Pattern[str]  # `communiqué`
    pronoun: re.Pattern[str]  # `-t-elle`, ` il`
    inverted: re.Pattern[str]  # the pronoun inside `a-t-il déclaré`
    honorific: re.Pattern[str]  # `M. `, `Mme `, or nothing
    links: re.Pattern[str]  # ` que `, ` : ` between a cue and its quotation
    owner_link: re.Pattern[str]  # ` de la ` between a document and its owner
    introduction: re.Pattern[str]  # `a souligné que «`: a verb, links, an opening mark
    purpose: re.Pattern[str]  # `pour souligner l'importance d'` right before an opening mark
    attribution: re.Pattern[str]  # `La phrase est de ` opening a sentence after a quotation
    elided_verb: re.Pattern[str]  # a reporting verb right after an elided word: `qu'affirme`
    title_determiner: re.Pattern[str]  # `le ` right before an opening mark
    opinion: re.Pattern[str]  # `Pour ` opening a sentence, before the speaker


@cache
def _patterns(lexicons: Lexicons) -> _Patterns:
    """Compile the cue patterns from the lexicons and `quotes.yaml`."""
    words = load_quote_lexicon()
    in_word = r"[\w']"  # a cue is a whole word: no letter, digit or apostrophe touches it
    verbs = rf"(?:{_either(lexicons.reporting_verbs, not_after=in_word)})(?![\w'])"
    links = rf"(?:\s*(?:{_either(words.links)}))*\s*"
    opening_marks = "".join(re.escape(mark.open) for mark in words.marks)
    # A word ends before a letter, digit or apostrophe; `l'` and `d'` end at their apostrophe.
    after = r"(?:\s+|(?<='))"
    return _Patterns(
        verbs=re.compile(verbs),
        prepositions=re.compile(rf"(?:{_either(lexicons.speech_prepositions, not_after=in_word)}){after}"),
        determiner=re.compile(rf"(?:(?:{_either(words.determiners)}){after})?"),
        roles=re.compile(rf"(?:{_either(lexicons.role_forms)})(?![\w'])"),
        documents=re.compile(rf"(?:{_either(lexicons.document_speakers)})(?![\w'])"),
        pronoun=re.compile(rf"[\s-]*(?:{_either(words.pronouns)})(?![\w'])"),
        inverted=re.compile(rf"-(?:{_either(words.pronouns)})(?![\w'])"),
        honorific=re.compile(rf"(?:(?:{_either(words.honorifics)})\s+)?"),
        links=re.compile(links),
        owner_link=re.compile(rf"\s+(?:{_either(words.owner_links)}){after}"),
        introduction=re.compile(rf"{verbs}{links}[{opening_marks}]"),
        # At most four words between the infinitive and the mark: `pour souligner l'importance d'« … »`.
        purpose=re.compile(rf"(?<![\w'])(?:{_either(words.purpose_links)})\s+(?:{_either(words.purpose_verbs)})"
                           rf"(?![\w'])(?:\s+[\w'-]+){{0,4}}\s*(?:{_either(words.links)})?\s*$"),
        attribution=re.compile("|".join(f"(?:{p})" for p in words.attribution_sentences)),
        elided_verb=re.compile(rf"(?:{_either(lexicons.reporting_verbs)})(?![\w'])"),
        title_determiner=re.compile(rf"(?<![\w'])(?:{_either(words.title_determiners)})\s*$"),
        opinion=re.compile(rf"[\s*_-]*(?:(?:et|mais)\s+)?(?:{_either(words.opinion_prepositions)})\s+"),
    )


def needs_dependencies(text: str, lexicons: Lexicons) -> bool:
    """Whether `extract_quotes` may read the parser's dependencies of `text`: it does only for
    the subject of a reporting verb that introduces a quotation (`la DITP précise que « … »`)."""
    return _patterns(lexicons).introduction.search(fold_same_length(text)) is not None


class _Finder:
    """Who a cue names, in one document: persons, role nouns, organizations, their documents."""

    def __init__(self, ctx: DocumentContext, people: list[PersonMention],
                 organizations: list[OrganizationMention]) -> None:
        self.ctx, self.text = ctx, ctx.text
        self.folded = ctx.folded
        self.people = sorted(people, key=lambda p: p.start)
        self.organizations = sorted(organizations, key=lambda o: o.start)
        self.patterns = _patterns(ctx.lexicons)

    def person_at(self, at: int) -> PersonMention | None:
        """A person named right at `at`, after white space within the line and maybe a title (`Mme`)."""
        gap = _GAP.match(self.folded, at)
        at = gap.end() if gap else at
        title = self.patterns.honorific.match(self.folded, at)
        named_at = {at, title.end() if title else at}
        return next((p for p in self.people if p.start in named_at), None)

    def organization_at(self, at: int) -> OrganizationMention | None:
        """An organization named right at `at`."""
        return next((o for o in self.organizations if o.start == at), None)

    def person_before(self, at: int) -> PersonMention | None:
        """The last person named before `at`: what `il`, `elle` refer to."""
        return next((p for p in reversed(self.people) if p.end <= at), None)

    def canonical(self, organization: OrganizationMention) -> str:
        """An organization's canonical name: the known one, else the longest name given to its acronym."""
        index = known_organizations(self.ctx.lexicons)
        known = index.get(organization.acronym or "") or index.get(fold(organization.name))
        if known:
            return known.name
        if organization.acronym:
            named = [o.name for o in self.organizations if o.acronym == organization.acronym]
            return max(named, key=len)
        return organization.name

    def subject(self, at: int, cue: str, rule: str, quote_start: int) -> _Speaker | None:
        """The speaker a cue names at `at`: a person, a pronoun, a role noun, an organization or its document."""
        spaces = _SPACES.match(self.folded, at)
        at = spaces.end() if spaces else at
        if person := self.person_at(at):
            return _Speaker(person.name, "person", cue, f"{rule}.person")
        if person := self.person_by_surname(at, quote_start):
            return _Speaker(person.name, "person", cue, f"{rule}.surname")
        pronoun = self.patterns.pronoun.match(self.folded, at)
        if pronoun or self.patterns.inverted.search(fold_same_length(cue)):
            person = self.person_before(quote_start)
            if pronoun and pronoun.group().startswith("-"):  # `explique-t-elle`: the pronoun is part of the cue
                cue += self.text[at:pronoun.end()]
            return _Speaker(person.name if person else None, "person" if person else None, cue, f"{rule}.pronoun")
        determiner = self.patterns.determiner.match(self.folded, at)
        head = determiner.end() if determiner else at
        if organization := self.organization_at(head) or self.organization_at(at):
            return _Speaker(self.canonical(organization), "organization", cue, f"{rule}.organization")
        if document := self.patterns.documents.match(self.folded, head):
            owner = self.document_owner(document.start(), document.group())
            return _Speaker(owner, "organization" if owner else None, cue, f"{rule}.document")
        if role := self.patterns.roles.match(self.folded, head):
            # `reconnaît la directrice, Anne Colin`: the name may follow the role after a comma.
            comma = _ROLE_COMMA.match(self.folded, role.end())
            person = self.person_at(role.end()) or (self.person_at(comma.end()) if comma else None) \
                or self.person_with_role(role.group(), at)
            return _Speaker(person.name if person else None, "person" if person else None, cue, f"{rule}.role")
        return None

    def person_by_surname(self, at: int, before: int) -> PersonMention | None:
        """A person named earlier, now by surname alone: `M. Lambert`, `Mme de Montchalin`, `Lambert`."""
        honorific = self.patterns.honorific.match(self.folded, at)
        written = _SURNAME.match(self.text, honorific.end() if honorific else at)
        if not written:
            return None
        words = fold(written.group()).split()
        for size in range(len(words), 0, -1):
            for person in reversed(self.people):
                named = fold(person.name).split()
                if person.end <= before and len(named) > size and named[-size:] == words[:size]:
                    return person
        return None

    def person_with_role(self, role: str, before: int) -> PersonMention | None:
        """The last person named before `before` with `role` in their role: `le délégué interministériel`."""
        pattern = re.compile(rf"(?<![\w']){re.escape(fold(role))}(?![\w'])")
        return next((p for p in reversed(self.people) if p.start < before and p.role and pattern.search(fold(p.role))),
                    None)

    def document_owner(self, at: int, noun: str) -> str | None:
        """Whose document speaks: `le communiqué de la DITP`; a bare `le communiqué` is the last
        one whose owner the text named."""
        owners = []
        for match in re.finditer(rf"(?<![\w']){re.escape(noun)}(?![\w'])", self.folded):
            link = self.patterns.owner_link.match(self.folded, match.end())
            organization = self.organization_at(link.end()) if link else None
            if organization and match.start() <= at:
                owners.append(self.canonical(organization))
        return owners[-1] if owners else None

    def cue_after(self, quoted: _Quoted) -> _Speaker | None:
        """`», déclare Amélie de Montchalin`, `», précise le communiqué`, `", selon Thierry Lambert`."""
        if quoted.close_mark is None:
            return None
        lead = _BEFORE_CUE.match(self.folded, quoted.close_mark + 1)
        at = lead.end() if lead else quoted.close_mark + 1
        window = min(at + CUE_WINDOW, quoted.block.end)  # a cue in the next paragraph is another's
        if verb := self.patterns.verbs.match(self.folded, at, window):
            cue = self.text[verb.start():verb.end()]
            speaker = self.subject(verb.end(), cue, "quote.cue_after", quoted.start)
            # Only an incise (`», souligne le rapport`) makes an unnamed subject a speaker: in
            # `le projet « Dites-le nous » propose aux usagers…` the verb is the sentence's own.
            incise = "," in self.text[quoted.close_mark + 1:at]
            return speaker or (_Speaker(None, None, cue, "quote.cue_after.unnamed") if incise else None)
        if preposition := self.patterns.prepositions.match(self.folded, at, window):
            return self.subject(preposition.end(), self.text[at:preposition.end()].strip(), "quote.cue_after",
                                quoted.start)
        return None

    def cue_before(self, quoted: _Quoted) -> _Speaker | None:
        """`X, délégué … : « …`, `selon X : on est "…"`, `a affirmé X avant d'exhorter "…"`, `X a dit que « …`."""
        if quoted.open_mark is None:
            return None
        ends = list(_SENTENCE_END.finditer(self.text, quoted.block.start, quoted.open_mark))
        start = ends[-1].end() if ends else quoted.block.start
        clause = self.folded[start:quoted.open_mark]
        if re.search(r":\s*$", clause):
            named = next((p for p in self.people if start <= p.start and p.end <= quoted.open_mark), None)
            if named:
                return _Speaker(named.name, "person", ":", "quote.colon.person")
        if speaker := self.opinion(start, quoted):
            return speaker
        for preposition in reversed(list(self.patterns.prepositions.finditer(self.folded, start, quoted.open_mark))):
            cue = self.text[preposition.start():preposition.end()].strip()
            if speaker := self.subject(preposition.end(), cue, "quote.preposition", quoted.start):
                return speaker
        for verb in reversed(list(self.patterns.verbs.finditer(self.folded, start, quoted.open_mark))):
            cue = self.text[verb.start():verb.end()]
            speaker = self.subject(verb.end(), cue, "quote.cue_before", quoted.start)
            if speaker and speaker.name:
                return speaker
            links = self.patterns.links.match(self.folded, verb.end(), quoted.open_mark)
            if links and links.end() == quoted.open_mark and not self.named_object(links.group(), quoted):
                return self.subject_before(verb.start(), verb.end(), cue, start)
        return None

    def named_object(self, links: str, quoted: _Quoted) -> bool:
        """`La DITP a lancé « Lab en ligne, la plateforme des innovateurs » en 2021`: a capitalised name
        right after the verb (no `que`, no colon) that the sentence goes on after is the verb's object."""
        body = self.text[quoted.start:quoted.end].lstrip()
        return not links.strip() and body[:1].isupper() and not _closes_sentence(self.text, quoted)

    def opinion(self, start: int, quoted: _Quoted) -> _Speaker | None:
        """`Pour Sophie Leroy, cheffe du lab, « … »`: a sentence that opens on `pour` and a person or an
        organization, maybe an apposition, then a comma right before the quotation."""
        lead = self.patterns.opinion.match(self.folded, start, quoted.open_mark)
        if not lead:
            return None
        determiner = self.patterns.determiner.match(self.folded, lead.end())
        person = self.person_at(lead.end())
        organization = None if person else self.organization_at(determiner.end() if determiner else lead.end())
        named = person or organization
        if named is None or not _APPOSITION_TO_MARK.fullmatch(self.text, named.end, quoted.open_mark):
            return None
        cue = self.text[lead.start():lead.end()].strip(" \t\n*_-")
        if person:
            return _Speaker(person.name, "person", cue, "quote.opinion.person")
        return _Speaker(self.canonical(organization), "organization", cue, "quote.opinion.organization")

    def subject_before(self, verb_start: int, verb_end: int, cue: str, sentence_start: int) -> _Speaker | None:
        """The grammatical subject of a cue that introduces a quotation: `Thierry Lambert a souligné que « … »`."""
        if not self.ctx.doc.has_annotation("DEP"):
            raise RuntimeError(f"{self.ctx.document_id}: a cue introduces a quotation but the text was not parsed: "
                               "`needs_dependencies` must say so")
        span = self.ctx.doc.char_span(verb_start, verb_end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        verb = span[-1]
        subjects = [t for t in verb.children if t.dep_.startswith("nsubj") and t.idx >= sentence_start]
        for token in subjects:
            person = next((p for p in self.people if p.start <= token.idx < p.end), None)
            if person:
                return _Speaker(person.name, "person", cue, "quote.cue_before.person")
            organization = next((o for o in self.organizations if o.start <= token.idx < o.end), None)
            if organization:
                return _Speaker(self.canonical(organization), "organization", cue, "quote.cue_before.organization")
            if speaker := self.subject(token.left_edge.idx, cue, "quote.cue_before", verb_start):
                return speaker
        return None

    def dash_byline(self, quoted: _Quoted) -> _Speaker | None:
        """`« … » – Jeanne Martin, Mairie de Rouen.`: a dash after the closing mark, then a person or
        an organization and at most a role or an organization to the end of the line."""
        if quoted.close_mark is None:
            return None
        dash = _DASH_AFTER.match(self.text, quoted.close_mark + 1)
        if not dash:
            return None
        line_end = self.text.find("\n", dash.end())
        line_end = min(len(self.text) if line_end == -1 else line_end, quoted.block.end)
        if dash.group().endswith("("):
            closing = self.text.find(")", dash.end(), line_end)
            if closing == -1:
                return None
            line_end = closing
        if person := self.person_at(dash.end()):
            rest_end = person.end + len(self.text[person.end:line_end].rstrip(" .;"))
            if rest_end == person.end or _is_byline(self, person.end, rest_end):
                return _Speaker(person.name, "person", dash.group().strip(" \t.,"), "quote.dash_byline.person")
        if organization := self.organization_at(dash.end()):
            if not self.text[organization.end:line_end].strip(" .;"):
                return _Speaker(self.canonical(organization), "organization", dash.group().strip(" \t.,"),
                                "quote.dash_byline.organization")
        return None

    def purpose(self, quoted: _Quoted) -> _Speaker | None:
        """`Jeanne Martin est venue pour souligner l'importance d'« … »`: the last person named
        before the infinitive in the sentence speaks."""
        if quoted.open_mark is None:
            return None
        ends = list(_SENTENCE_END.finditer(self.text, quoted.block.start, quoted.open_mark))
        start = ends[-1].end() if ends else quoted.block.start
        cue = self.patterns.purpose.search(self.folded, start, quoted.open_mark)
        if not cue or _is_title(self.text, quoted, self.patterns.title_determiner):
            return None
        person = next((p for p in reversed(self.people) if start <= p.start and p.end <= cue.start()), None)
        if person is None:
            return None
        return _Speaker(person.name, "person", self.text[cue.start():cue.end()].strip(), "quote.purpose.person")

    def next_sentence(self, quoted: _Quoted) -> _Speaker | None:
        """`« … ». La phrase est de Jeanne Martin.`, `« … » C'est ce qu'affirme Paul Girard.`"""
        if quoted.close_mark is None:
            return None
        gap = _NEXT_SENTENCE.match(self.text, quoted.close_mark + 1)
        at = gap.end() if gap else quoted.close_mark + 1
        if at >= quoted.block.end or at == quoted.close_mark + 1:
            return None
        cue = self.patterns.attribution.match(self.folded, at)
        if not cue:
            return None
        verb = self.patterns.elided_verb.match(self.folded, cue.end())
        named_at = verb.end() if verb else cue.end()
        if person := self.person_at(named_at) or self.person_by_surname(_SPACES.match(self.folded, named_at).end(),
                                                                         quoted.start):
            return _Speaker(person.name, "person", self.text[at:named_at].strip(), "quote.next_sentence.person")
        return None

    def writer_mentions(self, speaker: _Speaker, start: int, end: int) -> list[tuple[int, int]]:
        """Spans in `[start, end)` that name the speaker in the third person, by name or by the
        role written beside the name: the writer's voice, which a quotation does not cross."""
        if speaker.kind != "person":
            return []
        named = [p for p in self.people if p.name == speaker.name]
        spans = [(p.start, p.end) for p in named if start <= p.start and p.end <= end]
        roles = {fold_same_length(p.role) for p in named if p.role and len(p.role.split()) >= MIN_VOICE_ROLE_WORDS}
        for role in roles:
            pattern = re.compile(rf"(?<![\w']){re.escape(role)}(?![\w'])")
            spans += [(m.start(), m.end()) for m in pattern.finditer(self.folded, start, end)]
        return sorted(set(spans))

    def voice_bounds(self, quoted: _Quoted, speaker: _Speaker | None) -> tuple[int, int]:
        """A quotation with a lost mark, kept within the speaker's voice: it starts after the last
        sentence that names the speaker (opening mark lost) and ends before the first one (never closed)."""
        start, end = quoted.start, quoted.end
        if speaker is None or quoted.open_mark is not None and quoted.close_mark is not None:
            return start, end
        mentions = self.writer_mentions(speaker, start, end)
        if quoted.open_mark is None and mentions:
            sentence = _SENTENCE_END.search(self.text, mentions[-1][1], end)
            start = sentence.end() if sentence else start
        if quoted.close_mark is None and mentions:
            ends = list(_SENTENCE_END.finditer(self.text, start, mentions[0][0]))
            end = ends[-1].end() if ends else end
        return start, end


def _stands_alone(text: str, quoted: _Quoted) -> bool:
    """A quoted passage that is a line of its own."""
    if quoted.open_mark is None or quoted.close_mark is None:
        return False
    line_start = text.rfind("\n", 0, quoted.open_mark) + 1
    line_end = text.find("\n", quoted.close_mark)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:quoted.open_mark].strip() and not text[quoted.close_mark + 1:line_end].strip(" .")


def _may_be_spoken(block: Line) -> bool:
    """A paragraph that may be a pull quote: a few words, not a heading in capitals, a list item or an introduction."""
    text = block.text
    return len(text.split()) >= MIN_QUOTE_WORDS and not is_upper_text(text) and not text.endswith(":") \
        and not _BULLET.match(text)


def _is_finite_verb(token: Token) -> bool:
    """`présentera`, `a` (not `certifié`, `présenter`)."""
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm")


def _is_byline(finder: _Finder, start: int, end: int) -> bool:
    """Whether what follows a name on its line is a role alone: `, Ministre de la Transformation …`,
    not a sentence (`, directeur du lab, présentera le programme.`) nor a colon quote."""
    rest = finder.text[start:end]
    if not re.fullmatch(r",[^:;«»“”\"!?]+", rest) or len(rest.split()) > MAX_BYLINE_WORDS:
        return False
    span = finder.ctx.doc.char_span(start, end, alignment_mode="expand")
    # A verb inside a role is lowercase; the tagger may take a capitalised place (`Savoie`) for one.
    return span is not None and not any(_is_finite_verb(t) and t.text.islower() for t in span)


def _pull_quotes(finder: _Finder, marks: tuple[QuoteMarks, ...]) -> list[QuoteMention]:
    """A paragraph without quotation marks followed by a line `Name, Role` and nothing else."""
    text, blocks = finder.text, finder.ctx.paragraphs
    mark_chars = {c for mark in marks for c in (mark.open, mark.close)}
    quotes = []
    for quote, byline in zip(blocks, blocks[1:]):
        if "\n" in byline.text or not mark_chars.isdisjoint(quote.text):
            continue
        if not _may_be_spoken(quote):
            continue
        lead = _BYLINE_DASH.match(text, byline.start)
        person = next((p for p in finder.people if p.start == (lead.end() if lead else byline.start)), None)
        if person is None or any(p.name == person.name for p in finder.people if quote.start <= p.start < quote.end):
            continue
        if not _is_byline(finder, person.end, byline.end):
            continue
        start, end = strip_span(text, quote.start, quote.end, _TRIM)
        quotes.append(QuoteMention(start=start, end=end, text=text[start:end], rule="quote.pull.person",
                                   speaker=person.name, speaker_kind="person", cue="pull-quote"))
    return quotes


def _opens_sentence(text: str, quoted: _Quoted) -> bool:
    """Whether the opening mark of `quoted` starts a sentence or its paragraph: `… déclare X. « … »`."""
    if quoted.open_mark is None:
        return False
    before = text[quoted.block.start:quoted.open_mark].rstrip()
    return not before or before.endswith((".", "!", "?", "…", "»", "”", '"', ":"))


def _is_title(text: str, quoted: _Quoted, determiner: re.Pattern[str]) -> bool:
    """`le « Baromètre de l'innovation »`: a determiner before the mark, a capital after it."""
    if quoted.open_mark is None:
        return False
    before = fold_same_length(text[max(0, quoted.open_mark - 8):quoted.open_mark])
    return bool(determiner.search(before)) and text[quoted.start:quoted.end].lstrip()[:1].isupper()


def _closes_sentence(text: str, quoted: _Quoted) -> bool:
    """Whether the quotation ends its sentence (`… agents. »`, `… agents ».`), rather than being the
    subject of one (`« … » : tel est le mot d'ordre`, `« … » est le slogan`)."""
    if quoted.close_mark is None:
        return True
    after = text[quoted.close_mark + 1:quoted.block.end].lstrip(" \t")
    if not after or after[0] in ".!?…\n":
        return True
    return text[quoted.start:quoted.end].rstrip()[-1:] in (".", "!", "?", "…") and (after[0].isupper() or after[0] == "«")


def _continued(finder: _Finder, quoted: _Quoted, previous: QuoteMention | None,
               previous_block: Line | None, blocks: list[Line]) -> _Speaker | None:
    """`« … », déclare Jeanne Martin. « … »`: a quotation that opens a sentence right after a
    person's quotation, in its paragraph or the next one, with nobody else named between, goes on
    in that person's voice (a title inside a sentence, `le webinaire « … »`, does not)."""
    if previous is None or previous.speaker_kind != "person" or previous_block is None:
        return None
    if not _opens_sentence(finder.text, quoted) or not _closes_sentence(finder.text, quoted):
        return None
    index = blocks.index(previous_block)
    if quoted.block not in blocks[index:index + 2]:
        return None
    if any(previous.end < p.start < quoted.open_mark and p.name != previous.speaker for p in finder.people):
        return None
    return _Speaker(previous.speaker, "person", "none", "quote.continued.person")


def _spans_paragraphs(text: str, quoted: _Quoted, following: _Quoted | None, speaker: _Speaker | None,
                      blocks: list[Line]) -> _Speaker | None:
    """`« Nous ouvrirons trois labs.` | `« Et nous formerons les agents. », promet Marie Dupont.`: French
    opens each paragraph of a long quotation and closes only the last; a paragraph left open takes
    the speaker of the quotation that opens the next paragraph."""
    if quoted.close_mark is not None or following is None or speaker is None or speaker.kind != "person":
        return None
    index = blocks.index(quoted.block)
    if index + 1 >= len(blocks) or following.block != blocks[index + 1] or following.open_mark is None:
        return None
    if text[following.block.start:following.open_mark].strip(_TRIM):
        return None
    return _Speaker(speaker.name, "person", speaker.cue, "quote.over_paragraphs.person")


def extract_quotes(ctx: DocumentContext, people: list[PersonMention],
                   organizations: list[OrganizationMention]) -> list[QuoteMention]:
    """Every quotation with its speaker, its exact text and offsets, and the cue that attributes it."""
    finder, marks = _Finder(ctx, people, organizations), load_quote_lexicon().marks
    passages = _quoted_passages(ctx.text, ctx.paragraphs, marks)
    cued = [finder.cue_after(q) or finder.dash_byline(q) or finder.next_sentence(q) or finder.cue_before(q)
            or finder.purpose(q) for q in passages]
    quotes: list[QuoteMention] = []
    previous_block: Line | None = None
    for index, quoted in enumerate(passages):
        following = passages[index + 1] if index + 1 < len(passages) else None
        speaker = cued[index] \
            or _spans_paragraphs(ctx.text, quoted, following, cued[index + 1] if following else None, ctx.paragraphs) \
            or _continued(finder, quoted, quotes[-1] if quotes else None, previous_block, ctx.paragraphs)
        start, end = strip_span(ctx.text, *finder.voice_bounds(quoted, speaker), _TRIM)
        if start >= end or not _is_quotation(ctx.text[start:end], quoted, speaker, ctx.text):
            continue
        quotes.append(QuoteMention(
            start=start, end=end, text=ctx.text[start:end], rule=speaker.rule if speaker else "quote.standalone",
            speaker=speaker.name if speaker else None,
            speaker_kind=speaker.kind if speaker else None,
            cue=speaker.cue if speaker else "none"))
        previous_block = quoted.block
    return quotes + _pull_quotes(finder, marks)


def _is_quotation(quoted_text: str, quoted: _Quoted, speaker: _Speaker | None, text: str) -> bool:
    """A quotation, not a quoted name, title or slogan: long enough, or attributed right beside it."""
    if speaker is None:
        return _stands_alone(text, quoted) and len(quoted_text.split()) >= MIN_QUOTE_WORDS
    adjacent = speaker.rule.startswith(("quote.cue_after", "quote.colon", "quote.dash_byline", "quote.next_sentence"))
    # An embedded fragment (`pour souligner l'importance d'« … »`) is short but not a single word.
    if speaker.rule.startswith("quote.purpose"):
        return len(quoted_text.split()) >= MIN_FRAGMENT_WORDS
    return adjacent or len(quoted_text.split()) >= MIN_QUOTE_WORDS
