"""Which records are one entity: those sharing a strong key or judged the same, never two
judged different.

Links are applied strongest first (shared keys, then judgements, each in a fixed order), and a
link that would put two records judged different in one entity is skipped, so "not the same"
also blocks a join through a third record. An entity's id is that of its first record: of the
dataset loaded first (its rank), then the shortest id, then the first in order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import LiteralString

Rank = Callable[[str], int]  # a record id's dataset rank: 1 for the dataset loaded first

# The strong identifiers `loader.keys.strong_keys` gives; each is a record property with an index.
SCHEMES: tuple[LiteralString, ...] = ("state", "wikidata", "inn", "ogrn", "lei")


def key_property(scheme: LiteralString) -> LiteralString:
    """The record property holding a strong key (internal: exports leave it out)."""
    return "_key_" + scheme


def first(rank: Rank) -> Callable[[str], tuple[int, int, str]]:
    """The order of records in an entity: its first record gives the entity its id."""
    return lambda ident: (rank(ident), len(ident), ident)


class _Groups:
    def __init__(self, ids: Iterable[str], vetoes: Iterable[tuple[str, str]]) -> None:
        self.parent = {ident: ident for ident in ids}
        self.members = {ident: {ident} for ident in self.parent}
        self.vetoes: dict[str, set[str]] = {}
        for a, b in vetoes:
            self.vetoes.setdefault(a, set()).add(b)
            self.vetoes.setdefault(b, set()).add(a)

    def root(self, ident: str) -> str:
        while self.parent[ident] != ident:
            self.parent[ident] = self.parent[self.parent[ident]]
            ident = self.parent[ident]
        return ident

    def join(self, a: str, b: str) -> bool:
        """Join the groups of a and b unless a veto spans them; False when refused."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        small, big = sorted((ra, rb), key=lambda r: len(self.members[r]))
        if any(self.vetoes.get(m, set()) & self.members[big] for m in self.members[small]):
            return False
        self.parent[small] = big
        self.members[big] |= self.members.pop(small)
        return True


def group(
    keys: Mapping[str, Mapping[str, str]],
    same: Iterable[tuple[str, str]] = (),
    not_same: Iterable[tuple[str, str]] = (),
    rank: Rank = lambda _: 0,
) -> dict[str, str]:
    """The entity id of every record in `keys` (record id -> its strong keys, scheme -> value).

    `same` and `not_same` are judged pairs of record ids; pairs naming a record outside `keys`
    are ignored.
    """
    groups = _Groups(keys, ((a, b) for a, b in not_same if a in keys and b in keys))
    holders: dict[tuple[str, str], list[str]] = {}
    for ident in sorted(keys):
        for scheme, value in keys[ident].items():
            holders.setdefault((scheme, value), []).append(ident)
    for _, idents in sorted(holders.items()):
        for other in idents[1:]:
            groups.join(idents[0], other)
    for a, b in sorted(tuple(sorted(pair)) for pair in same):
        if a in keys and b in keys:
            groups.join(a, b)
    by_root: dict[str, set[str]] = {}
    for ident in keys:
        by_root.setdefault(groups.root(ident), set()).add(ident)
    order = first(rank)
    return {ident: min(members, key=order) for members in by_root.values() for ident in members}
