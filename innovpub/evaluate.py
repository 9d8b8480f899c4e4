"""Score a published dataset against gold files, with the rules of `docs/dataset.md` (Scoring).

Per-document tables are matched one-to-one within each document; gold items marked
`optional` are matched after the required ones and count neither as found nor as missed.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from rapidfuzz import fuzz

from innovpub.errors import DatasetDamaged, DatasetNotFound, DoesNotFit

MACRO_TABLES = ("people", "organizations", "quotes", "events", "event_counts", "editions")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                         "\u00ab": '"', "\u00bb": '"', "\u2013": "-", "\u2014": "-"})


def normalize(text: str | None) -> str:
    """NFKC, case folded, accents stripped, plain quotes, hyphens and white space as one space."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-\u2010\u2011]", " ", text).split())


@dataclass
class Counts:
    """True positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1 (1.0 when there is nothing to find and nothing found)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Right answers among the matched items."""

    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        """Count one comparison."""
        self.right += ok
        self.total += 1

    def value(self) -> float:
        """The share right (1.0 when nothing was compared)."""
        return self.right / self.total if self.total else 1.0


@dataclass
class Report:
    """Every figure of an evaluation."""

    tables: dict[str, Counts] = field(default_factory=dict)
    accuracies: dict[str, Accuracy] = field(default_factory=dict)
    clusters: dict[str, dict[str, float]] = field(default_factory=dict)
    must_not_merge_violations: list[list[str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    # (table, document, "missed" or "spurious", description) for `evaluate --details`.
    details: list[tuple[str, str, str, str]] = field(default_factory=list)

    def counts(self, table: str) -> Counts:
        """The counts of `table`, created on first use."""
        return self.tables.setdefault(table, Counts())

    def accuracy(self, name: str) -> Accuracy:
        """The accuracy `name`, created on first use."""
        return self.accuracies.setdefault(name, Accuracy())

    def as_dict(self) -> dict:
        """All figures, for `--json` and the gate."""
        tables = {name: counts.scores() for name, counts in sorted(self.tables.items())}
        macro = sum(tables[t]["f1"] for t in MACRO_TABLES) / len(MACRO_TABLES)
        return {"macro_f1": macro, "tables": tables,
                "accuracies": {k: v.value() for k, v in sorted(self.accuracies.items())},
                "accuracy_counts": {k: [v.right, v.total] for k, v in sorted(self.accuracies.items())},
                "clusters": self.clusters, "must_not_merge_violations": self.must_not_merge_violations,
                "errors": self.errors, "details": [list(d) for d in self.details]}


def _describe(item: dict) -> str:
    for key in ("name", "title", "contains", "text"):
        if item.get(key):
            return str(item[key])[:90]
    return json.dumps({k: v for k, v in item.items() if k in ("year", "edition_year", "value", "qualifier")})


def _match(golds: list[dict], preds: list[dict], ok: Callable[[dict, dict], bool],
           report: Report, table: str, document: str) -> list[tuple[dict, dict]]:
    """Greedy one-to-one matching, required gold items first; returns the required pairs."""
    counts = report.counts(table)
    free = list(preds)
    pairs = []
    for gold in sorted(golds, key=lambda g: bool(g.get("optional"))):
        found = next((p for p in free if ok(gold, p)), None)
        if found is not None:
            free.remove(found)
            if not gold.get("optional"):
                pairs.append((gold, found))
                counts.tp += 1
        elif not gold.get("optional"):
            counts.fn += 1
            report.details.append((table, document, "missed", _describe(gold)))
    counts.fp += len(free)
    report.details += [(table, document, "spurious", _describe(p)) for p in free]
    return pairs


def _names_match(gold_names: list[str], pred_names: list[str], ratio: float = 92) -> bool:
    gold = {normalize(n) for n in gold_names if n}
    pred = {normalize(n) for n in pred_names if n}
    return bool(gold & pred) or any(fuzz.token_sort_ratio(g, p) >= ratio for g in gold for p in pred)


def load_dataset(dataset_dir: Path) -> dict[str, list[dict]]:
    """Every table of a published dataset folder (`OUT/dataset`), as lists of dicts."""
    if not dataset_dir.is_dir():
        raise DatasetNotFound(f"{dataset_dir}: no published dataset (run `innovpub run` first)")
    if not (dataset_dir / "documents.jsonl").is_file():
        raise DoesNotFit(f"{dataset_dir}: not a published dataset (no documents.jsonl)",
                         "give the dataset folder of an output folder, e.g. outputs/dataset")
    tables = {}
    for path in sorted(dataset_dir.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            try:
                tables[path.stem] = [json.loads(line) for line in handle if line.strip()]
            except ValueError as error:
                raise DatasetDamaged(f"{path}: damaged ({error})") from None
    return tables


def gold_files(gold_dir: Path) -> list[Path]:
    """The per-document gold files of `gold_dir`; `DoesNotFit` when there are none."""
    remedy = "give the folder of gold JSON files, e.g. --gold tests/gold"
    if not gold_dir.is_dir():
        raise DoesNotFit(f"{gold_dir}: gold folder not found", remedy)
    files = [path for path in sorted(gold_dir.glob("*.json")) if not path.name.startswith("_")]
    if not files:
        raise DoesNotFit(f"{gold_dir}: no gold files (*.json) in this folder", remedy)
    return files


def _read_gold(path: Path) -> dict:
    try:
        gold = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as error:
        raise DoesNotFit(f"{path}: not a readable gold file ({error})") from None
    if not isinstance(gold, dict) or "document" not in gold:
        raise DoesNotFit(f"{path}: not a gold file (no \"document\" field)")
    return gold


def _by_document(rows: list[dict], doc_id: str) -> list[dict]:
    return [r for r in rows if r.get("document_id") == doc_id or doc_id in r.get("document_ids", [])]


def _score_document(gold: dict, doc: dict, data: dict[str, list[dict]], report: Report) -> None:
    doc_id = doc["document_id"]
    report.accuracy("published_on").add(gold.get("published_on") == doc.get("published_on"))
    report.accuracy("title").add(fuzz.token_sort_ratio(normalize(gold.get("title")), normalize(doc.get("title"))) >= 90)
    report.accuracy("kind").add(gold.get("kind") == doc.get("kind"))

    editions = _by_document(data.get("document_editions", []), doc_id)
    for g, p in _match(gold.get("editions", []), editions, lambda g, p: g["year"] == p["edition_year"],
                       report, "editions", gold["document"]):
        report.accuracy("edition_number").add(g.get("number") == p.get("number"))
        report.accuracy("edition_dates").add((g.get("starts_on"), g.get("ends_on")) == (p.get("starts_on"), p.get("ends_on")))
        report.accuracy("edition_themes").add(_themes_match(g.get("themes", []), p.get("themes", [])))

    counts = _by_document(data.get("event_counts", []), doc_id)
    for g, p in _match(gold.get("event_counts", []), counts,
                       lambda g, p: (g["year"], g["value"]) == (p["edition_year"], p["value"]),
                       report, "event_counts", gold["document"]):
        report.accuracy("event_count_qualifier").add(normalize(g.get("qualifier")) == normalize(p.get("qualifier")))

    people = _by_document(data.get("people", []), doc_id)
    _match(gold.get("people", []), people,
           lambda g, p: _names_match([g["name"], *g.get("aliases", [])], [p["name"], *p.get("aliases", [])]),
           report, "people", gold["document"])
    organizations = _by_document(data.get("organizations", []), doc_id)
    _match(gold.get("organizations", []), organizations,
           lambda g, p: _names_match([g["name"], *g.get("aliases", [])], [p["name"], *p.get("aliases", [])]),
           report, "organizations", gold["document"])

    quotes = _by_document(data.get("quotes", []), doc_id)
    for g, p in _match(gold.get("quotes", []), quotes,
                       lambda g, p: normalize(g["contains"]) in normalize(p["text"]), report, "quotes", gold["document"]):
        report.accuracy("quote_speaker").add(g.get("speaker") is None or _speaker_match(g["speaker"], p, data))

    events = _by_document(data.get("events", []), doc_id)
    for g, p in _match(gold.get("events", []), events, _event_match, report, "events", gold["document"]):
        report.accuracy("event_starts_on").add(g.get("starts_on") == p.get("starts_on"))
        report.accuracy("event_ends_on").add(g.get("ends_on") == p.get("ends_on"))
        report.accuracy("event_region").add(g.get("region") == p.get("region"))


def _themes_match(gold: list[str], pred: list[str]) -> bool:
    if not gold:
        return not pred
    return all(any(fuzz.partial_ratio(normalize(g), normalize(p)) >= 85 for p in pred) for g in gold)


def _speaker_match(gold_speaker: str, quote: dict, data: dict[str, list[dict]]) -> bool:
    names = [quote.get("speaker_name")]
    for table, key in (("people", "speaker_person_id"), ("organizations", "speaker_organization_id")):
        entity = next((e for e in data.get(table, []) if e.get(key.removeprefix("speaker_")) == quote.get(key)
                       and quote.get(key)), None)
        if entity:
            names += [entity["name"], *entity.get("aliases", []), entity.get("acronym")]
    return _names_match([gold_speaker], [n for n in names if n])


def _event_match(gold: dict, pred: dict) -> bool:
    if gold.get("starts_on"):
        dates_ok = gold["starts_on"] == pred.get("starts_on")
    elif gold.get("ends_on"):
        dates_ok = gold["ends_on"] == pred.get("ends_on")
    else:
        dates_ok = True
    organizer_ok = any(fuzz.token_set_ratio(normalize(g), normalize(p)) >= 85
                       for g in gold.get("organizers", []) for p in pred.get("organizer_names", []))
    title_ok = fuzz.token_set_ratio(normalize(gold.get("title")), normalize(pred.get("title"))) >= 80
    return dates_ok and (organizer_ok or title_ok)


def _entities_by_form(entities: list[dict]) -> dict[str, set[str]]:
    """Normalised name or alias → ids of the entities that carry it."""
    index: dict[str, set[str]] = {}
    for entity in entities:
        for form in (entity["name"], *entity.get("aliases", [])):
            index.setdefault(normalize(form), set()).add(entity["id"])
    return index


def _score_clusters(name: str, clusters: list[list[str]], entities: list[dict], report: Report) -> None:
    """Pairwise precision and recall of same-entity pairs among the gold surface forms."""
    forms = [(form, index) for index, group in enumerate(clusters) for form in group]
    by_form = _entities_by_form(entities)
    ids = {form: by_form.get(normalize(form), set()) for form, _ in forms}
    counts = Counts()
    for (a, ga), (b, gb) in combinations(forms, 2):
        same_gold = ga == gb
        same_pred = bool(ids[a] & ids[b])
        counts.tp += same_gold and same_pred
        counts.fp += same_pred and not same_gold
        counts.fn += same_gold and not same_pred
    report.clusters[name] = counts.scores()


def _score_dataset_editions(gold: list[dict], pred: list[dict], report: Report) -> None:
    for g, p in _match(gold, pred, lambda g, p: g["year"] == p["year"], report, "dataset_editions", "_dataset"):
        right = (g.get("number") == p.get("number") and g.get("number_stated", True) != p.get("number_inferred")
                 and g.get("starts_on") == p.get("starts_on") and g.get("ends_on") == p.get("ends_on")
                 and _themes_match(g.get("themes", []), p.get("themes", [])))
        report.accuracy("dataset_editions").add(right)


def evaluate(data: dict[str, list[dict]], gold_dir: Path) -> Report:
    """Score the dataset tables `data` against the gold folder."""
    report = Report()
    # A gold file names the document it was made from; the same release as a PDF is scored too,
    # and of a release in two formats, the canonical copy (`duplicate_of` null, put last).
    ordered = sorted(data.get("documents", []), key=lambda d: d.get("duplicate_of") is None)
    documents = {Path(d["source"]).stem: d for d in ordered}
    files = gold_files(gold_dir)
    for gold_path in files:
        gold = _read_gold(gold_path)
        doc = documents.get(Path(gold["document"]).stem)
        if doc is None:
            report.errors.append(f"{gold['document']}: not in the dataset")
            continue
        _score_document(gold, doc, data, report)
    if len(report.errors) == len(files):
        raise DoesNotFit(f"none of the {len(files)} documents of the gold folder {gold_dir} is in the dataset "
                         f"({len(documents)} documents): they were made for another corpus",
                         "give the corpus the gold was made from (--corpus), or the gold folder of this one")
    whole = gold_dir / "_dataset.json"
    if whole.exists():
        gold = json.loads(whole.read_text("utf-8"))
        people = [{"id": e["person_id"], **e} for e in data.get("people", [])]
        organizations = [{"id": e["organization_id"], **e} for e in data.get("organizations", [])]
        _score_clusters("people", gold.get("people_clusters", []), people, report)
        _score_clusters("organizations", gold.get("organization_clusters", []), organizations, report)
        by_form = _entities_by_form(organizations + people)
        for a, b in gold.get("must_not_merge", []):
            if by_form.get(normalize(a), set()) & by_form.get(normalize(b), set()):
                report.must_not_merge_violations.append([a, b])
        _score_dataset_editions(gold.get("editions", []), data.get("editions", []), report)
    return report


def figures(report: dict) -> dict[str, float]:
    """Every scored figure of a report (`Report.as_dict()`, or `evaluate --json`), by name."""
    found = {"macro_f1": report["macro_f1"]}
    found |= {f"{name}.f1": scores["f1"] for name, scores in report["tables"].items()}
    found |= {f"accuracy.{name}": value for name, value in report["accuracies"].items()}
    found |= {f"clusters.{name}.f1": scores["f1"] for name, scores in report["clusters"].items()}
    return found
