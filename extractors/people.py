"""People: a known given name followed by capitalised words, an address `prenom.nom@…`, an author.

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

from rapidfuzz import fuzz
from spacy.tokens import Token

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.names import NAME_PARTICLES, display_name, looks_like_person_name, name_from_email, respell
from extractors.textutils import Line, fold_same_length, is_upper_text, iter_lines
from schemas.extraction import PersonMention

_UPPER = "A-ZÀ-ÖØ-Ý"
_WORD = rf"[{_UPPER}][\wÀ-ÿ'’-]*"
_PARTICLE = r"(?:(?:de|du|des|le|la|van|von|der|di|da|ben|el)[ \t]+|d['’])"
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
# The rule of a mention that is an e-mail address (`claire.bonnetier@…`).
EMAIL_RULE = "person.email"
AUTHOR_RULE = "person.author"
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


def _names(ctx: DocumentContext) -> list[tuple[int, int]]:
    """Spans of person names written out."""
    spans = []
    for run in _RUN.finditer(ctx.text):
        words = list(_RUN_WORD.finditer(run.group()))
        first = 0
        while first < len(words):
            size = _candidate_at(words, first, ctx.lexicons)
            start = run.start() + words[first].start()
            end = run.start() + words[first + size - 1].end() if size else start
            if size and not _after_article(ctx.text, start) and not _in_headline(ctx.text, start, end):
                spans.append((start, end))
                first += size
            else:
                first += 1
    return spans


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

    people = [PersonMention(start=start, end=end, text=text[start:end], rule="person.given_name",
                            name=display_name(text[start:end]), email=None,
                            role=_role_after(ctx, end) or _role_before(ctx, start) or contact_role(start))
              for start, end in _names(ctx)]
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
