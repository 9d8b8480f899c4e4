"""What a document says about itself: kind, title, publication date, authors."""

from __future__ import annotations

import re
from datetime import date

from extractors.dates import extract_dates
from extractors.lexicons import Lexicons, fold
from extractors.names import display_name, looks_like_person_name
from extractors.textutils import Line, is_upper_text, paragraphs
from schemas.extraction import DocumentMetadata

# The publication date stands in the document's head: a letterhead, a dateline, a title.
HEAD_PARAGRAPHS = 16
# A paragraph longer than this is body text, not a title.
MAX_TITLE_LENGTH = 400
# A header line of a letterhead is short (`DE LA TRANSFORMATION`).
MAX_HEADER_LINE_LENGTH = 60


def _is_marker(line: Line, markers: tuple[str, ...]) -> bool:
    return fold(line.text).strip(" :.") in markers


def _publication_line(line: Line, lexicons: Lexicons) -> tuple[date, str] | None:
    """`Paris, le 18 novembre 2020` → (date, rest of the line after the date)."""
    folded = fold(line.text)
    if any(marker in folded for marker in lexicons.documents["update_markers"]):
        return None
    days = [v for v in extract_dates(line.text, None) if v.kind == "day" and v.starts_on]
    if not days:
        return None
    value = days[0]
    prefix = fold(line.text[: value.start]).strip(" ,:")
    dateline = re.fullmatch(r"[a-z' -]+, le", prefix)
    if prefix and prefix not in lexicons.documents["publication_prefixes"] and not dateline:
        return None
    return value.starts_on, line.text[value.end:].strip(" ,-–|")


def _is_header_block(block: Line, lexicons: Lexicons) -> bool:
    """A letterhead (`MINISTÈRE / DE LA TRANSFORMATION / …`) or the state's motto."""
    lines = [raw for raw in block.text.split("\n") if raw.strip()]
    folded = [fold(" ".join(raw.split())).strip(" *") for raw in lines]
    if all(f in lexicons.documents["header_lines"] for f in folded):
        return True
    short = all(len(raw) <= MAX_HEADER_LINE_LENGTH for raw in lines)
    letterhead = folded[0].startswith(lexicons.documents["header_line_starts"]) and short
    return letterhead and (len(lines) > 1 or is_upper_text(block.text))


def _title(blocks: list[Line], lexicons: Lexicons) -> tuple[str, int, int] | None:
    markers = lexicons.documents["communique_markers"]
    after_marker = next((i + 1 for i, b in enumerate(blocks) if _is_marker(b, markers)), 0)
    for index in range(after_marker, len(blocks)):
        block = blocks[index]
        if _publication_line(block, lexicons) or _is_header_block(block, lexicons):
            continue
        if len(block.text) > MAX_TITLE_LENGTH:
            return None
        end, text = block.end, " ".join(block.text.split())
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        # `MOIS DE L'INNOVATION PUBLIQUE 2020 :` goes on in the next capitalised block.
        if text.endswith(":") and following and is_upper_text(following.text) == is_upper_text(text):
            text, end = f"{text} {' '.join(following.text.split())}", following.end
        return text, block.start, end
    return None


def extract_metadata(text: str, lexicons: Lexicons) -> DocumentMetadata:
    """Kind, title, publication date and authors, read from the document's head."""
    blocks = paragraphs(text)
    head = blocks[:HEAD_PARAGRAPHS]
    lines = [Line(b.start, b.end, raw) for b in head for raw in b.text.split("\n")]
    is_communique = any(_is_marker(ln, lexicons.documents["communique_markers"]) for ln in lines) or any(
        fold(b.text).startswith(lexicons.documents["press_contact_markers"]) for b in blocks)
    published_on, authors = None, []
    for line in lines:
        found = _publication_line(line, lexicons)
        if found:
            published_on, rest = found
            if looks_like_person_name(rest, lexicons):
                authors.append(display_name(rest))
            break
    title = _title(blocks, lexicons)
    return DocumentMetadata(
        kind="communique" if is_communique else "article",
        title=title[0] if title else None,
        title_start=title[1] if title else None,
        title_end=title[2] if title else None,
        published_on=published_on,
        published_on_inferred=False,
        authors=authors,
    )
