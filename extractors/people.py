"""People: a known given name followed by capitalised words, an address `prenom.nom@…`, an author.

A name whose given name the lexicon lacks is a person where its context says so: a surname in
capitals (`Ysaline KERBRAT`), a role after a comma (`Ysaline Kerbrat, cheffe de projet`), or an
affiliation in parentheses (`Ysaline Kerbrat (Ademe)`), or a list it shares with other people
(`Anne Roy et Ysaline Kerbrat`). A name after a street or venue word
(`rue du Général Marcel Ledoux`, `salle Jeanne Barret`) is a place, not a person.

A role is the one written at that place: the apposition after the name (`Thierry Lambert,
délégué interministériel à la transformation publique`) up to the finite verb, clause word or
punctuation that ends it, else a role title just before the name (`le délégué interministériel
Thierry Lambert`), else the heading of the press contacts the name is listed under. A contact
line (`Caroline MARCEL ORZECOWSKI – caroline.marcel-orzechowski@…`) names one person, spelled
as the address spells it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from extractors.context import DocumentContext
from extractors.known import (
    OrganizationRules, is_acronym, known_organizations, load_organization_rules, place_pattern)
from extractors.lexicons import Lexicons, fold
from extractors.names import NAME_PARTICLES, display_name, looks_like_person_name, name_from_email, respell
from extractors.textutils import Line, fold_same_length, is_upper_text, iter_lines
from schemas.extraction import PersonMention

if TYPE_CHECKING:  # resolution imports this module's rules without spaCy
    from spacy.tokens import Token

_UPPER = "A-ZÀ-ÖØ-Ý"
_WORD = rf"[{_UPPER}][\wÀ-ÿ'’-]*"
# Particles of other languages, perhaps of two words: `Joeri van den Broek`, `Katrin von der Linde`.
_FOREIGN = r"(?:(?:van|von)(?:[ \t]+(?:de|der|den|dem))?|ter|ten|del|della|dos|zu)[ \t]+"
_PARTICLE = rf"(?:{_FOREIGN}|(?:de|du|des|le|la|der|di|da|ben|el)[ \t]+|d['’])"
# A surname after a particle of another language: the particle tells a person's name.
_FOREIGN_SURNAME = re.compile(rf"({_FOREIGN})(.+)")
# A run of capitalised words on one line; names are looked for at every word of it.
_RUN = re.compile(rf"\b{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD})*")
_RUN_WORD = re.compile(rf"{_PARTICLE}?{_WORD}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(r"(?:\+33[ .]?|\b0)\d(?:[ .-]?\d\d){4}\b")
# An article never stands before a person's name: `la Marine Nationale` is no person.
_ARTICLES = frozenset({"le", "la", "les", "l'", "un", "une", "du", "des", "au", "aux"})
_PRECEDING_WORD = re.compile(r"([\w’']+)[ \t]*$")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
# A role ends at a finite verb or infinitive, a pronoun, a clause word, or punctuation.
_ROLE_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}
_ROLE_STOP_WORDS = {"pour", "afin", "qui", "lors", "avant", "après", "selon"}
# Words that cannot end a role: `… publiques et` before a verb.
_ROLE_TAIL_POS = {"ADP", "CCONJ", "DET"}
# A name of an unknown given name: two or three words, the surname perhaps in capitals (`KERBRAT`).
UNKNOWN_GIVEN_NAME_WORDS = (2, 3)
_TITLE_WORD = re.compile(r"[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+(?:-[A-ZÀ-ÖØ-Ý][a-zà-öø-ÿ]+)?")
_CAPS_WORD = re.compile(r"[A-ZÀ-ÖØ-Ý]{2,}(?:-[A-ZÀ-ÖØ-Ý]{2,})?")
# After a name: a comma, an opening parenthesis, a dash, or the end of the line.
_AFTER_NAME = re.compile(r"[ \t]*(?:,|\(|[–—-][ \t]|$)", re.MULTILINE)
_PARENTHESIS = re.compile(r"[ \t]*\(([^()\n]{2,120})\)")
_CAPITAL = re.compile(r"\b[A-ZÀ-ÖØ-Ý]")
# What parts the names of a list: `, ` or ` et ` (`Kelig Morvan, Anne Roy et Ysaline Kerbrat`).
_LIST_GAP = re.compile(r",[ \t]*(?:et[ \t]+)?|[ \t]+et[ \t]+")
_LIST_GAP_BEFORE = re.compile(r"(?:,[ \t]*(?:et[ \t]+)?|[ \t]+et[ \t]+)$")
MAX_LIST_GAP = 8
# The surname of an unknown given name is a proper noun to the tagger (`Kerbrat`, not `Design`).
_SURNAME_POS = frozenset({"PROPN"})
_GIVEN_NAME_POS = frozenset({"PROPN", "NOUN", "X"})
# The rule of a mention that is an e-mail address (`claire.bonnetier@…`).
EMAIL_RULE = "person.email"
AUTHOR_RULE = "person.author"
CONTEXT_RULE = "person.context"
MAX_NAME_WORDS = 5
MAX_ROLE_TOKENS = 20
# Characters read after a name's comma to recognise a role title (`, délégué interministériel`).
ROLE_LOOKAHEAD = 60
# A name in capitals with more than this many other words on its capitalised line is in a headline.
MAX_WORDS_BESIDE_NAME_IN_HEADLINE = 1
# Letters of a written name and of an address's local part this alike (rapidfuzz ratio) name one person.
EMAIL_NAME_RATIO = 85


def _candidate_at(words: list[re.Match[str]], first: int, lexicons: Lexicons) -> int:
    """How many words from `words[first]` make a person's name (the longest), or 0."""
    for size in range(min(len(words) - first, MAX_NAME_WORDS), 1, -1):
        last = words[first + size - 1].group()
        if fold(last) in NAME_PARTICLES:
            continue
        candidate = " ".join(w.group() for w in words[first:first + size])
        if looks_like_person_name(candidate, lexicons) and not _is_known_non_person(candidate, lexicons):
            return size
    return 0


def _is_known_non_person(candidate: str, lexicons: Lexicons) -> bool:
    """`France Services` starts with a given name but is an organization."""
    folded = fold(candidate)
    return folded in known_organizations(lexicons) or folded in lexicons.place_regions or \
        folded in lexicons.region_aliases


def _after_article(text: str, start: int) -> bool:
    """Whether an article stands just before `start`: `la Marine Nationale`, `du Pierre Angulaire`."""
    line_start = text.rfind("\n", 0, start) + 1
    before = _PRECEDING_WORD.search(text, line_start, start)
    return bool(before) and fold(before.group(1)).replace(" ", "'") in _ARTICLES


def _in_headline(text: str, start: int, end: int) -> bool:
    """A name in capitals inside a capitalised headline: `MARIE CURIE A L'HONNEUR DU MOIS`."""
    surface = text[start:end]
    if any(c.islower() for c in surface):
        return False
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line = text[line_start:len(text) if line_end == -1 else line_end]
    others = len(_LETTER_WORD.findall(line)) - len(_LETTER_WORD.findall(surface))
    return is_upper_text(line) and others > MAX_WORDS_BESIDE_NAME_IN_HEADLINE


@cache
def _place_before(rules: OrganizationRules) -> re.Pattern[str]:
    """A street or venue word ending folded text, with its complement and titles: `rue du general `,
    `salle `, `salle des fetes `, `centre de conferences `."""
    words = "|".join(re.escape(w) for w in sorted(rules.place_words, key=len, reverse=True))
    titles = "|".join(re.escape(w) for w in sorted(rules.street_titles, key=len, reverse=True))
    return re.compile(rf"(?:^|[^\w'-])(?:{words})(?:[ \t]+(?:de la|de l'|des|du|de|d')[ \t]*[a-z]+)?"
                      rf"(?:[ \t]+(?:du|de la|de l'|des|de|d'))?(?:[ \t]*(?:{titles})\b)*[ \t]*$")


def _after_place_word(text: str, start: int) -> bool:
    """Whether a street or venue word stands before `start`: `9 bd Anne Morel` is an address."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - ROLE_LOOKAHEAD)
    before = fold_same_length(text[line_start:start])
    return bool(_place_before(load_organization_rules()).search(before))


@cache
def _not_given_names(lexicons: Lexicons) -> frozenset[str]:
    """Capitalised words that start no person's name: role titles, event formats, organization heads."""
    words = {form.split()[0] for form in lexicons.role_forms}
    words |= {fold(form).split()[0] for form in lexicons.format_forms}
    words |= {fold(form).split()[0] for form, _ in lexicons.organization_heads}
    rules = load_organization_rules()
    return frozenset(words | rules.determiners | rules.not_proper | rules.date_words | rules.place_words
                     | {fold(w) for w in rules.not_proper} | rules.closing_words | rules.comment_openers)


@cache
def _titles_of_things(lexicons: Lexicons) -> frozenset[str]:
    """Words that open the title of an event or an organization: `Atelier`, `Webinaire`, `Lab`, `Ville`."""
    words = {fold(form).split()[0] for form in lexicons.format_forms}
    return frozenset(words | {fold(form).split()[0] for form, _ in lexicons.organization_heads})


def _defines_acronym(words: list[str], content: str) -> bool:
    """`Intelligence Artificielle (IA)`: the parenthesis spells the initials of the words before it."""
    if not is_acronym(content):
        return False
    letters = iter(content.upper())
    return all(any(c == w[0].upper() for c in letters) for w in words)


def _confirmed_by_context(ctx: DocumentContext, words: list[str], end: int, capitals: bool) -> bool:
    """What follows a name of an unknown given name: `, cheffe de projet`, `(Ademe)`, or, for a
    surname in capitals, a comma, a parenthesis, a dash or the end of the line. A place in
    parentheses (`Tour Lumière (Lyon)`) or an acronym of the words (`Design Public (DP)`) is none."""
    text = ctx.text
    if capitals and _AFTER_NAME.match(text, end):
        return True
    if text.startswith(",", end):
        after = fold(text[end + 1:end + 1 + ROLE_LOOKAHEAD]).lstrip()
        return bool(_role_title(ctx.lexicons).match(after))
    inside = _PARENTHESIS.match(text, end)
    if inside is None:
        return False
    content = inside.group(1).strip()
    if _defines_acronym(words, content) or place_pattern(ctx.lexicons).fullmatch(fold_same_length(content)):
        return False
    return bool(_CAPITAL.search(content) or _role_title(ctx.lexicons).match(fold(content)))


def _common_word(text: str, word: str) -> bool:
    """Whether `word` is also written in lower case in the text: `Design Public` but `un atelier de design`."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None


def _unknown_given_name(ctx: DocumentContext, words: list[re.Match[str]], offset: int) -> tuple[int, int, bool] | None:
    """A run of capitalised words that ends in what may be a name though its given name is unknown,
    and whether its context confirms it: `Ysaline KERBRAT, directrice`, `Avec Ysaline Kerbrat (Ademe)`."""
    stop = _not_given_names(ctx.lexicons)
    first = 0
    while first < len(words) and fold(words[first].group()) in stop:
        if fold(words[first].group()) in _titles_of_things(ctx.lexicons):
            return None  # `Atelier Sobriété Numérique (Ademe)`: the title of an event, not a name
        first += 1  # `Avec`, `Selon`: a capital that opens a line or a clause
    words = words[first:]
    if len(words) not in UNKNOWN_GIVEN_NAME_WORDS or any(fold(w.group()) in NAME_PARTICLES for w in words):
        return None
    given, surnames = words[0].group(), [w.group() for w in words[1:]]
    foreign = _FOREIGN_SURNAME.fullmatch(surnames[-1])
    if foreign and len(surnames) == 1:
        surnames = [foreign.group(2)]  # `Joeri van den Broek`: the particle confirms a person
    if not _TITLE_WORD.fullmatch(given) or not all(_TITLE_WORD.fullmatch(w) or _CAPS_WORD.fullmatch(w)
                                                  for w in surnames):
        return None
    start, end = offset + words[0].start(), offset + words[-1].end()
    candidate = ctx.text[start:end]
    known = known_organizations(ctx.lexicons)
    places = {**ctx.lexicons.place_regions, **ctx.lexicons.region_aliases}
    if (any(fold(w) in stop or fold(w) in known or w in known or fold(w) in places for w in [given, *surnames])
            or _is_known_non_person(candidate, ctx.lexicons) or _common_word(ctx.text, given)):
        return None
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not foreign and (span[0].pos_ not in _GIVEN_NAME_POS or span[-1].pos_ not in _SURNAME_POS):
        return None  # the tagger reads a foreign name poorly (`Pieter` as a verb): its particle is enough
    capitals = all(_CAPS_WORD.fullmatch(w) and not is_acronym(w) or len(w) > 4 and w.isupper() for w in surnames)
    return start, end, bool(foreign) or _confirmed_by_context(ctx, [given, *surnames], end, capitals)


def _listed_with(text: str, pending: list[tuple[int, int]],
                 people: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The possible names listed beside a person (`Kelig Morvan, Anne Roy et Ysaline Kerbrat`): a
    list of people holds people, so each joins the people, and the next one may join through it."""
    found, changed = [], True
    ends = {end for _, end, _ in people}
    starts = {start for start, _, _ in people}
    while changed:
        changed = False
        for start, end in pending:
            if (start, end) in found:
                continue
            before = _LIST_GAP_BEFORE.search(text, max(start - MAX_LIST_GAP, 0), start)
            after = _LIST_GAP.match(text, end)
            if before and before.start() in ends or after and after.end() in starts:
                found.append((start, end))
                ends.add(end)
                starts.add(start)
                changed = True
    return found


def find_person_names(ctx: DocumentContext) -> list[tuple[int, int, str]]:
    """Spans of person names written out, with the rule that found each."""
    spans: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int]] = []
    for run in _RUN.finditer(ctx.text):
        words = list(_RUN_WORD.finditer(run.group()))
        first, known_given_name = 0, False
        while first < len(words):
            size = _candidate_at(words, first, ctx.lexicons)
            start = run.start() + words[first].start()
            end = run.start() + words[first + size - 1].end() if size else start
            if size and not _after_article(ctx.text, start) and not _in_headline(ctx.text, start, end) \
                    and not _after_place_word(ctx.text, start):
                spans.append((start, end, "person.given_name"))
                first += size
                known_given_name = True
            else:
                first += 1
        if not known_given_name:
            found = _unknown_given_name(ctx, words, run.start())
            if found and not _after_article(ctx.text, found[0]) and not _in_headline(ctx.text, *found[:2]) \
                    and not _after_place_word(ctx.text, found[0]):
                if found[2]:
                    spans.append((found[0], found[1], CONTEXT_RULE))
                else:
                    pending.append(found[:2])
    spans += [(start, end, CONTEXT_RULE) for start, end in _listed_with(ctx.text, pending, spans)]
    return sorted(spans)


@cache
def _role_title(lexicons: Lexicons) -> re.Pattern[str]:
    """A role title at the start of folded text, as a whole word: `delegue interministeriel`, not `agenda`."""
    forms = sorted({fold(form) for form in lexicons.role_forms}, key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(f) for f in forms)})(?![\w'])")


def _role_tokens_end(token: Token) -> bool:
    """Whether `token` ends a role: a finite verb or infinitive (not a participle), a pronoun, a clause word."""
    if token.pos_ == "VERB" and "Part" in token.morph.get("VerbForm"):
        return False
    return token.pos_ in _ROLE_STOP_POS or token.lower_ in _ROLE_STOP_WORDS


def _role_after(ctx: DocumentContext, end: int) -> str | None:
    """The apposition after a name: `, adjoint de la cheffe de la mission innovation et coach certifié`."""
    if not ctx.text.startswith(",", end):
        return None
    following = ctx.doc.char_span(end, len(ctx.text), alignment_mode="expand")
    tokens = [t for t in following[:MAX_ROLE_TOKENS + 1] if t.idx > end] if following is not None else []
    if not tokens or not _role_title(ctx.lexicons).match(fold(ctx.text[tokens[0].idx:tokens[0].idx + ROLE_LOOKAHEAD])):
        return None
    kept: list[Token] = []
    for token in tokens[:MAX_ROLE_TOKENS]:
        if token.is_space or (token.is_punct and token.text not in "-'’"):
            break
        if kept and _role_tokens_end(token):
            break
        kept.append(token)
        if "\n" in token.whitespace_:
            break
    while kept and kept[-1].pos_ in _ROLE_TAIL_POS:
        kept.pop()
    if not kept:
        return None
    return ctx.text[kept[0].idx:kept[-1].idx + len(kept[-1].text)]


def _role_before(ctx: DocumentContext, start: int) -> str | None:
    """A role title just before the name, on its line: `le délégué interministériel Thierry Lambert`."""
    line_start = ctx.text.rfind("\n", 0, start) + 1
    before = ctx.text[line_start:start].rstrip()
    folded = fold_same_length(before)
    if not folded.endswith(ctx.lexicons.role_forms):
        return None  # no form ends the line: the loop below would find none (one C call for most names)
    for form in ctx.lexicons.role_forms:
        at = len(folded) - len(form)
        if folded.endswith(form) and (at == 0 or not folded[at - 1].isalnum()):
            return before[at:]
    return None


def _contact_blocks(ctx: DocumentContext) -> list[tuple[int, int, str]]:
    """Press contacts: from a heading `Contact Presse DITP :` over the lines giving addresses or phones."""
    markers = ctx.lexicons.documents["press_contact_markers"]
    blocks = ctx.paragraphs
    found = []
    for index, block in enumerate(blocks):
        heading = block.text.split("\n", 1)[0]
        if not fold(heading).startswith(markers):
            continue
        end = block.end
        for following in blocks[index + 1:]:
            if not (_EMAIL.search(following.text) or _PHONE.search(following.text)):
                break
            end = following.end
        found.append((block.start, end, heading.strip(" \t:")))
    return found


def _letters(text: str) -> str:
    """The plain letters of `text`: `Marcel-Orzechowski` → `marcelorzechowski`."""
    return re.sub(r"[^a-z]", "", fold(text))


def _same_person(written: str, local_part: str) -> bool:
    """Whether an address's local part names the person written: `caroline.marcel-orzechowski`, `jdupont`."""
    name, local = _letters(written), _letters(local_part)
    surname = _letters(written.split()[-1])
    initial_and_surname = len(surname) > 1 and local.endswith(surname) and local.startswith(name[:1])
    return bool(local) and (fuzz.ratio(name, local) >= EMAIL_NAME_RATIO or initial_and_surname)


def _line_of(lines: list[Line], at: int) -> Line:
    """The line that holds offset `at`."""
    return next(line for line in lines if line.start <= at <= line.end)


def extract_people(ctx: DocumentContext, authors: Sequence[str] = ()) -> list[PersonMention]:
    """Every person named in the document, with the role written at that place; `authors` from the metadata."""
    text, lines = ctx.text, iter_lines(ctx.text)
    contacts = _contact_blocks(ctx)

    def contact_role(at: int) -> str | None:
        return next((heading for start, end, heading in contacts if start <= at < end), None)

    people = [PersonMention(start=start, end=end, text=text[start:end], rule=rule,
                            name=display_name(text[start:end]), email=None,
                            role=_role_after(ctx, end) or _role_before(ctx, start) or contact_role(start))
              for start, end, rule in ctx.person_names]
    for match in _EMAIL.finditer(text):
        address, line = match.group(), _line_of(lines, match.start())
        local = address.split("@", 1)[0]
        written = next((p for p in people if p.rule != EMAIL_RULE and line.start <= p.start < line.end
                        and _same_person(p.name, local)), None)
        from_address = name_from_email(address, ctx.lexicons)
        if written is None and from_address is None:
            continue
        name = respell(written.text, from_address) if written and from_address else (
            written.name if written else from_address)
        if written:
            people[people.index(written)] = written.model_copy(update={"name": name, "email": address})
        people.append(PersonMention(start=match.start(), end=match.end(), text=address, rule=EMAIL_RULE,
                                    name=name, role=written.role if written else contact_role(match.start()),
                                    email=address))
    return _with_authors(ctx, sorted(people, key=lambda p: p.start), authors)


def _with_authors(ctx: DocumentContext, people: list[PersonMention], authors: Sequence[str]) -> list[PersonMention]:
    """The metadata's authors are people: their first mention is marked, or found in the text."""
    folded_text = ctx.folded
    for author in authors:
        mention = next((p for p in people if fold(p.name) == fold(author)), None)
        if mention is not None:
            people[people.index(mention)] = mention.model_copy(update={"rule": AUTHOR_RULE})
            continue
        at = folded_text.find(fold_same_length(author))
        if at != -1 and author:
            end = at + len(author)
            people.append(PersonMention(start=at, end=end, text=ctx.text[at:end], rule=AUTHOR_RULE,
                                        name=display_name(ctx.text[at:end]), role=None, email=None))
    return sorted(people, key=lambda p: p.start)
