"""The records every reader and importer yields: nodes and ties on the schema."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Origin(NamedTuple):
    """Where a record was read: its file, line, and for JSON lines the record's own id."""

    file: str
    line: int | None
    record: str | None = None


@dataclass
class Node:
    """One entity. `props` holds every property but `id` (name, aliases, dataset...).

    `origin` says where it was read, for problem reports; it is never stored.
    """

    id: str
    kind: str
    props: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False, repr=False)


@dataclass
class Tie:
    """One tie from `source` to `target` (entity ids). `props` holds every property but `id`.

    `origin` says where it was read, for problem reports; it is never stored.
    """

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    origin: Origin | None = field(default=None, compare=False, repr=False)


Record = Node | Tie


class Input(NamedTuple):
    """What one load writes: a dataset's records, what version of it they are, from which files."""

    nodes: Iterable[Node]
    ties: Iterable[Tie]
    version: str | None
    files: list[str]
