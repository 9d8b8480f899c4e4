"""French date expressions: find spans and their raw parts, then normalise them (dateparser for a
month and its year, the calendar for a day whose parts are all numbers by then).

A span leaves out articles (`le`, `les`) but keeps the words that give it its kind (`du … au`,
`entre … et`, `jusqu'au`, `en`/`depuis`/`fin` before a month or a year), a weekday before a day
and a following `prochain(s)`/`dernier`. Year-less dates are placed against `reference`, the
document's publication date; without one they have no value and are skipped. A written weekday
picks the year among the reference's and its neighbours (`mardi 14/03` is the 14 March
that falls on a Tuesday), and a value whose year the text does not write is marked `inferred`.
A day and month in figures (`14/03`) is a date only after a weekday or `le`. Spans that give
no valid date (`31 novembre`, points out of order) are skipped too. `month` and `year` values
name no particular day: their `dates` is empty.
"""

from __future__ import annotations

import calendar
import functools
import re
from bisect import bisect_left, insort
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Literal

import yaml
from dateparser.date import DateDataParser

from innovpub.errors import InvalidLexicon
from schemas.extraction import DateKind, DateValue

LEXICON_PATH = Path(__file__).parent / "lexicons" / "dates_fr.yaml"

Relative = Literal["next", "last"]

# Whitespace (non-breaking included) with at most one line break: a title wrapped by the PDF
# layout still reads as one date, a blank line between paragraphs does not.
_SP = r"(?=\s)[^\S\n]*\n?[^\S\n]*"
_APOSTROPHE = r"['’ʼ]"
# A bare year is only a date after a prefix, and only 1900-2099 (`en 1500 exemplaires`).
_YEAR = r"(?:19|20)\d\d(?!\d)"
# Numbers glued to a word, a decimal point or a separator are amounts, times or phone numbers.
_START = r"(?<![\w.,/-])"
_END = r"(?!\w|[.,/:-]\d)"
_NUMERIC_END = r"(?!\d|[.,/:-]\d)"
_SHORT_DAY_MONTH = r"(?:3[01]|[12]\d|0?[1-9])/(?:1[0-2]|0?[1-9])"


@dataclass(frozen=True)
class DateLexicon:
    """The French vocabulary of dates, as read from a lexicon file."""

    months: tuple[tuple[str, ...], ...]
    weekdays: tuple[str, ...]
    ordinals: dict[str, int]
    relative: dict[str, Relative]
    period_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class DatePoint:
    """One point of a span as written (`1er`, `DECEMBRE`, `2020`); None where the text has none."""

    day: str | None
    month: str | None
    year: str | None
    weekday: str | None = None


@dataclass(frozen=True)
class DateSpan:
    """A date expression found in a text, before normalisation."""

    start: int
    end: int
    text: str
    rule: str
    kind: DateKind
    points: tuple[DatePoint, ...]
    relative: Relative | None


@dataclass(frozen=True)
class _Grammar:
    rules: tuple[tuple[str, DateKind, re.Pattern[str]], ...]
    point: re.Pattern[str]
    months: dict[str, int]


def _words(value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise ValueError(f"expected a non-empty list of words, got {value!r}")
    return tuple(value)


def load_lexicon(path: Path = LEXICON_PATH) -> DateLexicon:
    """Read and check a date lexicon; raise InvalidLexicon naming the file if it is malformed."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise InvalidLexicon(f"{path}: {error}") from None
    try:
        months = tuple(_words(spellings) for spellings in data["months"])
        if len(months) != 12:
            raise ValueError(f"expected 12 months, got {len(months)}")
        ordinals = {str(word).casefold(): int(day) for word, day in data["ordinals"].items()}
        relative: dict[str, Relative] = {
            word.casefold(): direction
            for direction in ("next", "last")
            for word in _words(data["relative"][direction])
        }
        return DateLexicon(months, _words(data["weekdays"]), ordinals, relative, _words(data["period_prefixes"]))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InvalidLexicon(f"{path}: malformed date lexicon ({error})") from None


@functools.cache
def _lexicon() -> DateLexicon:
    return load_lexicon()


def _alternatives(words: tuple[str, ...] | list[str]) -> str:
    # A trailing dot marks an abbreviation (`sept.`) whose dot the text may leave out.
    escaped = (re.escape(w[:-1]) + r"\.?" if w.endswith(".") else re.escape(w) for w in words)
    return "(?:" + "|".join(escaped) + r")(?!\w)"


def _first_characters(words: Iterable[str]) -> str:
    """The first characters of `words`, escaped for a character class."""
    return "".join(sorted({re.escape(w[0]) for w in words}))


@functools.cache
def _grammar() -> _Grammar:
    lexicon = _lexicon()
    month = _alternatives([w for spellings in lexicon.months for w in spellings])
    weekday = _alternatives(lexicon.weekdays)
    prefix = _alternatives(lexicon.period_prefixes)
    day = _START + "(?:" + "|".join(map(re.escape, lexicon.ordinals)) + r"|3[01]|[12]\d|0?[1-9])" + _END
    numeric = rf"{_START}(?:\d{{1,2}}/\d{{1,2}}/{_YEAR}|\d{{1,2}}\.\d{{1,2}}\.{_YEAR}|{_YEAR}-\d\d-\d\d){_NUMERIC_END}"
    # `mardi 14/03`, `le 21/09`: without a weekday or an article `15/20` may be a score or a ratio.
    short = rf"{_START}{_SHORT_DAY_MONTH}{_NUMERIC_END}"
    short_numeric = rf"(?:{weekday}{_SP}|(?<=\ble ))(?:{short})"
    textual = rf"(?:{weekday}{_SP})?{day}"
    full = rf"(?:{numeric}|{textual}{_SP}{month}(?:{_SP}{_YEAR})?)"
    partial = rf"(?:{numeric}|{textual}(?:{_SP}{month}(?:{_SP}{_YEAR})?)?)"
    relative = rf"(?:{_SP}(?P<relative>{_alternatives(list(lexicon.relative))}))?"
    until = rf"(?<!\w)jusqu{_APOSTROPHE}\s?au"
    prefixes = rf"(?<!\w)(?P<prefix>{prefix}(?:{_SP}{prefix})?)"
    # What each rule's matches start with: `re` passes over other positions at once rather than
    # trying every alternative of the rule there (a digit may be any `\d`, as in `numeric`).
    day_leads = r"\d" + _first_characters(lexicon.ordinals)
    textual_leads = day_leads + _first_characters(lexicon.weekdays)
    prefix_leads = _first_characters(lexicon.period_prefixes)
    month_leads = _first_characters([w for spellings in lexicon.months for w in spellings])
    rules: list[tuple[str, DateKind, str, str]] = [
        ("range_du_au", "range", "d", rf"(?<!\w)du{_SP}{partial}{_SP}(?:au|{until}){_SP}{full}{relative}"),
        ("range_entre", "range", "e",
         rf"(?<!\w)entre{_SP}(?:le{_SP})?{partial}{_SP}et{_SP}(?:le{_SP})?{full}{relative}"),
        ("days_list", "days", textual_leads,
         rf"{partial}(?:\s*,{_SP}(?:le{_SP})?{partial})*{_SP}et{_SP}(?:les?{_SP})?{full}{relative}"),
        ("until", "until", "j", rf"{until}{_SP}{full}{relative}"),
        ("day", "day", textual_leads, rf"{textual}{_SP}{month}(?:{_SP}{_YEAR})?{relative}"),
        ("day_numeric", "day", r"\d", numeric),
        ("day_numeric_short", "day", textual_leads, short_numeric),
        ("month", "month", prefix_leads + month_leads,
         rf"(?:{prefixes}{_SP})?(?<!\w)(?P<month>{month}){_SP}(?P<year>{_YEAR})"),
        ("year", "year", prefix_leads, rf"{prefixes}{_SP}(?P<year>{_YEAR})(?![.,/-]\d)"),
    ]
    point = (
        rf"{_START}(?P<iso_year>{_YEAR})-(?P<iso_month>\d\d)-(?P<iso_day>\d\d)"
        rf"|{_START}(?P<num_day>\d{{1,2}})[/.](?P<num_month>\d{{1,2}})[/.](?P<num_year>{_YEAR})"
        rf"|(?:(?P<short_weekday>{weekday}){_SP})?{_START}(?P<short_day>\d{{1,2}})/(?P<short_month>\d{{1,2}})"
        rf"{_NUMERIC_END}"
        rf"|(?:(?P<weekday>{weekday}){_SP})?(?P<day>{day})(?:{_SP}(?P<month>{month})(?:{_SP}(?P<year>{_YEAR}))?)?"
    )
    months = {w.casefold().rstrip("."): number for number, spellings in enumerate(lexicon.months, 1) for w in spellings}
    return _Grammar(
        tuple((rule, kind, re.compile(rf"(?=[{leads}]){pattern}", re.IGNORECASE))
              for rule, kind, leads, pattern in rules),
        re.compile(point, re.IGNORECASE),
        months,
    )


def _points(match: re.Match[str], kind: DateKind, point: re.Pattern[str]) -> tuple[DatePoint, ...]:
    if kind in ("month", "year"):
        return (DatePoint(None, match.groupdict().get("month"), match["year"]),)
    found = []
    for m in point.finditer(match[0]):
        form = "iso_" if m["iso_year"] else "num_" if m["num_year"] else "short_" if m["short_day"] else ""
        weekday = m["weekday"] or m["short_weekday"]
        found.append(DatePoint(m[form + "day"], m[form + "month"], m.groupdict().get(form + "year"), weekday))
    return tuple(found)


def find_date_spans(text: str) -> list[DateSpan]:
    """Every date expression in `text`, in text order; overlaps go to the longest within a tier."""
    grammar = _grammar()
    candidates = [(m, order) for order, (_, _, pattern) in enumerate(grammar.rules) for m in pattern.finditer(text)]
    # Ranges and `jusqu'au` come first: in `du 23 novembre au 7 décembre et le 24 novembre` the
    # longer `7 décembre et le 24 novembre` is not a list of days, it would break the range.
    tier = {"range": 0, "until": 0, "days": 1}
    candidates.sort(key=lambda c: (tier.get(grammar.rules[c[1]][1], 2), c[0].start() - c[0].end(), c[0].start()))
    kept: list[tuple[int, int, re.Match[str], int]] = []  # disjoint, so sorted by start and by end alike
    for match, order in candidates:
        at = bisect_left(kept, match.start(), key=lambda k: k[1] - 1)  # the first kept that ends after the start
        if at == len(kept) or match.end() <= kept[at][0]:
            insort(kept, (match.start(), match.end(), match, order), key=lambda k: k[0])
    spans = []
    for _, _, match, order in kept:
        rule, kind, _ = grammar.rules[order]
        relative = match.groupdict().get("relative")
        spans.append(DateSpan(
            match.start(), match.end(), match[0], rule, kind, _points(match, kind, grammar.point),
            _lexicon().relative[relative.casefold()] if relative else None,
        ))
    return spans


@functools.cache
def _parser() -> DateDataParser:
    return DateDataParser(languages=["fr"], settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first"})


@functools.lru_cache(maxsize=8192)
def _parse(text: str) -> date | None:
    # Only complete strings (`3 novembre 2020`, `novembre 2016`) get here, so dateparser never
    # fills a missing part from the clock or the reference: it validates and builds the date,
    # and the same string is parsed once per process.
    parsed = _parser().get_date_data(text).date_obj
    return parsed.date() if parsed else None


def _month_number(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw) if 1 <= int(raw) <= 12 else None
    return _grammar().months.get(raw.casefold().rstrip("."))


def _on(day: int, month: int, year: int) -> date | None:
    # Every part is a number already: the calendar's own check is all that is left (`31 novembre`),
    # and it costs a thousandth of a dateparser call on the first sight of each string.
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_number(raw: str | None) -> int | None:
    """`mercredi` → 2 (Monday is 0), as `date.weekday` counts."""
    weekdays = [w.casefold() for w in _lexicon().weekdays]
    return weekdays.index(raw.casefold()) if raw and raw.casefold() in weekdays else None


def _place(day: int, month: int, reference: date, relative: Relative | None, weekday: int | None = None) -> date | None:
    # Candidates around the reference year; `prochain` and `dernier` say on which side it falls,
    # a written weekday which of them it is (`jeudi 3 novembre` is 2022 beside a 2023 reference).
    candidates = [d for y in range(reference.year - 1, reference.year + 2) if (d := _on(day, month, y))]
    if weekday is not None and (right := [d for d in candidates if d.weekday() == weekday]):
        candidates = right
    if relative == "next":
        return min((d for d in candidates if d >= reference), default=None)
    if relative == "last":
        return max((d for d in candidates if d < reference), default=None)
    # Equally near: the later date, as communiqués mostly announce what is coming.
    return min(candidates, key=lambda d: (abs((d - reference).days), d < reference), default=None)


def _resolve(span: DateSpan, reference: date | None) -> list[date] | None:
    raw_months = [p.month for p in span.points]
    for i in range(len(raw_months) - 2, -1, -1):  # `du 2 au 30 novembre`: the 2 is in November
        raw_months[i] = raw_months[i] or raw_months[i + 1]
    months = [_month_number(m) if m else None for m in raw_months]
    ordinals = _lexicon().ordinals
    days = [ordinals.get(p.day.casefold()) or int(p.day) for p in span.points if p.day]
    years = [int(p.year) if p.year else None for p in span.points]
    if None in months or len(days) != len(months):
        return None
    explicit = [i for i, y in enumerate(years) if y is not None]
    # The last point with a year anchors the others; with none, the last point is placed
    # against the reference, which is what `prochain(s)`/`dernier` written after it qualify.
    anchor = explicit[-1] if explicit else len(days) - 1
    resolved: list[date | None] = [None] * len(days)
    if explicit:
        resolved[anchor] = _on(days[anchor], months[anchor], years[anchor])
    elif reference is not None:
        resolved[anchor] = _place(days[anchor], months[anchor], reference, span.relative,
                                  _weekday_number(span.points[anchor].weekday))
    for i in range(anchor - 1, -1, -1):  # earlier points take the next one's year
        following = resolved[i + 1]
        if following is None:
            return None
        year = years[i] or following.year
        resolved[i] = _on(days[i], months[i], year)
        if years[i] is None and months[i] > following.month:  # `du 28 décembre au 3 janvier 2024`
            resolved[i] = _on(days[i], months[i], year - 1)
    for i in range(anchor + 1, len(days)):  # later points follow the previous one's year
        previous = resolved[i - 1]
        if previous is None:
            return None
        resolved[i] = _on(days[i], months[i], previous.year + (months[i] < previous.month))
    dates = [d for d in resolved if d is not None]
    return dates if len(dates) == len(resolved) and all(a <= b for a, b in pairwise(dates)) else None


def normalize_date(span: DateSpan, reference: date | None) -> DateValue | None:
    """Turn one span into a value placed against `reference`; None when it gives no valid date."""
    evidence = {"start": span.start, "end": span.end, "text": span.text, "rule": span.rule, "kind": span.kind}
    point = span.points[0]
    if span.kind == "year":
        year = int(str(point.year))  # the year rule always captures one
        return DateValue(**evidence, starts_on=date(year, 1, 1), ends_on=date(year, 12, 31), dates=[])
    if span.kind == "month":
        month = _month_number(str(point.month))
        first = month and _parse(f"{_lexicon().months[month - 1][0]} {point.year}")
        if not first:
            return None
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
        return DateValue(**evidence, starts_on=first, ends_on=last, dates=[])
    dates = _resolve(span, reference)
    if dates is None:
        return None
    if span.kind == "range":
        dates = [dates[0], dates[-1]]
    starts_on = None if span.kind == "until" else dates[0]
    inferred = all(p.year is None for p in span.points)
    return DateValue(**evidence, starts_on=starts_on, ends_on=dates[-1], dates=dates, inferred=inferred)


def extract_dates(text: str, reference: date | None = None) -> list[DateValue]:
    """Every date expression of `text` with a value, placed against the publication date."""
    return [value for span in find_date_spans(text) if (value := normalize_date(span, reference))]
