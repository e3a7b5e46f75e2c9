"""CSV files for `neo4j-admin database import`: the same nodes and ties the loader would write.

Each record gets an entity of its own; records sharing a strong key are grouped once the
server is up again (`regroup_keyed`, which relinks the entities it changes). Each pair of
tied entities gets its LINKED in the files too, counted as the ties are written.

One file per kind (or tie type) and property signature, so every column has one type and
every row fills every column: the import then stores exactly the values, types and content
hashes that a transactional load would, and a later `explorer load` of the same input
writes nothing.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from loader.entities import entity_props, keys_of
from loader.errors import InputError, Problem
from loader.links import LINK, Tally
from loader.records import Node, Tie
from loader.writer import record_row, tie_row

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no name or alias holds it
IMPORT_OPTIONS = (
    "--array-delimiter=U+001F",
    "--multiline-fields=true",
    "--overwrite-destination=true",
)
_SCALARS = {bool: "boolean", int: "long", float: "double", str: "string"}
LINK_COLUMNS = (
    "types:string[]",
    "counts:long[]",
    "forward:long[]",
    "starts:string[]",
    "ends:string[]",
)


@dataclass
class ImportFiles:
    """The `--nodes` and `--relationships` arguments of the import, and what they hold."""

    arguments: list[str] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    ties: Counter[str] = field(default_factory=Counter)
    keyed: list[str] = field(default_factory=list)  # records with strong keys, to group


def write_import_files(
    nodes: Iterable[Node], ties: Iterable[Tie], dataset: str, directory: Path
) -> ImportFiles:
    """Write the files into `directory`; a tie whose end is not among `nodes` is refused."""
    files = ImportFiles()
    ids: set[str] = set()
    with ExitStack() as stack:
        out = _Files(directory, stack)
        for node in nodes:
            row = record_row(node, dataset)
            _write_record(out, files, node, row)
            files.nodes[node.kind] += 1
            ids.add(node.id)
            if keys_of(row["props"]):
                files.keyed.append(node.id)
        tally = Tally()
        problems = list(_write_ties(ties, ids, files, out, dataset, tally))
        if not problems:
            _write_links(out, files, tally)
    if problems:
        raise InputError(problems)
    return files


def _write_ties(
    ties: Iterable[Tie], ids: set[str], files: ImportFiles, out: _Files, dataset: str, tally: Tally
) -> Iterator[Problem]:
    """Write every tie, yielding a problem for each end that is not among `ids`, and count it
    in `tally` for the links."""
    for tie in ties:
        for end, ident in (("source", tie.source), ("target", tie.target)):
            if ident not in ids:
                why = f"no entity with id {ident!r} in this load (--bulk needs every end in it)"
                yield Problem(str(tie.props.get("record", tie.id)), None, end, why)
        row = tie_row(tie, dataset)
        columns, values = _cells(row["props"])
        header = [":START_ID(Entity)", ":END_ID(Entity)", *columns, "_hash"]
        writer = out.writer(f"--relationships={tie.type}", header, files.arguments)
        writer.writerow([tie.source, tie.target, *values, row["hash"]])
        files.ties[tie.type] += 1
        props = row["props"]
        tally.add(tie.source, tie.target, tie.type, props.get("since"), props.get("until"))


def _write_links(out: _Files, files: ImportFiles, tally: Tally) -> None:
    """One LINKED per pair of tied entities (see loader.links)."""
    header = [":START_ID(Entity)", ":END_ID(Entity)", *LINK_COLUMNS]
    writer = out.writer(f"--relationships={LINK}", header, files.arguments)
    join = ARRAY_DELIMITER.join
    for low, high, types, tallies in tally.links():
        counts, forward, starts, ends = zip(*tallies, strict=True)
        writer.writerow([low, high, join(types), join(map(str, counts)), join(map(str, forward)),
                         join(starts), join(ends)])  # fmt: skip


def _write_record(out: _Files, files: ImportFiles, node: Node, row: dict[str, Any]) -> None:
    """The record, an entity of its own, and the RECORD_OF between them."""
    columns, values = _cells(row["props"], skip="id")
    writer = out.writer("--nodes=Record", ["id:ID(Record)", *columns, "_hash"], files.arguments)
    writer.writerow([node.id, *values, row["hash"]])
    columns, values = _cells(entity_props([row["props"]]), skip="id")
    writer = out.writer(f"--nodes=Entity:{node.kind}", ["id:ID(Entity)", *columns], files.arguments)
    writer.writerow([node.id, *values])
    link = out.writer(
        "--relationships=RECORD_OF", [":START_ID(Record)", ":END_ID(Entity)"], files.arguments
    )
    link.writerow([node.id, node.id])


class _Files:
    """One open CSV writer per import argument and header."""

    def __init__(self, directory: Path, stack: ExitStack) -> None:
        self.directory, self.stack = directory, stack
        self.writers: dict[tuple[str, tuple[str, ...]], Any] = {}

    def writer(self, argument: str, header: list[str], arguments: list[str]) -> Any:
        key = (argument, tuple(header))
        if key not in self.writers:
            path = self.directory / f"{len(self.writers):04d}.csv"
            handle: IO[str] = self.stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            self.writers[key] = csv.writer(handle, quoting=csv.QUOTE_ALL)
            self.writers[key].writerow(header)
            arguments.append(f"{argument}={path}")
        return self.writers[key]


def _cells(props: dict[str, Any], skip: str = "") -> tuple[list[str], list[str]]:
    """Typed column names and their values, in one order: the header, and the row under it."""
    items = [(name, value) for name, value in sorted(props.items()) if name != skip]
    return [f"{name}:{_type(value)}" for name, value in items], [_text(v) for _, v in items]


def _type(value: Any) -> str:
    if isinstance(value, list):
        return f"{_SCALARS[type(value[0])]}[]"
    return _SCALARS[type(value)]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_text(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)
