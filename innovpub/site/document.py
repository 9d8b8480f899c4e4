"""What a document's page shows: each extraction of the document, ready to highlight.

An extraction is a plain dict (its page's content is hashed, see `pages.py`): the kind it is
highlighted as, the row's id (`quote_id`, `person_id`, …; for tables without one,
`<table>:<document_id>:<start>-<end>`), the table, the rule, the canonical entity it links
to, and the PDF page when the row has one.
"""

from __future__ import annotations

import re

from innovpub.site.data import Archive

# Highlight kinds in the order of the legend, with their French labels.
KINDS = {"quote": "citation", "person": "personne", "organization": "organisation", "event": "événement",
         "date": "date", "event_count": "nombre d'événements", "edition": "édition", "theme": "thème",
         "place": "lieu"}


SAFE_ID = re.compile(r"[A-Za-z0-9_-]+")


def page_name(row_id: str) -> str:
    """A file name for an id: ids are `[a-z]+_<hex>`, anything else is refused."""
    if not SAFE_ID.fullmatch(row_id):
        raise ValueError(f"unexpected id for a page name: {row_id!r}")
    return f"{row_id}.html"


def href(folder: str, row_id: str | None) -> str | None:
    """The link to an entity's page from the site's root, if it has one."""
    return f"{folder}/{page_name(row_id)}" if row_id else None


def document_title(document: dict) -> str:
    return document.get("title") or document["source"]


def _extraction(row: dict, kind: str, table: str, row_id: str | None, rule: str | None = None,
                link: tuple[str | None, str] | None = None, note: str | None = None) -> dict:
    return {"kind": kind, "table": table, "start": row["start"], "end": row["end"],
            "id": row_id or f"{table}:{row['document_id']}:{row['start']}-{row['end']}",
            "rule": rule,
            "href": link[0] if link else None, "label": link[1] if link else None,
            "note": note, "page": row.get("page")}


def _edition_link(archive: Archive, year: int | None) -> tuple[str | None, str] | None:
    if year is None:
        return None
    return href("editions", archive.edition_by_year.get(year)), f"édition {year}"


def _speaker(archive: Archive, quote: dict) -> tuple[str | None, str] | None:
    if (person := archive.people.get(quote["speaker_person_id"] or "")) is not None:
        return href("people", person["person_id"]), person["name"]
    if (organization := archive.organizations.get(quote["speaker_organization_id"] or "")) is not None:
        return href("organizations", organization["organization_id"]), organization["name"]
    return (None, quote["speaker_name"]) if quote["speaker_name"] else None


def document_extractions(archive: Archive, document_id: str) -> list[dict]:
    """Every extraction of a document, by position; each with a `ref` unique in the document."""
    found = []
    for quote in archive.quotes.get(document_id, ()):
        found.append(_extraction(quote, "quote", "quotes", quote["quote_id"], quote["rule"], _speaker(archive, quote),
                                 note=f"indice : {quote['cue']}"))
    for event in archive.events_in.get(document_id):
        found.append(_extraction(event, "event", "events",
                                 event["event_id"], event["rule"], (href("events", event["event_id"]), event["title"])))
    for count in archive.event_counts.get(document_id, ()):
        found.append(_extraction(count, "event_count", "event_counts", None, count["rule"],
                                 _edition_link(archive, count["edition_year"]), note=f"valeur : {count['value']}"))
    for stated in archive.document_editions.get(document_id, ()):
        found.append(_extraction(stated, "edition", "document_editions", None, stated["rule"],
                                 _edition_link(archive, stated["edition_year"])))
    covered = {(e["kind"], e["start"], e["end"]) for e in found}
    for mention in archive.mentions.get(document_id, ()):
        kind, entity_id = mention["kind"], mention["entity_id"]
        if (kind, mention["start"], mention["end"]) in covered:
            continue  # the quote, event or edition row itself, with its rule
        link = None
        if kind == "person" and entity_id in archive.people:
            link = href("people", entity_id), archive.people[entity_id]["name"]
        elif kind == "organization" and entity_id in archive.organizations:
            link = href("organizations", entity_id), archive.organizations[entity_id]["name"]
        found.append(_extraction(mention, kind, "mentions", entity_id, link=link))
    found.sort(key=lambda e: (e["start"], -e["end"], e["kind"]))
    refs: set[str] = set()
    for extraction in found:
        ref = base = f"{extraction['kind']}-{extraction['start']}-{extraction['end']}"
        suffix = 1
        while ref in refs:
            suffix += 1
            ref = f"{base}-{suffix}"
        refs.add(ref)
        extraction["ref"] = ref
    return found


def anchor(kind: str, start: int, end: int) -> str:
    """The fragment of a document page that shows this extraction's highlight."""
    return f"#h-{kind}-{start}-{end}"
