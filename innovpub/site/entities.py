"""What the pages of people, organizations, editions and events show, and their HTML.

Each page is a heading, facts (label, text, optional link) and sections of items; links are
from the site's root. The same content gives the same page, which `pages.py` relies on to
rewrite only the pages whose content changed. These pages are many (124,000 events for
10,000 synthetic documents), so their body is written here with `escape` rather than by a
Jinja template, three times faster; the frame around it is `frame.html`, rendered once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from innovpub.site.data import Archive
from innovpub.site.document import anchor, document_title, href
from innovpub.site.escaping import escaped

Item = tuple[str, str | None, str | None]  # text, link, a note after it


def _document_item(archive: Archive, document_id: str, note: str | None = None) -> Item:
    document = archive.documents.get(document_id)
    if document is None:
        return document_id, None, note
    return document_title(document), href("documents", document_id), note


def _quote_item(quote: dict) -> Item:
    link = href("documents", quote["document_id"]) + anchor("quote", quote["start"], quote["end"])
    return f"« {quote['text']} »", link, quote["speaker_name"]


def _event_item(event: dict) -> Item:
    return event["title"], href("events", event["event_id"]), str(event["starts_on"] or "")


def _page(kind: str, heading: str, facts: list[Item], sections: list[tuple[str, list[Item]]]) -> dict:
    return {"kind": kind, "heading": heading, "facts": facts,
            "sections": [(title, items) for title, items in sections if items]}


def _by(rows: Iterator[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row[key]:
            grouped[row[key]].append(row)
    return grouped


def entity_pages(archive: Archive) -> Iterator[tuple[str, dict]]:
    """Each entity page's path from the site's root and its content."""
    all_quotes = [q for rows in archive.quotes.values() for q in rows]
    by_person, by_organization = _by(iter(all_quotes), "speaker_person_id"), _by(iter(all_quotes), "speaker_organization_id")
    organized: dict[str, list[Item]] = defaultdict(list)
    by_edition_year: dict[int, list[Item]] = defaultdict(list)
    for event in archive.events.rows():
        for organizer in event["organizer_ids"] or []:
            organized[organizer].append(_event_item(event))
        if event["edition_year"] is not None:
            by_edition_year[event["edition_year"]].append(_event_item(event))
    counts_by_year: dict[int, list[dict]] = defaultdict(list)
    for rows in archive.event_counts.values():
        for count in rows:
            counts_by_year[count["edition_year"]].append(count)

    for person in archive.people.values():
        yield href("people", person["person_id"]), _page("person", person["name"], [
            ("identifiant", person["person_id"], None),
            *(("alias", alias, None) for alias in person["aliases"]),
            *(("courriel", email, None) for email in person["emails"])], [
            ("Rôles par document", [_document_item(archive, r["document_id"], r["role"]) for r in person["roles"]]),
            ("Citations", [_quote_item(q) for q in by_person.get(person["person_id"], [])]),
            ("Documents qui la mentionnent", [_document_item(archive, d) for d in person["document_ids"]])])
    for organization in archive.organizations.values():
        organization_id = organization["organization_id"]
        yield href("organizations", organization_id), _page("organization", organization["name"], [
            ("identifiant", organization_id, None),
            ("sigle", organization["acronym"] or "", None), ("type", organization["kind"] or "", None),
            *(("alias", alias, None) for alias in organization["aliases"])], [
            ("Citations", [_quote_item(q) for q in by_organization.get(organization_id, [])]),
            ("Événements organisés", organized.get(organization_id, [])),
            ("Documents qui la mentionnent", [_document_item(archive, d) for d in organization["document_ids"]])])
    for edition in archive.editions.values():
        year = edition["year"]
        yield href("editions", edition["edition_id"]), _page("edition", f"Édition {year}", [
            ("identifiant", edition["edition_id"], None),
            ("numéro", "" if edition["number"] is None else
             f"{edition['number']}{' (déduit)' if edition['number_inferred'] else ''}", None),
            ("du", str(edition["starts_on"] or ""), None), ("au", str(edition["ends_on"] or ""), None),
            *(("thème", theme, None) for theme in edition["themes"])], [
            ("Nombres d'événements annoncés", [
                (f"{c['qualifier'] + ' ' if c['qualifier'] else ''}{c['value']} — « {c['text']} »",
                 href("documents", c["document_id"]) + anchor("event_count", c["start"], c["end"]), c["rule"])
                for c in counts_by_year.get(year, [])]),
            ("Événements", by_edition_year.get(year, [])),
            ("Documents", [_document_item(archive, d) for d in edition["document_ids"]])])
    for event in archive.events.rows():
        edition_id = archive.edition_by_year.get(event["edition_year"])
        yield href("events", event["event_id"]), _page("event", event["title"], [
            ("identifiant", event["event_id"], None),
            ("dates", ", ".join(str(d) for d in event["dates"] or []) or str(event["starts_on"] or ""), None),
            ("lieu", event["region"] or "", None), ("format", event["format"] or "", None),
            ("en ligne", {True: "oui", False: "non"}.get(event["online"], ""), None),
            ("édition", str(event["edition_year"] or ""), href("editions", edition_id)),
            ("règle", event["rule"], None),
            *((f"organisateur", name, href("organizations", organizer) if organizer in archive.organizations else None)
              for organizer, name in zip(event["organizer_ids"] or [], event["organizer_names"] or []))], [
            ("Documents", [_document_item(archive, d) for d in event["document_ids"] or []])])


def list_pages(archive: Archive) -> Iterator[tuple[str, dict]]:
    """The lists of people, organizations and events, linked from every page's header."""
    yield "people.html", _page("list", "Personnes", [], [("", sorted(
        ((p["name"], href("people", p["person_id"]), f"{len(p['document_ids'])} doc.") for p in archive.people.values()),
        key=lambda item: item[0].casefold()))])
    yield "organizations.html", _page("list", "Organisations", [], [("", sorted(
        ((o["name"], href("organizations", o["organization_id"]), f"{len(o['document_ids'])} doc.")
         for o in archive.organizations.values()), key=lambda item: item[0].casefold()))])
    yield "events.html", _page("list", "Événements", [], [("", sorted(
        (_event_item(e) for e in archive.events.rows()),
        key=lambda item: (item[2], item[0].casefold())))])


def _link(text: str, link: str | None, root: str) -> str:
    return f'<a href="{escaped(root + link)}">{escaped(text)}</a>' if link else escaped(text)


def entity_body(content: dict, root: str) -> str:
    """The HTML of an entity page's content; `root` leads from the page to the site's root."""
    out = [f'<h1 data-kind="{escaped(content["kind"])}">{escaped(content["heading"])}</h1>\n']
    facts = [(label, value, link) for label, value, link in content["facts"] if value]
    if facts:
        out.append('<dl class="facts">\n')
        out.extend(f"<dt>{escaped(label)}</dt><dd>{_link(value, link, root)}</dd>\n" for label, value, link in facts)
        out.append("</dl>\n")
    for title, items in content["sections"]:
        if title:
            out.append(f"<h2>{escaped(title)}</h2>")
        out.append('<ul class="items">\n')
        out.extend(f"<li>{_link(text, link, root)}{f' <small>{escaped(note)}</small>' if note else ''}</li>\n"
                   for text, link, note in items)
        out.append("</ul>\n")
    return "".join(out)
