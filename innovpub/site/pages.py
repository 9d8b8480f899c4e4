"""Writing the site's files, rewriting only those whose content changed.

Every file is made from plain data (its "inputs"): a hash of the inputs, with a fingerprint
of the site's own code and templates, is kept in `manifest.json`. When the previous version's
site holds a file with the same hash, it is hard-linked (copied across file systems) instead
of rendered again: a run with ten new documents renders their pages, the index and the pages
of the entities that changed, and links the rest. The entity pages (`framed`), quicker to write
than their inputs to hash, are hashed by their own bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import jinja2

from innovpub.site.escaping import escaped

MANIFEST = "manifest.json"
SLOTS = ("\x00title\x00", "\x00main\x00")  # where `frame.html` takes a page's title and content
HERE = Path(__file__).parent


@cache
def code_fingerprint() -> str:
    """A hash of the site's code, templates and assets: a change to them renders every page."""
    digest = hashlib.sha256()
    for path in sorted([*HERE.glob("*.py"), *HERE.glob("templates/*"), *HERE.glob("assets/*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def environment() -> jinja2.Environment:
    """Templates with autoescaping on: every value is escaped unless built as `Markup`."""
    return jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"),
                              autoescape=True, trim_blocks=True, lstrip_blocks=True,
                              undefined=jinja2.StrictUndefined)


@cache
def frame(root: str) -> tuple[str, str, str]:
    """The page around a title and a content written without a template, for pages `root` deep."""
    html = environment().get_template("frame.html").render(root=root, slots=SLOTS)
    before, rest = html.split(SLOTS[0])
    middle, after = rest.split(SLOTS[1])
    return before, middle, after


def _digest(inputs: object) -> str:
    text = json.dumps(inputs, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.blake2b(f"{code_fingerprint()}\0{text}".encode(), digest_size=16).hexdigest()


def _link_or_copy(source: str | Path, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not supported
        shutil.copyfile(source, target)


class SiteWriter:
    """Writes the files of a new site beside the previous version's, reusing unchanged ones."""

    def __init__(self, root: Path, previous: Path | None) -> None:
        self.root = root
        self.previous = previous
        self.hashes: dict[str, str] = {}
        self.written = 0
        self.linked = 0
        self._previous_hashes: dict[str, str] = {}
        if previous is not None:
            try:
                self._previous_hashes = json.loads((previous / MANIFEST).read_text("utf-8"))["files"]
            except (OSError, ValueError, KeyError, TypeError):
                self._previous_hashes = {}  # no site there, or an unreadable one: render everything
        self._folders: set[str] = set()
        self._root = os.fspath(root)  # paths as strings: a Path a file was a tenth of the site's time

    def _target(self, relative: str) -> str:
        target = os.path.join(self._root, relative)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        return target

    def _reused(self, relative: str, digest: str, target: str) -> bool:
        if self.previous is None or self._previous_hashes.get(relative) != digest:
            return False
        try:
            _link_or_copy(os.path.join(self.previous, relative), target)
        except OSError:
            return False  # the previous file is gone: make it again
        self.linked += 1
        return True

    def file(self, relative: str, inputs: object, make: Callable[[], str | bytes]) -> None:
        """Write `relative` from `make()`, unless the previous site has it for the same inputs."""
        self._place(relative, _digest(inputs), make)

    def _place(self, relative: str, digest: str, make: Callable[[], str | bytes]) -> None:
        self.hashes[relative] = digest
        target = self._target(relative)
        if self._reused(relative, digest, target):
            return
        content = make()
        with open(target, "wb") as written:
            written.write(content.encode("utf-8") if isinstance(content, str) else content)
        self.written += 1

    def page(self, relative: str, template: str, context: dict, extra: Callable[[], dict] | None = None) -> None:
        """Render `template` with `context` (the page's inputs) and `extra()` (derived from them)."""
        root = "../" * relative.count("/")
        self.file(relative, context, lambda: environment().get_template(template).render(
            root=root, **context, **(extra() if extra else {})))

    def framed(self, relative: str, title: str, body: Callable[[str], str]) -> None:
        """Write a page whose content `body(root)` makes, inside the frame of every page.

        The page is made, then hashed: its body is written faster than its inputs were
        JSON-encoded for a hash, and only the writing is saved when the previous site has it."""
        root = "../" * relative.count("/")
        before, middle, after = frame(root)
        page = f"{before}{escaped(title)}{middle}{body(root)}{after}".encode("utf-8")
        self._place(relative, hashlib.blake2b(page, digest_size=16).hexdigest(), lambda: page)

    def copy(self, relative: str, source: Path, fingerprint: str) -> None:
        """Place `source` (a corpus file, an asset) at `relative`, linked rather than copied."""
        self.hashes[relative] = fingerprint
        target = self._target(relative)
        if not self._reused(relative, fingerprint, target):
            _link_or_copy(source, target)
            self.written += 1

    def merge(self, hashes: dict[str, str], written: int, linked: int) -> None:
        """Count the files another writer wrote into the same site (`_entity_files`)."""
        self.hashes.update(hashes)
        self.written += written
        self.linked += linked

    def finish(self, seconds: float) -> None:
        """Write the manifest: the hash of every file, and what this run wrote."""
        summary = {"written": self.written, "linked": self.linked, "seconds": round(seconds, 3), "files": self.hashes}
        with open(self.root / MANIFEST, "w", encoding="utf-8") as manifest:
            json.dump(summary, manifest, ensure_ascii=False)
            manifest.flush()
            os.fsync(manifest.fileno())
