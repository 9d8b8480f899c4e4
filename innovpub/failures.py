"""How a failure reaches a person: one message naming the cause and the remedy, and an exit code.

`innovpub.cli.main` hands every exception to `fail`; a run record names the same cause
(`explain`). Tracebacks, Prefect's own logs and libraries' noise at exit are kept for
`--debug` (or `INNOVPUB_DEBUG=1`).
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
import warnings
from pathlib import Path

from innovpub.errors import PERMANENT, InnovpubError, Interrupted, ServerUnreachable, Unexpected, write_failure

DEBUG_VARIABLE = "INNOVPUB_DEBUG"
# Prefect's console handler: a failed task or flow would print its traceback there, often twice.
QUIET_PREFECT = {"PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL"}
_HANDLER_NAME = "innovpub-console"


def debug_requested(argv: list[str]) -> bool:
    """Whether tracebacks were asked for: `--debug` anywhere on the line, or `INNOVPUB_DEBUG=1`."""
    return "--debug" in argv or os.environ.get(DEBUG_VARIABLE, "") not in ("", "0")


def show_progress() -> None:
    """innovpub's own log (progress, warnings) on stderr through a handler of its own: Prefect's
    console handler, on the root logger, is quiet in batch runs."""
    progress = logging.getLogger("innovpub")
    progress.setLevel(logging.INFO)
    if not any(handler.get_name() == _HANDLER_NAME for handler in progress.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress.addHandler(handler)
    progress.propagate = False


def quiet_libraries(debug: bool, prefect_console: bool = False) -> None:
    """innovpub's own progress on stderr; other libraries' warnings through Prefect's console
    handler (or Python's last resort), not their noise.

    Unless `debug`: logging errors are not printed (Prefect's "Error logging to API" when its server
    has gone, `logging.raiseExceptions`), and, unless `prefect_console`, neither is Prefect's console
    log, whose failures repeat, as tracebacks, the error this command prints as one message.
    """
    show_progress()
    if not debug:
        logging.raiseExceptions = False
        # Prefect's runner, stopped by SIGTERM (`schedule` under systemd), leaves a coroutine unawaited.
        warnings.filterwarnings("ignore", message="coroutine .* was never awaited", category=RuntimeWarning)
        if not prefect_console:
            for key, value in QUIET_PREFECT.items():
                os.environ.setdefault(key, value)


def explain(error: BaseException) -> InnovpubError:
    """The failure behind `error`, as a person can act on it."""
    if isinstance(error, InnovpubError):
        return error
    if isinstance(error, KeyboardInterrupt):
        return Interrupted("interrupted")
    if isinstance(error, OSError) and error.filename:
        failure = write_failure(error, Path(error.filename), doing="use")  # a read or a write
        if failure is not None:
            return failure
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(error, httpx.TransportError):
        url = getattr(getattr(error, "request", None), "url", "the Prefect server")
        return ServerUnreachable(f"lost the connection to {url}: {_first_line(error)}",
                                 "check that the Prefect server at PREFECT_API_URL is running, then run again")
    return Unexpected(f"unexpected error: {type(error).__name__}: {_first_line(error)}")


def worth_retrying(error: object) -> bool:
    """Whether a retry may mend `error`: a busy database or a flaky network may pass; no space, a
    read-only folder, a permission refused or a bad input fail again the same way."""
    return isinstance(error, BaseException) and not isinstance(explain(error), PERMANENT)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else ""


def message(failure: InnovpubError) -> str:
    """The lines printed for `failure`: what failed, on what, and what to do."""
    lines = [f"innovpub: {_first_line(failure)}"]
    if failure.remedy:
        lines.append(f"  what to do: {failure.remedy}")
    return "\n".join(lines)


def fail(error: BaseException, debug: bool) -> int:
    """Print `error` as `message` (after its traceback under `debug`) and return its exit code."""
    if debug:
        traceback.print_exception(error)
    failure = explain(error)
    print(message(failure), file=sys.stderr, flush=True)
    # What the tracebacks hold (a DuckDB connection, say) is freed now, not at the interpreter's
    # shutdown, where DuckDB's bindings (nanobind) report each object still alive as a leak:
    # Prefect keeps the failed task's exception, and with it the chain's frames, until then.
    chained, seen = error, set()
    while chained is not None and id(chained) not in seen:
        seen.add(id(chained))
        chained.__traceback__ = None
        chained = chained.__cause__ or chained.__context__
    return failure.exit_code
