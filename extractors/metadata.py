"""What a document says about itself: kind, title, publication date, authors."""

from __future__ import annotations

import re
from datetime import date

from extractors.dates import extract_dates
from extractors.front_matter import FrontMatter, find_front_matter, normalize_field_text
from extractors.headline import Headline, find_headline
from extractors.lexicons import Lexicons, fold
from extractors.names import display_name, looks_like_person_name
from extractors.page_head import HeadLine, document_words, head_lines, is_byline
from extractors.publication import DateLine, find_date_lines, find_stamp_lines, is_signed
from extractors.textutils import CLOCK_TIME, fold_same_length, is_upper_text, paragraphs
from schemas.extraction import DocumentMetadata

# A header line of a letterhead is short (`DE LA TRANSFORMATION`).
MAX_HEADER_LINE_LENGTH = 60
# A date alone on a line (`Le 9 novembre 2023`) dates the page only near its top; further down it
# heads a day of a programme.
BARE_DATE_BLOCKS = 8
# … and within so many lines, for pages saved without blank lines.
BARE_DATE_LINES = 16
# What ends a byline before its date: `Par Anne Roux, le` , `Par Anne Roux |`.
_BYLINE_END = re.compile(r"[\s,|•/-]*(?:\ble\b)?[\s,|•/-]*$")
# A separator after a marker that opens a line: `Communiqué de presse – `, `Communiqué | `, `Communiqué du `.
_AFTER_MARKER = re.compile(r"\s*[-–—|:,•]\s|\s+du\s")
_WORD = re.compile(r"\w+")
# The hours of a session: `De 14h à 17h`, `9h30 - 12h`, `14:00`.
_TIMES = re.compile(rf"(?:de\s+)?{CLOCK_TIME}(?:\s|$)")
# `2019-11-25 11:41:00 +01:00`: the page's own day, as written, whatever the time zone.
_ISO_DAY = re.compile(r"['\"]?((?:19|20)\d\d)-(\d\d)-(\d\d)")


def _is_marker(text: str, lexicons: Lexicons) -> bool:
    """Whether a line is a communiqué's marker, alone or before a separator and a date: `COMMUNIQUÉ DE PRESSE`,
    `**Communiqué**`, `Communiqué de presse – Paris, le 4 mars 2021`; not a download link
    (`Communiqué de presse - 14 novembre 2019 (PDF, 200 Ko)`)."""
    markers = document_words(lexicons, "communique_markers")
    if not fold(text).lstrip(" *").startswith(markers):
        return False
    if fold(text).strip(" :.*") in markers:
        return True
    folded = fold_same_length(text).strip(" *")
    opening = next((m for m in markers if folded.startswith(m) and _AFTER_MARKER.match(folded, len(m))), None)
    if opening is None or set(_WORD.findall(folded)) & set(document_words(lexicons, "download_words")):
        return False
    return any(v.kind == "day" for v in extract_dates(text[len(opening):], None))


def _is_header_block(lines: list[HeadLine], lexicons: Lexicons) -> bool:
    """A letterhead (`MINISTÈRE / DE LA TRANSFORMATION / …`) or the state's motto."""
    folded = [fold(" ".join(ln.text.split())).strip(" *") for ln in lines]
    if all(f in document_words(lexicons, "header_lines") for f in folded):
        return True
    short = all(len(ln.text) <= MAX_HEADER_LINE_LENGTH for ln in lines)
    starts = document_words(lexicons, "header_line_starts")
    letterhead = folded[0].startswith(starts) and short
    # Each line goes on with the name (`DE LA TRANSFORMATION`, `et de la Fonction publiques`) or names
    # another office; `Préfecture de la Creuse` / `Les agents ont la parole` is a site's name over a headline.
    carry = document_words(lexicons, "letterhead_carry_words")
    named = all(is_upper_text(ln.text) or ln.text[:1].islower() or f.startswith(starts) or f.split(" ", 1)[0] in carry
                for ln, f in zip(lines[1:], folded[1:]))
    return letterhead and named and (len(lines) > 1 or is_upper_text(lines[0].text))


def _without_letterheads(lines: list[HeadLine], lexicons: Lexicons) -> list[HeadLine]:
    """`lines` without the blocks of a letterhead or of the state's motto."""
    blocks: dict[int, list[HeadLine]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    headers = {number for number, block in blocks.items() if _is_header_block(block, lexicons)}
    return [line for line in lines if line.block not in headers]


def _headline(lines: list[HeadLine], lexicons: Lexicons, dated: dict[int, list[DateLine]]) -> Headline | None:
    """The headline past the `COMMUNIQUÉ DE PRESSE` marker, or above it when the body follows the marker."""
    marker = next((i for i, ln in enumerate(lines) if _is_marker(ln.text, lexicons)), None)
    date_lines = {start for start, found in dated.items() if found}
    after = lines[marker + 1:] if marker is not None else lines
    found = find_headline(_without_letterheads(after, lexicons), lexicons, date_lines)
    if found is None and marker:
        found = find_headline(_without_letterheads(lines[:marker], lexicons), lexicons, date_lines)
    return found


def _front_matter_day(front: FrontMatter, keys: tuple[str, ...]) -> date | None:
    """The day of the first of `keys` that the front matter gives: `date: 2019-11-25 11:41:00 +01:00`,
    `date: "25/11/2019"`."""
    for key in keys:
        field = front.fields.get(key)
        if field is None:
            continue
        match = _ISO_DAY.match(field.value)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue  # `2019-02-30` is no day
        days = [v.starts_on for v in extract_dates(field.value, None) if v.kind == "day" and v.starts_on]
        if days:
            return days[0]
    return None


def _front_matter_title(front: FrontMatter, lexicons: Lexicons) -> Headline | None:
    """The `title:` value, its folded lines joined, with the offsets of the value."""
    for key in document_words(lexicons, "front_matter_title_keys"):
        field = front.fields.get(key)
        text = normalize_field_text(field) if field else None
        if field and text:
            return Headline(text, field.start, field.end)
    return None


def _heads_a_programme(bare: DateLine, dated: list[DateLine], lines: list[HeadLine], lexicons: Lexicons) -> bool:
    """Whether a date alone on a line heads a day of a programme or an event: `Mardi 19 novembre 2019`,
    another such date further down, or `De 14h à 17h` on the next line."""
    # `Mardi 19 novembre 2019` heads a day, unless an author signs it (`Jeudi 14 novembre 2019, par Anne Roux`).
    if bare.weekday and not is_signed(bare, lexicons):
        return True
    if any(d.role == "bare" and d.on != bare.on and d.line.start > bare.line.start for d in dated):
        return True
    following = next((ln for ln in lines if ln.start > bare.line.start), None)
    return following is not None and bool(_TIMES.match(fold(following.text)))


def _publication(dated: list[DateLine], lines: list[HeadLine], lexicons: Lexicons) -> DateLine | None:
    """`Publié le …` first, else the first of a date alone near the top and `Mise à jour : …`."""
    published = [d for d in dated if d.role == "published"]
    if published:
        return published[0]
    for found in dated:
        if found.role == "updated":
            return found
        if found.role == "bare":
            near_top = found.line.block < BARE_DATE_BLOCKS and found.line in lines[:BARE_DATE_LINES]
            if near_top and not _heads_a_programme(found, dated, lines, lexicons):
                return found
            return next((d for d in dated if d.role == "updated"), None)
    return None


def _person_after_prefix(text: str, lexicons: Lexicons) -> str | None:
    """`par Claire Martin`, `Yannick SOURISSEAU`, `Par Anne Roux, le` → the person named, else None."""
    text = _BYLINE_END.sub("", text.strip(" ,-–|•/"))
    for prefix in sorted(document_words(lexicons, "author_prefixes"), key=len, reverse=True):
        if fold(text).startswith(prefix + " "):
            text = text[len(prefix) + 1:].strip(" :")
            break
    return display_name(text) if looks_like_person_name(text, lexicons) else None


def _authors(found: DateLine | None, lines: list[HeadLine], lexicons: Lexicons) -> list[str]:
    """The person who signs the page: after its date (`26/10/2021 Yannick SOURISSEAU`), before it
    (`Par Anne Roux, le 3 mai 2019`) or on a byline of the head (`Par Claire Martin`)."""
    names = []
    if found:
        names += [_person_after_prefix(found.rest, lexicons), _person_after_prefix(found.lead, lexicons)]
    names += [_person_after_prefix(ln.text, lexicons) for ln in lines if is_byline(ln.text, lexicons)]
    return list(dict.fromkeys(name for name in names if name))


def _stamp_below_the_head(text: str, lines: list[HeadLine], lexicons: Lexicons) -> date | None:
    """`Publié le 14/11/2019` printed under the article, else `Mis à jour le …`, when the head gives no date."""
    stamps = find_stamp_lines(text, lines[-1].end if lines else 0, lexicons)
    published = [d for d in stamps if d.role == "published"]
    return (published or stamps)[0].on if stamps else None


def extract_metadata(text: str, lexicons: Lexicons) -> DocumentMetadata:
    """Kind, title, publication date and authors, read from the document's head."""
    front = find_front_matter(text)
    lines = head_lines(text, front.end if front else 0)
    is_communique = any(_is_marker(ln.text, lexicons) for ln in lines) or any(
        fold(b.text).startswith(document_words(lexicons, "press_contact_markers")) for b in paragraphs(text))
    dated = {line.start: find_date_lines(line, lexicons) for line in lines}
    title = _front_matter_title(front, lexicons) if front else None
    if title is None:
        title = _headline(lines, lexicons, dated)
    # A date inside the headline (`Forum des agents, le 21 novembre 2019`) is an event's date.
    candidates = [d for line in lines for d in dated[line.start]
                  if not (title and title.start <= line.start < title.end)]
    published_on = None
    if front:
        published_on = _front_matter_day(front, document_words(lexicons, "front_matter_date_keys"))
    found = None if published_on else _publication(candidates, lines, lexicons)
    if found:
        published_on = found.on
    authors = _authors(found, lines, lexicons)
    if published_on is None and front:
        published_on = _front_matter_day(front, document_words(lexicons, "front_matter_update_keys"))
    if published_on is None:
        published_on = _stamp_below_the_head(text, lines, lexicons)
    return DocumentMetadata(
        kind="communique" if is_communique else "article",
        title=title.text if title else None,
        title_start=title.start if title else None,
        title_end=title.end if title else None,
        published_on=published_on,
        published_on_inferred=False,
        authors=authors,
    )
