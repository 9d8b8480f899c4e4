"""Web pages: the article's main text, not menus, through trafilatura."""

from __future__ import annotations

from innovpub.errors import UnreadableDocument
from innovpub.loaders.cleaning import CleanText, clean_markup
from innovpub.loaders.text import decode_text

# Fewer words than this is a menu, a cookie banner or an error page, not an article.
MIN_ARTICLE_WORDS = 25


def load_html(data: bytes, path: str) -> tuple[CleanText, list[str]]:
    """Extract and clean the main text of an HTML page.

    The source map points into trafilatura's extracted text, the closest stable source an
    HTML page has once its markup is gone.
    """
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    html, warnings = decode_text(data, path)
    main_text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                    favor_precision=True, with_metadata=False)
    if not main_text or len(main_text.split()) < MIN_ARTICLE_WORDS:
        raise UnreadableDocument(path, "HTML page with no article body")
    metadata = trafilatura.extract_metadata(html)
    title = (metadata.title or "").strip() if metadata else ""
    if title and not main_text.lstrip().startswith(title):
        main_text = f"{title}\n\n{main_text}"  # the <h1>/<title> is the article's title line
    return clean_markup(main_text), warnings
