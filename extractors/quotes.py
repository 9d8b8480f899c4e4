"""Quotations and who said them.

Patterns of French institutional writing, tried in this order for each quoted passage:
- a cue after the closing mark: `« … », déclare Amélie de Montchalin`, `"…", précise le
  communiqué de la DITP`, `"…", a fait remarquer le délégué interministériel`;
- a colon introduction: `Thierry Lambert, délégué … : « … »`;
- `selon X` or a reporting verb with X earlier in the same sentence (`a affirmé Thierry Lambert
  avant d'exhorter "à laisser…"`);
- a pull quote: a paragraph without quotation marks followed by a `Name, Role` line.
A closing `»` with a cue but no opening mark (the opening one lost in the source) quotes from
the start of its paragraph. Quoted passages with no speaker are kept only when they stand
alone as a paragraph: short quoted names, titles and slogans are not quotations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.context import DocumentContext
from extractors.lexicons import Lexicons, fold
from extractors.textutils import fold_same_length, paragraphs, strip_span
from schemas.extraction import PersonMention, QuoteMention

# Fewer words than this between quotation marks is a name, a title or a slogan.
MIN_QUOTE_WORDS = 6
# How far after a closing mark a cue may stand: `», déclare …`.
CUE_WINDOW = 90
_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'))


@dataclass(frozen=True)
class _Quoted:
    start: int  # of the quoted text, without its marks
    end: int
    open_mark: int | None
    close_mark: int


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: str
    cue: str


def _quoted_passages(text: str) -> list[_Quoted]:
    found = []
    for block in paragraphs(text):
        taken = []
        for opening, closing in _PAIRS:
            position = block.start
            while (open_at := text.find(opening, position, block.end)) != -1:
                close_at = text.find(closing, open_at + 1, block.end)
                if close_at == -1:
                    break
                if not any(a <= open_at < b for a, b in taken):
                    found.append(_Quoted(open_at + 1, close_at, open_at, close_at))
                    taken.append((open_at, close_at + 1))
                position = close_at + 1
        # A closing guillemet with no opening one: the quote runs from the paragraph start.
        for match in re.finditer("»", text[block.start:block.end]):
            close_at = block.start + match.start()
            if not any(a <= close_at < b for a, b in taken):
                found.append(_Quoted(block.start, close_at, None, close_at))
    return sorted(found, key=lambda q: q.start)


@cache
def _verb_pattern(lexicons: Lexicons) -> re.Pattern[str]:
    forms = sorted({fold_same_length(f) for f in lexicons.reporting_verbs}, key=len, reverse=True)
    return re.compile(r"(?<![\w'])(?P<verb>" + "|".join(re.escape(f) for f in forms) + r")(?![\w'])")


def _person_at(people: list[PersonMention], start: int, end: int) -> PersonMention | None:
    return next((p for p in people if start <= p.start < end), None)


def _speaker_after(ctx: DocumentContext, quoted: _Quoted, people: list[PersonMention],
                   organizations: dict[str, str]) -> _Speaker | None:
    """`», déclare Amélie de Montchalin` / `», précise le communiqué de la DITP`."""
    after = quoted.close_mark + 1
    window = fold_same_length(ctx.text[after:after + CUE_WINDOW])
    match = re.match(r"[\s,]*", window)
    verb = _verb_pattern(ctx.lexicons).match(window, match.end()) if match else None
    if not verb:
        return None
    subject_at = after + verb.end()
    return _subject(ctx, subject_at, verb["verb"], people, organizations)


def _subject(ctx: DocumentContext, at: int, cue: str, people: list[PersonMention],
             organizations: dict[str, str]) -> _Speaker | None:
    """The speaker named at `at`: a person, a role noun naming one, or an organization's document."""
    segment = ctx.text[at:at + CUE_WINDOW]
    person = _person_at(people, at, at + 3)
    if person:
        return _Speaker(person.name, "person", cue)
    folded = fold(segment)
    for noun in ctx.lexicons.document_speakers:
        if re.match(rf"\s*(?:le |la |l'|les )?{re.escape(fold(noun))}\b", folded):
            owner = _document_owner(ctx, at, noun, organizations)
            return _Speaker(owner, "organization", cue) if owner else None
    for role in ctx.lexicons.role_forms:
        if re.match(rf"\s*(?:le |la |l')?{re.escape(fold(role))}\b", folded):
            named = [p for p in people if p.role and fold(role) in fold(p.role) and p.start < at]
            if named:
                return _Speaker(named[-1].name, "person", cue)
    return None


def _document_owner(ctx: DocumentContext, at: int, noun: str, organizations: dict[str, str]) -> str | None:
    """Whose document speaks: `le communiqué de la DITP`; a bare `le communiqué` refers back to
    the last document of the same kind whose owner the text named."""
    named = re.compile(rf"{re.escape(fold(noun))} (?:de la |de l'|du |des |de |d')(?P<owner>[\w' -]{{2,80}})")
    folded = fold_same_length(ctx.text[: at + len(noun) + 60])
    owners = []
    for match in named.finditer(folded):
        owner = next((name for key, name in organizations.items() if match["owner"].startswith(key)), None)
        if owner:
            owners.append((match.start(), owner))
    after = [o for start, o in owners if start >= at]
    return after[0] if after else (owners[-1][1] if owners else None)


def _speaker_before(ctx: DocumentContext, quoted: _Quoted, people: list[PersonMention]) -> _Speaker | None:
    """`Thierry Lambert, délégué … : « …` or `selon Thierry Lambert : on est "…"`."""
    if quoted.open_mark is None:
        return None
    line_start = ctx.text.rfind("\n", 0, quoted.open_mark) + 1
    before = ctx.text[line_start:quoted.open_mark]
    if re.search(r":\s*$", before):
        person = next((p for p in people if line_start <= p.start < quoted.open_mark), None)
        if person and ctx.text[line_start:person.start].strip() in ("", "-"):
            return _Speaker(person.name, "person", ":")
    folded_before = fold_same_length(before)
    for preposition in ctx.lexicons.speech_prepositions:
        at = folded_before.rfind(fold(preposition) + " ")
        if at != -1:
            person = _person_at(people, line_start + at, quoted.open_mark)
            if person:
                return _Speaker(person.name, "person", preposition)
    verbs = list(_verb_pattern(ctx.lexicons).finditer(folded_before))
    sentence_start = max(before.rfind(". "), 0)
    for verb in reversed(verbs):
        if verb.start() < sentence_start:
            break
        person = _person_at(people, line_start + verb.end(), line_start + verb.end() + 3)
        if person:
            return _Speaker(person.name, "person", verb["verb"])
    return None


def _pull_quotes(ctx: DocumentContext, people: list[PersonMention]) -> list[QuoteMention]:
    """A paragraph without quotation marks followed by a line `Name, Role`."""
    blocks = paragraphs(ctx.text)
    quotes = []
    for quote, byline in zip(blocks, blocks[1:]):
        person = _person_at(people, byline.start, byline.start + 1)
        if not person or "\n" in byline.text or any(m in quote.text for m in "«»\""):
            continue
        if ctx.text[person.end:person.end + 1] != "," or len(quote.text.split()) < MIN_QUOTE_WORDS:
            continue
        quotes.append(QuoteMention(start=quote.start, end=quote.end, text=quote.text, rule="quote.pull",
                                   speaker=person.name, speaker_kind="person", cue="pull-quote"))
    return quotes


def extract_quotes(ctx: DocumentContext, people: list[PersonMention],
                   organizations: dict[str, str]) -> list[QuoteMention]:
    """Every quotation with its speaker; `organizations` maps folded names/acronyms to names."""
    quotes = []
    for quoted in _quoted_passages(ctx.text):
        start, end = strip_span(ctx.text, quoted.start, quoted.end, " \t\n*")
        if start >= end or len(ctx.text[start:end].split()) < MIN_QUOTE_WORDS and quoted.open_mark is not None:
            continue
        speaker = _speaker_after(ctx, quoted, people, organizations) or _speaker_before(ctx, quoted, people)
        if speaker is None and quoted.open_mark is None:
            continue
        if speaker is None and not _stands_alone(ctx.text, quoted):
            continue
        quotes.append(QuoteMention(
            start=start, end=end, text=ctx.text[start:end],
            rule="quote.attributed" if speaker else "quote.standalone",
            speaker=speaker.name if speaker else None,
            speaker_kind=speaker.kind if speaker else None,  # type: ignore[arg-type]
            cue=speaker.cue if speaker else "none"))
    return quotes + _pull_quotes(ctx, people)


def _stands_alone(text: str, quoted: _Quoted) -> bool:
    """A quoted passage that is a line of its own."""
    open_at = quoted.open_mark if quoted.open_mark is not None else quoted.start
    line_start = text.rfind("\n", 0, open_at) + 1
    line_end = text.find("\n", quoted.close_mark)
    line_end = len(text) if line_end == -1 else line_end
    return not text[line_start:open_at].strip() and not text[quoted.close_mark + 1:line_end].strip(" .")
