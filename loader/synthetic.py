"""A deterministic synthetic influence graph with a skewed degree distribution.

For benchmarks and tests: a few hubs (a state, a holding, an oligarch) hold many ties,
most entities hold one or two, as in real patronage and ownership data. Streams its
records, so a million ties never sit in memory at once.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from loader.records import Node, Tie

NODES_PER_TIE = 0.25
_KINDS = (("Person", 0.6), ("Organization", 0.35), ("State", 0.05))
# (source kind, target kind) -> tie types that fit the schema
_TYPES = {
    ("Person", "Person"): ("FRIEND_OF", "RELATIVE_OF", "ASSOCIATE_OF"),
    ("Person", "Organization"): ("LEADS", "WORKS_FOR", "OWNS", "MEMBER_OF"),
    ("Organization", "Organization"): ("OWNS", "LENT_TO", "SUBSIDIARY_OF"),
    ("State", "Organization"): ("OWNS", "LENT_TO"),
    ("State", "State"): ("ALLIED_WITH", "SUPPLIED_ARMS_TO"),
    ("Person", "State"): ("WORKS_FOR",),
    ("Organization", "State"): ("LENT_TO",),
    ("State", "Person"): ("MET_WITH",),
    ("Organization", "Person"): ("LENT_TO",),
}


def node_count(ties: int) -> int:
    return max(10, int(ties * NODES_PER_TIE))


def _kind(index: int, total: int) -> str:
    edge = 0.0
    for kind, share in _KINDS:
        edge += share
        if index < edge * total:
            return kind
    return _KINDS[-1][0]


def nodes(ties: int, seed: int = 7) -> Iterator[Node]:
    rng = random.Random(seed)
    total = node_count(ties)
    for i in range(total):
        kind = _kind(i, total)
        props = {"name": f"{kind} {i}", "aliases": [f"S{i}"], "record": f"synthetic:{i}"}
        yield Node(f"syn-{i}", kind, {**props, "description": f"r{rng.random():.6f}"})


def _pick(rng: random.Random, total: int) -> int:
    # u**3 piles the picks onto low indexes: a handful of hubs, a long tail of leaves.
    return int(total * rng.random() ** 3)


def ties(count: int, seed: int = 7) -> Iterator[Tie]:
    rng = random.Random(seed + 1)
    total = node_count(count)
    made = 0
    while made < count:
        a, b = _pick(rng, total), rng.randrange(total)
        if a == b:
            continue
        types = _TYPES.get((_kind(a, total), _kind(b, total)))
        if not types:
            a, b = b, a
            types = _TYPES.get((_kind(a, total), _kind(b, total)))
        if not types:
            continue
        tie_type = types[made % len(types)]
        props: dict[str, object] = {"sources": ["synthetic"], "since": str(1990 + made % 30)}
        props["record"] = f"synthetic:t{made}"
        if tie_type == "OWNS":
            props["share"] = round(rng.uniform(1, 100), 1)
        yield Tie(f"syn-t{made}", tie_type, f"syn-{a}", f"syn-{b}", props)
        made += 1
