"""Group items that name the same thing: exact keys first, then fuzzy pairs within blocks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from hashlib import sha1


class UnionFind:
    """Disjoint sets over `0..n-1`."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        """The representative of `item`'s set."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        """Put `a` and `b` in one set (the smaller index represents it, for stable output)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[int]]:
        """The sets, each sorted, in order of their first member."""
        grouped: dict[int, list[int]] = defaultdict(list)
        for item in range(len(self.parent)):
            grouped[self.find(item)].append(item)
        return sorted(grouped.values(), key=lambda g: g[0])


def join(keys: list[str], links: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Group items by key: equal keys join, and so do the two items of each link."""
    items = UnionFind(len(keys))
    first: dict[str, int] = {}
    for index, key in enumerate(keys):
        items.union(index, first.setdefault(key, index))
    for a, b in links:
        items.union(a, b)
    return items.groups()


def cluster(keys: list[str], blocks_of: Callable[[str], Iterable[Hashable]],
            same: Callable[[str, str], bool]) -> list[list[int]]:
    """Cluster items by key: equal keys join; distinct keys sharing a block join when `same`.

    Only distinct keys are compared, and only within a block, so the cost grows with the
    number of distinct names per block, not with the square of the mentions. Two keys that
    share several blocks are compared in the first of them only (no set of the pairs compared
    is kept: on a large corpus it would take gigabytes).
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        by_key[key].append(index)
    distinct = list(by_key)
    key_sets = UnionFind(len(distinct))
    numbers: dict[Hashable, int] = {}  # blocks, numbered in the order they are first seen
    blocks: list[list[int]] = []
    blocks_of_key: list[set[int]] = []
    for index, key in enumerate(distinct):
        blocks_of_key.append(set())
        for block in blocks_of(key):
            number = numbers.setdefault(block, len(numbers))
            if number == len(blocks):
                blocks.append([])
            if number not in blocks_of_key[index]:
                blocks_of_key[index].add(number)
                blocks[number].append(index)
    for number, members in enumerate(blocks):
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if key_sets.find(a) == key_sets.find(b):
                    continue
                if len(blocks_of_key[a]) > 1 and min(blocks_of_key[a] & blocks_of_key[b]) != number:
                    continue  # compared in an earlier block they share
                if same(distinct[a], distinct[b]):
                    key_sets.union(a, b)
    return join(keys, [(by_key[key][0], by_key[distinct[key_sets.find(index)]][0])
                       for index, key in enumerate(distinct)])


def stable_id(prefix: str, *parts: str) -> str:
    """An id that depends only on `parts`: the same input gives the same id on every machine."""
    return f"{prefix}_{sha1('|'.join(parts).encode('utf-8')).hexdigest()[:12]}"
