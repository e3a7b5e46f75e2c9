"""FollowTheMoney JSON lines (OpenSanctions, Aleph exports) as nodes and ties.

Lines that carry our own record under the top-level key `explorer`, as `explorer export
--to ftm` writes them, become that record exactly: `{"id", "kind", "props"}` a Node,
`{"id", "type", "source", "target", "props"}` a Tie, with our ids (no `ftm-` prefix) and
every property as written; their FtM schema and properties are not read. A kind or tie type
outside the schema, or a property value that is not text, a number, a boolean or a list of
them, is a problem of that line. The other lines are read as follows.

FtM schemata map to kinds and tie types as the `ftm:` entries of `loader/schema.yaml` say,
the table `explorer export --to ftm` writes by. As it stands: Person -> Person; Company,
PublicBody, Organization, LegalEntity -> Organization (category company, government, other,
other). Node ids are `ftm-<FtM id>`; a kind's own properties come from the FtM properties the
table pairs them with (dates the earliest, enums not read: FtM's texts are not our values),
and so do the identifiers every entity may carry (wikidataId, innCode, ogrnCode, leiCode ->
wikidata, inn, ogrn, lei: the strong keys that join records of one entity).

Relations become ties with id `ftm-<relation id>` (`-<n>` added when an end holds several
entities): Ownership -> OWNS, Directorship -> LEADS, Membership -> MEMBER_OF, Family ->
RELATIVE_OF, Associate -> ASSOCIATE_OF, Employment -> WORKS_FOR, UnknownLink -> AFFILIATED_WITH.
A Sanction (a relation with no source property: the record is its source end) becomes a
Sanction node `ftm-<id>` with a SANCTIONS tie `ftm-<id>-sanctions` to each entity it lists.
Every relation record becomes its own tie, so three Ownership records between one pair stay
three ties. Ties take since = earliest startDate and until = latest endDate, and the
properties the table pairs (OWNS: share from percentage, raw_label from role). A Sanction node
is named "<authority>: <program>" and listed at the earliest startDate, else listingDate; its
country is the sanctioning one.

Counted in `skipped`, not loaded:
- records of other schemata (Address, Passport...), under the schema name;
- relations lacking an end, under "<schema>: end missing", and relations with an end that is
  not a mapped entity of the same input, under "<schema>: end not in input" (a stub node would
  carry nothing but an id);
- relations whose end kinds the tie type does not allow, under "<schema>: <Kind> -> <Kind>";
- records repeating an id already read, under "duplicate id" (the first one is kept).

FtM's `country` (of every mapped entity and Sanction) and `nationality` (of a Person) are
country codes: ISO 3166-1 alpha-2 in lower case ("ru"), and a few of FtM's own ("eu", "suhh" for
the Soviet Union). They are kept as `country_codes` and `nationality_codes` (each code once),
not written into `country` and `nationality`: those hold State ids, which the data loaded beside
this file may not have, and an id pointing nowhere would make a CSV export fail to load back.
Query by code: `MATCH (n:Entity) WHERE 'ru' IN n.country_codes`.

The dataset is the one given, else the file's own name: the `dataset` of our own records, and
for the other lines the one name in their `datasets` when every line names the same one alone,
else `opensanctions` (an OpenSanctions line lists the many sources it was seen in); names of
several kinds of record are joined by `+`. So an export of one dataset loads back under its
name. The version is the latest `last_seen` of the other lines (when the export was made, for
OpenSanctions), else None.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loader.errors import InputError, Problem
from loader.importers.base import ImportResult, make_node, make_tie, map_all, read_text
from loader.records import Node, Origin, Record, Tie
from loader.schema import load_schema
from loader.schema_ftm import INTERVAL, Pairs
from loader.types import property_type

_ALIASES = ("alias", "weakAlias", "previousName")
_READ_APART = ("name", "aliases", "description")
_START, _END = dict(INTERVAL)["since"], dict(INTERVAL)["until"]
_OURS = "explorer"
_TIE_FIELDS = ("id", "type", "source", "target")
_SCALAR = (str, int, float, bool)
DEFAULT_DATASET = "opensanctions"


@dataclass(frozen=True)
class _Entity:
    """One FtM record as read, with the file and line it came from."""

    file: Path
    line: int
    id: str
    schema: str
    caption: str
    props: dict[str, list[str]]
    ours: Record | None = None  # our own record, when the line carries one under `explorer`
    datasets: tuple[str, ...] = ()
    last_seen: str | None = None

    def first(self, prop: str) -> str | None:
        values = self.props.get(prop)
        return values[0] if values else None

    def earliest(self, *props: str) -> str | None:
        """The earliest date in the first of `props` that has one, time of day dropped."""
        for prop in props:
            if self.props.get(prop):
                return min(value.split("T")[0] for value in self.props[prop])
        return None

    def latest(self, prop: str) -> str | None:
        values = self.props.get(prop)
        return max(value.split("T")[0] for value in values) if values else None

    def error(self, prop: str, message: str) -> InputError:
        return InputError([Problem(str(self.file), self.line, prop, message)])

    @property
    def origin(self) -> Origin:
        return Origin(str(self.file), self.line, self.id)


def read(paths: list[Path], dataset: str | None = None) -> ImportResult:
    """The Person, organization, Sanction and relation records of FtM JSON-lines files."""
    skipped: Counter[str] = Counter()
    entities: dict[str, _Entity] = {}
    for entity in (entity for batch in map_all(paths, _parse_file) for entity in batch):
        if entity.id in entities:
            skipped["duplicate id"] += 1
        else:
            entities[entity.id] = entity
    ours = [entity.ours for entity in entities.values() if entity.ours is not None]
    theirs = [entity for entity in entities.values() if entity.ours is None]
    dataset = dataset or _own_name(ours, theirs)
    kinds, links = load_schema().ftm_kinds, load_schema().ftm_ties
    nodes: dict[str, Node] = {}
    for entity in theirs:
        if entity.schema in kinds and entity.schema not in links:
            nodes[entity.id] = _node(entity, dataset)
        elif entity.schema not in links:
            skipped[entity.schema] += 1
    relations = [entity for entity in theirs if entity.schema in links]
    mapped = map_all(relations, lambda entity: _ties(entity, nodes, dataset))
    ties: list[Tie] = []
    sanctions: list[Node] = []
    for entity, (made, reasons) in zip(relations, mapped, strict=True):
        ties += made
        skipped.update(reasons)
        if entity.schema in kinds and made:
            sanctions.append(_sanction(entity, dataset))
    own_nodes = [record for record in ours if isinstance(record, Node)]
    own_ties = [record for record in ours if isinstance(record, Tie)]
    return ImportResult(
        own_nodes + list(nodes.values()) + sanctions,
        own_ties + ties,
        dict(skipped),
        dataset,
        version=max((e.last_seen for e in theirs if e.last_seen), default=None),
        files=[str(path) for path in paths],
    )


def _own_name(ours: list[Record], theirs: list[_Entity]) -> str:
    """The dataset names the records carry, joined by `+`; see the module's docstring."""
    names = {str(record.props["dataset"]) for record in ours if record.props.get("dataset")}
    if theirs:
        listed = {entity.datasets for entity in theirs}
        alone = len(listed) == 1 and len(first := listed.pop()) == 1
        names.add(first[0] if alone else DEFAULT_DATASET)
    return "+".join(sorted(names)) or DEFAULT_DATASET


def _parse_file(path: Path) -> list[_Entity]:
    numbered = enumerate(read_text(path).split("\n"), start=1)
    return map_all(
        [(n, line) for n, line in numbered if line.strip()],
        lambda item: _parse_line(path, *item),
    )


def _parse_line(path: Path, number: int, line: str) -> _Entity:
    def problem(field: str | None, message: str) -> InputError:
        return InputError([Problem(str(path), number, field, message)])

    try:
        raw: Any = json.loads(line)
    except json.JSONDecodeError as err:
        raise problem(None, f"invalid JSON: {err.msg}: column {err.colno}") from None
    if not isinstance(raw, dict):
        raise problem(None, "not a JSON object")
    for field in ("id", "schema"):
        if not isinstance(raw.get(field), str) or not raw[field]:
            raise problem(field, "missing or not a string")
    props = raw.get("properties", {})
    if not isinstance(props, dict):
        raise problem("properties", "not an object")
    for prop, values in props.items():
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise problem(prop, "not a list of strings")
    caption = raw.get("caption") if isinstance(raw.get("caption"), str) else None
    ours = _ours(raw[_OURS], problem) if _OURS in raw else None
    if ours is not None:
        ours.origin = Origin(str(path), number, ours.id)
    datasets = raw.get("datasets")
    listed = tuple(datasets) if isinstance(datasets, list) and all(map(_text, datasets)) else ()
    seen = raw.get("last_seen") if _text(raw.get("last_seen")) else None
    ident, schema = raw["id"], raw["schema"]
    return _Entity(path, number, ident, schema, caption or ident, props, ours, listed, seen)


def _ours(value: Any, problem: Callable[[str | None, str], InputError]) -> Record:
    """The record under `explorer`, rebuilt exactly: a node has a kind, a tie a type."""
    fields = ("id", "kind") if isinstance(value, dict) and "kind" in value else _TIE_FIELDS
    if not isinstance(value, dict) or not all(_text(value.get(f)) for f in fields):
        raise problem(_OURS, f"not an object with {', '.join(fields)} and props")
    props = value.get("props", {})
    if not isinstance(props, dict) or not all(map(_property_value, props.values())):
        raise problem(_OURS, "props: not an object of texts, numbers, booleans and lists")
    schema = load_schema()
    if "kind" in value:
        if value["kind"] not in schema.kinds:
            raise problem(_OURS, f"unknown kind {value['kind']!r}")
        return Node(value["id"], value["kind"], props)
    if value["type"] not in schema.ties:
        raise problem(_OURS, f"unknown tie type {value['type']!r}")
    return Tie(value["id"], value["type"], value["source"], value["target"], props)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _property_value(value: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return all(isinstance(item, _SCALAR) for item in items)


def _node(entity: _Entity, dataset: str) -> Node:
    names = entity.props.get("name") or [entity.caption]
    aliases = names[1:] + [value for prop in _ALIASES for value in entity.props.get(prop, [])]
    kind = load_schema().ftm_kinds[entity.schema]
    props = _countries(entity, "country") | _mapped(entity, kind)
    if kind == "Person":
        props |= _countries(entity, "nationality")
    provenance = (dataset, entity.id)
    node_id, origin = f"ftm-{entity.id}", entity.origin
    return make_node(node_id, kind, names[0], provenance, aliases, origin=origin, **props)


def _mapped(entity: _Entity, kind: str) -> dict[str, Any]:
    """The properties the schema maps to FtM ones (the kind's and common ones), and its category.

    Names are read apart and descriptions not at all; enums are not read, as FtM's texts are
    not our values, but the FtM schema gives the category where the kind has them.
    """
    schema = load_schema()
    spec = schema.kinds[kind]
    assert spec.ftm is not None  # ftm_kinds names only mapped kinds
    common = {k: v for k, v in schema.entity_properties.items() if k not in _READ_APART}
    own = common | spec.properties
    pairs = [(ours, theirs) for ours, theirs in spec.ftm.properties if ours in own]
    props = {ours: _value(entity, own[ours].type, theirs) for ours, theirs in pairs}
    category = spec.ftm.imports().get(entity.schema)
    return {**props, "category": category} if category else props


def _value(entity: _Entity, our_type: str, prop: str) -> Any:
    """The FtM property `prop` read as one of ours of `our_type`."""
    readers: dict[str, Callable[[str], Any]] = {
        "date": entity.earliest,
        "number": lambda name: _number(entity, name),
        "list": lambda name: entity.props.get(name),
        "enum": lambda name: None,
    }
    return readers.get(our_type, entity.first)(prop)


def _countries(entity: _Entity, prop: str) -> dict[str, Any]:
    """`<prop>_codes`: the entity's country codes as given, each once."""
    return {f"{prop}_codes": list(dict.fromkeys(entity.props.get(prop, []))) or None}


def _sanction(entity: _Entity, dataset: str) -> Node:
    """The node of a record that is the source end of its own ties (a Sanction)."""
    kind = load_schema().ftm_kinds[entity.schema]
    props = _mapped(entity, kind) | _countries(entity, "country")
    props["listed"] = entity.earliest(_START) or props.get("listed")
    parts = (props.get("authority"), props.get("program"))
    name = ": ".join(part for part in parts if part) or entity.caption
    return make_node(
        f"ftm-{entity.id}", kind, name, (dataset, entity.id), origin=entity.origin, **props
    )


def _ties(entity: _Entity, nodes: dict[str, Node], dataset: str) -> tuple[list[Tie], list[str]]:
    """The ties of one relation record, and the reasons for each pair of ends left out."""
    schema = load_schema()
    tie_type = schema.ftm_ties[entity.schema]
    link = schema.ties[tie_type].ftm
    assert link is not None  # ftm_ties names only mapped tie types
    own = link.source is None
    sources = [entity.id] if own else entity.props.get(link.source or "", [])
    targets = entity.props.get(link.target, [])
    pairs = [(source, target) for source in sources for target in targets]
    if not pairs:
        return [], [f"{entity.schema}: end missing"]
    props = _tie_props(entity, tie_type, link.properties)
    allowed = schema.ties[tie_type].allows
    ties: list[Tie] = []
    reasons: list[str] = []
    for n, (source, target) in enumerate(pairs, start=1):
        source_kind = schema.ftm_kinds.get(entity.schema) if own else _kind(nodes, source)
        target_kind = _kind(nodes, target)
        if source_kind is None or target_kind is None:
            reasons.append(f"{entity.schema}: end not in input")
        elif not allowed(source_kind, target_kind):
            reasons.append(f"{entity.schema}: {source_kind} -> {target_kind}")
        else:
            tie_id = f"ftm-{entity.id}" + ("-sanctions" if own else "")
            tie_id += f"-{n}" if len(pairs) > 1 else ""
            ends = (f"ftm-{source}", f"ftm-{target}")
            provenance, origin = (dataset, entity.id), entity.origin
            ties.append(make_tie(tie_id, tie_type, ends, provenance, origin=origin, **props))
    return ties, reasons


def _kind(nodes: dict[str, Node], ftm_id: str) -> str | None:
    node = nodes.get(ftm_id)
    return node.kind if node else None


def _tie_props(entity: _Entity, tie_type: str, pairs: Pairs) -> dict[str, Any]:
    schema = load_schema()
    props: dict[str, Any] = {}
    for ours, theirs in pairs:
        spec = schema.tie_property(tie_type, ours)
        props[ours] = _value(entity, spec.type if spec else "string", theirs)
    props["since"] = entity.earliest(_START)
    props["until"] = entity.latest(_END)
    return props


def _number(entity: _Entity, prop: str) -> float | None:
    """The first value of `prop` as a number (a trailing % dropped: FtM's percentages)."""
    text = entity.first(prop)
    if text is None:
        return None
    try:
        number: float = property_type("number").parse(text.strip().rstrip("%").strip())
    except ValueError as err:
        raise entity.error(prop, str(err)) from None
    return number
