"""Query rows become records: paths, neighbours and driver values, each node and tie once."""

from __future__ import annotations

from typing import Any

from explorer.graph import rows_to_graph
from explorer.names import Entity
from loader.records import Node, Tie

GAZPROMBANK = {"id": "gazprombank", "name": "Gazprombank", "kind": "Organization"}
ASE = {"id": "atomstroyeksport", "name": "Atomstroyeksport", "kind": "Organization"}
ROSATOM = {"id": "rosatom", "name": "Rosatom", "kind": "Organization"}
OWNS = {"type": "OWNS", "from": "gazprombank", "to": "atomstroyeksport", "id": "owns-1",
        "share": 49.8, "sources": ["marten-2013"], "_hash": "abc"}  # fmt: skip
AFFILIATED = {"type": "AFFILIATED_WITH", "from": "atomstroyeksport", "to": "rosatom", "id": "aff-1"}
LENT = {"type": "LENT_TO", "from": "gazprombank", "to": "rosatom", "id": "lent-1"}


def test_path_rows_give_each_node_and_tie_once_with_their_properties() -> None:
    rows: list[dict[str, Any]] = [
        {"hops": 1, "nodes": [GAZPROMBANK, ROSATOM], "ties": [LENT]},
        {"hops": 2, "nodes": [GAZPROMBANK, ASE, ROSATOM], "ties": [OWNS, AFFILIATED]},
    ]
    nodes, ties = rows_to_graph(rows)
    assert [n.id for n in nodes] == ["gazprombank", "rosatom", "atomstroyeksport"]
    assert nodes[0] == Node("gazprombank", "Organization", {"name": "Gazprombank"})
    assert [t.id for t in ties] == ["lent-1", "owns-1", "aff-1"]
    owns = Tie("owns-1", "OWNS", "gazprombank", "atomstroyeksport",
               {"share": 49.8, "sources": ["marten-2013"]})  # fmt: skip
    assert ties[1] == owns


def test_neighbour_rows_with_the_centre_leave_out_ties_to_entities_beyond_the_cap() -> None:
    beyond = {"type": "OWNS", "from": "someone-capped-out", "to": "rosatom", "id": "owns-2"}
    rows = [
        {"distance": 1, "type": "LENT_TO", "total": 1, "shown": [{"entity": ROSATOM, "tie": LENT}]},
        {"distance": 2, "type": "OWNS", "total": 9, "shown": [{"entity": ASE, "tie": beyond}]},
    ]
    nodes, ties = rows_to_graph(rows, Entity("gazprombank", "Gazprombank", "Organization"))
    assert [n.id for n in nodes] == ["gazprombank", "rosatom", "atomstroyeksport"]
    assert [t.id for t in ties] == ["lent-1"]


def test_driver_nodes_relationships_and_paths_keep_kinds_ends_and_properties() -> None:
    node = {"_labels": ["Entity", "State"], "id": "russia", "kind": "State", "name": "Russia"}
    other = {"_labels": ["Entity", "Organization"], "id": "gazprom", "name": "Gazprom"}
    owns = {"_type": "OWNS", "_start": "russia", "_end": "gazprom", "id": "o", "share": 50.0}
    rows = [{"p": {"nodes": [node, other], "ties": [owns]}, "n": node, "count": 3}]
    nodes, ties = rows_to_graph(rows)
    assert nodes == [
        Node("russia", "State", {"name": "Russia"}),
        Node("gazprom", "Organization", {"name": "Gazprom"}),
    ]
    assert ties == [Tie("o", "OWNS", "russia", "gazprom", {"share": 50.0})]


def test_a_tie_without_an_id_is_named_by_its_ends_and_type() -> None:
    tie = {"type": "FRIEND_OF", "from": "gazprombank", "to": "rosatom"}
    _, ties = rows_to_graph([{"nodes": [GAZPROMBANK, ROSATOM], "ties": [tie]}])
    assert [t.id for t in ties] == ["gazprombank|FRIEND_OF|rosatom"]


def test_rows_of_plain_columns_hold_no_graph() -> None:
    rows = [{"id": "csto", "name": "CSTO", "kind": "InternationalOrganization", "role": None}]
    assert rows_to_graph(rows) == ([], [])
