"""Organizations: known administrations, `Name (ACRONYM)` definitions, and noun phrases that
start with an organization's head word (`Conseil régional des Pays de la Loire`,
`Lab Pôle emploi Paca`), extended over spaCy's part-of-speech tags."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from spacy.tokens import Doc, Token

from extractors.context import DocumentContext
from extractors.known import known_organizations
from extractors.lexicons import Lexicons
from extractors.textutils import fold_same_length
from schemas.extraction import OrganizationMention

_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z]{1,9})\)")
_CONTINUING_POS = {"NOUN", "PROPN", "ADJ", "NUM"}
_LINKING = {"de", "du", "des", "d'", "la", "l'", "le", "les", "et", "pour", "sur", "en"}
# Words that close a name even when tagged as nouns or adjectives.
_CLOSING_WORDS = {"depuis", "dans", "avec", "lors", "chaque", "qui", "que"}
MAX_NAME_TOKENS = 14


@cache
def _head_pattern(lexicons: Lexicons) -> re.Pattern[str]:
    forms = sorted((form for form, _ in lexicons.organization_heads), key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w])")


def _alternation(words: set[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _known_patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Known names (matched on folded text) and acronyms (matched as written, in capitals)."""
    names = {fold_same_length(n) for n in known_organizations(lexicons) if len(n) > 3 and not n.isupper()}
    acronyms = {o.acronym for o in lexicons.organizations if o.acronym}
    return (re.compile(rf"(?<![\w'])(?:{_alternation(names)})(?![\w])"),
            re.compile(rf"\b(?:{_alternation(acronyms)})\b"))


def _token_at(doc: Doc, offset: int) -> int:
    starts = [t.idx for t in doc]
    return max(bisect_left(starts, offset + 1) - 1, 0)


def _extend(doc: Doc, first: int) -> int:
    """Index past the last token of a name that starts at token `first`."""
    end = first + 1
    index = first + 1
    while index < len(doc) and index - first < MAX_NAME_TOKENS:
        token: Token = doc[index]
        if "\n\n" in doc[index - 1].whitespace_ + token.text or token.lower_ in _CLOSING_WORDS:
            break
        if token.pos_ in _CONTINUING_POS or token.text in {"-", "'"} or token.text[:1].isupper() and token.is_alpha:
            end = index + 1
        elif token.lower_ not in _LINKING:
            break
        index += 1
    return end


def _kind_of(folded_name: str, lexicons: Lexicons) -> str | None:
    return next((kind for form, kind in lexicons.organization_heads if folded_name.startswith(form)), None)


def extract_organizations(ctx: DocumentContext) -> list[OrganizationMention]:
    """Every organization named in the document, with acronym and kind where known."""
    text, lexicons = ctx.text, ctx.lexicons
    folded = fold_same_length(text)
    found: dict[tuple[int, int], OrganizationMention] = {}
    by_name, by_acronym = _known_patterns(lexicons)
    for match in [*by_name.finditer(folded), *by_acronym.finditer(text)]:
        known = known_organizations(lexicons).get(match.group())
        if known is None:
            continue
        found[match.span()] = OrganizationMention(
            start=match.start(), end=match.end(), text=text[match.start():match.end()], rule="organization.known",
            name=text[match.start():match.end()], acronym=known.acronym, kind=known.kind)
    for match in _head_pattern(lexicons).finditer(folded):
        first = _token_at(ctx.doc, match.start())
        last = _extend(ctx.doc, first)
        start, end = ctx.doc[first].idx, ctx.doc[last - 1].idx + len(ctx.doc[last - 1].text)
        if last - first < 2 or any(s <= start and end <= e for s, e in found):
            continue
        acronym = _ACRONYM.match(text, end + 1) if text[end:end + 1] == " " else None
        found[(start, end)] = OrganizationMention(
            start=start, end=end, text=text[start:end], rule="organization.head",
            name=text[start:end], acronym=acronym["acronym"] if acronym and acronym["acronym"].isupper() else None,
            kind=_kind_of(folded[start:end], lexicons))
    return sorted(found.values(), key=lambda m: m.start)
