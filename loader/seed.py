"""Read the curated seed dataset: sources.csv, entities.csv and ties.csv, typed by the schema."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from loader.errors import InputError, Problem
from loader.importers.base import EMPTY_FILE, control_character, read_text
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


@dataclass
class _Found:
    """The problems met reading, and the columns already named as no property of an owner:
    the first problem of each names the owner's properties, the others need not repeat them."""

    problems: list[Problem]
    unknown: set[tuple[str, str, str]] = field(default_factory=set)  # file, column, owner


def parse_seed(directory: Path) -> tuple[SeedData, list[Problem]]:
    """The records that could be read from `directory`, and the problems met reading them."""
    schema = load_schema()
    problems: list[Problem] = []
    found = _Found(problems)
    sources = [_node(schema, row, "Source", found) for row in _rows(directory / SOURCES, problems)]
    entities = [_entity(schema, row, found) for row in _rows(directory / ENTITIES, problems)]
    ties = [_tie(schema, row, found) for row in _rows(directory / TIES, problems)]
    nodes = [node for node in sources + entities if node is not None]
    return SeedData(nodes, [tie for tie in ties if tie is not None]), problems


def _rows(path: Path, problems: list[Problem]) -> list[Row]:
    rows: list[Row] = []
    if not path.is_file():
        problems.append(Problem(path.name, None, None, "missing file"))
        return rows
    try:
        text = read_text(path)  # refuses NUL bytes and text that is not UTF-8, at their line
    except InputError as err:
        problems += [replace(problem, file=path.name) for problem in err.problems]
        return rows
    try:
        _read(path, text, rows, problems)
    except csv.Error as error:
        problems.append(Problem(path.name, None, None, f"unreadable: {error}"))
    return rows


def _read(path: Path, text: str, rows: list[Row], problems: list[Problem]) -> None:
    # A cell may be as long as the file; the csv module refuses cells over 128 KiB by default.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""))
    first = next(reader, None)
    if first is None:
        problems.append(Problem(path.name, None, None, EMPTY_FILE))
        return
    header = [name.strip() for name in first]
    present = ", ".join(name for name in header if name)
    problems += [
        Problem(path.name, 1, c, f"missing column (columns present: {present})")
        for c in COLUMNS[path.name]
        if c not in header
    ]
    end = reader.line_num
    for cells in reader:
        row, end = Row(path.name, end + 1, {}, path), reader.line_num
        if len(cells) > len(header):
            problems.append(row.problem(None, f"{len(cells)} cells for {len(header)} columns"))
        elif any(cell.strip() for cell in cells):
            row = row._replace(cells={k: v.strip() for k, v in zip(header, cells, strict=False)})
            problems += _controls(row, header, cells)
            rows.append(row)


def _controls(row: Row, header: list[str], cells: list[str]) -> list[Problem]:
    """A problem for each cell holding a control character (a NUL byte fails the file first)."""
    return [
        row.problem(column, message)
        for column, cell in zip(header, cells, strict=False)
        if (message := control_character(cell))
    ]


def _properties(
    row: Row, declared: dict[str, Property], owner: str, found: _Found
) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for column, text in row.cells.items():
        prop = declared.get(column)
        if text and prop is None:
            found.problems.append(
                row.problem(column, _not_declared(row, column, owner, declared, found))
            )
        elif text and prop is not None:
            try:
                props[column] = prop.parse(text)
            except ValueError as error:
                found.problems.append(row.problem(column, str(error)))
    return props


def _not_declared(
    row: Row, column: str, owner: str, declared: dict[str, Property], found: _Found
) -> str:
    """The problem of a column `owner` has no property for; the first of a file and column
    names the properties it has."""
    message = f"not a property of {owner}"
    if (row.file, column, owner) in found.unknown:
        return message
    found.unknown.add((row.file, column, owner))
    return f"{message} (its properties: {', '.join(declared)})"


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


def _entity(schema: Schema, row: Row, found: _Found) -> Node | None:
    cells = dict(row.cells)
    return _node(schema, row._replace(cells=cells), cells.pop("kind", ""), found)


def _node(schema: Schema, row: Row, kind: str, found: _Found) -> Node | None:
    if kind not in schema.kinds:
        found.problems.append(row.problem("kind", f"unknown kind {kind!r}" if kind else MISSING))
        return None
    declared = schema.entity_properties | schema.kinds[kind].properties
    props = _properties(row, declared, kind, found)
    if kind == "Source" and "title" in props:
        props.setdefault("name", props["title"])
    _required(row, props, list(declared.values()), found.problems)
    node_id = props.pop("id", "")
    if not node_id:
        return None
    return Node(node_id, kind, props | _stamp(row, props), _origin(row, props))


def _tie(schema: Schema, row: Row, found: _Found) -> Tie | None:
    cells = dict(row.cells)
    kind, source, target = (cells.pop(column, "") for column in ("type", "source", "target"))
    if kind not in schema.ties:
        message = f"unknown tie type {kind!r}" if kind else MISSING
        found.problems.append(row.problem("type", message))
        return None
    row = row._replace(cells=cells)
    declared = schema.tie_properties | schema.ties[kind].properties
    props = _properties(row, declared, kind, found)
    since = f"|{props['since']}" if "since" in props else ""
    props.setdefault("id", f"{source}|{kind}|{target}{since}")
    found.problems.extend(
        row.problem(end, MISSING)
        for end, value in [("source", source), ("target", target)]
        if not value
    )
    _required(row, props, list(declared.values()), found.problems)
    tie_id = props.pop("id")
    if not (source and target):
        return None
    return Tie(tie_id, kind, source, target, props | _stamp(row, props), _origin(row, props))
