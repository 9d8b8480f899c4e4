"""Person names: display forms, the test that a string looks like a person's name, e-mail names."""

from __future__ import annotations

import re

from extractors.lexicons import Lexicons, fold

NAME_PARTICLES = frozenset({"de", "du", "des", "d'", "le", "la", "van", "von", "der", "den", "dem", "ter", "ten", "di",
                            "da", "del", "della", "dos", "zu", "ben", "el"})
_TOKEN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’-]*")
# A particle elided onto the surname: `d'Aubigny`.
_ELIDED_PARTICLE = re.compile(r"^[dD]['’](?=\w)")
# A part of an address's local part that can be a name: letters, maybe hyphenated (`marcel-orzechowski`).
_LOCAL_NAME_PART = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]{2,})*")


def _capitalise(word: str) -> str:
    """`JEAN-MARC` → `Jean-Marc`."""
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
    """`Yannick SOURISSEAU`, `Amélie de Montchalin`, `Hervé d'Aubigny`: a given name, then capitalised words."""
    words = text.split()
    if not 2 <= len(words) <= 5 or not is_first_name(words[0], lexicons):
        return False
    rest = [_ELIDED_PARTICLE.sub("", w) for w in words[1:] if fold(w) not in NAME_PARTICLES]
    return bool(rest) and all(_TOKEN.fullmatch(w) and w[0].isupper() for w in rest)


def name_from_email(address: str, lexicons: Lexicons) -> str | None:
    """`claire.bonnetier@…` → `Claire Bonnetier`; None unless the local part is `given-name.surname`.

    The given name must be known, so that `contact.presse@…` or `mois.innovation@…` name nobody.
    """
    parts = address.split("@", 1)[0].split(".")
    if len(parts) != 2 or not all(_LOCAL_NAME_PART.fullmatch(part) for part in parts):
        return None
    if not is_first_name(parts[0], lexicons):
        return None
    return " ".join(_capitalise(part) for part in parts)


def respell(written: str, address_name: str) -> str:
    """A written name with the spelling of the same name in an e-mail address.

    `Caroline MARCEL ORZECOWSKI` with `Caroline Marcel-Orzechowski` → `Caroline Marcel
    Orzechowski`: an address that works is spelled as registered, a typed name may carry a typo.
    Only words whose letters differ are taken from the address (its lack of accents is no
    difference); the written form keeps its word breaks, and is kept whole when the word counts differ.
    """
    pieces, spelled = re.split(r"([\s-]+)", written.strip()), re.split(r"[\s-]+", address_name)
    words = pieces[::2]
    if len(words) != len(spelled):
        return display_name(written)
    for index, (word, spelling) in enumerate(zip(words, spelled)):
        if fold(word) != fold(spelling):
            pieces[2 * index] = spelling.upper() if word.isupper() else _capitalise(spelling)
    return display_name("".join(pieces))
