"""French for templates (contractions, dates, ordinals, capitals) and the folding `evaluate` compares by."""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# No `h`: the words these templates meet (`hackathon`, `Hauts-de-France`) start with an aspirated h.
VOWELS = "aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒ"
ARTICLES = ("le ", "la ", "les ", "l'")
# `innovpub.evaluate.normalize`'s plain forms of quotes, apostrophes and dashes.
_PLAIN = (("\u2019", "'"), ("\u2018", "'"), ("\u02bc", "'"), ("\u201c", '"'), ("\u201d", '"'),
          ("\u00ab", '"'), ("\u00bb", '"'), ("\u2013", "-"), ("\u2014", "-"))
_HYPHENS = re.compile(r"[-\u2010\u2011]")


@functools.cache
def _marks_pattern(marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(marks)}]")


def fold(text: str) -> str:
    """Exactly `innovpub.evaluate.normalize`, with C-speed steps: it folds whole documents.

    Same steps, other tools: the plain quotes are not decomposed by NFD, so replacing them after
    it changes nothing, and only the combining marks present in the text are removed.
    """
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    marks = "".join(sorted(c for c in set(text) if unicodedata.combining(c)))
    if marks:
        text = _marks_pattern(marks).sub("", text)
    for fancy, plain in _PLAIN:
        if fancy in text:
            text = text.replace(fancy, plain)
    return " ".join(_HYPHENS.sub(" ", text).split())


@functools.lru_cache(maxsize=1 << 16)
def fold_name(name: str) -> str:
    """`fold` for the names and surface forms that recur across a corpus's documents."""
    return fold(name)


def elides(word: str) -> bool:
    """Whether `de`/`le` elide before `word` (`d'Angers`, `l'Hérault`)."""
    return bool(word) and word[0] in VOWELS


def de(phrase: str) -> str:
    """`de` before a noun phrase: `du Nord`, `des Landes`, `de la DITP`, `d'Angers`."""
    if phrase.startswith("le "):
        return "du " + phrase[3:]
    if phrase.startswith("les "):
        return "des " + phrase[4:]
    return ("d'" if elides(phrase) else "de ") + phrase


def to(phrase: str) -> str:
    """`à` before a noun phrase: `au CNFPT`, `aux Abymes`, `à la DITP`."""
    if phrase.startswith("le "):
        return "au " + phrase[3:]
    if phrase.startswith("les "):
        return "aux " + phrase[4:]
    return "à " + phrase


def with_article(article: str, name: str) -> str:
    """`la` + `DITP` → `la DITP`; `l'` + `ANCT` → `l'ANCT`; no article → the name."""
    if not article:
        return name
    return article + name if article.endswith("'") else f"{article} {name}"


def city_phrase(city: str) -> str:
    """A city as a noun phrase whose article contracts: `Le Mans` → `le Mans`."""
    for article in ("Le ", "Les "):
        if city.startswith(article):
            return article.lower() + city[len(article):]
    return city


def strip_article(phrase: str) -> str:
    """`la sobriété` → `sobriété`."""
    for article in ARTICLES:
        if phrase.lower().startswith(article):
            return phrase[len(article):]
    return phrase


def capitalize(text: str) -> str:
    """First letter in capitals, the rest untouched (`la DITP` → `La DITP`)."""
    return text[:1].upper() + text[1:]


def upper_unaccented(text: str) -> str:
    """Capitals without accents, as some letterheads set them (`PRES DE 300 EVENEMENTS`)."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return stripped.upper()


def day_month(day: date) -> str:
    """`1er novembre`, `18 novembre`."""
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]}"


def long_date(day: date, *, padded: bool = False) -> str:
    """`18 novembre 2021`; padded: `03 novembre 2022`, as web pages print it."""
    number = f"{day.day:02d}" if padded else ("1er" if day.day == 1 else str(day.day))
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def numeric_date(day: date) -> str:
    """`26/10/2021`."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def weekday(day: date) -> str:
    """`mardi`."""
    return WEEKDAYS[day.weekday()]


def span(start: date, end: date, *, year: bool) -> str:
    """`du 2 au 30 novembre 2022`, `du 23 novembre au 7 décembre`."""
    first = day_month(start) if start.month != end.month else ("1er" if start.day == 1 else str(start.day))
    last = long_date(end) if year else day_month(end)
    return f"du {first} au {last}"


def ordinal_short(number: int, *, caret: bool = False) -> str:
    """`10e`, `1re`; with caret, the Markdown superscript of converted files: `10^e`."""
    suffix = "re" if number == 1 else "e"
    return f"{number}^{suffix}" if caret else f"{number}{suffix}"


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 48) -> str:
    """`Mois de l'innovation publique 2021 : …` → `mois-de-l-innovation-publique-2021`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = _SLUG_DROP.sub("-", ascii_text).strip("-")
    return slug[:limit].rstrip("-") or "document"


def email_local(given: str, surname: str) -> str:
    """`Hélène de Vaucelles` → `helene.de-vaucelles`."""
    def part(text: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return f"{part(given)}.{part(surname)}"
