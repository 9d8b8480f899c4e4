"""The `innovpub synth` subcommand, added to the main parser by `innovpub.cli`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from innovpub.synth.corpus import generate_corpus


def _share(value: str) -> float:
    share = float(value)
    if not 0.0 <= share <= 1.0:
        raise argparse.ArgumentTypeError(f"{value}: a share between 0 and 1")
    return share


def _count(value: str) -> int:
    count = int(value)
    if count < 0:
        raise argparse.ArgumentTypeError(f"{value}: a number of documents, 0 or more")
    return count


def command_synth(args: argparse.Namespace) -> int:
    """Generate the corpus and print one line about it."""
    started = time.perf_counter()
    summary = generate_corpus(args.n, args.seed, Path(args.out), args.pdf_share)
    print(f"{summary.line()} in {time.perf_counter() - started:.1f} s")
    return 0


def add_synth_command(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add `synth --n N --seed S --out DIR [--pdf-share F]` to the command's subparsers."""
    synth = subparsers.add_parser("synth", help="generate synthetic documents with their answer keys")
    synth.add_argument("--n", type=_count, required=True, help="number of documents")
    synth.add_argument("--seed", type=int, required=True, help="same seed, same bytes")
    synth.add_argument("--out", required=True, help="fresh folder: writes OUT/corpus and OUT/gold")
    synth.add_argument("--pdf-share", type=_share, default=0.0, help="share of documents drawn as PDF (default 0)")
    synth.set_defaults(handler=command_synth)
    return synth
