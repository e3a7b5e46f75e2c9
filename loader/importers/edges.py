"""An analyst's edge list (CSV, UTF-8, one tie per row) as nodes and ties, by an EdgeMapping.

Columns. `renames` renames the file's columns first ("Source(s)" -> "sources"); every other
option then names a column by its new name.

Ends. A cell of an end's name column is a name and makes a node `<dataset>-<slug>`, named by
the end's node-name column where mapped and filled, else by the cell. A cell of an end's id
column is the id of an entity loaded elsewhere (`gazprombank`, `cow-365`): the tie points at
it and no node is made, so that entity's name and provenance stay as they are. With both
columns the id wins where filled. Names that differ only in case or punctuation stay apart
unless `fold_names` (see edge_names). An end's kind is its kind column where filled (a kind,
in any case, or a wording the mapping's `wordings` map to one), else the default kind.

Ties. The type is the fixed type, or the type column's wording: mapped by `wordings` (which
may reverse the tie: "owned by" is OWNS from the target to the source), else a tie type's
name (`supplied arms to` reads as SUPPLIED_ARMS_TO), else the schema's generic type
(AFFILIATED_WITH, FtM's UnknownLink), counted in `notes` by wording. A wording that is not a
type's name is kept as `raw_label`. Carried columns are tie properties, headed by their schema
name and converted to its types (lists split on `|`); on a generic tie a column the type lacks
is left out and counted. An `id` column gives the tie id; without one the id takes the seed's
form `<dataset>|<source>|<TYPE>|<target>`, plus `|<since>` when given and `|<slug of the
wording>` when kept, and a second row with the same id is a problem rather than a silent
merge. A `sources` column adds to the dataset in `sources`. Ids never depend on line numbers,
so inserting a row changes no other tie's id. An edge list has no version.

Every problem is reported as `file:line: column: message`, all at once: unknown kinds, ends
the type does not allow, values that do not fit, a node given two kinds, a repeated tie.
With `skip_invalid`, the rows with a problem are left out (a node named only in them too)
and listed in `invalid` instead.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache, partial
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
    map_valid,
    read_text,
    settle,
    slugify,
)
from loader.importers.edge_mapping import (
    RESERVED,
    EdgeMapping,
    End,
    Relation,
    Wordings,
    normal,
    tie_type_named,
    unknown_kind,
)
from loader.importers.edge_names import best_name, name_ids, spelling
from loader.importers.edge_wordings import read_wordings
from loader.records import Node, Tie
from loader.schema import load_schema

__all__ = ["EdgeMapping", "Relation", "Wordings", "read", "read_wordings"]


@cache
def generic_type() -> str:
    """The tie type of a wording nobody mapped: the one the schema reads FtM's UnknownLink as."""
    return load_schema().ftm_ties["UnknownLink"]


@dataclass(frozen=True)
class _Cell:
    """A tie end as read: an id given in an id column, or a name spelling to make a node of."""

    column: str
    kind: str
    given_id: str = ""
    spelling: str = ""
    name: str = ""  # the node-name column's value


@dataclass(frozen=True)
class _Edge:
    """A row read: its ends (source first), type, carried properties, and the caveats."""

    row: Row
    ends: tuple[_Cell, _Cell]
    type: str
    props: dict[str, Any]
    wording: str | None  # kept as raw_label
    unmapped: str | None = None  # the wording, in matching form, when loaded as generic
    left_out: tuple[str, ...] = ()


@dataclass
class _Named:
    """A node made from names: its kind, first row, spellings (with rows) and node-name."""

    kind: str
    row: Row
    spellings: Counter[str] = field(default_factory=Counter)
    name: str = ""

    def node(self, node_id: str, dataset: str) -> Node:
        aliases = sorted(self.spellings, key=lambda name: (-self.spellings[name], name))
        name = self.name or best_name(self.spellings)
        provenance = (dataset, self.row.record)
        return make_node(node_id, self.kind, name, provenance, aliases, origin=self.row.origin)


def read(
    paths: list[Path],
    mapping: EdgeMapping,
    dataset: str = "edges",
    *,
    skip_invalid: bool = False,
) -> ImportResult:
    """The ties, and the nodes named in them, of edge-list CSV files read by `mapping`."""
    rows = [row for table in map_all(paths, partial(_table, mapping=mapping)) for row in table.rows]
    problems: list[Problem] = []
    edges = map_valid(rows, lambda row: _edge(row, mapping), problems)
    names = (cell.spelling for edge in edges for cell in edge.ends if cell.spelling)
    ids, notes = name_ids(names, dataset, mapping.fold_names)
    nodes = _nodes(edges, ids, dataset, problems)  # a node given two kinds: a row's problem
    ties = _ties(edges, ids, dataset, problems)  # so is a tie made twice
    left_out, skipped = settle(problems, skip_invalid)
    if left_out:  # made again without the rows left out
        bad = {(problem.file, problem.line) for problem in left_out}
        edges = [edge for edge in edges if (str(edge.row.file), edge.row.line) not in bad]
        nodes = _nodes(edges, ids, dataset, [])
        ties = _ties(edges, ids, dataset, [])
    files = [str(path) for path in paths]
    notes |= _caveats(edges)
    return ImportResult(nodes, ties, skipped, dataset, files=files, notes=notes, invalid=left_out)


def _table(path: Path, mapping: EdgeMapping) -> Table:
    table = _renamed(csv_table(path, read_text(path)), mapping.renames)
    table.require(mapping.columns)
    return table


def _renamed(table: Table, renames: dict[str, str]) -> Table:
    if not renames:
        return table
    table.require(renames)
    if taken := [new for new in renames.values() if new in table.header and new not in renames]:
        message = f"cannot rename a column to {', '.join(taken)}: the file has one already"
        raise InputError([Problem(str(table.path), table.line, None, message)])
    header = [renames.get(column, column) for column in table.header]
    rows = [
        Row(row.file, row.line, {renames.get(k, k): v for k, v in row.cells.items()})
        for row in table.rows
    ]
    return Table(table.path, table.line, header, rows)


def _edge(row: Row, mapping: EdgeMapping) -> _Edge:
    source, target = (_cell(row, end, mapping.wordings) for end in mapping.ends)
    relation, wording = _relation(row, mapping)
    if relation.reverse:
        source, target = target, source
    if not load_schema().ties[relation.type].allows(source.kind, target.kind):
        said = f"{wording!r} read as {relation.type}" if wording else relation.type
        message = f"{said} does not allow {source.kind} -> {target.kind}"
        raise row.error(mapping.type_column or source.column, message)
    generic = wording is not None and mapping.wordings.relation(wording) is None
    props, left_out = _properties(row, relation.type, mapping.properties, generic)
    if wording and not props.get("raw_label"):
        props["raw_label"] = wording
    unmapped = normal(wording) if generic and wording else None
    return _Edge(row, (source, target), relation.type, props, wording, unmapped, left_out)


def _relation(row: Row, mapping: EdgeMapping) -> tuple[Relation, str | None]:
    """The row's Relation, and its wording when that is to be kept as raw_label."""
    if mapping.fixed_type:
        return Relation(mapping.fixed_type), None
    column = mapping.type_column or ""
    wording = row.text(column)
    if not wording:
        raise row.error(column, "empty")
    if mapped := mapping.wordings.relation(wording):
        return mapped, wording
    if named := tie_type_named(wording):
        return Relation(named), None
    return Relation(generic_type()), wording


def _cell(row: Row, end: End, wordings: Wordings) -> _Cell:
    kind = _kind(row, end, wordings)
    if end.id_column and (given := row.text(end.id_column)):
        return _Cell(end.id_column, kind, given_id=given)
    cell = spelling(row.text(end.column)) if end.column else ""
    if not cell:
        raise row.error(end.label, "empty")
    if not slugify(cell):
        raise row.error(end.column, f"no name to make an id from: {cell!r}")
    name = row.text(end.name_column) if end.name_column else ""
    return _Cell(end.label, kind, spelling=cell, name=name)


def _kind(row: Row, end: End, wordings: Wordings) -> str:
    text = row.text(end.kind_column) if end.kind_column else ""
    if not text:
        if end.kind:
            return end.kind
        raise row.error(end.kind_column, "empty, and the mapping gives no default kind")
    kind = wordings.kind(text)
    if kind is None:
        raise row.error(end.kind_column, unknown_kind(text))
    return kind


def _properties(
    row: Row, tie_type: str, columns: list[str], generic: bool
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The carried columns read as the type's properties, and those left out of a generic tie."""
    props: dict[str, Any] = {}
    left_out: list[str] = []
    for column in columns:
        text = row.text(column)
        prop = load_schema().tie_property(tie_type, column) if text else None
        if text and prop is None and generic:
            left_out.append(column)
        elif text and prop is None:
            raise row.error(column, _not_a_property(tie_type))
        elif prop is not None:
            try:
                props[column] = prop.parse(text)
            except ValueError as err:
                raise row.error(column, str(err)) from None
    return props, tuple(left_out)


def _not_a_property(tie_type: str) -> str:
    schema = load_schema()
    names = [*schema.ties[tie_type].properties, *schema.tie_properties]
    carried = ", ".join(name for name in names if name not in RESERVED)
    return f"not a property of {tie_type}; its properties: {carried}"


def _nodes(
    edges: list[_Edge], ids: dict[str, str], dataset: str, problems: list[Problem]
) -> list[Node]:
    """A node per name; a problem where an id is given two kinds."""
    kinds: dict[str, tuple[str, str]] = {}  # id -> (kind, record where first seen)
    named: dict[str, _Named] = {}
    for edge in edges:
        row = edge.row
        for cell in edge.ends:
            node_id = cell.given_id or ids[cell.spelling]
            kind, record = kinds.setdefault(node_id, (cell.kind, row.record))
            if kind != cell.kind:
                message = f"{node_id} is {cell.kind} here but {kind} at {record}"
                problems.append(Problem(str(row.file), row.line, cell.column, message))
            elif cell.spelling:
                node = named.setdefault(node_id, _Named(kind, row))
                node.spellings[cell.spelling] += 1
                node.name = node.name or cell.name
    return [node.node(node_id, dataset) for node_id, node in named.items()]


def _ties(
    edges: list[_Edge], ids: dict[str, str], dataset: str, problems: list[Problem]
) -> list[Tie]:
    """A tie per row; a problem where two rows make one tie id."""
    ties: list[Tie] = []
    records: dict[str, str] = {}
    for edge in edges:
        tie = _tie(edge, ids, dataset)
        first = records.setdefault(tie.id, edge.row.record)
        if first != edge.row.record:
            same = "ends, type, wording and since" if edge.wording else "ends, type and since"
            problems.append(
                Problem(str(edge.row.file), edge.row.line, None, f"same {same} as {first}")
            )
        ties.append(tie)
    return ties


def _tie(edge: _Edge, ids: dict[str, str], dataset: str) -> Tie:
    source, target = (cell.given_id or ids[cell.spelling] for cell in edge.ends)
    props = dict(edge.props)
    if props.get("sources"):
        props["sources"] = [dataset, *props["sources"]]
    label = slugify(edge.wording) if edge.wording else None
    parts = [dataset, source, edge.type, target, props.get("since"), label]
    tie_id = props.pop("id", None) or "|".join(part for part in parts if part)
    provenance = (dataset, edge.row.record)
    return make_tie(
        tie_id, edge.type, (source, target), provenance, origin=edge.row.origin, **props
    )


def _caveats(edges: list[_Edge]) -> dict[str, int]:
    """The notes on rows of unmapped wordings: one per wording, one per column left out."""
    notes: Counter[str] = Counter()
    for edge in edges:
        if edge.unmapped:
            notes[f"unmapped wording {edge.unmapped!r} loaded as {edge.type}"] += 1
        for column in edge.left_out:
            notes[f"{column}: not a property of {edge.type}, left out (unmapped wording)"] += 1
    return dict(notes)
