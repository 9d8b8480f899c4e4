"""The YAML front matter of a Markdown source (`---` / `title: …` / `date: …` / `---`), with offsets.

The front matter stays in the document text, so every value found here points into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# `---` opens the file (after blank lines at most) and `---` or `...` closes it.
_OPENING = re.compile(r"\A\ufeff?\s*---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A top-level key starts a line at column 0: `title: Atelier …`, `event_start_date: …`.
_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?=\s|$)", re.MULTILINE)
# A block scalar's header: `title: >-` then the folded lines.
_BLOCK_INDICATOR = re.compile(r"[|>][+-]?[ \t]*\n")
# Past this size an opening `---` is a thematic break, not a front matter.
MAX_FRONT_MATTER_CHARS = 20_000
# libyaml's parser when present; both give the same values.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Field:
    """One top-level key's raw value (white space trimmed); `start`/`end` the offsets of its text, quotes left out."""

    key: str
    start: int
    end: int
    value: str


@dataclass(frozen=True)
class FrontMatter:
    """The front matter block, `end` just past its closing line, and its top-level fields by lower-cased key."""

    start: int
    end: int
    fields: dict[str, Field]


def find_front_matter(text: str) -> FrontMatter | None:
    """The front matter that opens `text`, or None when the text opens otherwise."""
    opening = _OPENING.match(text)
    if not opening:
        return None
    closing = _CLOSING.search(text, opening.end(), opening.end() + MAX_FRONT_MATTER_CHARS)
    if not closing:
        return None
    keys = list(_KEY.finditer(text, opening.end(), closing.start()))
    # A front matter is a mapping: its first line is a key (`title: …`), not prose under a rule.
    if not keys or keys[0].start() != opening.end():
        return None
    fields: dict[str, Field] = {}
    for key, following in zip(keys, [*keys[1:], None]):
        stop = following.start() if following else closing.start()
        raw = text[_trim_start(text, key.end(), stop):_trim_end(text, key.end(), stop)]
        fields.setdefault(key.group(1).lower(), Field(key.group(1), *_value_span(text, key.end(), stop), raw))
    newline = text.find("\n", closing.end())
    return FrontMatter(opening.start(), len(text) if newline < 0 else newline + 1, fields)


def _trim_start(text: str, start: int, end: int) -> int:
    """`start` moved past white space."""
    while start < end and text[start].isspace():
        start += 1
    return start


def _trim_end(text: str, start: int, end: int) -> int:
    """`end` moved back before white space."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _value_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of a value's text, without its quotes (`'…'`) or block indicator (`>-`)."""
    start, end = _trim_start(text, start, end), _trim_end(text, start, end)
    indicator = _BLOCK_INDICATOR.match(text, start, end)
    if indicator:
        start = _trim_start(text, indicator.end(), end)
    elif end - start >= 2 and text[start] in "'\"" and text[end - 1] == text[start]:
        start, end = start + 1, end - 1
    return start, end


def normalize_field_text(field: Field) -> str | None:
    """The text of a scalar value, unquoted and with its folded lines joined; None for an empty or nested value.

    `title: Atelier … de l’Innovation` + `  publique` → `Atelier … de l’Innovation publique`.
    """
    try:
        value = yaml.load(f"v: {field.value}", Loader=_YAML_LOADER)["v"]
    except yaml.YAMLError:
        # A value YAML refuses (`title: Mois : 2021 : bilan`) is still read as the author typed it.
        value = field.value
    if isinstance(value, (dict, list)) or value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
