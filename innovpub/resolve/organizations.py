"""Organizations deduplicated across documents.

Organizations join on a known administration (`DITP` = `direction interministérielle de
transformation publique`), on an acronym defined beside a name, or on near-equal names — never
when the two names carry different distinguishing words (places, numbers): `Lab Pôle emploi
Paca` stays apart from `Lab Pôle emploi Auvergne-Rhône-Alpes`, `DITP` from `DINUM`.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from extractors.known import known_organizations
from extractors.lexicons import Lexicons, fold
from innovpub.records import AnalysedDocument
from innovpub.resolve.clustering import cluster, stable_id
from innovpub.resolve.entities import Resolved, preferred_form
from innovpub.settings import Settings
from schemas.dataset import OrganizationRow

_ARTICLE = re.compile(r"^(?:le |la |les |l')")


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
        name = known.name if known else preferred_form(written or [o.name for _, o in members])
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
