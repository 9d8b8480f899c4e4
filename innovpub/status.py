"""`innovpub status`: what the archive holds and how its last run went."""

from __future__ import annotations

import json
from collections import Counter

from innovpub.errors import DatasetDamaged
from innovpub.ingest import MANIFEST, REJECTIONS
from innovpub.integrity import dataset_damage
from innovpub.pipeline import discover_sources
from innovpub.runs import read_runs
from innovpub.settings import Settings

# How many of the latest rejections `status` lists.
SHOWN_REJECTIONS = 10


def print_status(settings: Settings) -> None:
    """Print corpus size, documents by kind and year, last run, rejected files; then raise
    `DatasetDamaged` if a file of the published dataset is missing or cut short."""
    sources = discover_sources(settings.corpus_dir)
    size = sum(p.stat().st_size for p in sources)
    print(f"corpus: {settings.corpus_dir} — {len(sources)} files, {size / 2**20:.1f} MiB")
    manifest = settings.corpus_dir / MANIFEST
    if manifest.exists():
        print(f"ingested: {len(manifest.read_text('utf-8').splitlines())} files (see {manifest})")
    documents = settings.out_dir / "dataset" / "documents.jsonl"
    damage = dataset_damage(settings.out_dir)
    if damage:
        print(f"published dataset: DAMAGED ({len(damage)} problems):")
        for problem in damage:
            print(f"  {problem}")
    elif documents.exists():
        by_kind_year: Counter[tuple[str, str]] = Counter()
        copies = 0
        for line in documents.read_text("utf-8").splitlines():
            row = json.loads(line)
            if row.get("duplicate_of"):  # a release in two formats counts once
                copies += 1
                continue
            year = row["published_on"][:4] if row["published_on"] else "undated"
            by_kind_year[(row["kind"], year)] += 1
        print("published documents by kind and year:")
        for (kind, year), count in sorted(by_kind_year.items()):
            print(f"  {kind:<11} {year:<7} {count}")
        if copies:
            print(f"  and {copies} copies of them (same text in another format or file), not counted")
    else:
        print("published documents: none yet (run `innovpub run`)")
    runs = read_runs(settings.out_dir)
    if runs:
        last = runs[-1]
        print(f"last run: {last.started_at} {last.status} ({last.trigger}), {last.new_documents} new, "
              f"{last.cached_documents} cached, {len(last.failures)} failed")
        if last.status == "failed" and last.message:
            print(f"  cause: {last.message}")
        for failure in last.failures:
            print(f"  failed: {failure['source']}: {failure['stage']}: {failure['reason']}")
    rejections = settings.out_dir / REJECTIONS
    if rejections.exists():
        lines = rejections.read_text("utf-8").splitlines()
        print(f"rejected at ingest: {len(lines)} (latest {min(len(lines), SHOWN_REJECTIONS)}):")
        for line in lines[-SHOWN_REJECTIONS:]:
            entry = json.loads(line)
            print(f"  {entry['at']}  {entry['path']}: {entry['reason']}")
    if damage:
        more = f" (and {len(damage) - 1} more)" if len(damage) > 1 else ""
        raise DatasetDamaged(f"the published dataset is damaged: {damage[0]}{more}")
