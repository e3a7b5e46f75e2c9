"""The schema model: node kinds and tie types, read once from schema.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

PROPERTY_TYPES = frozenset(
    {"string", "text", "integer", "number", "boolean", "date", "list", "enum"}
)
ANY_KIND = "Entity"


@dataclass(frozen=True)
class Property:
    name: str
    type: str
    description: str
    required: bool = False
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kind:
    name: str
    description: str
    properties: dict[str, Property]


@dataclass(frozen=True)
class TieType:
    name: str
    description: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    properties: dict[str, Property]
    label: str
    reverse: str
    key: tuple[str, ...]
    symmetric: bool = False
    paths: bool = True

    def allows(self, source_kind: str, target_kind: str) -> bool:
        """True when a tie of this type may run from source_kind to target_kind."""
        ok_from = ANY_KIND in self.sources or source_kind in self.sources
        ok_to = ANY_KIND in self.targets or target_kind in self.targets
        return ok_from and ok_to


@dataclass(frozen=True)
class Schema:
    version: int
    entity_properties: dict[str, Property]
    tie_properties: dict[str, Property]
    kinds: dict[str, Kind]
    ties: dict[str, TieType]

    def node_property(self, kind: str, name: str) -> Property | None:
        """The property `name` of a node of `kind`, common or kind-specific."""
        return self.kinds[kind].properties.get(name) or self.entity_properties.get(name)

    def tie_property(self, tie_type: str, name: str) -> Property | None:
        """The property `name` of a tie of `tie_type`, common or type-specific."""
        return self.ties[tie_type].properties.get(name) or self.tie_properties.get(name)

    @property
    def path_types(self) -> tuple[str, ...]:
        """Tie types that paths may follow: all but provenance and data ties."""
        return tuple(t for t, spec in self.ties.items() if spec.paths)


def _properties(raw: dict[str, Any] | None) -> dict[str, Property]:
    props: dict[str, Property] = {}
    for name, spec in (raw or {}).items():
        if spec["type"] not in PROPERTY_TYPES:
            raise ValueError(f"schema: property {name}: unknown type {spec['type']!r}")
        props[name] = Property(
            name=name,
            type=spec["type"],
            description=spec.get("description", ""),
            required=bool(spec.get("required", False)),
            values=tuple(spec.get("values", ())),
        )
    return props


def _tie(name: str, spec: dict[str, Any]) -> TieType:
    return TieType(
        name=name,
        description=spec["description"],
        sources=tuple(spec["from"]),
        targets=tuple(spec["to"]),
        properties=_properties(spec.get("properties")),
        label=spec["label"],
        reverse=spec["reverse"],
        key=tuple(spec.get("key", ())),
        symmetric=bool(spec.get("symmetric", False)),
        paths=bool(spec.get("paths", True)),
    )


def parse_schema(text: str) -> Schema:
    """Build a Schema from the YAML text of a schema file."""
    raw = yaml.safe_load(text)
    kinds = {
        name: Kind(name, spec["description"], _properties(spec.get("properties")))
        for name, spec in raw["kinds"].items()
    }
    return Schema(
        version=int(raw["version"]),
        entity_properties=_properties(raw["entity"]["properties"]),
        tie_properties=_properties(raw["tie"]["properties"]),
        kinds=kinds,
        ties={name: _tie(name, spec) for name, spec in raw["ties"].items()},
    )


@cache
def load_schema() -> Schema:
    """The project's schema, read once from the packaged schema.yaml."""
    return parse_schema(resources.files("loader").joinpath("schema.yaml").read_text("utf-8"))
