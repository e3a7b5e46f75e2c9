"""An analyst's edge list (CSV, UTF-8, one tie per row) as nodes and ties, by an EdgeMapping.

Ends. A cell that already looks like an id (a lowercase first word, then hyphenated words, no
spaces: `gazprombank`, `cow-365`, `ftm-NK-2Tbri3s6`) refers to an entity loaded elsewhere: the
tie points at it and no node is made, so that entity's name and provenance stay as they are.
Any other cell is a name and makes a node `<dataset>-<slug>`, named by the end's name column
where mapped and filled, else by the cell. An end's kind is its kind column where filled, else
the mapping's default kind.

Ties. The type is the type column (`supplied arms to` reads as SUPPLIED_ARMS_TO) or the fixed
type. Carried columns are tie properties, headed by their schema name and converted to its
types (lists split on `|`). An `id` column gives the tie id; without one the id takes the
seed's form `<dataset>|<source>|<TYPE>|<target>`, plus `|<since>` when given, and a second row
with the same ends, type and since is a problem rather than a silent merge. A `sources` column
adds to the dataset in `sources`. Ids never depend on line numbers, so inserting a row changes
no other tie's id. An edge list has no version.

Every problem is reported as `file:line: column: message`, all at once: unknown types and
kinds, ends the type does not allow, values that do not fit, a node given two kinds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from loader.errors import InputError, Problem
from loader.importers.base import (
    ImportResult,
    Row,
    Table,
    csv_table,
    make_node,
    make_tie,
    map_all,
    read_text,
    slugify,
)
from loader.records import Node, Tie
from loader.schema import load_schema

_LOOKS_LIKE_ID = re.compile(r"[a-z0-9]+(?:-[A-Za-z0-9]+)*")
_RESERVED = ("dataset", "record")


@dataclass(frozen=True)
class EdgeMapping:
    """Which columns hold what. The type is a column or fixed; each end's kind is a column, a
    default, or both (the column wins where filled). Name columns are optional."""

    source: str
    target: str
    type_column: str | None = None
    fixed_type: str | None = None
    source_kind: str | None = None
    source_kind_column: str | None = None
    target_kind: str | None = None
    target_kind_column: str | None = None
    source_name: str | None = None
    target_name: str | None = None
    properties: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        schema = load_schema()
        if (self.type_column is None) == (self.fixed_type is None):
            raise ValueError("give exactly one of type_column and fixed_type")
        if self.fixed_type is not None and self.fixed_type not in schema.ties:
            raise ValueError(f"unknown tie type {self.fixed_type!r}")
        for end in self.ends:
            if end.kind is None and end.kind_column is None:
                raise ValueError(f"{end.column}: give a default kind or a kind column")
            if end.kind is not None and end.kind not in schema.kinds:
                raise ValueError(f"{end.column}: unknown kind {end.kind!r}")
        if reserved := [column for column in self.properties if column in _RESERVED]:
            raise ValueError(f"{', '.join(reserved)}: set by the importer, not carried")

    @property
    def ends(self) -> tuple[_End, _End]:
        return (
            _End(self.source, self.source_kind, self.source_kind_column, self.source_name),
            _End(self.target, self.target_kind, self.target_kind_column, self.target_name),
        )

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads."""
        named = [self.type_column] + [c for end in self.ends for c in end.columns]
        return [column for column in named if column] + self.properties


@dataclass(frozen=True)
class _End:
    column: str
    kind: str | None
    kind_column: str | None
    name_column: str | None

    @property
    def columns(self) -> list[str | None]:
        return [self.column, self.kind_column, self.name_column]


@dataclass(frozen=True)
class _Placed:
    """A tie end: its id and kind, and the node it makes when the cell was a name."""

    id: str
    kind: str
    node: Node | None
    column: str


def read(paths: list[Path], mapping: EdgeMapping, dataset: str = "edges") -> ImportResult:
    """The ties, and the nodes named in them, of edge-list CSV files read by `mapping`."""
    rows = [row for table in map_all(paths, partial(_table, mapping=mapping)) for row in table.rows]
    edges: list[tuple[Row, tuple[_Placed, _Placed], Tie]] = []
    problems: list[Problem] = []
    for row in rows:
        try:
            edges.append((row, *_edge(row, mapping, dataset)))
        except InputError as err:
            problems += err.problems
    kinds: dict[str, tuple[str, str]] = {}  # id -> (kind, record where first seen)
    nodes: dict[str, Node] = {}
    tie_records: dict[str, str] = {}
    for row, ends, tie in edges:
        for end in ends:
            kind, record = kinds.setdefault(end.id, (end.kind, row.record))
            if kind != end.kind:
                message = f"{end.id} is {end.kind} here but {kind} at {record}"
                problems.append(Problem(str(row.file), row.line, end.column, message))
            elif end.node:
                nodes.setdefault(end.id, end.node)
        first = tie_records.setdefault(tie.id, row.record)
        if first != row.record:
            message = f"same ends, type and since as {first}"
            problems.append(Problem(str(row.file), row.line, None, message))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    ties = [tie for _, _, tie in edges]
    files = [str(path) for path in paths]
    return ImportResult(list(nodes.values()), ties, {}, dataset, files=files)


def _table(path: Path, mapping: EdgeMapping) -> Table:
    table = csv_table(path, read_text(path))
    table.require(mapping.columns)
    return table


def _edge(row: Row, mapping: EdgeMapping, dataset: str) -> tuple[tuple[_Placed, _Placed], Tie]:
    source, target = (_place(row, end, dataset) for end in mapping.ends)
    tie_type = mapping.fixed_type or _tie_type(row, mapping.type_column or "")
    if not load_schema().ties[tie_type].allows(source.kind, target.kind):
        message = f"{tie_type} does not allow {source.kind} -> {target.kind}"
        raise row.error(mapping.type_column or mapping.source, message)
    props = {column: _property(row, tie_type, column) for column in mapping.properties}
    if props.get("sources"):
        props["sources"] = [dataset, *props["sources"]]
    parts = [dataset, source.id, tie_type, target.id, props.get("since")]
    tie_id = props.pop("id", None) or "|".join(part for part in parts if part)
    ends = (source.id, target.id)
    provenance = (dataset, row.record)
    tie = make_tie(tie_id, tie_type, ends, provenance, origin=row.origin, **props)
    return (source, target), tie


def _tie_type(row: Row, column: str) -> str:
    value = row.text(column)
    tie_type = re.sub(r"[\s-]+", "_", value).upper()
    if tie_type not in load_schema().ties:
        raise row.error(column, f"unknown tie type {value!r}")
    return tie_type


def _place(row: Row, end: _End, dataset: str) -> _Placed:
    cell = row.text(end.column)
    if not cell:
        raise row.error(end.column, "empty")
    kind = (row.text(end.kind_column) if end.kind_column else "") or end.kind
    if not kind:
        raise row.error(end.kind_column, "empty, and the mapping gives no default kind")
    if kind not in load_schema().kinds:
        raise row.error(end.kind_column, f"unknown kind {kind!r}")
    if _LOOKS_LIKE_ID.fullmatch(cell):
        return _Placed(cell, kind, None, end.column)
    slug = slugify(cell)
    if not slug:
        raise row.error(end.column, f"no name to make an id from: {cell!r}")
    name = (row.text(end.name_column) if end.name_column else "") or cell
    provenance = (dataset, row.record)
    node = make_node(f"{dataset}-{slug}", kind, name, provenance, [cell], origin=row.origin)
    return _Placed(node.id, kind, node, end.column)


def _property(row: Row, tie_type: str, column: str) -> Any:
    text = row.text(column)
    if not text:
        return None
    prop = load_schema().tie_property(tie_type, column)
    if prop is None:
        raise row.error(column, f"not a property of {tie_type} in the schema")
    try:
        return prop.parse(text)
    except ValueError as err:
        raise row.error(column, str(err)) from None
