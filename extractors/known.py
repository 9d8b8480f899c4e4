"""Known organizations indexed by every way a text may write them."""

from __future__ import annotations

from functools import cache

from extractors.lexicons import KnownOrganization, Lexicons, fold
from extractors.textutils import fold_same_length


@cache
def known_organizations(lexicons: Lexicons) -> dict[str, KnownOrganization]:
    """Name and aliases under both folds (`fold`, `fold_same_length`), acronyms as written."""
    index: dict[str, KnownOrganization] = {}
    for organization in lexicons.organizations:
        for written in (organization.name, *organization.aliases):
            index[fold(written)] = organization
            index[fold_same_length(written)] = organization
        if organization.acronym:
            index[organization.acronym] = organization
    return index
