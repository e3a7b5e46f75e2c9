"""A Cypher script that recreates the graph, for cypher-shell or Neo4j Browser.

The script creates the `entity_id` uniqueness constraint, then MERGEs nodes in batches
of `BATCH` per kind (with the `Entity` and kind labels, and the `kind` property the
loader also writes and the queries read) and ties in batches per type. It uses no
parameters: values are written as escaped Cypher literals (see `literals`), and labels
and relationship types come only from the schema's allow-list. Run it with
`cypher-shell -f graph.cypher`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TextIO, TypeVar

from explorer.export.literals import literal, map_literal
from loader.records import Node, Tie
from loader.schema import ANY_KIND, load_schema

BATCH = 500
CONSTRAINT = f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{ANY_KIND}) REQUIRE n.id IS UNIQUE;"

_Record = TypeVar("_Record", Node, Tie)


def write_cypher(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """Write the script to `out`. Raises ValueError for a kind or type not in the schema."""
    out.write(f"// Recreates {len(nodes)} entities and {len(ties)} ties.\n{CONSTRAINT}\n")
    _write_nodes(nodes, out)
    _write_ties(ties, out)


def _write_nodes(nodes: list[Node], out: TextIO) -> None:
    for kind, group in _grouped(nodes, lambda n: _label(n.kind)).items():
        for batch in _batches(group):
            rows = [{"id": n.id, "props": n.props} for n in batch]
            out.write(f"\n{_unwind(rows)}\nMERGE (n:{ANY_KIND} {{id: row.id}})\n")
            out.write(f"SET n:{kind}, n += row.props, n.kind = {literal(kind)};\n")


def _write_ties(ties: list[Tie], out: TextIO) -> None:
    for tie_type, group in _grouped(ties, lambda t: _type(t.type)).items():
        for batch in _batches(group):
            rows = [{"id": t.id, "s": t.source, "t": t.target, "props": t.props} for t in batch]
            out.write(f"\n{_unwind(rows)}\n")
            out.write(f"MATCH (a:{ANY_KIND} {{id: row.s}}), (b:{ANY_KIND} {{id: row.t}})\n")
            out.write(f"MERGE (a)-[r:{tie_type} {{id: row.id}}]->(b)\nSET r += row.props;\n")


def _label(kind: str) -> str:
    if kind not in load_schema().kinds:
        raise ValueError(f"unknown node kind {kind!r}: not in the schema")
    return kind


def _type(tie_type: str) -> str:
    if tie_type not in load_schema().ties:
        raise ValueError(f"unknown tie type {tie_type!r}: not in the schema")
    return tie_type


def _grouped(records: list[_Record], name: Callable[[_Record], str]) -> dict[str, list[_Record]]:
    groups: dict[str, list[_Record]] = {}
    for record in records:
        groups.setdefault(name(record), []).append(record)
    return groups


def _batches(records: list[_Record]) -> Iterator[list[_Record]]:
    for start in range(0, len(records), BATCH):
        yield records[start : start + BATCH]


def _unwind(rows: list[dict[str, Any]]) -> str:
    lines = ",\n".join(f"  {map_literal(row)}" for row in rows)
    return f"UNWIND [\n{lines}\n] AS row"
