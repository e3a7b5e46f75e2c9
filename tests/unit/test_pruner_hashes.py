"""The loader sends only rows whose content changed: the rest are known by their hashes."""

from __future__ import annotations

from typing import Any

from loader.pruning import Pruner, short_hash
from loader.records import Tie
from loader.report import LoadReport
from loader.schema import load_schema
from loader.writer import tie_row

HASH_A, HASH_B = "a" * 40, "b" * 40


def pruner(**ties: dict[str, str]) -> Pruner:
    held = Pruner(load_schema(), LoadReport(dataset="d"))
    held.ties = {kind: {i: short_hash(h) for i, h in ids.items()} for kind, ids in ties.items()}
    return held


def row(ident: str, digest: str) -> dict[str, Any]:
    return {"id": ident, "hash": digest}


def test_unchanged_ties_are_not_sent_and_not_deleted() -> None:
    held = pruner(OWNS={"t1": HASH_A, "t2": HASH_A})
    assert held.changed_ties("OWNS", [row("t1", HASH_A)]) == ([], [])
    assert held.ties["OWNS"].keys() == {"t2"}


def test_new_ties_and_changed_ones_are_sent_apart() -> None:
    held = pruner(OWNS={"t1": HASH_A})
    new, changed = held.changed_ties("OWNS", [row("t1", HASH_B), row("t3", HASH_A)])
    assert ([r["id"] for r in new], [r["id"] for r in changed]) == (["t3"], ["t1"])
    assert held.ties["OWNS"] == {}


def test_a_tie_held_under_another_type_is_sent() -> None:
    held = pruner(FUNDS={"t1": HASH_A})
    new, changed = held.changed_ties("OWNS", [row("t1", HASH_A)])
    assert ([r["id"] for r in new], changed) == (["t1"], [])


def test_a_row_written_without_a_hash_is_sent_again() -> None:
    held = pruner(OWNS={"t1": ""})
    assert len(held.changed_ties("OWNS", [row("t1", HASH_A)])[1]) == 1


def test_only_new_or_changed_records_are_sent() -> None:
    held = Pruner(load_schema(), LoadReport(dataset="d"))
    held.nodes = {"n1": short_hash(HASH_A), "n2": short_hash(HASH_A)}
    rows = [row("n1", HASH_A), row("n2", HASH_B), row("n3", HASH_A)]
    assert [r["id"] for r in held.changed_nodes(rows)] == ["n2", "n3"]


def test_moving_a_ties_end_changes_its_hash() -> None:
    before = tie_row(Tie("t1", "OWNS", "a", "b", {"sources": ["d"]}), "d")
    after = tie_row(Tie("t1", "OWNS", "a", "c", {"sources": ["d"]}), "d")
    assert before["hash"] != after["hash"]
