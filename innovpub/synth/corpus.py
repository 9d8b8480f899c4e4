"""A whole synthetic corpus: documents, their answer keys and the corpus-wide `_dataset.json`."""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz

from innovpub.errors import InnovpubError
from innovpub.synth import pdf
from innovpub.synth.data import load_data
from innovpub.synth.french import fold_name
from innovpub.synth.documents import Generated, generate_document
from innovpub.synth.world import World, build_world

# `evaluate` compares every pair of clustered surface forms and looks each one up among all
# entities (pairs × entities), so `_dataset.json` holds a sample of clusters and of
# must-not-merge pairs, enough to test merging without making `evaluate` take minutes.
CLUSTER_SAMPLE = 25
MUST_NOT_MERGE_SAMPLE = 25
# Bodies whose names are at least this close (token-sort ratio) are worth a must-not-merge pair.
SIMILAR = 70
# Below this many documents, starting worker processes costs more than it saves.
PARALLEL_FROM = 200
CHUNK = 50


@dataclass(frozen=True)
class SynthSummary:
    """What `generate_corpus` wrote."""

    out: Path
    documents: int
    communiques: int
    articles: int
    pdfs: int
    words: int
    events: int
    quotes: int
    editions: int

    def line(self) -> str:
        """One line for the command line."""
        return (f"synth: {self.documents} documents ({self.communiques} communiqués, {self.articles} articles, "
                f"{self.pdfs} PDF), {self.words} words, {self.events} events, {self.quotes} quotes, "
                f"{self.editions} editions -> {self.out}")


@dataclass
class _Corpus:
    """What only the whole corpus shows, gathered document by document."""

    editions: dict[int, dict] = field(default_factory=dict)
    people_forms: dict[str, list[str]] = field(default_factory=dict)
    org_forms: dict[str, list[str]] = field(default_factory=dict)
    people_documents: Counter = field(default_factory=Counter)
    org_documents: Counter = field(default_factory=Counter)

    def add(self, doc: Generated) -> None:
        """Take in one document's editions, counts and surface forms."""
        gold = doc.gold
        for edition in gold["editions"]:
            entry = self.editions.setdefault(edition["year"], {"number_stated": False, "starts_on": None,
                                                               "ends_on": None, "themes": [], "event_counts": []})
            entry["number_stated"] |= edition["number"] is not None
            entry["starts_on"] = entry["starts_on"] or edition["starts_on"]
            entry["ends_on"] = entry["ends_on"] or edition["ends_on"]
            entry["themes"] += [t for t in edition["themes"] if t not in entry["themes"]]
        for count in gold["event_counts"]:
            if count["scope"] is None:
                self.editions[count["year"]]["event_counts"].append(
                    {"value": count["value"], "qualifier": count["qualifier"], "document": gold["document"]})
        for forms, documents, found in ((self.people_forms, self.people_documents, doc.people_forms),
                                        (self.org_forms, self.org_documents, doc.org_forms)):
            for key, written in found.items():
                forms.setdefault(key, []).extend(written)
                documents[key] += 1

    def dataset(self, world: World) -> dict:
        """The content of `_dataset.json`."""
        editions = []
        for year in sorted(self.editions):
            entry = self.editions[year]
            editions.append({"year": year, "number": world.editions[year].number,
                             "number_stated": entry["number_stated"], "starts_on": entry["starts_on"],
                             "ends_on": entry["ends_on"], "themes": entry["themes"],
                             "event_counts": entry["event_counts"]})
        return {"editions": editions,
                "edition_note": "Numbers follow from the first edition in November 2014; number_stated tells "
                                "whether a document of this corpus states it.",
                "people_clusters": _clusters(self.people_forms, self.people_documents),
                "organization_clusters": _clusters(self.org_forms, self.org_documents),
                "must_not_merge": _must_not_merge(world, self.org_forms)}


def _clusters(forms: dict[str, list[str]], documents: Counter) -> list[list[str]]:
    """Distinct surface forms of a sample of entities; a form two entities share is left out.

    Entities written in several forms come first (they test merging), then the most cited.
    """
    distinct: dict[str, list[str]] = {}
    owners: Counter = Counter()
    for key, written in forms.items():
        seen: dict[str, str] = {}
        for form in written:
            seen.setdefault(fold_name(form), form)
        distinct[key] = list(seen.values())
        owners.update(seen.keys())
    for key, written in distinct.items():
        distinct[key] = [f for f in written if owners[fold_name(f)] == 1]
    ranked = sorted((k for k in distinct if distinct[k]),
                    key=lambda k: (len(distinct[k]) < 2, -documents[k], k))
    return [distinct[key] for key in ranked[:CLUSTER_SAMPLE]]


def _must_not_merge(world: World, forms: dict[str, list[str]]) -> list[list[str]]:
    """Pairs of bodies of one family (`conseil départemental de l'Ain` / `… de l'Aisne`).

    Each family gives its most similar pairs in turn, so that every family is tested.
    """
    families: dict[str, list[str]] = {}
    for key in forms:
        org = world.orgs[key]
        families.setdefault(org.family, []).append(org.name)
    ranked = []
    for family in sorted(families):
        names = sorted(families[family])
        scored = sorted((-fuzz.token_sort_ratio(fold_name(a), fold_name(b)), a, b) for a, b in zip(names, names[1:]))
        ranked.append([(a, b) for score, a, b in scored if -score >= SIMILAR])
    chosen: list[list[str]] = []
    for turn in range(max(map(len, ranked), default=0)):
        chosen += [list(pairs[turn]) for pairs in ranked if turn < len(pairs)]
    return chosen[:MUST_NOT_MERGE_SAMPLE]


def pdf_layout(seed: int, index: int, pdf_share: float) -> str | None:
    """The layout document `index` is drawn in as a PDF, or None when it stays a text file."""
    # Its own random stream: the share changes which files are PDFs, never what they say.
    rng = random.Random(f"{seed}:pdf:{index}")
    draw, layout = rng.random(), rng.choice(pdf.LAYOUTS)
    return layout if draw < pdf_share else None


@dataclass(frozen=True)
class _Written:
    """What the parent process keeps of a document once its files are written."""

    doc: Generated
    pdf: bool


def _write(doc: Generated, layout: str | None, corpus_dir: Path, gold_dir: Path) -> Generated:
    if layout is None:
        name = doc.stem + doc.suffix
        (corpus_dir / name).write_bytes(doc.text.encode("utf-8"))
    else:
        name = doc.stem + ".pdf"
        pdf.render_pdf(doc.text, layout, corpus_dir / name)
    gold = doc.gold | {"document": name}
    (gold_dir / f"{doc.stem}.json").write_bytes(json.dumps(gold, ensure_ascii=False, indent=1).encode("utf-8"))
    return replace(doc, gold=gold, text="")  # the text stays on disk: no need to send it back


class _Job:
    """Generates and writes the documents of one corpus."""

    def __init__(self, seed: int, pdf_share: float, out: Path) -> None:
        self.seed, self.pdf_share, self.out = seed, pdf_share, out
        self.data = load_data()
        self.world = build_world(self.data, seed)

    def __call__(self, index: int) -> _Written:
        doc = generate_document(self.world, self.data, self.seed, index)
        layout = pdf_layout(self.seed, index, self.pdf_share)
        return _Written(_write(doc, layout, self.out / "corpus", self.out / "gold"), layout is not None)


# A worker process's own job, built once by `_start_worker`: sending the world with every task
# would cost more than generating the documents.
_worker_job: _Job | None = None


def _start_worker(seed: int, pdf_share: float, out: Path) -> None:
    global _worker_job
    _worker_job = _Job(seed, pdf_share, out)


def _work(index: int) -> _Written:
    return _worker_job(index)


def _run(job: _Job, n: int, jobs: int) -> Iterator[_Written]:
    """Every document in index order; with several processes when the corpus is large."""
    if jobs <= 1 or n < PARALLEL_FROM:
        yield from map(job, range(n))
        return
    with multiprocessing.Pool(jobs, _start_worker, (job.seed, job.pdf_share, job.out)) as pool:
        yield from pool.imap(_work, range(n), chunksize=CHUNK)


def generate_corpus(n: int, seed: int, out: Path, pdf_share: float = 0.0, *, jobs: int | None = None) -> SynthSummary:
    """Write `n` documents to `out/corpus/` and their answer keys to `out/gold/`; same (n, seed), same bytes."""
    if n < 0 or not 0.0 <= pdf_share <= 1.0:
        raise ValueError(f"need n >= 0 and 0 <= pdf_share <= 1 (got n={n}, pdf_share={pdf_share})")
    for folder in (out / "corpus", out / "gold"):
        if folder.exists() and any(folder.iterdir()):
            raise InnovpubError(f"{folder}: not empty; synth writes into a fresh folder")
        folder.mkdir(parents=True, exist_ok=True)
    job = _Job(seed, pdf_share, out)
    corpus = _Corpus()
    kinds: Counter = Counter()
    words = events = quotes = pdfs = 0
    for written in _run(job, n, jobs or os.cpu_count() or 1):
        doc = written.doc
        corpus.add(doc)
        kinds[doc.gold["kind"]] += 1
        words += doc.words
        events += len(doc.gold["events"])
        quotes += len(doc.gold["quotes"])
        pdfs += written.pdf
    dataset = json.dumps(corpus.dataset(job.world), ensure_ascii=False, indent=1)
    (out / "gold" / "_dataset.json").write_bytes(dataset.encode("utf-8"))
    return SynthSummary(out, n, kinds["communique"], kinds["article"], pdfs, words, events, quotes,
                        len(corpus.editions))
