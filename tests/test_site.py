"""The review site without a browser: highlight markup, escaping, incremental rewriting, the
`site` and `serve` commands. The browser tests are in `test_site_browser.py`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

from innovpub.site import write_site
from innovpub.site.escaping import escaped
from innovpub.site.highlight import Span, highlight
from innovpub.site.serve import ensure_site

ROOT = Path(__file__).resolve().parents[1]


class Pieces(HTMLParser):
    """The text of each `data-ref` (its pieces joined), the tags seen, and nesting errors."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.texts: dict[str, str] = {}
        self.tags: list[tuple[str, dict]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self.open.append(attributes.get("data-ref", ""))  # the legend's marks have none

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            if not self.open:
                self.errors.append("closing a mark that is not open")
            else:
                self.open.pop()

    def handle_data(self, data: str) -> None:
        for ref in set(self.open):
            self.texts[ref] = self.texts.get(ref, "") + data


def _parse(markup: str) -> Pieces:
    parser = Pieces()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.mark.parametrize("spans", [
    pytest.param([(0, 10, "a"), (3, 6, "b")], id="nested"),
    pytest.param([(0, 6, "a"), (3, 10, "b")], id="crossing"),
    pytest.param([(0, 6, "a"), (0, 6, "b"), (6, 9, "c")], id="same span, then adjacent"),
    pytest.param([(0, 8, "a"), (2, 12, "b"), (4, 6, "c"), (5, 14, "d")], id="a chain of crossings"),
    pytest.param([(0, 3, "a"), (5, 99, "b")], id="a span past the end is left out"),
])
def test_overlapping_spans_nest_and_each_piece_keeps_its_text(spans: list[tuple[int, int, str]]) -> None:
    text = "0123<5>789&bcdef"
    markup = highlight(text, [Span(s, e, "person", f"per_{ref}", "t", ref) for s, e, ref in spans])
    parsed = _parse(str(markup))
    assert not parsed.errors and not parsed.open
    kept = {ref: text[s:e] for s, e, ref in spans if e <= len(text)}
    assert parsed.texts == kept
    assert markup.count('id="h-') == len(kept)  # one anchor a span, on its first piece


def test_text_and_attributes_are_escaped() -> None:
    text = "<script>alert(1)</script> &amp; </mark>"
    markup = str(highlight(text, [Span(0, 8, "quote", 'q"><img onerror=x>', "</mark><b>", "r")]))
    parsed = _parse(markup)
    assert [tag for tag, _ in parsed.tags] == ["mark"]
    assert parsed.tags[0][1]["data-id"] == 'q"><img onerror=x>'
    assert parsed.texts == {"r": "<script>"}
    assert "&lt;script&gt;" in markup and "&amp;amp;" in markup


def test_pages_written_without_a_template_escape_as_the_templates_do() -> None:
    hostile = "<a href='x' title=\"y\">&amp; é</a>\u2019"
    assert escaped(hostile) == str(escape(hostile))  # the same bytes from either way of writing a page
    assert not any(c in escaped(hostile) for c in "<>'\"")


def _manifest(version: Path) -> dict:
    return json.loads((version / "site" / "manifest.json").read_text("utf-8"))


def _versions(out: Path) -> list[Path]:
    return sorted(p for p in (out / "versions").iterdir() if not p.name.startswith("."))


@pytest.mark.slow
def test_a_new_document_rewrites_only_the_pages_that_changed(site_out: Path) -> None:
    before, after = _versions(site_out)[-2:]
    assert (site_out / "site").resolve() == after / "site"
    unchanged = [p.name for p in (before / "site/documents").iterdir()]
    assert len(unchanged) == 5
    for name in unchanged:  # the bundled documents' pages are the previous version's files
        assert os.path.samefile(before / "site/documents" / name, after / "site/documents" / name), name
    first, second = _manifest(before), _manifest(after)
    assert first["linked"] == 0
    assert second["written"] + second["linked"] == len(second["files"])
    assert second["linked"] >= 5 and second["written"] < first["written"] / 2
    assert "index.html" in second["files"] and (after / "site/index.html").stat().st_ino != (before / "site/index.html").stat().st_ino


@pytest.mark.slow
def test_every_file_is_local(site_out: Path) -> None:
    site = site_out / "site"
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        for tag, attributes in _parse(page.read_text("utf-8")).tags:
            for name in ("src", "href"):
                value = attributes.get(name) or ""
                assert "://" not in value and not value.startswith("//"), f"{page}: <{tag} {name}={value}>"
                if value and not value.startswith("#"):
                    assert (page.parent / value.split("#")[0]).exists(), f"{page}: broken link {value}"


@pytest.mark.slow
def test_a_version_without_a_site_gets_one_and_the_command_prints_it(site_out: Path, tmp_path: Path) -> None:
    version = _versions(site_out)[-1]
    out = tmp_path / "out"
    (out / "versions").mkdir(parents=True)
    copy = out / "versions" / version.name
    copy.mkdir()
    os.symlink(version / "dataset", copy / "dataset")  # a version published before sites existed
    os.symlink(f"versions/{version.name}", out / "current")
    result = subprocess.run([sys.executable, "-m", "innovpub.cli", "site", "--out", str(out), "--corpus", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith((out / "site/index.html").absolute().as_uri())
    assert (copy / "site/index.html").is_file() and not (copy / ".site-staging").exists()
    assert ensure_site(out, tmp_path) == out / "site"


def test_the_site_command_names_the_remedy_when_nothing_is_published(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "innovpub.cli", "site", "--out", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "no published dataset" in result.stderr and "innovpub run" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_answers_on_the_loopback_interface(site_out: Path) -> None:
    server = subprocess.Popen([sys.executable, "-m", "innovpub.cli", "serve", "--out", str(site_out), "--port", "0"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        assert "http://127.0.0.1:" in line, line + server.stderr.read()
        address = line.split(" at ")[1].split()[0]
        with urllib.request.urlopen(address + "index.html", timeout=10) as response:
            assert "Content-Security-Policy" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.slow
def test_writing_a_site_again_from_the_same_tables_links_every_file(site_out: Path, tmp_path: Path) -> None:
    version = _versions(site_out)[-1]
    report = write_site(version / "dataset", tmp_path / "site", version / "site", site_out.parent / "corpus")
    assert report.written == 0
    assert report.linked == len(_manifest(version)["files"])


@pytest.mark.slow
def test_entity_pages_written_by_a_second_process_are_the_same(site_out: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import innovpub.site

    monkeypatch.setattr(innovpub.site, "PARALLEL_FROM", 0)  # a large archive's path, on the small one
    version = _versions(site_out)[-1]
    report = write_site(version / "dataset", tmp_path / "site", None, site_out.parent / "corpus")
    expected = _manifest(version)["files"]
    assert report.written == len(expected) and _manifest(tmp_path)["files"] == expected
    for relative in expected:
        assert (tmp_path / "site" / relative).read_bytes() == (version / "site" / relative).read_bytes(), relative
