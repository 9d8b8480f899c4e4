"""The `innovpub` command: run, evaluate, query."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from innovpub.errors import InnovpubError
from innovpub.settings import Settings

# Embedded Prefect, quiet and offline: set before Prefect is first imported.
PREFECT_DEFAULTS = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    # The embedded server logs a harmless flush error when the process exits (prefect 3.8.8).
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}


def _settings(args: argparse.Namespace) -> Settings:
    settings = Settings()
    if getattr(args, "corpus", None):
        settings = replace(settings, corpus_dir=Path(args.corpus))
    if getattr(args, "out", None):
        settings = replace(settings, out_dir=Path(args.out))
    return settings


def _print_summary(summary: object) -> None:
    print(f"documents read: {summary.documents}")
    print("rows per table: " + ", ".join(f"{name} {count}" for name, count in summary.rows.items()))
    print(f"published: {summary.published.path}")
    if summary.failures:
        print(f"documents that failed: {len(summary.failures)}")
        for failure in summary.failures:
            print(f"  {failure.source}: {failure.stage}: {failure.reason}")
    else:
        print("documents that failed: 0")


def command_run(args: argparse.Namespace) -> int:
    """Run the Prefect flow over the corpus and publish the dataset."""
    for key, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(key, value)
    from flows.pipeline import pipeline  # Prefect reads its settings at import

    summary = pipeline(_settings(args))
    _print_summary(summary)
    return 1 if summary.failures and not summary.documents else 0


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
    from innovpub.evaluate import evaluate, load_dataset
    from innovpub.pipeline import run_locally

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


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(prog="innovpub", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="build the dataset from the corpus (Prefect flow)")
    run.add_argument("--corpus", help="corpus folder (default corpus/)")
    run.add_argument("--out", help="output folder (default outputs/)")
    run.set_defaults(handler=command_run)
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
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `innovpub` command."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("innovpub").setLevel(logging.INFO)
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except InnovpubError as error:
        print(f"innovpub: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
