"""Named Cypher queries in files: parse the header, check parameters, bind values.

A query file looks like this (aiosql-style; every `$param` used must be declared, and every
label and relationship type written in it must be in the schema)::

    // name: members
    // Members or parties of an organization, agreement or faction.
    // param id: string  Id of the organization.
    // param since: date = null  Only ties valid at some time from this date on.
    MATCH ...
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, LiteralString

from loader.errors import QueryFileError
from loader.schema import ANY_KIND, load_schema
from queries.labels import BOOKKEEPING_LABELS, BOOKKEEPING_TYPES, names

PARAM_TYPES = ("string", "integer", "number", "boolean", "list", "date", "tie_types", "entity")
_NAME = re.compile(r"^//\s*name:\s*(?P<name>[a-z][a-z0-9_-]*)\s*$")
_PARAM = re.compile(
    r"^//\s*param\s+(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+(?P<doc>.*))?$"
)
_USED = re.compile(r"\$([A-Za-z_]\w*)")
_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*")
_REQUIRED = object()


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: Any
    description: str

    @property
    def required(self) -> bool:
        return self.default is _REQUIRED


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: LiteralString
    path: Path

    def describe(self) -> dict[str, Any]:
        """A JSON-able description: name, description, parameters with types and defaults."""
        params = [
            {"name": p.name, "type": p.type, "required": p.required, "description": p.description}
            | ({} if p.required else {"default": p.default})
            for p in self.params
        ]
        return {"name": self.name, "description": self.description, "params": params}


def _param(path: Path, line: int, match: re.Match[str]) -> Param:
    kind = match["type"]
    if kind not in PARAM_TYPES:
        raise QueryFileError(path, line, f"parameter ${match['name']}: unknown type {kind!r}")
    default: Any = _REQUIRED
    if match["default"] is not None:
        try:
            default = json.loads(match["default"])
        except json.JSONDecodeError:
            raise QueryFileError(
                path, line, f"parameter ${match['name']}: default is not JSON"
            ) from None
    return Param(match["name"], kind, default, (match["doc"] or "").strip())


def parse(text: str, path: Path) -> NamedQuery:
    """Parse one query file; QueryFileError names the file and line of any problem."""
    lines = text.splitlines()
    name_match = _NAME.match(lines[0].strip()) if lines else None
    if name_match is None:
        raise QueryFileError(path, 1, "first line must be `// name: <query-name>`")
    description: list[str] = []
    params: dict[str, tuple[int, Param]] = {}
    body_start = len(lines)
    for number, raw in enumerate(lines[1:], start=2):
        line = raw.strip()
        if not line.startswith("//"):
            body_start = number - 1
            break
        if match := _PARAM.match(line):
            params[match["name"]] = (number, _param(path, number, match))
        elif line.lstrip("/ ").startswith("param"):
            raise QueryFileError(
                path, number, "malformed parameter: `// param NAME: TYPE [= DEFAULT] doc`"
            )
        else:
            description.append(line[2:].strip())
    body = "\n".join(lines[body_start:])
    _check_params(path, lines, body_start, body, params)
    _check_names(path, text)
    return NamedQuery(
        name_match["name"],
        " ".join(d for d in description if d),
        tuple(p for _, p in params.values()),
        body,
        path,
    )


def _check_params(
    path: Path, lines: list[str], start: int, body: str, params: dict[str, tuple[int, Param]]
) -> None:
    code = _STRINGS_AND_COMMENTS.sub("", body)
    used = set(_USED.findall(code))
    for name in sorted(used - set(params)):
        number = next(
            i for i, raw in enumerate(lines[start:], start=start + 1) if f"${name}" in raw
        )
        raise QueryFileError(path, number, f"${name} is used but not declared")
    for name, (number, _) in params.items():
        if name not in used:
            raise QueryFileError(path, number, f"${name} is declared but never used")
    if not code.strip():
        raise QueryFileError(path, start + 1, "no Cypher after the header")


def _check_names(path: Path, text: str) -> None:
    """Every label and type must be one the loader writes: the schema's kinds and tie types,
    Entity, and the bookkeeping ones (datasets, records, judgements)."""
    schema = load_schema()
    labels = {ANY_KIND, *schema.kinds, *BOOKKEEPING_LABELS}
    types = {*schema.ties, *BOOKKEEPING_TYPES}
    for found in names(text):
        if found.relationship and found.name not in types:
            message = f"relationship type :{found.name} is not a tie type of the schema"
            raise QueryFileError(path, found.line, message)
        if not found.relationship and found.name not in labels:
            message = f"label :{found.name} is neither {ANY_KIND} nor a kind of the schema"
            raise QueryFileError(path, found.line, message)
