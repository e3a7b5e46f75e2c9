"""The records every reader and importer yields: nodes and ties on the schema."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Node:
    """One entity. `props` holds every property but `id` (name, aliases, dataset...)."""

    id: str
    kind: str
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class Tie:
    """One tie from `source` to `target` (entity ids). `props` holds every property but `id`."""

    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)


Record = Node | Tie
