"""Check what any reader or importer made against the schema, before anything is written.

Every problem is reported at once, as `file:line: field: problem` from the record's origin
(with `(record <id>)` for JSON lines): kinds and tie types the schema lacks, tie ends of kinds
the type does not allow (ends within the load; the writer checks ends already in the graph),
entity references to loaded entities of the wrong kind, property keys that are not plain
identifiers, properties the schema does not declare or whose value is not of its type or
not one of its values, and required properties left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from loader.errors import InputError, Problem
from loader.importers.base import ImportResult
from loader.records import Node, Tie
from loader.schema import ANY_KIND, Property, Schema, load_schema

MISSING = "missing required value"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOT_IDENTIFIER = "not a plain identifier (a letter or _, then letters, digits or _)"


def require_on_schema(result: ImportResult) -> ImportResult:
    """`result` unchanged when it fits the schema; InputError listing every problem if not."""
    found = problems(result)
    if found:
        raise InputError(found)
    return result


def problems(result: ImportResult, schema: Schema | None = None) -> list[Problem]:
    """Every way the records of `result` break `schema` (the project's schema by default), in
    file and line order."""
    schema = schema or load_schema()
    kinds = {node.id: node.kind for node in result.nodes}
    found = [p for node in result.nodes for p in _node(schema, node, kinds)]
    found += [p for tie in result.ties for p in _tie(schema, tie, kinds)]
    return sorted(found, key=lambda p: (p.file, p.line or 0))


class _Place:
    """Makes the problems of one record, placed at its origin (or named by it without one)."""

    def __init__(self, record: Node | Tie) -> None:
        origin, label = record.origin, record.kind if isinstance(record, Node) else record.type
        self.file = origin.file if origin else f"{label} {record.id!r}"
        self.line = origin.line if origin else None
        self.suffix = f" (record {origin.record})" if origin and origin.record else ""

    def __call__(self, field: str, message: str) -> Problem:
        return Problem(self.file, self.line, field, message + self.suffix)


def _node(schema: Schema, node: Node, kinds: dict[str, str]) -> Iterator[Problem]:
    place = _Place(node)
    if not node.id:
        yield place("id", MISSING)
    if node.kind not in schema.kinds:
        yield place("kind", f"unknown kind {node.kind!r}")
        return
    declared = schema.entity_properties | schema.kinds[node.kind].properties
    yield from _properties(place, node.props, declared, node.kind, kinds)


def _tie(schema: Schema, tie: Tie, kinds: dict[str, str]) -> Iterator[Problem]:
    place = _Place(tie)
    if not tie.id:
        yield place("id", MISSING)
    if tie.type not in schema.ties:
        yield place("type", f"unknown tie type {tie.type!r}")
        return
    spec = schema.ties[tie.type]
    yield from (place(end, MISSING) for end, ref in _ends(tie) if not ref)
    source, target = kinds.get(tie.source), kinds.get(tie.target)
    bad_source = source is not None and not _allowed(spec.sources, source)
    bad_target = target is not None and not _allowed(spec.targets, target)
    if bad_source or bad_target:
        ends = (f"from {source}" if source else "", f"to {target}" if target else "")
        yield place("type", f"{tie.type} cannot run {' '.join(e for e in ends if e)}")
    declared = schema.tie_properties | spec.properties
    yield from _properties(place, tie.props, declared, tie.type, kinds)


def _ends(tie: Tie) -> tuple[tuple[str, str], tuple[str, str]]:
    return ("source", tie.source), ("target", tie.target)


def _allowed(allowed: tuple[str, ...], kind: str) -> bool:
    return ANY_KIND in allowed or kind in allowed


def _properties(
    place: _Place,
    props: dict[str, Any],
    declared: dict[str, Property],
    owner: str,
    kinds: dict[str, str],
) -> Iterator[Problem]:
    for name, prop in declared.items():
        if prop.required and name != "id" and props.get(name) in (None, "", []):
            yield place(name, MISSING)
    for name, value in props.items():
        known = declared.get(name)
        if not _IDENTIFIER.fullmatch(name):
            yield place(name, _NOT_IDENTIFIER)
        elif known is None:
            yield place(name, f"not a property of {owner}")
        else:
            yield from _value(place, known, value, kinds)


def _value(place: _Place, prop: Property, value: Any, kinds: dict[str, str]) -> Iterator[Problem]:
    try:
        prop.check(value)
    except ValueError as err:
        yield place(prop.name, str(err))
        return
    refs = value if isinstance(value, list) else [value]
    for ref in refs if prop.kinds else []:
        kind = kinds.get(ref)
        if kind is not None and kind not in prop.kinds:
            wanted = " or ".join(prop.kinds)
            yield place(prop.name, f"{ref!r} is of kind {kind}, not {wanted}")
