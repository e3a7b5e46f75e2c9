"""The whole graph as a Cypher script that recreates it exactly: a backup for cypher-shell.

`explorer export --to cypher` of the whole graph writes it. Entities are made up from the
datasets' records by the loader, which a script cannot run, so the script holds everything
as it is: every record, entity, dataset and judgement with its labels and properties
(internal ones too, and times as `datetime(...)`), and every relationship. Replayed into an
empty database (`cypher-shell -f graph.cypher`), it gives the same graph: a test compares
content hashes. It first creates the loader's constraints and indexes; nodes carry a
temporary `_Dump` label and `_ref` (their element id here) until the relationships are
made, then lose them. Values are escaped literals (`explorer.export.literals`); labels and
types are written as values (`$(row.labels)`), never spliced into the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from explorer.export.literals import key, literal
from loader.schema import load_schema
from loader.statements import schema_statements

if TYPE_CHECKING:
    from explorer.db import Database

BATCH = 500
_VALUES = "[k IN keys(x) | [k, x[k], valueType(x[k])]]"
_NODES = f"MATCH (x) RETURN elementId(x) AS ref, labels(x) AS labels, {_VALUES} AS props"
_TIES = (
    f"MATCH (a)-[x]->(b) RETURN elementId(a) AS a, elementId(b) AS b, type(x) AS type, "
    f"{_VALUES} AS props"
)
_START = "CREATE INDEX dump_ref IF NOT EXISTS FOR (n:_Dump) ON (n._ref);"
_END = "MATCH (n:_Dump) REMOVE n:_Dump, n._ref;\nDROP INDEX dump_ref;"


@dataclass(frozen=True)
class Dump:
    """Every node and relationship of the database, properties typed."""

    nodes: list[dict[str, Any]]
    ties: list[dict[str, Any]]


def fetch_dump(db: Database) -> Dump:
    return Dump(db.run(_NODES).rows, db.run(_TIES).rows)


def write_dump(dump: Dump, out: TextIO) -> None:
    out.write(f"// Recreates {len(dump.nodes)} nodes and {len(dump.ties)} relationships.\n")
    for statement in schema_statements(load_schema()).values():
        out.write(f"{statement};\n")
    out.write(f"{_START}\n")
    for batch in _batches(dump.nodes):
        rows = [f"{{ref: {literal(n['ref'])}, labels: {literal(n['labels'])}, "
                f"props: {_props(n['props'])}}}" for n in batch]  # fmt: skip
        out.write(f"\n{_unwind(rows)}\nCREATE (n:_Dump {{_ref: row.ref}}) ")
        out.write("SET n += row.props, n:$(row.labels);\n")
    for batch in _batches(dump.ties):
        rows = [f"{{a: {literal(t['a'])}, b: {literal(t['b'])}, type: {literal(t['type'])}, "
                f"props: {_props(t['props'])}}}" for t in batch]  # fmt: skip
        out.write(f"\n{_unwind(rows)}\n")
        out.write("MATCH (a:_Dump {_ref: row.a}), (b:_Dump {_ref: row.b})\n")
        out.write("CREATE (a)-[r:$(row.type)]->(b) SET r = row.props;\n")
    out.write(f"\n{_END}\n")


def _props(values: list[list[Any]]) -> str:
    """A map literal of typed values: times as `datetime(...)`, the rest as literals."""
    items = (f"{key(name)}: {_typed(value, kind)}" for name, value, kind in values)
    return "{" + ", ".join(items) + "}"


def _typed(value: Any, kind: str) -> str:
    if kind.startswith("ZONED DATETIME"):
        return f"datetime({literal(value)})"
    if kind.startswith(("DATE", "LOCAL", "TIME", "DURATION", "POINT")):
        raise ValueError(f"a {kind} property cannot be written to the script yet")
    return literal(value)


def _unwind(rows: list[str]) -> str:
    lines = ",\n".join(f"  {row}" for row in rows)
    return f"UNWIND [\n{lines}\n] AS row"


def _batches(items: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]
