"""The schema model: node kinds and tie types, read once from schema.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from loader.schema_ftm import FtmKind, FtmLink, ftm_kind, ftm_link, one_way_back
from loader.types import TYPES

PROPERTY_TYPES = frozenset(TYPES)
ANY_KIND = "Entity"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Property:
    """A declared property. `kinds`: the kinds an entity (or list of entity ids) may refer to."""

    name: str
    type: str
    description: str
    required: bool = False
    values: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    unit: str = ""  # written after a value in captions, e.g. % after a share

    def parse(self, text: str) -> Any:
        """`text` read as this property's type; ValueError saying what was expected."""
        return TYPES[self.type].parse(text, self.values)

    def check(self, value: Any) -> None:
        """ValueError unless `value` is already of this property's type."""
        TYPES[self.type].check(value, self.values)


@dataclass(frozen=True)
class Kind:
    """A node kind: its label, its colour (#RRGGBB) and the property its captions show."""

    name: str
    description: str
    properties: dict[str, Property]
    colour: str
    caption: str = "name"
    ftm: FtmKind | None = None


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
    provenance: bool = False
    ftm: FtmLink | None = None
    triggers: tuple[str, ...] = ()  # words that suggest the tie in a sentence (explorer read)

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

    @cached_property
    def grades(self) -> tuple[str, ...]:
        """The confidence grades of ties, the firmest first (the schema lists them so)."""
        return self.tie_properties["confidence"].values

    def grades_from(self, weakest: str) -> list[str]:
        """The grades at least as firm as `weakest`."""
        return list(self.grades[: self.grades.index(weakest) + 1])

    @cached_property
    def provenance(self) -> str:
        """The tie type by which a source document mentions an entity."""
        return next(t for t, spec in self.ties.items() if spec.provenance)

    @cached_property
    def ftm_kinds(self) -> dict[str, str]:
        """FtM entity schema -> the kind an import of it gives."""
        imports = ((k, spec.ftm.imports()) for k, spec in self.kinds.items() if spec.ftm)
        return one_way_back("kind", imports)

    @cached_property
    def ftm_ties(self) -> dict[str, str]:
        """FtM relation schema -> the tie type an import of it gives."""
        links = self._ftm_links()
        return one_way_back("tie type", ((t, [link.schema]) for t, link in links if link.schema))

    @cached_property
    def ftm_references(self) -> dict[str, str]:
        """FtM property -> the tie type an import of it gives, from the record that holds it
        (of any imported kind) to each entity it names."""
        links = self._ftm_links()
        return one_way_back(
            "tie type", ((t, [link.target]) for t, link in links if link.schema is None)
        )

    def _ftm_links(self) -> list[tuple[str, FtmLink]]:
        return [(t, s.ftm) for t, s in self.ties.items() if s.ftm and s.ftm.imported]


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
            kinds=tuple(spec.get("kinds", ())),
            unit=spec.get("unit", ""),
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
        provenance=bool(spec.get("provenance", False)),
        ftm=ftm_link(spec.get("ftm")),
        triggers=tuple(spec.get("triggers", ())),
    )


def _kind(name: str, spec: dict[str, Any]) -> Kind:
    colour = spec.get("colour", "")
    if not _COLOUR.fullmatch(colour):
        raise ValueError(f"schema: kind {name}: colour must be #RRGGBB, not {colour!r}")
    return Kind(
        name=name,
        description=spec["description"],
        properties=_properties(spec.get("properties")),
        colour=colour.upper(),
        caption=spec.get("caption", "name"),
        ftm=ftm_kind(spec.get("ftm")),
    )


def _check(schema: Schema) -> Schema:
    """Refuse what the queries and the FtM mapping rely on never happening."""
    # Queries keep Source (and Statistic) nodes off routes by tie type alone: the kinds at
    # the source end of a `paths: false` tie type may be an end of no other tie type.
    off_routes = {k for t in schema.ties.values() if not t.paths for k in t.sources}
    for tie in schema.ties.values():
        ends = {*tie.sources, *tie.targets}
        if tie.paths and off_routes and ends & (off_routes | {ANY_KIND}):
            raise ValueError(
                f"schema: tie type {tie.name} is followed by paths (no `paths: false`), so it "
                f"may not have {ANY_KIND} or {', '.join(sorted(off_routes))} at an end"
            )
    if sum(t.provenance for t in schema.ties.values()) != 1:
        raise ValueError("schema: exactly one tie type must be `provenance: true`")
    if schema.ties[schema.provenance].paths:
        raise ValueError(f"schema: provenance tie type {schema.provenance} needs `paths: false`")
    _check_ftm(schema)
    return schema


def _check_ftm(schema: Schema) -> None:
    """The FtM table names our own properties and categories, and each FtM schema once."""
    for name, kind in schema.kinds.items():
        if kind.ftm is None:
            continue
        for ours, _ in kind.ftm.properties:
            if schema.node_property(name, ours) is None:
                raise ValueError(f"schema: kind {name}: ftm maps {ours}, not a property of it")
        category = schema.node_property(name, "category")
        for _, categories in kind.ftm.categories:
            if category is None or not set(categories) <= set(category.values):
                raise ValueError(f"schema: kind {name}: ftm categories that are not its own")
    for name, tie in schema.ties.items():
        for ours, _ in tie.ftm.properties if tie.ftm else ():
            if schema.tie_property(name, ours) is None:
                raise ValueError(f"schema: tie type {name}: ftm maps {ours}, not a property of it")
    # reading them refuses one FtM schema (or reference) read as two
    _ = schema.ftm_kinds, schema.ftm_ties, schema.ftm_references


# libyaml's safe loader when PyYAML has it (ten times faster: every command reads the schema)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_schema(text: str) -> Schema:
    """Build a Schema from the YAML text of a schema file."""
    raw = yaml.load(text, Loader=_SAFE_LOADER)  # a safe loader: plain data only
    kinds = {name: _kind(name, spec) for name, spec in raw["kinds"].items()}
    schema = Schema(
        version=int(raw["version"]),
        entity_properties=_properties(raw["entity"]["properties"]),
        tie_properties=_properties(raw["tie"]["properties"]),
        kinds=kinds,
        ties={name: _tie(name, spec) for name, spec in raw["ties"].items()},
    )
    return _check(schema)


@cache
def load_schema() -> Schema:
    """The project's schema, read once from the packaged schema.yaml."""
    return parse_schema(resources.files("loader").joinpath("schema.yaml").read_text("utf-8"))
