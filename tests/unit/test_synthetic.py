"""The synthetic multigraph: deterministic, heavy-tailed, with parallel ties, on the schema."""

from __future__ import annotations

from collections import Counter

from loader import synthetic
from loader.check import problems
from loader.importers.base import ImportResult
from loader.records import Node, Tie
from loader.schema import load_schema

SIZE = 20_000


def graph(size: int = SIZE, seed: int = 7) -> tuple[list[Node], list[Tie]]:
    return list(synthetic.multi_nodes(size, seed)), list(synthetic.multi_ties(size, seed))


def test_multigraph_is_the_same_for_a_seed_and_differs_for_another() -> None:
    assert graph() == graph()
    assert graph(seed=8)[1] != graph()[1]


def test_multigraph_holds_exactly_the_ties_asked_for_with_unique_ids() -> None:
    _, ties = graph()
    assert len(ties) == SIZE
    assert len({tie.id for tie in ties}) == SIZE


def test_multigraph_repeats_pairs_hundreds_of_times() -> None:
    _, ties = graph()
    repeats = Counter((tie.source, tie.target, tie.type) for tie in ties)
    assert max(repeats.values()) >= 100
    assert sum(1 for n in repeats.values() if n > 1) >= 500
    (source, target, tie_type), _ = repeats.most_common(1)[0]
    parallel = [t for t in ties if (t.source, t.target, t.type) == (source, target, tie_type)]
    assert len({t.props["since"] for t in parallel}) > 10  # repeats are not copies


def test_multigraph_degrees_pile_onto_a_few_hubs() -> None:
    _, ties = graph()
    degree = Counter(end for tie in ties for end in (tie.source, tie.target))
    top = [n for _, n in degree.most_common(10)]
    assert top[0] >= 0.1 * SIZE  # the biggest hub holds a tenth of all ties
    assert top[9] >= 0.02 * SIZE  # the tenth still holds 400 of them
    assert sorted(degree.values())[len(degree) // 2] <= 5  # the median entity holds a few


def test_multigraph_fits_the_schema_kinds_types_and_properties() -> None:
    nodes, ties = graph()
    schema = load_schema()
    kinds = {node.id: node.kind for node in nodes}
    assert all(schema.ties[t.type].allows(kinds[t.source], kinds[t.target]) for t in ties)
    assert problems(ImportResult(nodes, ties, {}, "multigraph")) == []


def test_multigraph_has_what_each_verb_needs() -> None:
    nodes, ties = graph()
    kinds = {node.id: node.kind for node in nodes}
    types = Counter(tie.type for tie in ties)
    assert types["MEMBER_OF"] + types["PARTY_TO"] >= 0.05 * SIZE
    arms = [t for t in ties if t.type == "SUPPLIED_ARMS_TO"]
    assert {kinds[t.source] for t in arms} | {kinds[t.target] for t in arms} == {"State"}
    assert all({"year", "value", "unit", "weapon"} <= t.props.keys() for t in arms)
    owned = {t.target for t in ties if t.type == "OWNS"}
    owned_owners = {t.source for t in ties if t.type == "OWNS" and t.source in owned}
    assert len(owned_owners) >= 100  # ownership chains: owners that are owned in turn


def test_multigraph_ownership_has_no_cycle() -> None:
    _, ties = graph()
    owns: dict[str, set[str]] = {}
    for tie in ties:
        if tie.type == "OWNS":
            owns.setdefault(tie.source, set()).add(tie.target)
    done: set[str] = set()

    def acyclic(node: str, path: frozenset[str]) -> bool:
        if node in path:
            return False
        if node in done:
            return True
        ok = all(acyclic(child, path | {node}) for child in owns.get(node, ()))
        done.add(node)
        return ok

    assert all(acyclic(node, frozenset()) for node in owns)
