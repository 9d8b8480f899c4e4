"""The review site in a real browser: Playwright driving Debian's Chromium (`/usr/bin/chromium`,
`apt-get install chromium`; no browser download). Skipped, saying so, where there is none."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
HOSTILE_MARKERS = ("<script>document.title='PWNED'</script>", "</span></mark>", "&amp;", 'onerror="document.body')


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get install -y chromium` to run the browser tests")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """A page with every request, console error and page error it met recorded."""

    def __init__(self, browser: object) -> None:
        self.page = browser.new_page()  # type: ignore[attr-defined]
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))


@pytest.fixture()
def visit(browser: object) -> Iterator[Visit]:
    visit = Visit(browser)
    yield visit
    visit.page.close()


def _rows(out: Path, table: str) -> list[dict]:
    with open(out / "dataset" / f"{table}.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def _assert_clean(visit: Visit) -> None:
    """No request off this machine, no error, no script but the site's, no event-handler attribute."""
    assert all(url.startswith("file://") for url in visit.requests), [u for u in visit.requests if not u.startswith("file://")]
    assert visit.errors == []
    scripts = visit.page.eval_on_selector_all("script", "nodes => nodes.map(n => n.getAttribute('src'))")
    assert all(src and src.endswith("assets/site.js") for src in scripts), scripts
    handlers = visit.page.evaluate("""() => Array.from(document.querySelectorAll('*')).flatMap(
        node => Array.from(node.attributes).filter(a => a.name.startsWith('on')).map(a => node.tagName + ' ' + a.name))""")
    assert handlers == []
    assert visit.page.evaluate("() => document.body.dataset.pwned") is None
    assert visit.page.title() != "PWNED"  # what the hostile title's script would set


def test_every_document_is_reachable_from_the_index(site_out: Path, visit: Visit) -> None:
    index = site_out / "site" / "index.html"
    visit.page.goto(index.as_uri())
    links = visit.page.eval_on_selector_all("#documents tbody a", "nodes => nodes.map(n => n.href)")
    documents = _rows(site_out, "documents")
    assert len(links) == len(documents) == 6
    for document in documents:
        expected = (site_out / "site" / "documents" / f"{document['document_id']}.html").as_uri()
        assert expected in links, document["source"]
    for link in links:
        visit.page.goto(link)
        assert visit.page.locator("#text").count() == 1, link
    _assert_clean(visit)
    assert visit.page.locator("img[src='charts/editions.svg']").count() == 0  # a document page
    visit.page.goto(index.as_uri())
    for chart in ("charts/editions.svg", "charts/documents.svg"):
        width = visit.page.eval_on_selector(f"img[src='{chart}']", "img => img.naturalWidth")
        assert width > 100, chart  # the SVG loaded from file://


def test_every_quote_person_and_organization_is_highlighted_with_its_id(site_out: Path, visit: Visit) -> None:
    texts = {d["document_id"]: d["text"] for d in _rows(site_out, "documents")}
    expected: dict[str, list[tuple[str, str, int, int]]] = {d: [] for d in texts}
    for quote in _rows(site_out, "quotes"):
        expected[quote["document_id"]].append(("quote", quote["quote_id"], quote["start"], quote["end"]))
    for mention in _rows(site_out, "mentions"):
        if mention["kind"] in ("person", "organization"):
            expected[mention["document_id"]].append((mention["kind"], mention["entity_id"], mention["start"], mention["end"]))
    assert sum(len(rows) for rows in expected.values()) > 100
    for document_id, rows in expected.items():
        visit.page.goto((site_out / "site" / "documents" / f"{document_id}.html").as_uri())
        marks = visit.page.eval_on_selector_all("#text mark[data-ref]", """nodes => nodes.map(n => [
            n.dataset.kind, n.dataset.id, n.dataset.ref, n.textContent])""")
        pieces: dict[tuple[str, str, str], str] = {}
        for kind, row_id, ref, text in marks:
            pieces[(kind, row_id, ref)] = pieces.get((kind, row_id, ref), "") + text
        for kind, row_id, start, end in rows:  # each row: its highlight, its id, exactly its text
            key = (kind, row_id, f"{kind}-{start}-{end}")
            assert key in pieces, (document_id, key)
            assert pieces[key] == texts[document_id][start:end], (document_id, key)
        _assert_clean(visit)


def test_a_person_link_leads_to_the_person_page_and_back_into_the_document(site_out: Path, visit: Visit) -> None:
    quote = next(q for q in _rows(site_out, "quotes") if q["speaker_person_id"])
    person = next(p for p in _rows(site_out, "people") if p["person_id"] == quote["speaker_person_id"])
    visit.page.goto((site_out / "site" / "documents" / f"{quote['document_id']}.html").as_uri())
    visit.page.click(f"table.extractions tr#x-quote-{quote['start']}-{quote['end']} a[href*='people/']")
    assert visit.page.url.endswith(f"people/{person['person_id']}.html")
    assert visit.page.inner_text("h1") == person["name"]
    visit.page.click(f"a[href$='#h-quote-{quote['start']}-{quote['end']}']")
    assert visit.page.url.endswith(f"documents/{quote['document_id']}.html#h-quote-{quote['start']}-{quote['end']}")
    assert visit.page.eval_on_selector(":target", "n => n.dataset.id") == quote["quote_id"]
    _assert_clean(visit)


def test_typing_in_the_filter_keeps_the_matching_documents(site_out: Path, visit: Visit) -> None:
    visit.page.goto((site_out / "site" / "index.html").as_uri())
    rows = visit.page.locator("#documents tbody tr")
    assert rows.count() == 6
    visit.page.fill("#filter", "bretagne")
    visible = [row.inner_text() for row in rows.all() if row.is_visible()]
    assert len(visible) == 1 and "Bretagne" in visible[0]
    assert visit.page.inner_text("#filter-count") == "1 / 6"
    visit.page.fill("#filter", "evenements innovation")  # accents folded, every word required
    assert 1 < sum(row.is_visible() for row in rows.all()) <= 6
    visit.page.fill("#filter", "")
    assert sum(row.is_visible() for row in rows.all()) == 6
    _assert_clean(visit)


def test_a_hostile_document_shows_its_markup_as_text_and_runs_nothing(site_out: Path, visit: Visit) -> None:
    document = next(d for d in _rows(site_out, "documents") if d["source"] == "hostile.txt")
    assert all(marker in document["text"] for marker in HOSTILE_MARKERS)  # the loader kept them
    page = site_out / "site" / "documents" / f"{document['document_id']}.html"
    visit.page.goto(page.as_uri())
    shown = visit.page.inner_text("#text")
    assert all(marker in shown for marker in HOSTILE_MARKERS)
    assert visit.page.eval_on_selector("#text", "n => n.textContent") == document["text"]
    visit.page.hover("#text mark[data-kind='quote']")
    _assert_clean(visit)
    for path in ("index.html", "people.html", "organizations.html", "events.html"):
        visit.page.goto((site_out / "site" / path).as_uri())
        _assert_clean(visit)
