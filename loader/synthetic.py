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


# The multigraph: real shapes for the query benchmark (benchmarks/verbs.py). Degrees follow a
# power law within each kind, and a pair, once tied, is often tied again: arms transfers,
# loans and meetings recur (SIPRI lists 152 Russia->India transfers), standing ties rarely do.
MULTI_NODES_PER_TIE = 0.125
_MULTI_KINDS = (
    ("Person", 0.5),
    ("Organization", 0.42),
    ("State", 0.02),
    ("InternationalOrganization", 0.02),
    ("Agreement", 0.04),
)
# tie type -> (weight, kinds at its from end, kinds at its to end, recurring)
_MULTI_TYPES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...], bool]] = {
    "SUPPLIED_ARMS_TO": (0.2, ("State",), ("State",), True),
    "LENT_TO": (0.08, ("Organization", "State"), ("Organization", "State"), True),
    "MET_WITH": (0.08, ("Person", "State"), ("Person", "State"), True),
    "OWNS": (0.15, ("Person", "Organization", "State"), ("Organization",), False),
    "MEMBER_OF": (
        0.1,
        ("Person", "Organization", "State"),
        ("Organization", "InternationalOrganization"),
        False,
    ),
    "PARTY_TO": (0.05, ("State", "Organization"), ("Agreement",), False),
    "WORKS_FOR": (0.1, ("Person",), ("Organization", "State"), False),
    "LEADS": (0.04, ("Person",), ("Organization",), False),
    "ASSOCIATE_OF": (0.12, ("Person",), ("Person",), False),
    "ALLIED_WITH": (0.03, ("State",), ("State",), False),
    "SUBSIDIARY_OF": (0.05, ("Organization",), ("Organization",), False),
}
_RECURRING_CAP, _STANDING_CAP = 300, 3
_OWNERSHIP_LAYERS = 6  # an organization owns only those of a later layer: no ownership cycles
_WEAPONS = ("T-72 tank", "Su-30 fighter", "S-300 SAM system", "Mi-17 helicopter", "BTR-80 APC")


def multi_node_count(ties: int) -> int:
    return max(50, int(ties * MULTI_NODES_PER_TIE))


def _kind_ranges(total: int) -> dict[str, range]:
    """Each kind's block of node indexes, in _MULTI_KINDS order; every kind gets some."""
    ranges: dict[str, range] = {}
    start = 0
    for kind, share in _MULTI_KINDS[:-1]:
        size = max(5, int(share * total))
        ranges[kind] = range(start, start + size)
        start += size
    ranges[_MULTI_KINDS[-1][0]] = range(start, max(total, start + 5))
    return ranges


def multi_nodes(ties: int, seed: int = 7) -> Iterator[Node]:
    """The entities of `multi_ties(ties, seed)`: node `mg-<i>`, named `<Kind> <i>`."""
    rng = random.Random(seed)
    for kind, indexes in _kind_ranges(multi_node_count(ties)).items():
        for i in indexes:
            props = {"name": f"{kind} {i}", "aliases": [f"MG{i}"], "record": f"multigraph:{i}"}
            yield Node(f"mg-{i}", kind, {**props, "description": f"r{rng.random():.6f}"})


def _zipf(rng: random.Random, indexes: range) -> int:
    # n**u - 1 is log-uniform: rank r is drawn about as often as 1/r (a power law); one draw
    # in four is uniform, so the long tail holds a tie or two as well.
    size = len(indexes)
    rank = rng.randrange(size) if rng.random() < 0.25 else int(size ** rng.random()) - 1
    return indexes[min(rank, size - 1)]


def _ends(rng: random.Random, tie_type: str, ranges: dict[str, range]) -> tuple[int, int] | None:
    """A pair for `tie_type`, or None to draw again (a loop, or an ownership cycle)."""
    _, sources, targets, _ = _MULTI_TYPES[tie_type]
    a = _zipf(rng, ranges[rng.choice(sources)])
    b = _zipf(rng, ranges[rng.choice(targets)])
    if a == b:
        return None
    orgs = ranges["Organization"]
    if tie_type == "OWNS" and a in orgs:
        layer_a, layer_b = (
            (a - orgs.start) % _OWNERSHIP_LAYERS,
            (b - orgs.start) % _OWNERSHIP_LAYERS,
        )
        if layer_a == layer_b:
            return None
        return (a, b) if layer_a < layer_b else (b, a)
    return a, b


def _multiplicity(rng: random.Random, recurring: bool) -> int:
    """How many parallel ties a pair gets: heavy-tailed (Pareto), capped."""
    if recurring:
        return min(_RECURRING_CAP, int(rng.paretovariate(1.2)))
    return min(_STANDING_CAP, int(rng.paretovariate(2.0)))


def _multi_props(rng: random.Random, tie_type: str, made: int) -> dict[str, object]:
    year = 1990 + rng.randrange(35)
    props: dict[str, object] = {"sources": ["synthetic"], "since": str(year)}
    props["record"] = f"multigraph:t{made}"
    if tie_type == "SUPPLIED_ARMS_TO":
        props |= {"year": year, "value": round(rng.lognormvariate(2, 1.5), 1)}
        props |= {"unit": "SIPRI TIV (m)", "weapon": rng.choice(_WEAPONS)}
    elif tie_type == "LENT_TO":
        props |= {"amount": round(rng.lognormvariate(4, 2), 1), "currency": "USD"}
    elif tie_type == "OWNS":
        props["share"] = round(rng.uniform(1, 100), 1)
    elif tie_type == "PARTY_TO":
        props["status"] = rng.choice(("signed", "ratified", "acceded"))
    return props


def multi_ties(count: int, seed: int = 7) -> Iterator[Tie]:
    """`count` ties over `multi_nodes(count, seed)`: pairs drawn by type weight and power law,
    each repeated (dates and values varying) as `_multiplicity` says."""
    rng = random.Random(seed + 1)
    ranges = _kind_ranges(multi_node_count(count))
    names, weights = list(_MULTI_TYPES), [spec[0] for spec in _MULTI_TYPES.values()]
    made = 0
    while made < count:
        tie_type = rng.choices(names, weights)[0]
        ends = _ends(rng, tie_type, ranges)
        if ends is None:
            continue
        repeats = min(_multiplicity(rng, _MULTI_TYPES[tie_type][3]), count - made)
        for _ in range(repeats):
            props = _multi_props(rng, tie_type, made)
            yield Tie(f"mg-t{made}", tie_type, f"mg-{ends[0]}", f"mg-{ends[1]}", props)
            made += 1
