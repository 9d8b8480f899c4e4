"""Time a full pipeline run against a bare `nlp.pipe` of the spaCy model on the same texts.

    .venv/bin/python benchmarks/run_benchmark.py [--corpus DIR] [--copies K] [--no-flow]

The corpus (default: the bundled one) is copied K times into a scratch folder, each copy made
unique so that nothing is deduplicated. The model is loaded once, before anything is timed.
Prints documents, words, seconds per stage, documents/s and words/s of the full run, words/s
of the bare `nlp.pipe`, their ratio, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innovpub.cli import PREFECT_DEFAULTS  # noqa: E402

for _key, _value in PREFECT_DEFAULTS.items():
    os.environ.setdefault(_key, _value)

from innovpub.analysis import load_model  # noqa: E402
from innovpub.loaders import load_document  # noqa: E402
from innovpub.pipeline import discover_sources, run_locally  # noqa: E402
from innovpub.settings import Settings  # noqa: E402


def make_corpus(source: Path, copies: int, scratch: Path) -> Path:
    """`copies` copies of every file of `source`, each with a line that makes its bytes unique."""
    corpus = scratch / "corpus"
    corpus.mkdir()
    for path in discover_sources(source):
        for copy in range(copies):
            target = corpus / f"{copy:05d}_{path.name}"
            if path.suffix.lower() in (".txt", ".md"):
                target.write_bytes(path.read_bytes() + f"\n\n(copie {copy})\n".encode())
            else:
                shutil.copyfile(path, target)
    return corpus


def bare_pipe(texts: list[str], model_name: str) -> float:
    """Seconds for `nlp.pipe` of the full model over `texts`."""
    nlp = load_model(model_name)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started


def loading_costs(corpus: Path, scratch: Path) -> None:
    """Print what loading costs: a text document, a PDF page with layout, a bare pypdfium2 page."""
    import pypdfium2

    from innovpub.loaders.pdf import load_pdf_layout
    from innovpub.synth.pdf import render_pdf

    texts = [p for p in discover_sources(corpus) if p.suffix == ".txt"]
    started = time.perf_counter()
    for path in texts:
        load_document(path, corpus)
    text_ms = (time.perf_counter() - started) * 1000 / len(texts)
    pdfs = [render_pdf(p.read_text("utf-8"), "paged", scratch / f"{p.stem}.pdf") for p in texts]
    pages = sum(len(pypdfium2.PdfDocument(p)) for p in pdfs)
    started = time.perf_counter()
    for pdf in pdfs:
        load_pdf_layout(pdf.read_bytes(), pdf.name)
    layout_ms = (time.perf_counter() - started) * 1000 / pages
    started = time.perf_counter()
    for pdf in pdfs:
        for page in pypdfium2.PdfDocument(pdf):
            page.get_textpage().get_text_range()
    bare_ms = (time.perf_counter() - started) * 1000 / pages
    print(f"loading: text {text_ms:.1f} ms/document; PDF with layout {layout_ms:.1f} ms/page, "
          f"bare pypdfium2 {bare_ms:.1f} ms/page ({pages} pages)")


def run_flow(settings: Settings) -> tuple[float, dict[str, float]]:
    """Wall seconds of the Prefect flow (the first flow of a process starts the local server)."""
    from flows.pipeline import pipeline

    started = time.perf_counter()
    summary = pipeline(corpus_dir=str(settings.corpus_dir), out_dir=str(settings.out_dir), trigger="benchmark")
    return time.perf_counter() - started, summary.seconds


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--no-flow", action="store_true", help="skip the Prefect flow run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="innovpub-bench-") as scratch_name:
        scratch = Path(scratch_name)
        corpus = make_corpus(args.corpus, args.copies, scratch)
        settings = replace(Settings(), corpus_dir=corpus, out_dir=scratch / "out")
        started = time.perf_counter()
        load_model(settings.model_name)
        model_load = time.perf_counter() - started
        texts = [load_document(p, corpus).text for p in discover_sources(corpus)]
        words = sum(len(t.split()) for t in texts)

        started = time.perf_counter()
        summary = run_locally(settings)
        local_wall = time.perf_counter() - started
        pipe_seconds = bare_pipe(texts, settings.model_name)

        print(f"documents            {summary.documents}")
        print(f"words                {words}")
        print(f"model load           {model_load:8.2f} s (once per process, not counted below)")
        print(f"full run (in-process){local_wall:8.2f} s  {summary.documents / local_wall:8.1f} docs/s  "
              f"{words / local_wall:8.0f} words/s")
        for stage in ("load", "analyse", "extract", "resolve", "publish"):
            print(f"  {stage:<18} {summary.seconds.get(stage, 0.0):8.2f} s")
        print(f"bare nlp.pipe        {pipe_seconds:8.2f} s  {words / pipe_seconds:8.0f} words/s")
        print(f"ratio full / bare    {pipe_seconds / local_wall:8.2f}x throughput")
        if not args.no_flow:
            flow_wall, seconds = run_flow(replace(settings, out_dir=scratch / "flow-out"))
            inside = sum(seconds.values())
            print(f"Prefect flow         {flow_wall:8.2f} s  {words / flow_wall:8.0f} words/s  "
                  f"(Prefect overhead {flow_wall - inside:.2f} s, server start included)")
        loading_costs(args.corpus, scratch)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory {peak:8.0f} MB")


if __name__ == "__main__":
    main()
