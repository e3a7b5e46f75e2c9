"""A mapping file of an edge list's own words, YAML or CSV, read into Wordings.

YAML (`.yaml`, `.yml`): a wording maps to a tie type, or to `{type: ..., reverse: true}` when
it runs from the target to the source; a kind wording maps to a kind.

    relations:
      owned by: {type: OWNS, reverse: true}
      shareholder of: OWNS
    kinds:
      company: Organization

CSV (`.csv`): the header `field,wording,maps_to,reverse`, `field` being `relation` or `kind`
and `reverse` true/false (empty is false).

Tie types are written as in a type column (`OWNS`, `owns`, `supplied arms to`), kinds in any
case. Every problem (an unknown type or kind, a wording given twice) is reported at its line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from loader.errors import InputError, Problem
from loader.importers.base import Row, csv_table, map_valid, read_text
from loader.importers.edge_mapping import (
    Relation,
    Wordings,
    kind_named,
    normal,
    tie_type_named,
    unknown_kind,
    unknown_tie_type,
)
from loader.types import TYPES

_FIELDS = ("relation", "kind")


@dataclass(frozen=True)
class _Entry:
    """One line of a mapping file: relation or kind, its wording, what it maps to."""

    line: int
    field: str
    wording: str
    maps_to: str
    reverse: str = ""


def read_wordings(path: Path) -> Wordings:
    """The wordings of mapping file `path`; InputError with every problem at its line."""
    text = read_text(path)
    problems: list[Problem] = []
    read = _csv if path.suffix.lower() == ".csv" else _yaml
    entries = read(path, text, problems)
    relations: dict[str, Relation] = {}
    kinds: dict[str, str] = {}
    seen: dict[tuple[str, str], int] = {}
    for entry in entries:
        first = seen.setdefault((entry.field, normal(entry.wording)), entry.line)
        try:
            if first != entry.line:
                raise ValueError(f"mapped already at line {first}")
            if entry.field == "relation":
                relations[entry.wording] = _relation(entry)
            else:
                kinds[entry.wording] = _kind(entry)
        except ValueError as err:
            problems.append(Problem(str(path), entry.line, entry.wording, str(err)))
    if problems:
        raise InputError(sorted(problems, key=lambda problem: problem.line or 0))
    return Wordings(relations, kinds)


def _relation(entry: _Entry) -> Relation:
    tie_type = tie_type_named(entry.maps_to)
    if tie_type is None:
        raise ValueError(unknown_tie_type(entry.maps_to))
    reverse = TYPES["boolean"].parse(entry.reverse) if entry.reverse else False
    return Relation(tie_type, bool(reverse))


def _kind(entry: _Entry) -> str:
    if entry.reverse:
        raise ValueError("a kind has no direction to reverse")
    kind = kind_named(entry.maps_to)
    if kind is None:
        raise ValueError(unknown_kind(entry.maps_to))
    return kind


def _csv(path: Path, text: str, problems: list[Problem]) -> list[_Entry]:
    table = csv_table(path, text)
    table.require(["field", "wording", "maps_to"])
    return map_valid(table.rows, _csv_entry, problems)


def _csv_entry(row: Row) -> _Entry:
    field, wording, maps_to = row.text("field").lower(), row.text("wording"), row.text("maps_to")
    if field not in _FIELDS:
        raise row.error("field", f"{field!r}: give relation or kind")
    if not wording or not maps_to:
        raise row.error("wording" if not wording else "maps_to", "empty")
    return _Entry(row.line, field, wording, maps_to, row.text("reverse"))


def _yaml(path: Path, text: str, problems: list[Problem]) -> list[_Entry]:
    """The entries of the YAML text, each at its line (PyYAML's nodes keep their marks)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else None
        raise InputError([Problem(str(path), line, None, f"not YAML: {err.problem}")]) from None
    if root is None:
        return []
    entries: list[_Entry] = []
    for key, value in _pairs(path, root, "the file", problems):
        field = {"relations": "relation", "kinds": "kind"}.get(key.value)
        if field is None:
            message = f"unknown section {key.value!r}: give relations or kinds"
            problems.append(Problem(str(path), _line(key), None, message))
            continue
        for wording, target in _pairs(path, value, key.value, problems):
            entry = _yaml_entry(path, field, wording, target, problems)
            entries += [entry] if entry else []
    return entries


def _yaml_entry(
    path: Path, field: str, wording: yaml.Node, target: yaml.Node, problems: list[Problem]
) -> _Entry | None:
    line = _line(wording)
    if isinstance(target, yaml.ScalarNode) and target.value:
        return _Entry(line, field, str(wording.value), target.value)
    if field == "relation" and isinstance(target, yaml.MappingNode):
        spec = {k.value: v.value for k, v in _pairs(path, target, wording.value, problems)}
        if set(spec) - {"type", "reverse"} or "type" not in spec:
            message = "give {type: TYPE} or {type: TYPE, reverse: true}"
            problems.append(Problem(str(path), line, wording.value, message))
            return None
        return _Entry(line, field, wording.value, spec["type"], spec.get("reverse", ""))
    expected = "a tie type" if field == "relation" else "a kind"
    problems.append(Problem(str(path), line, str(wording.value), f"give {expected}"))
    return None


def _pairs(
    path: Path, node: yaml.Node, what: str, problems: list[Problem]
) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The (scalar key, value) pairs of a YAML mapping node; a problem for anything else."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(str(path), _line(node), None, f"{what}: expected a mapping"))
        return []
    pairs = []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            pairs.append((key, value))
        else:
            problems.append(Problem(str(path), _line(key), None, f"{what}: not a wording"))
    return pairs


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1
