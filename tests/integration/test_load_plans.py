"""The loader's lookups (statements run once per row, and those of each tie type) seek,
whatever the planner knows of the graph. A plain `USING INDEX` hint is also met by a scan of
the index under each row: planned on the curated graph, the SIPRI register then took 200+ s
to load instead of 10 s (the scan also reads the load's own uncommitted records)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from explorer.db import Database
from explorer.settings import Settings
from loader import entity_statements, links, staging, statements
from loader.grouping import SCHEMES
from loader.schema import load_schema

SCAN = "Scan"  # how NodeIndexScan, DirectedRelationshipIndexScan, NodeByLabelScan... end
SCHEMA = load_schema()
TIE, KIND = "SUPPLIED_ARMS_TO", "State"


def lookups() -> Iterator[tuple[str, str]]:
    """Every statement of the loader that runs once per row of a list it is given, and those
    built for a tie type, kind or key scheme. (Statements run once per load, such as
    DROP_FOREIGN_TIES, may rightly scan a small graph: on the curated one, every tie and a
    join.)"""
    for module in (statements, entity_statements, links, staging):
        for name, value in vars(module).items():
            if (
                not name.startswith("_")
                and isinstance(value, str)
                and value.lstrip().startswith("UNWIND")
            ):
                yield f"{module.__name__}.{name}", value
    yield "merge_records", statements.merge_records(SCHEMA, KIND)
    yield "dataset_ties", statements.dataset_ties(SCHEMA, [TIE])
    yield "key_holders", entity_statements.key_holders(SCHEMES[0])
    for build in (
        statements.merge_ties,
        statements.create_ties,
        statements.delete_ties,
        statements.drop_ties,
        staging.clashing_ties,
    ):
        yield build.__name__, build(SCHEMA, TIE)


STATEMENTS = dict(lookups())


def operators(plan: dict[str, Any]) -> Iterator[str]:
    yield plan["operatorType"].split("@")[0]
    for child in plan.get("children", []):
        yield from operators(child)


def test_every_lookup_of_the_loader_is_checked() -> None:
    assert {"merge_ties", "create_ties", "loader.links.LINK_LONE"} <= STATEMENTS.keys()
    assert len(STATEMENTS) >= 12


@pytest.mark.parametrize("name", sorted(STATEMENTS))
def test_a_lookup_of_the_loader_seeks_by_index_when_planned_on_the_curated_graph(
    seeded: Settings, name: str
) -> None:
    with Database(seeded) as db:
        db.run("CALL db.clearQueryCaches()", write=True)
        with db.driver.session(database=seeded.database) as session:
            plan = session.run("EXPLAIN " + STATEMENTS[name]).consume().plan
    assert plan is not None
    assert [op for op in operators(plan) if op.endswith(SCAN)] == []
