"""People deduplicated across documents.

People join on their folded name (`Louis JACQUART` = `Louis Jacquart`), then on near-equal
names within a block of the same given-name prefix or surname prefix (`Caroline Marcel
Orzecowski` = `Caroline Marcel Orzechowski`). A person's name is the preferred form among the
names written out, an address's name only when nothing else names them; the local part of every
address is an alias (`claire.bonnetier`).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from extractors.lexicons import fold
from extractors.people import EMAIL_RULE
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.resolve.entities import Resolved, preferred_form
from innovpub.settings import Settings
from schemas.dataset import PersonRow, RoleRow


def resolve_people(documents: list[AnalysedDocument], settings: Settings) -> Resolved:
    """One row per person across documents."""
    mentions = [(d.findings.document_id, p) for d in documents for p in d.findings.people]
    keys = [fold(p.name) for _, p in mentions]

    def blocks(key: str) -> list[str]:
        words = key.split()
        return [f"first:{words[0][:3]}", f"last:{words[-1][:4]}"]

    def same(a: str, b: str) -> bool:
        return fuzz.token_sort_ratio(a, b) >= settings.person_match_ratio

    rows, ids, by_name = [], {}, {}
    for group in cluster(keys, blocks, same):
        members = [mentions[i] for i in group]
        named = [p.name for _, p in members if p.rule != EMAIL_RULE] or [p.name for _, p in members]
        name = preferred_form(named)
        person_id = stable_id("per", fold(name))
        aliases = sorted({p.text for _, p in members} | {p.email.split("@")[0] for _, p in members if p.email})
        # Each (role, document) once, in order: a dict, as a person may be named in thousands.
        roles = [RoleRow(role=role, document_id=doc_id)
                 for role, doc_id in dict.fromkeys((p.role, doc_id) for doc_id, p in members if p.role)]
        rows.append(PersonRow(person_id=person_id, name=name, aliases=aliases, roles=roles,
                              emails=sorted({p.email for _, p in members if p.email}),
                              document_ids=sorted({doc_id for doc_id, _ in members})))
        for doc_id, p in members:
            ids[(doc_id, p.start)] = person_id
        for alias in aliases + [name]:
            by_name[fold(alias)] = person_id
    return Resolved(rows, ids, by_name)
