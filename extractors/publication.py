"""Publication dates written in a document's head: `Publié le 14/11/2019`, `Paris, le 18 novembre 2020`,
`Mise à jour : 2 décembre 2021`, `Le 9 novembre 2023` alone on a line, `03.12.19`."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from extractors.dates import extract_dates, load_lexicon
from extractors.lexicons import Lexicons, fold
from extractors.names import looks_like_person_name
from extractors.page_head import MAX_BYLINE_WORDS, HeadLine, document_words, furniture_lexicon, is_furniture
from extractors.textutils import CLOCK_TIME, fold_same_length
from innovpub.errors import InvalidLexicon

DateRole = Literal["published", "updated", "bare"]

# A full day has a year, so two digits in a row at least.
_TWO_DIGITS = re.compile(r"\d\d")
# A numeric day the date grammar leaves alone: a two-digit year (`03.12.19`, `14/11/19`), dashes (`14-11-2019`).
_NUMERIC_DAY = re.compile(r"(?<![\w.,/-])(\d{1,2})([./-])(\d{1,2})\2(\d\d|(?:19|20)\d\d)(?!\d|[.,/-]\d)")
# An English month is also written with its first three letters: `Nov 12, 2019`.
ENGLISH_ABBREVIATION = 3
# Two-digit years belong to this century: the corpus runs from 2014.
_CENTURY = 2000
# Between the parts of a date line: `Publié le 3 mai 2021 | Mis à jour le 4 mai 2021`,
# `14 novembre 2019 / Claire Martin / 2 commentaires`.
_PARTS = re.compile(r"\s[/|•·–—-]\s|\s*\|\s*")
# A time after the date: `à 11h41`, `- 14:30`, `11 h`.
_TIME = re.compile(rf"(?:a\s+)?{CLOCK_TIME}\b")
# The hours of an event, which a page's date never has: `9h - 12h30`, `14:00 à 17:00`.
_HOURS = re.compile(rf"{CLOCK_TIME}\s*(?:-|–|a|au)\s*\d{{1,2}}\s*[h:]")
# `Actualité publiée le`: a few words before the date, ending with a publication phrase.
MAX_PREFIX_WORDS = 5
MIN_SUFFIX_CHARS = 5
# Characters a line may hold beside its date and still be a date alone: `Le ` before it.
DATE_ONLY_SLACK = 3
# What follows a publication phrase that opens a stamp: `Publié le`, `Mis à jour :`, `Publié 12/11/2019`.
_STAMP_LINK = re.compile(r"\s*(?:le\b|:|(?=\d))")
# … and its date's first figure comes a few characters later: `Publié le 12`, `Posted on November 12`.
_STAMP_FIGURE = re.compile(r"[^\d]{0,15}\d")
# A stamp is a short line: `Publié le 12 novembre 2019 à 10h30 par Claire Martin | 3 commentaires`.
MAX_STAMP_WORDS = 14
# What ends an author's name before the date: `Claire Martin, le`, `Claire Martin -`.
_BEFORE_DATE = re.compile(r"[\s,|•/–—-]*(?:\ble\b)?[\s,|•/–—-]*$")
# A place before `, le` in a dateline: `Paris, le`, `Saint-Étienne, le`, `Le Havre, le`.
_DATELINE = re.compile(r"(?P<place>[A-ZÀ-Ý][\w'’-]*(?:\s+[\w'’-]+){0,2}),\s*(?:le)?")


@dataclass(frozen=True)
class DateLine:
    """A date of a head line, what its prefix makes of it, the text before it (`lead`) and after it (`rest`)."""

    line: HeadLine
    on: date
    role: DateRole
    lead: str
    rest: str
    weekday: bool


def _prefix_set(lexicons: Lexicons, key: str) -> frozenset[str]:
    """The prefixes of `documents.yaml`'s list `key`, folded, without a trailing `le`."""
    return frozenset(_trim(fold(prefix)) for prefix in document_words(lexicons, key))


@functools.lru_cache(maxsize=8)
def _prefixes(lexicons: Lexicons) -> tuple[frozenset[str], frozenset[str]]:
    """The publication and the update prefixes."""
    return _prefix_set(lexicons, "publication_prefixes"), _prefix_set(lexicons, "update_markers")


def _trim(folded: str) -> str:
    """`publie le` → `publie`, `mise a jour :` → `mise a jour`; a lone `le` stays."""
    folded = folded.strip(" ,:;-–—|•·(*_")
    return folded[:-3].rstrip(" ,:") if folded.endswith(" le") else folded


def _days(text: str, lexicons: Lexicons) -> list[tuple[int, int, date]]:
    """Each full day of `text` (with its year) as (start, end, date), in order."""
    if not _TWO_DIGITS.search(text):
        return []  # no year: most lines of a head, read without running the date grammar
    found = [(v.start, v.end, v.starts_on) for v in extract_dates(text, None) if v.kind == "day" and v.starts_on]
    for match in _NUMERIC_DAY.finditer(text):
        year = int(match.group(4))
        _add_day(found, match, year if year > _CENTURY else _CENTURY + year, int(match.group(3)), int(match.group(1)))
    months = _months(lexicons)
    folded = fold_same_length(text)
    for match in months.month_first.finditer(folded):
        _add_day(found, match, int(match.group(3)), months.numbers[match.group(1)], int(match.group(2)))
    for match in months.english_day_first.finditer(folded):
        _add_day(found, match, int(match.group(3)), months.numbers[match.group(2)], int(match.group(1)))
    return sorted(found, key=lambda d: d[0])


def _add_day(found: list[tuple[int, int, date]], match: re.Match[str], year: int, month: int, day: int) -> None:
    """Add the day a match writes unless the date grammar found it already or it is no day (`31.02.19`)."""
    if any(s < match.end() and match.start() < e for s, e, _ in found):
        return
    try:
        found.append((match.start(), match.end(), date(year, month, day)))
    except ValueError:
        return


@dataclass(frozen=True)
class _Months:
    """Month spellings (`novembre`, `nov.`, `november`, `nov`) to numbers, and the patterns the date grammar
    leaves to us: month first (`novembre 12, 2019`, `Nov. 12, 2019`), English day first (`12 November 2019`)."""

    numbers: dict[str, int]
    month_first: re.Pattern[str]
    english_day_first: re.Pattern[str]


@functools.lru_cache(maxsize=8)
def _months(lexicons: Lexicons) -> _Months:
    """The month table, from the date lexicon and `documents.yaml`'s `english_months`, built once."""
    french = load_lexicon().months
    english = document_words(lexicons, "english_months")
    if len(english) != len(french):
        raise InvalidLexicon("documents.yaml: english_months: expected the twelve months in order")
    numbers = {fold_same_length(w): number for number, words in enumerate(french, 1) for w in words}
    english_spellings = {}
    for number, month in enumerate(english, 1):
        english_spellings[month] = english_spellings[month[:ENGLISH_ABBREVIATION]] = number
    numbers = {**english_spellings, **numbers}
    every = "|".join(re.escape(w) for w in sorted(numbers, key=len, reverse=True))
    foreign = "|".join(re.escape(w) for w in sorted(english_spellings, key=len, reverse=True))
    return _Months(
        numbers,
        re.compile(rf"(?<!\w)({every})\.?\s*(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?!\d)"),
        re.compile(rf"(?<![\w.])(\d{{1,2}})\s+({foreign})\.?,?\s+((?:19|20)\d\d)(?!\d)"),
    )


def _is_dateline(prefix: str, lexicons: Lexicons) -> bool:
    """`Paris, le`: a place and a comma, the place one capitalised word or a known place."""
    match = _DATELINE.fullmatch(prefix)
    if not match:
        return False
    place = match.group("place")
    return len(place.split()) == 1 or fold(place) in lexicons.place_regions or fold(place) in lexicons.region_aliases


def _ends_with(prefix: str, phrases: frozenset[str]) -> bool:
    """A few words ending with a phrase of five letters or more: `actualite publiee`, `page mise a jour`."""
    words = prefix.split()
    return len(words) <= MAX_PREFIX_WORDS and any(
        " ".join(words[i:]) in phrases and len(" ".join(words[i:])) >= MIN_SUFFIX_CHARS for i in range(1, len(words)))


def _role(prefix: str, raw: str, rest: str, lexicons: Lexicons) -> DateRole | None:
    """What the words before a date make of it; a looser prefix needs nothing but a byline after the date.

    `Publié le`, `Communiqué du` → published whatever follows; `Actualité publiée le`, `Par Anne Roux, le` → published,
    `Le`, `Paris, le` or nothing → bare, when only a time, a byline or a counter follows.
    """
    published, updated = _prefixes(lexicons)
    if prefix in published or prefix.endswith(" du") and prefix[:-3] in document_words(lexicons, "dated_nouns"):
        return "published"
    if prefix in updated:
        return "updated"
    if not _clean_rest(rest, lexicons):
        return None
    if _ends_with(prefix, published) or _is_byline_prefix(prefix, raw, lexicons):
        return "published"
    if _ends_with(prefix, updated):
        return "updated"
    return "bare" if prefix in ("", "le") or _is_dateline(raw.strip(), lexicons) else None


def _is_byline_prefix(prefix: str, raw: str, lexicons: Lexicons) -> bool:
    """`Par Claire Martin, le`, `Par la rédaction |`, `Claire Martin, le`: an author before the date, which is
    the page's."""
    authors = furniture_lexicon(lexicons).authors
    if prefix.startswith(tuple(a + " " for a in authors)) and len(prefix.split()) <= MAX_BYLINE_WORDS:
        return True
    return looks_like_person_name(_BEFORE_DATE.sub("", raw.strip(" *")), lexicons)


@functools.cache
def _weekdays() -> tuple[str, ...]:
    """`lundi` … `dimanche`, from the date lexicon."""
    return tuple(fold(day) for day in load_lexicon().weekdays)


def _clean_rest(rest: str, lexicons: Lexicons) -> bool:
    """Nothing after a bare date but a time, bylines, counters: `Le 9 mai 2023 à 10h`, `/ Claire Martin`."""
    published, updated = _prefixes(lexicons)
    starts = tuple(p + " " for p in (*furniture_lexicon(lexicons).authors, *published, *updated))
    if _HOURS.search(fold_same_length(rest)):
        return False
    for part in _PARTS.split(rest.strip(" ,;:/|•·–—-")):
        part = part.strip(" ,;:()")
        folded = fold(part)
        if part and not (_TIME.match(folded) or folded.startswith(starts) or looks_like_person_name(part, lexicons)
                         or is_furniture(part, lexicons)):
            return False
    return True


def is_signed(found: DateLine, lexicons: Lexicons) -> bool:
    """Whether an author follows the date (`Jeudi 14 novembre 2019, par Claire Martin`): the page's stamp."""
    authors = tuple(a + " " for a in furniture_lexicon(lexicons).authors)
    parts = (part.strip(" ,;:()") for part in _PARTS.split(found.rest.strip(" ,;:/|•·–—-")))
    return any(fold(part).startswith(authors) or looks_like_person_name(part, lexicons) for part in parts if part)


def _lead(raw: str, after_date: bool, lexicons: Lexicons) -> str:
    """The words just before a date: after a separator when a date or a label precedes them.

    `… 2021 | Mis à jour le` → `Mis à jour le`; `Communiqué de presse – Paris, le` → `Paris, le`;
    `Forum des agents – ` stays whole, so that a headline's date is no page date.
    """
    parts = _PARTS.split(raw)
    if len(parts) == 1 or after_date:
        return parts[-1]
    before = fold(" ".join(parts[:-1])).strip(" *")
    markers = (*document_words(lexicons, "communique_markers"), *document_words(lexicons, "press_contact_markers"))
    return parts[-1] if before in markers or is_furniture(" ".join(parts[:-1]), lexicons) else raw


def is_date_stamp(text: str, lexicons: Lexicons) -> bool:
    """Whether a line opens with a publication or update phrase, then `le`, `:` or a figure, and a date's figure
    soon after: `Publié le …`, `Mis à jour : …`, `Posted on …`, even when its date is not read (`Posted on
    November 12, 2019`); not `Publication du rapport annuel` nor `Publication : le guide des labs`, headlines."""
    folded = fold(text)
    if len(folded.split()) > MAX_STAMP_WORDS:
        return False
    published, updated = _prefixes(lexicons)
    for prefix in published | updated:
        link = _STAMP_LINK.match(folded, len(prefix)) if folded.startswith(prefix) else None
        if (link or folded.startswith(prefix) and prefix.endswith(" on")) and _STAMP_FIGURE.match(
                folded, link.end() if link else len(prefix)):
            return True
    return False


def is_date_only(text: str) -> bool:
    """Whether a line holds a date and nothing else: `Du 2 au 30 novembre 2021`, `Novembre 2019`."""
    if not _TWO_DIGITS.search(text):
        return False
    values = extract_dates(text, None)
    covered = sum(v.end - v.start for v in values)
    return bool(values) and covered >= len(text.strip(" .,;:-–—|()*_")) - DATE_ONLY_SLACK


def find_date_lines(line: HeadLine, lexicons: Lexicons) -> list[DateLine]:
    """The dates of `line` that date the page, each with its role; `[]` for a date in a sentence or a headline.

    `Publié le 05 décembre 2022 par …` → published; `Mise à jour : 23 novembre 2020` → updated;
    `Le 9 novembre 2023`, `Paris, le 18 novembre 2020`, `26/10/2021 Claire Martin` → bare.
    """
    days = _days(line.text, lexicons)
    if not days:
        return []
    found, previous = [], 0
    for index, (start, end, on) in enumerate(days):
        raw = _lead(line.text[previous:start], previous > 0, lexicons)
        prefix = _trim(fold(raw))
        stop = days[index + 1][0] if index + 1 < len(days) else len(line.text)
        rest = line.text[end:stop]
        previous = end
        weekday = fold(line.text[start:end]).startswith(_weekdays())
        role = _role(prefix, raw, rest, lexicons)
        if role:
            found.append(DateLine(line, on, role, raw, rest, weekday))
    return found


@functools.lru_cache(maxsize=8)
def _stamp_start(lexicons: Lexicons) -> re.Pattern[str]:
    """A line that opens with a page's stamp phrase, then `:`, `le` or a figure, on folded text."""
    words = sorted(document_words(lexicons, "page_stamp_prefixes"), key=len, reverse=True)
    phrases = "|".join(re.escape(p) for p in words)
    return re.compile(rf"^[ \t*_]*(?:{phrases})(?:\s*:|\s+le\b|\s+\d)[^\n]*", re.MULTILINE)


def find_stamp_lines(text: str, start: int, lexicons: Lexicons) -> list[DateLine]:
    """The page's stamps from `start` to the end, in order: `Publié le 14/11/2019`, `Mis à jour le 2 décembre 2021`
    printed under the article; only short lines with nothing but a time, a byline or a counter beside the date."""
    folded = fold_same_length(text)
    found = []
    for match in _stamp_start(lexicons).finditer(folded, start):
        raw = text[match.start():match.end()]
        stripped = raw.strip()
        if len(stripped.split()) > MAX_STAMP_WORDS:
            continue
        lead = match.start() + len(raw) - len(raw.lstrip())
        line = HeadLine(lead, lead + len(stripped), stripped, -1)
        found += [d for d in find_date_lines(line, lexicons) if d.role != "bare" and _clean_rest(d.rest, lexicons)]
    return found
