"""Clean Markdown and scraping artefacts out of a text, keeping a map back to the source.

What goes: emphasis markers (`**…**`, `*…*`; bold spans are kept as layout hints), link
targets (`[ici](#)` and `[ici] (https://…)` keep `ici`), a scraper's leading ` date 2021-10 `
stamp, the caret of `10^e`, inline HTML (`<p>`, `<br>`, `<div>` … end a line; `<b>`, `<i>`,
`<a href>` … vanish, their text kept), HTML entities (`&amp;` is `&`) and Markdown heading
markers (`### Au programme`). A YAML front matter (`---` … `---` at the top) keeps its markup.
What is normalised: non-breaking and thin spaces, ligatures, typographic apostrophes (same length),
soft hyphens and zero-width characters (dropped), and a missing space after a full stop between two
sentences (`des Français.Piloté` gets its space back).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from innovpub.loaders.textmap import MappedTextBuilder

_NOT_BLANK_LINE = r"(?:(?!\n[ \t]*\n).)"
_BOLD = re.compile(rf"\*\*(?=\S)({_NOT_BLANK_LINE}+?)(?<=\S)\*\*", re.DOTALL)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])((?:(?!\n[ \t]*\n)[^*])+?)(?<=\S)\*(?![*\w])", re.DOTALL)
# `[ici](#)`; with a space before the bracket only a real address: `[Atelier] (en ligne)` is prose.
# A target may carry a quoted title: `[site](https://… "site officiel")`.
_LINK = re.compile(r"\[([^\[\]\n]*)\](?:\(([^()\s]*)(?:[ \t]+\"[^\"\n]*\")?\)"
                   r"| \(((?:https?://|www\.)[^()\s]*)(?:[ \t]+\"[^\"\n]*\")?\))")
# Tags that end a line (block layout) and tags that only style a run of text.
_BLOCK_TAGS = frozenset({
    "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
    "table", "thead", "tbody", "tr", "td", "th", "section", "article", "header", "footer", "nav", "aside",
    "main", "figure", "figcaption", "blockquote", "pre", "address", "center", "form", "iframe"})
_INLINE_TAGS = frozenset({
    "a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big", "sup", "sub", "mark", "abbr",
    "cite", "code", "q", "time", "img", "label", "button", "input", "wbr", "ins", "del"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# `### Au programme`: the markers of a Markdown heading, at the start of a line.
_HEADING_MARK = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_SCRAPE_STAMP = re.compile(r"\A\s*date \d{4}-\d{2}(?:-\d{2})?\s+")
_ORDINAL_CARET = re.compile(r"(?<=\d)\^(?=(?:e|E|er|re|ère|ème|eme)\b)")
# `Français.Piloté`: a word, a full stop, then a capitalised word with no space between.
_MISSING_SPACE = re.compile(r"(?<=[a-zà-ÿ]{2}[.!?])(?=[A-ZÀ-Ý][a-zà-ÿ])")
# `précise le communiqué.«` and `publique.»,` are left alone: only letters on both sides.

_CHAR_REPLACEMENTS = {
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ",
    "\u2019": "'", "\u2018": "'", "\u02bc": "'",
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\u00ad": "", "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "",
    "\r": "",
}
_CHARS = re.compile("[" + "".join(re.escape(c) for c in _CHAR_REPLACEMENTS) + "]")


@dataclass(frozen=True)
class CleanText:
    """A cleaned text, its map back to the source, and the bold spans found in it."""

    text: str
    source_map: list[list[int]]
    emphasis: list[tuple[int, int]]


@dataclass(frozen=True, order=True)
class _Edit:
    start: int
    end: int
    replacement: str
    tag: str = ""


def _markup_edits(source: str) -> list[_Edit]:
    edits: list[_Edit] = []
    stamp = _SCRAPE_STAMP.match(source)
    if stamp:
        edits.append(_Edit(0, stamp.end(), ""))
    for match in _BOLD.finditer(source):
        edits.append(_Edit(match.start(), match.start() + 2, "", "bold_open"))
        edits.append(_Edit(match.end() - 2, match.end(), "", "bold_close"))
    taken = {e.start for e in edits} | {e.start + 1 for e in edits if e.tag}
    for match in _ITALIC.finditer(source):
        if match.start() in taken or match.end() - 1 in taken:
            continue
        edits.append(_Edit(match.start(), match.start() + 1, ""))
        edits.append(_Edit(match.end() - 1, match.end(), ""))
    for match in _LINK.finditer(source):
        edits.append(_Edit(match.start(), match.start() + 1, ""))
        edits.append(_Edit(match.end(1), match.end(), ""))
    edits += _html_edits(source)
    edits += [_Edit(m.start(), m.end(), "") for m in _ORDINAL_CARET.finditer(source)]
    edits += [_Edit(m.start(), m.start(), " ") for m in _MISSING_SPACE.finditer(source)]
    edits += [_Edit(m.start(), m.end(), _CHAR_REPLACEMENTS[m.group()]) for m in _CHARS.finditer(source)]
    return _without_overlaps(sorted(edits))


def _html_edits(source: str) -> list[_Edit]:
    """Tags, entities and heading markers out of the body (the front matter keeps them): a block tag
    becomes a line break (`<br>`), an inline one nothing (`<b>`), an entity its character (`&eacute;`)."""
    front = _FRONT_MATTER.match(source)
    body = front.end() if front else 0
    edits = []
    for match in _TAG.finditer(source, body):
        name = (match.group(2) or "").lower()
        if match.group().startswith("<!--") or name in _INLINE_TAGS:
            edits.append(_Edit(match.start(), match.end(), ""))
        elif name in _BLOCK_TAGS:
            edits.append(_Edit(match.start(), match.end(), "\n", "block"))
    for match in _ENTITY.finditer(source, body):
        char = html.unescape(match.group())
        if char != match.group():
            edits.append(_Edit(match.start(), match.end(), _CHAR_REPLACEMENTS.get(char, char)))
    edits += [_Edit(m.start(), m.end(), "") for m in _HEADING_MARK.finditer(source, body)]
    return edits


def _without_overlaps(edits: list[_Edit]) -> list[_Edit]:
    kept: list[_Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def clean_markup(source: str) -> CleanText:
    """Remove Markdown and scraping artefacts from `source`; see the module docstring."""
    builder = MappedTextBuilder()
    emphasis: list[tuple[int, int]] = []
    bold_from: int | None = None
    position = 0
    for edit in _markup_edits(source):
        builder.copy(source[position:edit.start], position)
        if edit.replacement == " " and builder.endswith(" "):
            pass  # never double a space
        elif edit.tag == "block" and (builder.length == 0 or builder.endswith("\n")
                                      or source.startswith("\n", edit.end)):
            pass  # a block tag at a line's edge adds no blank line: `<p>` opening a line
        else:
            builder.replace(edit.replacement, edit.start)
        if edit.tag == "bold_open":
            bold_from = builder.length
        elif edit.tag == "bold_close" and bold_from is not None:
            if builder.length > bold_from:
                emphasis.append((bold_from, builder.length))
            bold_from = None
        position = edit.end
    builder.copy(source[position:], position)
    return _strip(builder.text(), builder.segments, emphasis)


def _strip(text: str, segments: list[list[int]], emphasis: list[tuple[int, int]]) -> CleanText:
    """Drop trailing white space and leading blank lines, shifting offsets to match."""
    stripped = text.rstrip()
    lead = len(stripped) - len(stripped.lstrip("\n \t"))
    lead = stripped.rfind("\n", 0, lead) + 1 if lead else 0
    stripped = stripped[lead:]
    shifted = [[max(t - lead, 0), s + max(lead - t, 0) if t < lead else s, max(n - max(lead - t, 0), 0)]
               for t, s, n in segments if t + n > lead or (n == 0 and t >= lead)]
    spans = [(a - lead, b - lead) for a, b in emphasis if a >= lead and b - lead <= len(stripped)]
    return CleanText(stripped, shifted, spans)
