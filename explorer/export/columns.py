"""The property columns of a set of nodes or ties, in schema order, with a value type each.

GraphML, GEXF and CSV declare one column per property present. Types come from the
values, not the schema, so a declared type always parses: all booleans are `boolean`,
all integers `long`, numbers `double`, anything else (lists, dates, mixtures) `string`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from loader.records import Node, Tie
from loader.schema import load_schema

ColumnType = Literal["boolean", "long", "double", "string"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType


def node_columns(nodes: list[Node]) -> list[Column]:
    """A column for each node property set on some node: common ones first, then by kind."""
    schema = load_schema()
    kind_props = (name for kind in schema.kinds.values() for name in kind.properties)
    return _columns((n.props for n in nodes), [*schema.entity_properties, *kind_props])


def tie_columns(ties: list[Tie]) -> list[Column]:
    """A column for each tie property set on some tie: common ones first, then by type."""
    schema = load_schema()
    type_props = (name for tie in schema.ties.values() for name in tie.properties)
    return _columns((t.props for t in ties), [*schema.tie_properties, *type_props])


def _columns(records: Iterable[dict[str, Any]], order: list[str]) -> list[Column]:
    values: dict[str, list[Any]] = {}
    for props in records:
        for name, value in props.items():
            if value is not None:
                values.setdefault(name, []).append(value)
    rank = {name: i for i, name in enumerate(dict.fromkeys(order))}
    names = sorted(values, key=lambda name: (rank.get(name, len(rank)), name))
    return [Column(name, _type(values[name])) for name in names]


def _type(values: list[Any]) -> ColumnType:
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if any(isinstance(v, bool) or not isinstance(v, int | float) for v in values):
        return "string"
    return "long" if all(isinstance(v, int) for v in values) else "double"
