"""`innovpub site` and `innovpub serve`: where the current version's site is, and a local server.

A version published before the site existed has none; `ensure_site` writes it into that
version (under the output folder's lock, into a hidden folder renamed into place), so the
site of an unchanged corpus is there without republishing the dataset.
"""

from __future__ import annotations

import errno
import functools
import http.server
import shutil
from pathlib import Path

from innovpub.errors import InnovpubError
from innovpub.lock import exclusive_run
from innovpub.site import SITE, write_site

HOST = "127.0.0.1"


def ensure_site(out_dir: Path, corpus_dir: Path, wait_seconds: float = 0.0) -> Path:
    """The stable path of the current site, `OUT/site`, written first if the version has none."""
    current = out_dir / "current"
    if not (current / "dataset").is_dir():
        raise InnovpubError(f"{out_dir}: no published dataset here; build one with `innovpub run --out {out_dir}`")
    link = out_dir / SITE
    if not (current / SITE / "index.html").is_file():
        with exclusive_run(out_dir, wait_seconds):
            version = current.resolve()
            if not (version / SITE / "index.html").is_file():  # a run may have published one meanwhile
                staging = version / f".{SITE}-staging"
                shutil.rmtree(staging, ignore_errors=True)
                try:
                    report = write_site(version / "dataset", staging, None, corpus_dir)
                    staging.rename(version / SITE)
                except BaseException:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
                print(f"site written: {report.written} files in {report.seconds:.1f} s")
    if not link.is_symlink():
        if link.exists():
            raise InnovpubError(f"{link}: exists and is not the link to current/{SITE}; move it away and retry")
        link.symlink_to(f"current/{SITE}")
    return link


def serve(site: Path, port: int) -> None:
    """Serve `site` on the loopback interface until interrupted (Ctrl-C)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    try:
        server = http.server.ThreadingHTTPServer((HOST, port), handler)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise InnovpubError(f"port {port} is already in use on {HOST}: choose another with --port") from None
        raise InnovpubError(f"cannot serve on {HOST}:{port}: {error.strerror}") from None
    print(f"serving {site} at http://{HOST}:{server.server_address[1]}/ (Ctrl-C to stop)", flush=True)
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("stopped")
