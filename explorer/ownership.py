"""An entity's owners, found level by level: each with its shortest chain, and its total
effective stake over all its chains.

Going up from the owned entity, each level reads the owners of the entities the level below
reached first (queries/owner_links.cypher): an owner is reached once, at its distance, by
the chain of highest effective stake among its shortest ones. One search per level, not per
owner, so a web of thousands of owners costs its stakes, read once.

Enumerating the chains of a web of holdings is exponential (1M synthetic ties: no answer in
minutes); summing them level by level is not. Going up from the owned entity, each level
passes every entity's share of it to its owners, multiplied by their stakes: after `depth`
levels an owner holds the sum, over its chains of that many links, of the stakes multiplied
along them. A chain through a link of unknown share makes the owner's total unknown. A web
with cross-holdings has chains that pass an entity twice; they count as often as they fit in
`depth` links, so such a total may exceed 100% (which the CLI flags).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Link = Mapping[str, Any]  # a row of owner_links: owner (id, name, kind), owned, share, stake
Chain = tuple[Link, ...]  # from an owner down to the owned entity


@dataclass
class Held:
    """What an owner holds of the entity: the summed stake in % (None: a share unknown), and
    over how many chains."""

    share: float | None = 0.0
    chains: int = 0

    def add(self, share: float | None, chains: int) -> None:
        self.share = None if self.share is None or share is None else self.share + share
        self.chains += chains


def totals(target: str, links: Iterable[Mapping[str, Any]], depth: int) -> dict[str, Held]:
    """Each owner's total stake in `target` over its chains of at most `depth` links, given
    the links as `owner_links` returns them (`owner`, `owned`, `share` in %)."""
    owners_of: dict[str, list[tuple[str, float | None]]] = defaultdict(list)
    for link in links:
        owners_of[link["owned"]].append((link["owner"], link["share"]))
    level = {target: Held(100.0, 1)}
    held: dict[str, Held] = defaultdict(Held)
    for _ in range(depth):
        above: dict[str, Held] = defaultdict(Held)
        for owned, part in level.items():
            for owner, share in owners_of.get(owned, ()):
                if owner == target:  # a chain ends where it reaches the owned entity again
                    continue
                stake = None if part.share is None or share is None else part.share * share / 100
                above[owner].add(stake, part.chains)
        for owner, part in above.items():
            held[owner].add(part.share, part.chains)
        level = above
    return dict(held)


def search(
    target: str, owners_of: Callable[[list[str]], Sequence[Link]], depth: int
) -> tuple[dict[str, Chain], list[Link]]:
    """Each owner of `target` within `depth` links, with its chain, and every stake read (for
    `totals`); `owners_of` reads owner_links for some owned entities."""
    chains: dict[str, Chain] = {}
    read: list[Link] = []
    level = [target]
    for _ in range(depth):
        if not level:
            break
        found = owners_of(level)
        read += found
        reached: dict[str, Chain] = {}
        for link in found:
            owner = link["owner"]
            if owner == target or owner in chains:
                continue
            chain = (link, *chains.get(link["owned"], ()))
            if owner not in reached or _rank(chain) > _rank(reached[owner]):
                reached[owner] = chain
        chains.update(reached)
        level = sorted(reached)
    return chains, read


def effective(chain: Chain) -> float | None:
    """The stake multiplied along a chain, in % (None: a share on it unknown)."""
    stake = 100.0
    for link in chain:
        if link["share"] is None:
            return None
        stake = stake * link["share"] / 100
    return stake


def _rank(chain: Chain) -> tuple[bool, float]:
    stake = effective(chain)
    return stake is not None, stake or 0.0
