"""Read the curated seed dataset: sources.csv, entities.csv and ties.csv, typed by the schema."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from loader.errors import InputError, Problem
from loader.records import Node, Origin, Tie
from loader.schema import Property, Schema, load_schema

SOURCES, ENTITIES, TIES = "sources.csv", "entities.csv", "ties.csv"
COLUMNS = {
    SOURCES: ("id", "title", "author", "publisher", "date", "file", "url"),
    ENTITIES: ("id", "kind", "name", "aliases", "description", "country", "sources"),
    TIES: (
        "id",
        "type",
        "source",
        "target",
        "sources",
        "evidence",
        "since",
        "until",
        "confidence",
        "note",
        "raw_label",
    ),
}
MISSING = "missing required value"


@dataclass
class SeedData:
    """The nodes and ties of the seed dataset, in file order."""

    nodes: list[Node]
    ties: list[Tie]


class Row(NamedTuple):
    """One data row: its file's name, the physical line it starts on, its stripped cells, and
    the file's path."""

    file: str
    line: int
    cells: dict[str, str]
    path: Path

    def problem(self, field: str | None, message: str) -> Problem:
        return Problem(self.file, self.line, field, message)

    @property
    def origin(self) -> Origin:
        return Origin(str(self.path), self.line)


def default_data_dir() -> Path:
    """The seed dataset shipped inside the package."""
    return Path(str(resources.files("loader") / "data"))


def read_seed(directory: Path) -> SeedData:
    """The seed dataset in `directory`; InputError lists every file and cell problem."""
    data, problems = parse_seed(directory)
    if problems:
        raise InputError(problems)
    return data


def parse_seed(directory: Path) -> tuple[SeedData, list[Problem]]:
    """The records that could be read from `directory`, and the problems met reading them."""
    schema = load_schema()
    problems: list[Problem] = []
    sources = [
        _node(schema, row, "Source", problems) for row in _rows(directory / SOURCES, problems)
    ]
    entities = [_entity(schema, row, problems) for row in _rows(directory / ENTITIES, problems)]
    ties = [_tie(schema, row, problems) for row in _rows(directory / TIES, problems)]
    nodes = [node for node in sources + entities if node is not None]
    return SeedData(nodes, [tie for tie in ties if tie is not None]), problems


def _rows(path: Path, problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    if not path.is_file():
        problems.append(Problem(path.name, None, None, "missing file"))
        return rows
    try:
        _read(path, rows, problems)
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(path.name, None, None, f"unreadable: {error}"))
    return rows


def _read(path: Path, rows: list[Row], problems: list[Problem]) -> None:
    # A cell may be as long as the file; the csv module refuses cells over 128 KiB by default.
    csv.field_size_limit(max(csv.field_size_limit(), path.stat().st_size))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        header = [name.strip() for name in next(reader, [])]
        problems += [
            Problem(path.name, 1, c, "missing column")
            for c in COLUMNS[path.name]
            if c not in header
        ]
        end = reader.line_num
        for cells in reader:
            row, end = Row(path.name, end + 1, {}, path), reader.line_num
            if len(cells) > len(header):
                problems.append(row.problem(None, f"{len(cells)} cells for {len(header)} columns"))
            elif any(cell.strip() for cell in cells):
                rows.append(
                    row._replace(cells={k: v.strip() for k, v in zip(header, cells, strict=False)})
                )


def _properties(
    row: Row, lookup: Callable[[str], Property | None], owner: str, problems: list[Problem]
) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for column, text in row.cells.items():
        prop = lookup(column)
        if text and prop is None:
            problems.append(row.problem(column, f"not a property of {owner}"))
        elif text and prop is not None:
            try:
                props[column] = prop.parse(text)
            except ValueError as error:
                problems.append(row.problem(column, str(error)))
    return props


def _required(
    row: Row, props: dict[str, Any], specs: list[Property], problems: list[Problem]
) -> None:
    given = props.keys() | {column for column, text in row.cells.items() if text}
    problems += [row.problem(p.name, MISSING) for p in specs if p.required and p.name not in given]


def _stamp(row: Row, props: dict[str, Any]) -> dict[str, Any]:
    """The row's place as its `record`, for problems; its dataset `seed` unless it names one."""
    return {"dataset": props.get("dataset", "seed"), "record": f"{row.file}:{row.line}"}


def _origin(row: Row, props: dict[str, Any]) -> Origin:
    """Where the row is, with the `record` it gives (a backup's provenance, restored from here)."""
    return row.origin._replace(record=props.get("record"))


def _entity(schema: Schema, row: Row, problems: list[Problem]) -> Node | None:
    cells = dict(row.cells)
    return _node(schema, row._replace(cells=cells), cells.pop("kind", ""), problems)


def _node(schema: Schema, row: Row, kind: str, problems: list[Problem]) -> Node | None:
    if kind not in schema.kinds:
        problems.append(row.problem("kind", f"unknown kind {kind!r}" if kind else MISSING))
        return None
    props = _properties(row, lambda name: schema.node_property(kind, name), kind, problems)
    if kind == "Source" and "title" in props:
        props.setdefault("name", props["title"])
    specs = [*schema.entity_properties.values(), *schema.kinds[kind].properties.values()]
    _required(row, props, specs, problems)
    node_id = props.pop("id", "")
    if not node_id:
        return None
    return Node(node_id, kind, props | _stamp(row, props), _origin(row, props))


def _tie(schema: Schema, row: Row, problems: list[Problem]) -> Tie | None:
    cells = dict(row.cells)
    kind, source, target = (cells.pop(column, "") for column in ("type", "source", "target"))
    if kind not in schema.ties:
        problems.append(row.problem("type", f"unknown tie type {kind!r}" if kind else MISSING))
        return None
    row = row._replace(cells=cells)
    props = _properties(row, lambda name: schema.tie_property(kind, name), kind, problems)
    since = f"|{props['since']}" if "since" in props else ""
    props.setdefault("id", f"{source}|{kind}|{target}{since}")
    problems += [
        row.problem(end, MISSING)
        for end, value in [("source", source), ("target", target)]
        if not value
    ]
    specs = [*schema.tie_properties.values(), *schema.ties[kind].properties.values()]
    _required(row, props, specs, problems)
    tie_id = props.pop("id")
    if not (source and target):
        return None
    return Tie(tie_id, kind, source, target, props | _stamp(row, props), _origin(row, props))
