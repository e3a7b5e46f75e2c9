"""An owner's total effective stake in an entity over all its ownership chains.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


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
