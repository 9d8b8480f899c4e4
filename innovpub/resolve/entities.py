"""What resolving one kind of entity gives, and helpers shared by the resolvers."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Resolved:
    """Rows of one entity table and the entity id of each mention, by (document id, start)."""

    rows: list
    ids: dict[tuple[str, int], str]
    by_name: dict[str, str]  # folded name or alias -> entity id


def preferred_form(names: list[str]) -> str:
    """The most frequent written form, preferring one that is not all capitals."""
    counts = Counter(names)
    return max(counts, key=lambda n: (not n.isupper(), counts[n], -names.index(n)))
