"""The pipeline on a synthetic corpus of a given size, against a bare `nlp.pipe` of spaCy.

    .venv/bin/python benchmarks/run_benchmark.py --docs 2000 [--seed 1] [--pdf-share 0.2]
        [--reruns] [--no-bare] [--evaluate-docs 500]

Generates `--docs` documents with `innovpub synth`, runs `innovpub run` on them in a fresh
process (the Prefect flow, as a user or the nightly job runs it) and prints documents/s,
words/s, the peak resident memory of that process and its workers (summed), and each stage's
time from the run record. Then, in this process on the same texts, a bare `nlp.pipe` of the
full spaCy model (every component) in one process and in one process per core, with the
ratio of the run's throughput to each, and the PDF loader's time per page (at most
`PDF_SAMPLE` of the corpus's PDFs, loaded again in this process). `--reruns` times a second run with no change and one
after ten more documents arrive; `--evaluate-docs N` scores N other synthetic documents against
their answer keys and the bundled corpus against the seed gold floors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from innovpub.evaluate import figures  # noqa: E402
from innovpub.loaders import load_document  # noqa: E402
from innovpub.pipeline import discover_sources  # noqa: E402
from innovpub.runs import read_runs  # noqa: E402
from innovpub.settings import Settings  # noqa: E402
from innovpub.synth.corpus import generate_corpus  # noqa: E402

INNOVPUB = Path(sys.executable).with_name("innovpub")
ARRIVALS = 10  # documents added before the last rerun
WORKER_STAGES = ("load", "analyse", "extract", "cache")
FLOW_STAGES = ("plan", "analysis", "resolve", "publish")
PDF_SAMPLE = 100  # PDFs loaded again to time the PDF loader per page


class PeakMemory:
    """The peak of the summed resident memory of a process and its descendants, sampled, with
    what each process held at that moment and when (to tell which stage makes the peak)."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.process, self.interval = psutil.Process(pid), interval
        self.peak_bytes = 0
        self.peak_processes: list[tuple[str, int]] = []
        self.peak_seconds = 0.0
        self._started = time.perf_counter()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.is_set():
            sizes = []
            try:
                for process in [self.process, *self.process.children(recursive=True)]:
                    sizes.append((_role(process, self.process), process.memory_info().rss))
            except psutil.Error:  # a process ended between listing and reading
                pass
            total = sum(size for _, size in sizes)
            if total > self.peak_bytes:
                self.peak_bytes, self.peak_processes = total, sizes
                self.peak_seconds = time.perf_counter() - self._started
            self._done.wait(self.interval)

    def describe_peak(self) -> str:
        """`at 512 s: innovpub 900 + worker 450 + server 220 MB`."""
        parts = " + ".join(f"{role} {size / 2**20:.0f}" for role, size in self.peak_processes)
        return f"at {self.peak_seconds:.0f} s: {parts} MB"


def _role(process: psutil.Process, root: psutil.Process) -> str:
    """What a process of the run is: the run itself, the embedded Prefect server, or a worker."""
    if process.pid == root.pid:
        return "innovpub"
    return "server" if "flows.server" in process.cmdline() else "worker"


def run_innovpub(corpus: Path, out: Path) -> tuple[float, PeakMemory]:
    """`innovpub run` in a fresh process: its wall seconds and peak memory (with workers)."""
    started = time.perf_counter()
    with subprocess.Popen([str(INNOVPUB), "run", "--corpus", str(corpus), "--out", str(out)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as child:
        with PeakMemory(child.pid) as memory:
            output, _ = child.communicate()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        sys.exit(f"innovpub run failed ({child.returncode}):\n{_ends(output)}")
    return wall, memory


def published_texts(out: Path) -> list[str]:
    """The texts the run analysed, as it published them (loading them again would double the
    cost of PDF layout)."""
    import duckdb

    with duckdb.connect(str(out / "innovpub.duckdb"), read_only=True) as connection:
        return [row[0] for row in connection.execute("SELECT text FROM documents ORDER BY source").fetchall()]


def print_resolution(out: Path) -> None:
    """How many entity mentions the resolve stage deduplicated, and in how long."""
    import duckdb

    with duckdb.connect(str(out / "innovpub.duckdb"), read_only=True) as connection:
        kinds = dict(connection.execute(
            "SELECT kind, count(*) FROM mentions WHERE kind IN ('person', 'organization', 'event') "
            "GROUP BY kind ORDER BY kind").fetchall())
    seconds = read_runs(out)[-1].seconds.get("resolve", 0.0)
    print(f"resolution: {sum(kinds.values())} entity mentions "
          f"({', '.join(f'{count} {kind}' for kind, count in kinds.items())}) in {seconds:.1f} s")


def _ends(output: str, keep: int = 1500) -> str:
    """The start and the end of a long output, where the error and its cause are."""
    return output if len(output) <= 2 * keep else f"{output[:keep]}\n[…]\n{output[-keep:]}"


def bare_pipe(texts: list[str], model_name: str, processes: int) -> float:
    """Seconds for `nlp.pipe` of the full model (every component) over `texts`."""
    import spacy

    nlp = spacy.load(model_name)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=processes):
        pass
    return time.perf_counter() - started


def print_run(label: str, wall: float, memory: PeakMemory, out: Path, documents: int = 0, words: int = 0) -> None:
    """One run's wall time and peak memory, its throughput if given, its stage times from the run record."""
    throughput = f"{documents / wall:8.1f} docs/s {words / wall:9.0f} words/s  " if documents else ""
    print(f"{label:<26}{wall:8.1f} s  {throughput}peak {memory.peak_bytes / 2**20:6.0f} MB")
    print(f"  peak memory {memory.describe_peak()}")
    record = read_runs(out)[-1]
    seconds = record.seconds
    staged = sum(seconds.get(stage, 0.0) for stage in FLOW_STAGES)
    print("  " + "  ".join(f"{stage} {seconds.get(stage, 0.0):.1f}" for stage in FLOW_STAGES)
          + f"  Prefect, imports and start-up {wall - staged:.1f} s")
    if record.version:  # the review site, written during publication (`innovpub/site/`)
        site = json.loads((out / "versions" / record.version / "site/manifest.json").read_text("utf-8"))
        print(f"  site {site['seconds']:.1f} s ({site['seconds'] / wall:.1%} of the run's {wall:.1f} s): "
              f"{site['written']} files written, {site['linked']} linked from the previous version")
    if any(stage in seconds for stage in WORKER_STAGES):
        print("  in the workers (summed): "
              + "  ".join(f"{stage} {seconds.get(stage, 0.0):.1f}" for stage in WORKER_STAGES) + " s")


def print_pdf_loading(corpus: Path) -> None:
    """The PDF loader's time per page over (at most `PDF_SAMPLE` of) the corpus's PDFs."""
    pdfs = [path for path in discover_sources(corpus) if path.suffix == ".pdf"][:PDF_SAMPLE]
    if not pdfs:
        return
    started, pages = time.perf_counter(), 0
    for path in pdfs:
        pages += len(load_document(path, corpus).page_starts)
    seconds = time.perf_counter() - started
    print(f"PDF loader: {len(pdfs)} PDFs, {pages} pages, {1000 * seconds / pages:.1f} ms a page")


def evaluate_command(*arguments: str) -> dict:
    """`innovpub evaluate … --json`, parsed."""
    result = subprocess.run([str(INNOVPUB), "evaluate", *arguments, "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"innovpub evaluate failed:\n{_ends(result.stderr)}")
    return json.loads(result.stdout)


def print_evaluation(documents: int, seed: int, pdf_share: float, scratch: Path) -> None:
    """Macro F1 on a synthetic corpus against its answer keys; the seed gold floors."""
    generate_corpus(documents, seed + 1, scratch / "evaluation", pdf_share)
    synthetic = evaluate_command("--gold", str(scratch / "evaluation/gold"),
                                 "--corpus", str(scratch / "evaluation/corpus"))
    print(f"evaluate, {documents} synthetic documents: macro F1 {synthetic['macro_f1']:.3f}")
    floors = json.loads((ROOT / "tests/eval_floors.json").read_text("utf-8"))["minimum"]
    seed_report = evaluate_command("--gold", str(ROOT / "tests" / "gold"), "--corpus", str(ROOT / "corpus"))
    scored = figures(seed_report)
    broken = [name for name, floor in floors.items() if scored[name] < floor]
    print(f"evaluate, seed gold: macro F1 {seed_report['macro_f1']:.3f}; "
          f"floors held {len(floors) - len(broken)}/{len(floors)}" + (f", broken: {broken}" if broken else ""))


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic documents (default 2000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pdf-share", type=float, default=0.2, help="share of PDF documents (default 0.2)")
    parser.add_argument("--reruns", action="store_true", help=f"time a rerun with no change, then with {ARRIVALS} more")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare nlp.pipe runs")
    parser.add_argument("--evaluate-docs", type=int, default=0, help="score this many synthetic documents")
    parser.add_argument("--scratch", type=Path, help="work folder (default: a temporary one, removed)")
    args = parser.parse_args()
    scratch = args.scratch or Path(tempfile.mkdtemp(prefix="innovpub-bench-"))
    try:
        started = time.perf_counter()
        generate_corpus(args.docs + ARRIVALS, args.seed, scratch / "synth", args.pdf_share)
        corpus, arrivals = scratch / "synth/corpus", scratch / "arrivals"
        arrivals.mkdir()
        for path in discover_sources(corpus)[-ARRIVALS:]:
            path.rename(arrivals / path.name)
        print(f"corpus: {args.docs} synthetic documents ({args.pdf_share:.0%} PDF), generated in "
              f"{time.perf_counter() - started:.0f} s; {os.cpu_count()} cores")

        out = scratch / "out"
        wall, memory = run_innovpub(corpus, out)
        texts = published_texts(out)
        words = sum(len(text.split()) for text in texts)
        print(f"words: {words}")
        print_run("full run (innovpub run)", wall, memory, out, len(texts), words)
        print_resolution(out)
        print_pdf_loading(corpus)
        if not args.no_bare:
            for processes in (1, os.cpu_count() or 1):
                seconds = bare_pipe(texts, Settings().model_name, processes)
                print(f"bare nlp.pipe, {processes} process{'es' if processes > 1 else ''}:"
                      f"{seconds:9.1f} s {words / seconds:9.0f} words/s;  full run / bare = "
                      f"{seconds / wall:.2f}x throughput")
        if args.reruns:
            wall, memory = run_innovpub(corpus, out)
            print_run("rerun, no change", wall, memory, out)
            for path in arrivals.iterdir():
                shutil.move(path, corpus / path.name)
            wall, memory = run_innovpub(corpus, out)
            print_run(f"rerun, {ARRIVALS} more documents", wall, memory, out)
        if args.evaluate_docs:
            print_evaluation(args.evaluate_docs, args.seed, args.pdf_share, scratch)
    finally:
        if not args.scratch:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
