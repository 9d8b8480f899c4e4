"""The head of a document as lines, and the page furniture among them (breadcrumbs, labels, share buttons).

Saved web pages put navigation and widgets around the headline; these rules tell them apart so
that the title is the headline a reader sees. Every word list is in `lexicons/documents.yaml`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extractors.lexicons import Lexicons, fold
from innovpub.errors import InvalidLexicon

# The publication date, the title and the letterhead stand in the first blocks.
HEAD_BLOCKS = 16
# Enough characters for sixteen short blocks; the head is never read past this.
HEAD_CHARS = 12_000
# A link to a file is a few words: `Télécharger le dossier de presse (PDF, 1,2 Mo)`.
MAX_LINK_WORDS = 12
# A byline is short: `Par Claire Martin, rédactrice`.
MAX_BYLINE_WORDS = 8

# A setext underline or a thematic break: `=====`, `-----`, `***`.
_RULE = re.compile(r"[=\-_*~#]{3,}")
# A Markdown image or a bare address on its own line.
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<?https?://\S+>?")
# `5 min de lecture`, `Lecture 3 min`.
_READING_TIME = re.compile(r"(?:(?:temps de )?lecture\s*:?\s*)?\d+\s*min(?:utes?)?\.?(?:\s+de\s+lecture)?")
# Breadcrumb separators; `»` only counts in a line without `«`, where it cannot close a quote.
_CRUMB = re.compile(r"\s(?:>|›|→|»)\s")
# `Dossiers : <headline>`, `Actualité | <headline>`: a short label, a separator, the rest.
_GLUED_LABEL = re.compile(r"([^\W\d][\w' ’-]{1,40}?)\s*(?::|\||–|—|\s-)\s+(?=\S)")
# How a page's `<title>` glues the site's name to the headline.
SITE_SEPARATORS = (" | ", " - ", " – ", " — ")
# `modernisation.gouv.fr`, `www.prefectures-regions.gouv.fr`.
_SITE_ADDRESS = re.compile(r"\w\.(?:gouv\.)?fr\b|\.com\b|\.org\b")
_WORD = re.compile(r"[\w']+")
# `Vu 1 254 fois`.
_SEEN = re.compile(r"(?:vu|lu|consulte)e?\s+\d[\d\s.]*\s+fois")
# A site's name is a few words (`Les services de l'État dans la Manche`).
MAX_INSTITUTION_WORDS = 8
_NOT_A_NAME = re.compile(r"[\d:?!«»\"|]")
# A view counter printed without its noun (`3754`, `1 254`): a figure alone is never a line of text.
_BARE_NUMBER = re.compile(r"\d[\d\s.,]*")


@dataclass(frozen=True)
class HeadLine:
    """A non-blank line of the head, stripped, with its offsets and the number of its block."""

    start: int
    end: int
    text: str
    block: int


@dataclass(frozen=True)
class _Furniture:
    """The furniture lexicons, folded, with the patterns built from them."""

    furniture: frozenset[str]
    labels: frozenset[str]
    glued: frozenset[str]
    share: frozenset[str]
    fillers: frozenset[str]
    crumb_markers: tuple[str, ...]
    crumb_starts: tuple[str, ...]
    authors: tuple[str, ...]
    site_names: frozenset[str]
    banners: tuple[str, ...]
    downloads: frozenset[str]
    starts: tuple[str, ...]
    institutions: tuple[str, ...]
    particles: frozenset[str]
    field: re.Pattern[str]
    counter: re.Pattern[str]


@functools.lru_cache(maxsize=128)
def document_words(lexicons: Lexicons, key: str) -> tuple[str, ...]:
    """The folded entries of `documents.yaml`'s list `key`; InvalidLexicon if it is missing or malformed."""
    value = lexicons.documents.get(key)
    if not isinstance(value, tuple) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidLexicon(f"documents.yaml: {key}: expected a list of non-empty strings")
    return tuple(fold(v) for v in value)


def _alternation(words: tuple[str, ...]) -> str:
    """Escaped `words`, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def furniture_lexicon(lexicons: Lexicons) -> _Furniture:
    """The furniture lexicons of `lexicons`, checked and compiled once."""
    return _Furniture(
        furniture=frozenset(document_words(lexicons, "page_furniture")),
        labels=frozenset(document_words(lexicons, "section_labels")),
        glued=frozenset(document_words(lexicons, "glued_labels")),
        share=frozenset(document_words(lexicons, "share_words")),
        fillers=frozenset(document_words(lexicons, "share_fillers")),
        crumb_markers=document_words(lexicons, "breadcrumb_markers"),
        crumb_starts=document_words(lexicons, "breadcrumb_starts"),
        authors=document_words(lexicons, "author_prefixes"),
        banners=document_words(lexicons, "banner_phrases"),
        downloads=frozenset(document_words(lexicons, "download_words")),
        starts=tuple(start + " " for start in document_words(lexicons, "furniture_starts")),
        institutions=document_words(lexicons, "header_line_starts"),
        particles=frozenset(document_words(lexicons, "name_particles")),
        site_names=frozenset(fold(name) for org in lexicons.organizations
                             for name in (org.name, org.acronym, *org.aliases) if name)
        | frozenset(document_words(lexicons, "site_names")),
        field=re.compile(rf"(?:{_alternation(document_words(lexicons, 'field_labels'))})\s*:"),
        counter=re.compile(rf"\d[\d\s.,k]*\s*(?:{_alternation(document_words(lexicons, 'counter_nouns'))})"),
    )


def head_lines(text: str, start: int = 0, max_blocks: int = HEAD_BLOCKS) -> list[HeadLine]:
    """The non-blank lines of the first `max_blocks` blocks from `start`, stripped, with offsets."""
    chunk = text[start:start + HEAD_CHARS]
    raw_lines = chunk.split("\n")
    if start + HEAD_CHARS < len(text):
        raw_lines.pop()  # cut in the middle
    found, block, blank, offset = [], 0, False, start
    for raw in raw_lines:
        stripped = raw.strip()
        if stripped:
            if blank and found:
                block += 1
                if block >= max_blocks:
                    break
            lead = len(raw) - len(raw.lstrip())
            found.append(HeadLine(offset + lead, offset + lead + len(stripped), stripped, block))
        blank = not stripped
        offset += len(raw) + 1
    return found


def is_furniture(text: str, lexicons: Lexicons) -> bool:
    """Whether a line is page furniture: `Vous êtes ici`, `Accueil > Actualités`, `Partager`, `1 254 vues`."""
    table = furniture_lexicon(lexicons)
    # `(Crédit photo : DITP)`: a line in brackets is read as its content.
    folded = fold(text).strip(" :.|>()[]")
    # A known organization's name alone on a line is the site's or the letterhead's, not a headline.
    if not folded or folded in table.furniture or folded in table.labels or folded in table.site_names:
        return True
    # A photo credit or caption credit: `Les agents réunis à Nantes © Préfecture du Nord`.
    if _RULE.fullmatch(text) or _IMAGE.fullmatch(text) or "©" in text or text.startswith("(c)"):
        return True
    if _READING_TIME.fullmatch(folded) or _SEEN.fullmatch(folded) or table.counter.fullmatch(folded):
        return True
    if _BARE_NUMBER.fullmatch(folded):
        return True
    if table.field.match(folded):
        return True
    if any(phrase in folded for phrase in table.banners):
        return True
    words = _WORD.findall(folded)
    if len(words) <= MAX_LINK_WORDS and (folded + " ").startswith(table.starts):
        return True
    if _is_institution_name(text, folded, table):
        return True
    # `Télécharger le programme (PDF, 2 Mo)`: a link to a file.
    if len(words) <= MAX_LINK_WORDS and table.downloads.intersection(words):
        return True
    # `Partager sur Facebook Twitter`: share words and small words only, one share word at least.
    if any(w in table.share for w in words) and all(w in table.share or w in table.fillers for w in words):
        return True
    return _is_breadcrumb(text, folded, table)


def _is_institution_name(text: str, folded: str, table: _Furniture) -> bool:
    """`Préfecture de la Haute-Vienne`, `Ministère des Armées`: a site's name, capitalised words and particles
    after an institution's noun; not `Préfecture de Lyon ouvre ses portes`, nor `Préfecture : …`."""
    words = text.split()
    if len(words) > MAX_INSTITUTION_WORDS or not folded.startswith(table.institutions) or _NOT_A_NAME.search(text):
        return False
    noun = max((start for start in table.institutions if folded.startswith(start)), key=len)
    return all(w[:1].isupper() or _is_particle(fold(w), table) for w in words[len(noun.split()):])


def _is_particle(folded: str, table: _Furniture) -> bool:
    """`de`, `la`, or an elided `l'`/`d'` before a capitalised word (`l'Intérieur`); not `lance`."""
    return folded in table.particles or folded[1:2] == "'" and folded[:2] in table.particles


def _is_breadcrumb(text: str, folded: str, table: _Furniture) -> bool:
    """`Vous êtes ici : Accueil > …`, `Accueil › Presse`, `Accueil / Actualités`, `Actualités > Agenda > …`."""
    if folded.startswith(table.crumb_markers):
        return True
    separators = len(_CRUMB.findall(text)) if "«" not in text else text.count(" > ") + text.count(" › ")
    if folded.startswith(table.crumb_starts):
        return separators > 0 or " / " in text
    return separators >= 2


def label_prefix_end(text: str, lexicons: Lexicons) -> int:
    """Where the headline starts after a section label glued to it (`Dossiers : <headline>`); 0 if none."""
    glued = _GLUED_LABEL.match(text)
    if glued and fold(glued.group(1)) in furniture_lexicon(lexicons).glued:
        return glued.end()
    return 0


def site_suffix_start(text: str, lexicons: Lexicons) -> int:
    """Where a site's name glued after the headline begins (`<headline> | Préfecture du Gard`,
    `<headline> - Ministère de la Culture`); `len(text)` when there is none."""
    table = furniture_lexicon(lexicons)
    for separator in SITE_SEPARATORS:
        cut = text.rfind(separator)
        if cut > 0:
            site = fold(text[cut + len(separator):]).strip()
            starts = document_words(lexicons, "header_line_starts")
            if site in table.site_names or site.startswith(starts) or _SITE_ADDRESS.search(site):
                return cut
    return len(text)


def is_byline(text: str, lexicons: Lexicons) -> bool:
    """`Par Claire Martin`, `Rédigé par la rédaction`: a short line naming the author, not a sentence
    that opens with `Par ailleurs, …`."""
    table = furniture_lexicon(lexicons)
    folded = fold(text)
    prefix = next((p for p in table.authors if folded.startswith(p + " ")), None)
    if prefix is None or len(folded.split()) > MAX_BYLINE_WORDS or text.rstrip().endswith("."):
        return False
    named = text[len(prefix) + 1:].lstrip(" :")
    return named[:1].isupper() or named[:1] in "«\"" or fold(named) in table.furniture
