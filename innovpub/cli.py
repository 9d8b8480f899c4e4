"""The `innovpub` command: run, evaluate, query."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from innovpub.settings import Settings

if TYPE_CHECKING:
    from innovpub.pipeline import RunSummary

# Embedded Prefect, quiet and offline: set before Prefect is first imported.
PREFECT_DEFAULTS = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The embedded server logs a harmless flush error when the process exits (prefect 3.8.8).
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    # The embedded server may start slowly on a busy machine (a nightly run beside other work).
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if getattr(args, "corpus", None):
        settings = replace(settings, corpus_dir=Path(args.corpus))
    if getattr(args, "out", None):
        settings = replace(settings, out_dir=Path(args.out))
    if getattr(args, "processes", None):
        settings = replace(settings, processes=args.processes)
    return settings


def _set_prefect_defaults() -> None:
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)


def _print_summary(summary: RunSummary) -> None:
    print(f"documents read: {summary.documents} ({summary.analysed} analysed, {summary.cached} from the cache)")
    if summary.published:
        print("rows per table: " + ", ".join(f"{name} {count}" for name, count in summary.rows.items()))
        print(f"published: {summary.published.path}")
    else:
        print("nothing new: the published dataset is unchanged")
    if summary.failures:
        print(f"documents that failed: {len(summary.failures)}")
        for failure in summary.failures:
            print(f"  {failure.source}: {failure.stage}: {failure.reason}")
    else:
        print("documents that failed: 0")


def command_run(args: argparse.Namespace) -> int:
    """Run the Prefect flow over the corpus and publish the dataset.

    When nothing changed since the last publication the run is recorded without starting
    Prefect and its embedded server, which take ≈ 7 s to import and start. Otherwise the
    analysis processes start while they do (`innovpub.workers`).
    """
    from innovpub import workers
    from innovpub.pipeline import batches, plan_run, refusal_recorded, run_locally

    settings = _settings(args)
    with refusal_recorded(settings, trigger="cli"):
        hint = plan_run(settings)
        if not hint.up_to_date:
            _set_prefect_defaults()  # Prefect reads its settings at import
            from flows.api import start_shared_api

            api = start_shared_api()  # the embedded server boots while the flows are imported
    if hint.up_to_date:
        summary = run_locally(settings, trigger="cli", wait_seconds=args.wait)
    else:
        if not (args.dask_address or args.workers) and hint.todo:
            needed = len(batches(hint.todo, settings.batch_size, settings.processes))
            workers.start_early(settings.model_name, min(needed, settings.processes))
        from flows.pipeline import pipeline

        try:
            with api:
                summary = pipeline(corpus_dir=str(settings.corpus_dir), out_dir=str(settings.out_dir),
                                   trigger="cli", wait_seconds=args.wait, dask_address=args.dask_address,
                                   workers=args.workers, processes=settings.processes)
        finally:
            workers.stop_early()
    _print_summary(summary)
    return 1 if summary.failures else 0  # some inputs rejected: listed above


def command_ingest(args: argparse.Namespace) -> int:
    """Check files, add them to the corpus, and republish the dataset."""
    from innovpub.resolve.duplicates import published_copies
    from innovpub.ingest import ingest
    from innovpub.lock import exclusive_run
    from innovpub.pipeline import run_locally

    settings = _settings(args)
    with exclusive_run(settings.out_dir, args.wait):
        outcomes = ingest([Path(p) for p in args.paths], settings.corpus_dir, settings.out_dir,
                          settings.max_file_bytes)
    summary = None
    if any(o.verdict == "added" for o in outcomes):
        summary = run_locally(settings, trigger="ingest", wait_seconds=args.wait)
    copies = published_copies(settings.out_dir / "dataset", settings.corpus_dir) if summary else {}
    for outcome in outcomes:
        same = f" (same text as {copies[outcome.stored_as]})" if outcome.stored_as in copies else ""
        detail = f": {outcome.reason}" if outcome.reason else f"{same} as {outcome.stored_as}"
        print(f"{outcome.verdict}{detail}  {outcome.path}")
    if summary:
        _print_summary(summary)
    return 1 if any(o.verdict == "rejected" for o in outcomes) else 0


def command_status(args: argparse.Namespace) -> int:
    """Corpus size, documents by kind and year, last run, rejected files."""
    from innovpub.status import print_status

    print_status(_settings(args))
    return 0


def command_runs(args: argparse.Namespace) -> int:
    """The run records, newest last."""
    from innovpub.runs import read_runs

    for run in read_runs(_settings(args).out_dir)[-args.last:]:
        failed = f", {len(run.failures)} failed" if run.failures else ""
        print(f"{run.started_at}  {run.status:<11} {run.trigger:<8} {run.new_documents} new, "
              f"{run.cached_documents} cached{failed}  {run.message or ''}".rstrip())
        for failure in run.failures:
            print(f"    {failure['source']}: {failure['stage']}: {failure['reason']}")
    return 0


def command_schedule(args: argparse.Namespace) -> int:
    """Serve the nightly deployment until interrupted."""
    _set_prefect_defaults()
    from innovpub.schedule import serve_nightly

    serve_nightly(_settings(args), cron=args.cron, timezone=args.timezone, port=args.port, quiet_runs=not args.debug)
    return 0


def command_site(args: argparse.Namespace) -> int:
    """Print where the current version's review site is; open it in a browser."""
    from innovpub.site.serve import ensure_site

    settings = _settings(args)
    index = ensure_site(settings.out_dir, settings.corpus_dir, args.wait) / "index.html"
    print(index.absolute().as_uri())
    if args.open:
        import webbrowser

        if not webbrowser.open(index.absolute().as_uri()):
            print("innovpub: no browser found here; open the address above in one", file=sys.stderr)
    return 0


def command_serve(args: argparse.Namespace) -> int:
    """Serve the review site on 127.0.0.1 until interrupted."""
    from innovpub.site.serve import ensure_site, serve

    settings = _settings(args)
    serve(ensure_site(settings.out_dir, settings.corpus_dir, args.wait), args.port)
    return 0


def _format_score(value: float) -> str:
    return f"{value:.3f}"


def print_report(report: dict) -> None:
    """The evaluation as aligned text."""
    print(f"{'table':<20} {'P':>6} {'R':>6} {'F1':>6}   tp/fp/fn")
    for name, s in report["tables"].items():
        print(f"{name:<20} {_format_score(s['precision']):>6} {_format_score(s['recall']):>6} "
              f"{_format_score(s['f1']):>6}   {s['tp']}/{s['fp']}/{s['fn']}")
    print(f"{'macro F1 (6 tables)':<20} {'':>6} {'':>6} {_format_score(report['macro_f1']):>6}")
    print()
    for name, value in report["accuracies"].items():
        right, total = report["accuracy_counts"][name]
        print(f"{name:<24} {_format_score(value)}  ({right}/{total})")
    print()
    for name, s in report["clusters"].items():
        print(f"clusters {name:<15} P {_format_score(s['precision'])}  R {_format_score(s['recall'])}  "
              f"F1 {_format_score(s['f1'])}")
    print(f"must_not_merge violations: {len(report['must_not_merge_violations'])}")
    for error in report["errors"]:
        print(f"error: {error}")


def print_details(report: dict) -> None:
    """Each miss and each spurious item, by table and document."""
    for table, document, verdict, description in sorted(report["details"]):
        print(f"{table:<14} {document[:24]:<24} {verdict:<9} {description}")


def command_evaluate(args: argparse.Namespace) -> int:
    """Build the dataset from the corpus (or read a published one) and score it."""
    from innovpub.evaluate import evaluate, gold_files, load_dataset
    from innovpub.pipeline import run_locally

    gold_files(Path(args.gold))  # before a run of the corpus, which takes a while
    if args.dataset:
        data = load_dataset(Path(args.dataset))
    else:
        with tempfile.TemporaryDirectory(prefix="innovpub-evaluate-") as out:
            summary = run_locally(replace(_settings(args), out_dir=Path(out)))
            for failure in summary.failures:
                print(f"failed: {failure.source}: {failure.stage}: {failure.reason}", file=sys.stderr)
            data = load_dataset(Path(out) / "dataset")
    report = evaluate(data, Path(args.gold)).as_dict()
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        print_report(report)
        if args.details:
            print()
            print_details(report)
    return 0


def command_query(args: argparse.Namespace) -> int:
    """Run read-only SQL over the published DuckDB database."""
    from innovpub.query import run_query

    columns, rows = run_query(_settings(args).out_dir / "innovpub.duckdb", args.sql)
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif args.format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], ensure_ascii=False, default=str, indent=1))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(*columns)
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row))
        Console().print(table)
    return 0


def _positive(value: str) -> int:
    """An argument that must be a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return int(value)


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--corpus", help="corpus folder (default corpus/)")
    parser.add_argument("--out", help="output folder (default outputs/)")
    parser.add_argument("--wait", type=float, default=0.0,
                        help="seconds to wait for a run in progress before giving up (default 0)")


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="innovpub", description=__doc__)
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks and Prefect's own logs (also INNOVPUB_DEBUG=1); anywhere on the line")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the dataset from the corpus (Prefect flow), incrementally")
    _folders(run)
    run.add_argument("--dask-address", help="run the analysis on the Dask cluster at tcp://HOST:PORT")
    run.add_argument("--workers", type=int, help="run the analysis on a local Dask cluster of N processes")
    run.add_argument("--processes", type=_positive,
                     help="analyse in N processes of this machine (default: one per core)")
    run.set_defaults(handler=command_run)
    ingest = commands.add_parser("ingest", help="check files, add them to the corpus, republish")
    ingest.add_argument("paths", nargs="+", help="files or folders")
    _folders(ingest)
    ingest.set_defaults(handler=command_ingest)
    status = commands.add_parser("status", help="corpus size, documents by kind and year, last run")
    _folders(status)
    status.set_defaults(handler=command_status)
    runs = commands.add_parser("runs", help="the run records")
    runs.add_argument("--out", help="output folder (default outputs/)")
    runs.add_argument("--last", type=int, default=20, help="how many runs (default 20)")
    runs.set_defaults(handler=command_runs)
    schedule = commands.add_parser("schedule", help="serve the nightly Prefect deployment")
    _folders(schedule)
    schedule.add_argument("--cron", default="0 3 * * *", help="cron schedule (default 03:00)")
    schedule.add_argument("--timezone", default="Europe/Paris")
    schedule.add_argument("--port", type=int, help="port of the local Prefect server it starts when "
                          "PREFECT_API_URL is not set (default: a free one)")
    schedule.set_defaults(handler=command_schedule)
    site = commands.add_parser("site", help="where the review site of the current version is")
    _folders(site)
    site.add_argument("--open", action="store_true", help="open it in a web browser")
    site.set_defaults(handler=command_site)
    serve = commands.add_parser("serve", help="serve the review site on 127.0.0.1")
    _folders(serve)
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.set_defaults(handler=command_serve)
    evaluate = commands.add_parser("evaluate", help="score the dataset against gold files")
    evaluate.add_argument("--gold", required=True, help="folder of gold JSON files")
    evaluate.add_argument("--corpus", help="corpus folder to build the dataset from (default corpus/)")
    evaluate.add_argument("--dataset", help="score this published dataset folder instead (e.g. outputs/dataset)")
    evaluate.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluate.add_argument("--details", action="store_true", help="list every miss and spurious item")
    evaluate.set_defaults(handler=command_evaluate)
    query = commands.add_parser("query", help="read-only SQL over outputs/innovpub.duckdb")
    query.add_argument("sql")
    query.add_argument("--out", help="output folder holding innovpub.duckdb (default outputs/)")
    query.add_argument("--format", choices=["table", "csv", "json"], default="table")
    query.set_defaults(handler=command_query)
    from innovpub.synth.cli import add_synth_command

    add_synth_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `innovpub` command: a failure ends as one message and its exit code
    (`innovpub.failures`), with its traceback only under `--debug` or `INNOVPUB_DEBUG=1`."""
    from innovpub.failures import debug_requested, fail, quiet_libraries

    argv = sys.argv[1:] if argv is None else list(argv)
    debug = debug_requested(argv)
    argv = [arg for arg in argv if arg != "--debug"]
    args = build_parser().parse_args(argv)
    args.debug = debug
    quiet_libraries(debug, prefect_console=args.command == "schedule")  # a schedule's log is Prefect's
    try:
        return args.handler(args)
    except (Exception, KeyboardInterrupt) as error:
        return fail(error, debug)


if __name__ == "__main__":
    sys.exit(main())
