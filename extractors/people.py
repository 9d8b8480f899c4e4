"""People: a known given name followed by capitalised words, or an address `prenom.nom@…`.

A role is read from the apposition that follows the name (`Thierry Lambert, délégué
interministériel à la transformation publique`), up to the verb or punctuation that ends it.
"""

from __future__ import annotations

import re

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from extractors.names import NAME_PARTICLES, display_name, looks_like_person_name, name_from_email
from schemas.extraction import PersonMention

_UPPER = "A-ZÀ-ÖØ-Ý"
_WORD = rf"[{_UPPER}][\wÀ-ÿ'’-]*"
_PARTICLE = r"(?:(?:de|du|des|le|la|van|von|der|di|da|ben|el)[ \t]+|d['’])"
_CANDIDATE = re.compile(rf"\b{_WORD}(?:[ \t]+{_PARTICLE}?{_WORD}){{1,3}}")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# A role ends at a verb, a conjunction that opens a new clause, or punctuation.
_ROLE_STOP_POS = {"VERB", "AUX", "PRON", "SCONJ"}
_ROLE_STOP_WORDS = {"pour", "afin", "qui", "lors", "avant", "après", "selon"}
MAX_ROLE_TOKENS = 20


def _trim_candidate(text: str, lexicons: Lexicons) -> str | None:
    """The longest prefix of a capitalised run that looks like a person's name."""
    words = text.split()
    for size in range(min(len(words), 5), 1, -1):
        candidate = " ".join(words[:size])
        if fold(words[size - 1]) in NAME_PARTICLES:
            continue
        if looks_like_person_name(candidate, lexicons) and not _is_known_non_person(candidate, lexicons):
            return candidate
    return None


def _is_known_non_person(candidate: str, lexicons: Lexicons) -> bool:
    """`France Services` starts with a given name but is an organization."""
    folded = fold(candidate)
    return folded in known_organizations(lexicons) or folded in lexicons.place_regions or \
        folded in lexicons.region_aliases


def _role_after(ctx: DocumentContext, end: int) -> str | None:
    """The apposition after a name: `, délégué interministériel à la transformation publique`."""
    rest = ctx.text[end:end + 3]
    if not rest.startswith(","):
        return None
    tokens = [t for t in ctx.doc if t.idx > end]
    if not tokens or not any(fold(ctx.text[tokens[0].idx:tokens[0].idx + 40]).startswith(f)
                             for f in ctx.lexicons.role_forms):
        return None
    kept = []
    for token in tokens[:MAX_ROLE_TOKENS]:
        if token.is_space or (token.is_punct and token.text not in "-'’"):
            break
        if kept and (token.pos_ in _ROLE_STOP_POS or token.lower_ in _ROLE_STOP_WORDS):
            break
        kept.append(token)
        if "\n" in token.whitespace_:
            break
    if not kept:
        return None
    return ctx.text[kept[0].idx:kept[-1].idx + len(kept[-1].text)]


def extract_people(ctx: DocumentContext) -> list[PersonMention]:
    """Every person named in the document, with the role written beside the name."""
    people = []
    for match in _CANDIDATE.finditer(ctx.text):
        surface = _trim_candidate(match.group(), ctx.lexicons)
        if surface is None:
            continue
        start, end = match.start(), match.start() + len(surface)
        people.append(PersonMention(start=start, end=end, text=surface, rule="person.given_name",
                                    name=display_name(surface), role=_role_after(ctx, end), email=None))
    for match in _EMAIL.finditer(ctx.text):
        name = name_from_email(match.group())
        if name:
            people.append(PersonMention(start=match.start(), end=match.end(), text=match.group(),
                                        rule="person.email", name=name, role=None, email=match.group()))
    return people
