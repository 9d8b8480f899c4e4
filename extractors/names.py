"""Person names: display forms and the test that a string looks like a person's name."""

from __future__ import annotations

import re

from extractors.lexicons import Lexicons, fold

NAME_PARTICLES = frozenset({"de", "du", "des", "d'", "le", "la", "van", "von", "der", "di", "da", "ben", "el"})
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’-]*")


def _capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def display_name(name: str) -> str:
    """The display form of a name: `Louis JACQUART` → `Louis Jacquart`, particles kept low."""
    words = name.split()
    shown = []
    for index, word in enumerate(words):
        if index and fold(word) in NAME_PARTICLES:
            shown.append(word.lower())
        elif word.isupper() and len(word) > 1 or word.islower():
            shown.append(_capitalise(word))
        else:
            shown.append(word)
    return " ".join(shown)


def is_first_name(word: str, lexicons: Lexicons) -> bool:
    """Whether `word` (any case) is a known given name, compound ones included."""
    return fold(word) in lexicons.first_names


def looks_like_person_name(text: str, lexicons: Lexicons) -> bool:
    """`Yannick SOURISSEAU`, `Amélie de Montchalin`: a given name, then 1–3 capitalised words."""
    words = text.split()
    if not 2 <= len(words) <= 5 or not is_first_name(words[0], lexicons):
        return False
    rest = [w for w in words[1:] if fold(w) not in NAME_PARTICLES]
    return bool(rest) and all(_TOKEN.fullmatch(w) and w[0].isupper() for w in rest)


def name_from_email(address: str) -> str | None:
    """`claire.bonnetier@…` → `Claire Bonnetier`; None when the local part is not `first.last`."""
    local = address.split("@", 1)[0]
    parts = local.split(".")
    if len(parts) != 2 or not all(re.fullmatch(r"[a-zà-ÿ-]{2,}", p, re.IGNORECASE) for p in parts):
        return None
    return " ".join(_capitalise(p) for p in parts)
