"""People and organizations deduplicated across documents.

People join on their folded name (`Louis JACQUART` = `Louis Jacquart`), then on near-equal
names within a block of the same given-name prefix or surname prefix (`Caroline MARCEL
ORZECOWSKI` = `caroline.marcel-orzechowski`). Organizations join on a known administration
(`DITP` = `direction interministérielle de transformation publique`), on an acronym defined
beside a name, or on near-equal names — never when the two names carry different
distinguishing words (places, numbers, acronyms): `Lab Pôle emploi Paca` stays apart from
`Lab Pôle emploi Auvergne-Rhône-Alpes`, `DITP` from `DINUM`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.settings import Settings
from schemas.dataset import OrganizationRow, PersonRow, RoleRow

_ARTICLE = re.compile(r"^(?:le |la |les |l')")


@dataclass(frozen=True)
class Resolved:
    """Rows of one entity table and the entity id of each mention, by (document id, start)."""

    rows: list
    ids: dict[tuple[str, int], str]
    by_name: dict[str, str]  # folded name or alias -> entity id


def _preferred(names: list[str]) -> str:
    """The most frequent written form, preferring one that is not all capitals."""
    counts = Counter(names)
    return max(counts, key=lambda n: (not n.isupper(), counts[n], -names.index(n)))


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
        named = [p.name for _, p in members if p.email is None] or [p.name for _, p in members]
        name = _preferred(named)
        person_id = stable_id("per", fold(name))
        aliases = sorted({p.text for _, p in members} | {p.email.split("@")[0] for _, p in members if p.email})
        roles = []
        for doc_id, p in members:
            if p.role and RoleRow(role=p.role, document_id=doc_id) not in roles:
                roles.append(RoleRow(role=p.role, document_id=doc_id))
        rows.append(PersonRow(person_id=person_id, name=name, aliases=aliases, roles=roles,
                              emails=sorted({p.email for _, p in members if p.email}),
                              document_ids=sorted({doc_id for doc_id, _ in members})))
        for doc_id, p in members:
            ids[(doc_id, p.start)] = person_id
        for alias in aliases + [name]:
            by_name[fold(alias)] = person_id
    return Resolved(rows, ids, by_name)


def _organization_key(name: str, acronym: str | None, lexicons: Lexicons) -> str:
    """A known administration's canonical name, else the folded name without its article."""
    folded = _ARTICLE.sub("", fold(name))
    known = known_organizations(lexicons).get(name) or known_organizations(lexicons).get(folded) or (
        known_organizations(lexicons).get(acronym) if acronym else None)
    return f"known:{fold(known.name)}" if known else folded


def _discriminators(key: str, lexicons: Lexicons) -> frozenset[str]:
    """Words that tell two similar names apart: places (as regions and as names), numbers."""
    found = set(re.findall(r"\b\d+\b", key))
    for place, region in {**lexicons.place_regions, **lexicons.region_aliases}.items():
        if re.search(rf"(?<![\w]){re.escape(place)}(?![\w])", key):
            found.add(region)
    return frozenset(found)


def resolve_organizations(documents: list[AnalysedDocument], settings: Settings,
                          lexicons: Lexicons) -> Resolved:
    """One row per organization across documents."""
    mentions = [(d.findings.document_id, o) for d in documents for o in d.findings.organizations]
    keys = [_organization_key(o.name, o.acronym, lexicons) for _, o in mentions]
    # An acronym defined beside a name (`… (PFRH)`) names that organization everywhere.
    by_acronym = {o.acronym: keys[i] for i, (_, o) in enumerate(mentions) if o.acronym and keys[i] != o.acronym.lower()}
    keys = [by_acronym.get(o.text, key) if o.text.isupper() else key for (_, o), key in zip(mentions, keys)]
    discriminators: dict[str, frozenset[str]] = {}

    def blocks(key: str) -> list[str]:
        return [" ".join(key.split()[:2])]

    def same(a: str, b: str) -> bool:
        if a.startswith("known:") or b.startswith("known:"):
            return False
        da = discriminators.setdefault(a, _discriminators(a, lexicons))
        db = discriminators.setdefault(b, _discriminators(b, lexicons))
        return da == db and fuzz.token_sort_ratio(a, b) >= settings.organization_match_ratio

    rows, ids, by_name = [], {}, {}
    for group in cluster(keys, blocks, same):
        members = [mentions[i] for i in group]
        key = keys[group[0]]
        known = known_organizations(lexicons).get(key.removeprefix("known:")) if key.startswith("known:") else None
        written = [o.name for _, o in members if not (o.name.isupper() and len(o.name) <= 10)]
        name = known.name if known else _preferred(written or [o.name for _, o in members])
        acronym = (known.acronym if known else None) or next((o.acronym for _, o in members if o.acronym), None)
        organization_id = stable_id("org", key)
        aliases = sorted({o.text for _, o in members} - {name})
        kinds = [o.kind for _, o in members if o.kind]
        rows.append(OrganizationRow(
            organization_id=organization_id, name=name, acronym=acronym,
            kind=(known.kind if known else None) or (Counter(kinds).most_common(1)[0][0] if kinds else None),
            aliases=aliases, document_ids=sorted({doc_id for doc_id, _ in members})))
        for doc_id, o in members:
            ids[(doc_id, o.start)] = organization_id
        for alias in [*aliases, name, acronym or ""]:
            if alias:
                by_name[fold(alias)] = organization_id
    return Resolved(rows, ids, by_name)
