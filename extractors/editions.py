"""Editions of the Mois de l'innovation publique as a document speaks of them.

A sentence speaks of an edition when it names the programme (`le Mois de l'innovation
publique`) or an edition of it (`la neuvième édition`, `10e édition`). Its year is the one the
sentence states, the year before for `l'an dernier`, else the document's own edition year.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from extractors.context import DocumentContext
from extractors.lexicons import Lexicons
from extractors.sentences import Sentence
from extractors.textutils import compiled
from schemas.extraction import EditionMention, Finding

# An edition spans weeks: a range shorter than this is an event, not the edition.
MIN_EDITION_DAYS = 10
_EDITION_YEAR = re.compile(r"(?:innovation publique|edition)\s+(?P<year>20\d\d)\b")
_NUMERIC_ORDINAL = re.compile(r"\b(?P<number>\d{1,2})\s?(?:e|eme|er|ere|re)\s+edition\b")
# `la première édition des rencontres …` is another event's edition: `édition` + `de …` must
# name the programme to count.
_EDITION_OF = re.compile(r"\s*(?:de la |de l'|du |des |de |d')")


def _names_programme(folded: str, lexicons: Lexicons) -> bool:
    return any(name in folded for name in lexicons.editions["programme_names"])


def _programme_edition(folded: str, edition_end: int, lexicons: Lexicons) -> bool:
    """Whether `édition` ending at `edition_end` is an edition of the programme."""
    following = _EDITION_OF.match(folded, edition_end)
    if not following:
        return True
    rest = folded[following.start():following.start() + 60]
    return _names_programme(rest, lexicons)


@cache
def _ordinal_edition(lexicons: Lexicons) -> re.Pattern[str]:
    """`neuvieme edition`: an ordinal word before `edition`."""
    ordinals = sorted(lexicons.ordinals, key=len, reverse=True)  # `vingt et unieme` before `unieme`
    return re.compile(rf"\b(?P<word>{'|'.join(map(re.escape, ordinals))})\s+edition\b")


def _stated_number(folded: str, lexicons: Lexicons) -> tuple[int, int, int] | None:
    """`neuvieme edition`, `10e edition` → (number, start, end) in `folded`."""
    if "edition" not in folded:
        return None
    candidates = [(int(m["number"]), m) for m in _NUMERIC_ORDINAL.finditer(folded)]
    candidates += [(lexicons.ordinals[m["word"]], m) for m in _ordinal_edition(lexicons).finditer(folded)]
    for number, match in sorted(candidates, key=lambda c: c[1].start()):
        if _programme_edition(folded, match.end(), lexicons):
            return number, match.start(), match.end()
    return None


def stated_number(sentence: Sentence, lexicons: Lexicons) -> tuple[int, int, int] | None:
    """`neuvième édition`, `10e édition` → (number, start, end) in document offsets."""
    stated = _stated_number(sentence.folded, lexicons)
    if stated is None:
        return None
    number, start, end = stated
    return number, sentence.start + start, sentence.start + end


def speaks_of_edition(sentence: Sentence, lexicons: Lexicons) -> bool:
    """Whether the sentence names the programme or one of its editions."""
    return _speaks_of_edition(sentence.folded, lexicons)


# Edition themes, then editions, ask it of every sentence of a document: the second time is a lookup.
@lru_cache(maxsize=1024)
def _speaks_of_edition(folded: str, lexicons: Lexicons) -> bool:
    """`speaks_of_edition` of the sentence folded as `folded`."""
    return (_names_programme(folded, lexicons)
            or any(compiled(p).search(folded) for p in lexicons.editions["edition_references"])
            or _stated_number(folded, lexicons) is not None)


def sentence_year(sentence: Sentence, ctx: DocumentContext) -> int | None:
    """The edition year a sentence speaks of; see the module docstring."""
    stated = {int(m["year"]) for m in _EDITION_YEAR.finditer(sentence.folded)}
    stated |= {d.starts_on.year for d in sentence.dates if d.kind == "range" and d.starts_on}
    if len(stated) == 1:
        return stated.pop()
    if ctx.edition_year is None:
        return None
    cues = ctx.lexicons.editions
    if any(cue in sentence.folded for cue in cues["previous_year_cues"]):
        return ctx.edition_year - 1
    if any(cue in sentence.folded for cue in cues["next_year_cues"]):
        return ctx.edition_year + 1
    return ctx.edition_year


def edition_range(sentence: Sentence) -> tuple | None:
    """The first date range of the sentence long enough to be an edition's."""
    for value in sentence.dates:
        if value.kind == "range" and value.starts_on and value.ends_on:
            if (value.ends_on - value.starts_on).days >= MIN_EDITION_DAYS:
                return value.starts_on, value.ends_on
    return None


def extract_editions(ctx: DocumentContext, sentences: list[Sentence],
                     themes_by_sentence: dict[int, list[str]], counted: set[int]) -> list[EditionMention]:
    """One mention per sentence that speaks of an edition, or states its dates with a count.

    `themes_by_sentence` maps a sentence's start to the edition themes stated in it;
    `counted` holds the starts of sentences that state a number of events.
    """
    mentions = []
    for sentence in sentences:
        names_it = speaks_of_edition(sentence, ctx.lexicons)
        dates = edition_range(sentence)
        if not names_it and not (dates and sentence.start in counted):
            continue
        year = sentence_year(sentence, ctx)
        if year is None:
            continue
        number = stated_number(sentence, ctx.lexicons)
        mentions.append(EditionMention(
            start=sentence.start, end=sentence.end, text=sentence.text,
            rule="edition.named" if names_it else "edition.dated_count",
            year=year, number=number[0] if number else None,
            starts_on=dates[0] if dates else None, ends_on=dates[1] if dates else None,
            themes=themes_by_sentence.get(sentence.start, []),
        ))
    return mentions


def extract_founding_years(sentences: list[Sentence], lexicons: Lexicons) -> list[Finding]:
    """`Depuis 2014, la DITP fédère un programme d'évènements au mois de novembre` → 2014."""
    found = []
    for sentence in sentences:
        if not any(cue in sentence.folded for cue in lexicons.editions["founding_context"]):
            continue
        for rule in lexicons.editions["founding_patterns"]:
            for match in compiled(rule["pattern"]).finditer(sentence.folded):
                start, end = sentence.start + match.start("year"), sentence.start + match.end("year")
                found.append(Finding(start=start, end=end, text=match["year"], rule=rule["id"]))
    return found

