"""Numbers of events: `près de 300 événements`, `une centaine d'événements`, `57 événements`."""

from __future__ import annotations

import re
from functools import cache

from extractors.context import DocumentContext
from extractors.editions import sentence_year
from extractors.lexicons import Lexicons
from extractors.sentences import Sentence
from extractors.textutils import fold_same_length, grouped_alternation
from schemas.extraction import EventCountMention, ThemeMention

# A qualifier may be preceded by `déjà` or `encore`, which say when, not how many.
_TIME_ADVERBS = ("deja ", "encore ")
# What is counted, when the text says so right after the noun: `150 événements déjà référencés`.
_SCOPE_AFTER = re.compile(
    r"\s+(?:sont |ont ete |seront |etaient )?(?:deja |encore )?"
    r"(?P<scope>references|programmes|attendus|prevus|inscrits|labellises|proposes par [^,.;]{3,60})")


@cache
def _organizer_verb(lexicons: Lexicons) -> re.Pattern[str]:
    """`a organisé `, `ont proposé ` right before a count, in folded text."""
    verbs = _alternation(lexicons.editions["organizer_verbs"])
    return re.compile(rf"\s(?:a|ont|avait|avaient)\s+(?P<verb>{verbs})e?s?\s+(?:au total\s+|en tout\s+)?$")


# `la DGFiP`, `la DINUM et l'ANCT`, `Pôle emploi`: the run of capitalised words before the verb.
_BODY_BEFORE = re.compile(r"(?P<body>[A-ZÀ-Ý][\w'’-]*(?:(?:\s+(?:de la|de l['’]|du|des|de|d['’]|et|et la|et l['’]|et le)"
                          r"\s*|\s+)[A-ZÀ-Ý][\w'’-]*)*)\s*$")


def _organizer(sentence: Sentence, number_start: int, lexicons: Lexicons) -> tuple[str, str] | None:
    """The body and the participle of `la DGFiP a organisé` right before a count at `number_start`."""
    verb = _organizer_verb(lexicons).search(sentence.folded, 0, number_start)
    if not verb:
        return None
    body = _BODY_BEFORE.search(sentence.text, 0, verb.start())
    if not body:
        return None
    # `La DITP a organisé`: a capital that opens the sentence is no part of the body's name.
    name = re.sub(r"^(?:La|Le|Les|L['’])\s*", "", body["body"])
    return name, sentence.text[verb.start("verb"):verb.end()].split()[0].rstrip("sS")


def _alternation(words: list[str]) -> str:
    """A grouped regex alternation of `words`, longest first."""
    return grouped_alternation([re.escape(w) for w in sorted(words, key=len, reverse=True)])


@cache
def _patterns(lexicons: Lexicons) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The exact and the rounded counts, and the nouns that both end with."""
    qualifiers = _alternation([fold_same_length(q) for q in lexicons.count_qualifiers])
    nouns = _alternation([*lexicons.editions["count_nouns"], *lexicons.editions["format_count_nouns"]])
    # `un événement` is an article, not a count.
    words = _alternation([w for w, n in lexicons.cardinals.items() if n > 1])
    approx = _alternation(list(lexicons.approximate_nouns))
    exact = re.compile(
        rf"(?:(?P<qualifier>{qualifiers})\s+)?(?:(?P<number>\d{{1,3}}(?:[ .]\d{{3}})+|\d+)|(?P<word>{words}))"
        rf"\s+(?:(?:nouveaux|autres|grands)\s+)?(?P<noun>{nouns})\b")
    # `une centaine d'événements`, `près d'un millier d'ateliers`; not `des centaines d'événements`,
    # which gives no figure.
    rounded = re.compile(
        rf"(?:(?P<qualifier>{qualifiers})(?:\s+|(?<=')))?(?<![\w-])(?P<article>une|un)\s+(?P<approx>{approx})"
        rf"\s+(?:d'|de\s+)"
        rf"(?P<noun>{nouns})\b")
    return exact, rounded, re.compile(nouns)


def _qualifier(sentence: Sentence, match: re.Match[str]) -> str | None:
    """`déjà près de` → `près de`: the qualifier as written, without its adverb of time."""
    if match["qualifier"] is None:
        return None
    start, end = match.span("qualifier")
    for adverb in _TIME_ADVERBS:
        if match["qualifier"].startswith(adverb):
            start += len(adverb)
    return sentence.text[start:end].lower()


def _value(match: re.Match[str], lexicons: Lexicons) -> int:
    """`1 200` → 1200, `douze` → 12."""
    if match["number"]:
        return int(re.sub(r"\D", "", match["number"]))
    return lexicons.cardinals[match["word"]]


def extract_event_counts(ctx: DocumentContext, sentences: list[Sentence],
                         topics: list[ThemeMention]) -> list[EventCountMention]:
    """Every stated number of events, with its qualifier, its edition year and its scope."""
    exact, rounded, nouns = _patterns(ctx.lexicons)
    counts = []
    for sentence in sentences:
        if not nouns.search(sentence.folded):
            continue  # both patterns end with a noun: without one the sentence states no count
        year = sentence_year(sentence, ctx)
        if year is None:
            continue
        matches = [(m, _value(m, ctx.lexicons), _qualifier(sentence, m), "count.exact")
                   for m in exact.finditer(sentence.folded)]
        for m in rounded.finditer(sentence.folded):
            # `une centaine d'événements`: the round noun is the qualifier.
            approx = sentence.text[m.start("article"):m.end("approx")].lower()
            matches.append((m, ctx.lexicons.approximate_nouns[m["approx"]], _qualifier(sentence, m) or approx,
                            "count.rounded"))
        for match, value, qualifier, rule in matches:
            if match["noun"] in ctx.lexicons.editions["format_count_nouns"] \
                    and value < ctx.lexicons.editions["min_format_count"]:
                continue
            start, end = sentence.start + match.start(), sentence.start + match.end()
            counts.append(EventCountMention(
                start=start, end=end, text=ctx.text[start:end], rule=rule,
                edition_year=year, value=value, qualifier=qualifier,
                scope=_scope(sentence, match, topics, ctx.lexicons)))
    return counts


def _scope(sentence: Sentence, match: re.Match[str], topics: list[ThemeMention], lexicons: Lexicons) -> str | None:
    """A topic named in the same sentence before the number, a habitual figure (`Tous les ans, … plus
    de 300 événements` → `Tous les ans`), the body that organized them
    (`la DGFiP a organisé quinze événements` → `événements organisés par DGFiP`), a participle right
    after the number, or the one format counted (`une cinquantaine d'ateliers` → `ateliers`)."""
    before = [t for t in topics if sentence.start <= t.start < sentence.start + match.start()]
    if before:
        return before[-1].label
    noun = sentence.text[match.start("noun"):match.end("noun")]
    before_number = sentence.folded[:match.start()]
    habitual = next((cue for cue in lexicons.editions["habitual_cues"] if cue in before_number), None)
    if habitual:
        at = before_number.index(habitual)
        return sentence.text[at:at + len(habitual)]
    if organizer := _organizer(sentence, match.start(), lexicons):
        body, participle = organizer
        return f"{noun} {participle}s par {body}"
    after = _SCOPE_AFTER.match(sentence.folded, match.end())
    if after:
        return sentence.text[after.start("scope"):after.end("scope")]
    return noun if match["noun"] in lexicons.editions["format_count_nouns"] else None
