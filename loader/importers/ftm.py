"""FollowTheMoney JSON lines (OpenSanctions, Aleph exports) as nodes and ties.

Lines are read as followthemoney reads an entity it has not cleaned (`model.get_proxy(data,
cleaned=False)`, the oracle of `tests/unit/test_importers_ftm.py`): a property's value may be
a list or one value alone; texts are stripped and empty ones and nulls dropped, numbers and
booleans become texts as FtM writes them (a float with two decimals), an object stands for
the entity whose `id` it holds, nested lists are flattened, and each value counts once. The
`id` may be a string or a whole number. Missing or null `properties` are none; any other
value that is not an object is read as none too, as FtM reads it, and counted in `notes`.
Each of these is a problem of its line, reported with every other one: text that is not JSON
or not an object, a missing `schema`, an `id` of another type, a text (or key) holding a control
character other than tab and line breaks, raw or escaped (`\u0000`), named by its path of keys
(`properties.name`). With `skip_invalid`, such lines are left out and listed in `invalid`
instead. A file with no lines (or only blank ones) is refused as an empty file, as the CSV
importers refuse one.

Lines that carry our own record under the top-level key `explorer`, as `explorer export
--to ftm` writes them, become that record exactly: `{"id", "kind", "props"}` a Node,
`{"id", "type", "source", "target", "props"}` a Tie, with our ids (no `ftm-` prefix) and
every property as written; their FtM schema and properties are not read. A kind or tie type
outside the schema, or a property value that is not text, a number, a boolean or a list of
them, is a problem of that line. The other lines are read as follows.

FtM schemata map to kinds and tie types as the `ftm:` entries of `loader/schema.yaml` say,
the table `explorer export --to ftm` writes by. As it stands: Person -> Person; Company,
PublicBody, Organization, LegalEntity -> Organization (category company, government, other,
other); Address -> Address; Identification, Passport -> Identification. Node ids are
`ftm-<FtM id>`; a kind's own properties come from the FtM properties the table pairs them
with (dates the earliest, lists every value, such as a Person's positions, other texts the
first, enums not read: FtM's texts are not our values), and so do the identifiers every
entity may carry (wikidataId, innCode, ogrnCode, leiCode -> wikidata, inn, ogrn, lei: the
strong keys that join records of one entity).

A node's names are the values of the FtM properties the table pairs with `name` (an
Address's `full`). Its name follows FtM's captions, which prefer a name in Latin script: the
line's `caption` when it is in Latin script (more than 85% of its letters Latin ones, as
rigour, which picks FtM's captions, counts), else the first name that is, else the caption,
else the first name, else the id. Its other names and its `alias`, `weakAlias` and
`previousName` are its aliases, each once.

Relations become ties with id `ftm-<relation id>` (`-<n>` added when an end holds several
entities): Ownership -> OWNS, Directorship -> LEADS, Membership -> MEMBER_OF, Family ->
RELATIVE_OF, Associate -> ASSOCIATE_OF, Employment -> WORKS_FOR, UnknownLink -> AFFILIATED_WITH.
A Sanction (a relation with no source property: the record is its source end) becomes a
Sanction node `ftm-<id>` with a SANCTIONS tie `ftm-<id>-sanctions` to each entity it lists.
A record of any of those kinds that names entities in a reference property the table maps
(`addressEntity` -> LOCATED_AT, `holder` -> IDENTIFIES) has a tie `ftm-<id>-<type>` from
its node to each of them, as a Sanction does; a reference to no entity of the input is
left out, and counted in `notes` under "<property>: end not in input". Every relation
record becomes its own tie, so three Ownership records between one pair stay three ties.
Ties take since = earliest startDate and until = latest endDate, and the properties the
table pairs (OWNS: share from percentage, raw_label from role). A Sanction node
is named "<authority>: <program>" and listed at the earliest startDate, else listingDate; its
country is the sanctioning one.

Counted in `skipped`, not loaded:
- records of other schemata (Vessel, BankAccount...), under the schema name;
- relations lacking an end, under "<schema>: end missing", and relations with an end that is
  not a mapped entity of the same input, under "<schema>: end not in input" (a stub node would
  carry nothing but an id);
- relations whose end kinds the tie type does not allow, under "<schema>: <Kind> -> <Kind>";
- records without an id, under "no id";
- records repeating an id already read, under "duplicate id" (the first one is kept).

FtM's `country` (of every record) and `nationality` are read as FtM's country type reads
them (`loader/ftm_countries.py`): ISO 3166-1 alpha-2 codes in lower case ("SA", "SAU" and
"Saudi Arabia" are all "sa"), and a few of FtM's own ("eu", "suhh" for the Soviet Union). A
value that is no country is left out, and counted in `notes` under "<property>: not a country
code or name, left out". The codes are kept, each once, as `country_codes` and (of a
Person) `nationality_codes`, not written into `country` and `nationality`: those hold State
ids, which the data loaded beside this file may not have, and an id pointing nowhere would
make a CSV export fail to load back. Query by code:
`MATCH (n:Entity) WHERE 'ru' IN n.country_codes`.

The dataset is the one given, else the one the file names: the `dataset` of our own records,
and for the other lines the names that every line listing `datasets` lists (lines listing none
do not count), joined by `+` when several, else `opensanctions` (an OpenSanctions collection
lists on each line the sources it was seen in, which no name is common to); names of several
kinds of record are joined by `+`. So an export of one dataset loads back under its name. The
version is the latest `last_seen` of the other lines (when the export was made, for
OpenSanctions), else None.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from loader.errors import InputError, Problem
from loader.ftm_countries import country_code
from loader.importers.base import (
    EMPTY_FILE,
    ImportResult,
    control_character,
    make_node,
    make_tie,
    map_all,
    map_valid,
    read_text,
    settle,
)
from loader.records import Node, Origin, Record, Tie
from loader.schema import load_schema
from loader.schema_ftm import INTERVAL
from loader.types import property_type

_ALIASES = ("alias", "weakAlias", "previousName")
_READ_APART = ("name", "aliases", "description")
_START, _END = dict(INTERVAL)["since"], dict(INTERVAL)["until"]
_OURS = "explorer"
_TIE_FIELDS = ("id", "type", "source", "target")
_SCALAR = (str, int, float, bool)
_COUNTRIES = ("country", "nationality")
_LATIN = 0.85  # the share of a name's letters that makes it Latin script, as FtM counts
DEFAULT_DATASET = "opensanctions"
# A line that may hold a control character, raw or escaped: only those are walked, to be sure.
# not strict: a raw control character in a string is then refused as an escaped one is
_JSON = json.JSONDecoder(strict=False)
_MAY_HOLD_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|\\u00[01]")


@dataclass(frozen=True)
class _Entity:
    """One FtM record as read, with the file and line it came from.

    `id` is "" for a line without one; `caveats` name what was left out of the line.
    """

    file: Path
    line: int
    id: str
    schema: str
    caption: str | None
    props: dict[str, list[str]]
    ours: Record | None = None  # our own record, when the line carries one under `explorer`
    datasets: tuple[str, ...] = ()
    last_seen: str | None = None
    caveats: tuple[str, ...] = ()

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
    def label(self) -> str:
        """The caption the line gives, else its id."""
        return self.caption or self.id

    @property
    def origin(self) -> Origin:
        return Origin(str(self.file), self.line, self.id)


def read(
    paths: list[Path], dataset: str | None = None, *, skip_invalid: bool = False
) -> ImportResult:
    """The Person, organization, Sanction and relation records of FtM JSON-lines files.

    With `skip_invalid`, a line with a problem is left out, and its problem listed in
    `invalid`, rather than failing the input; a file that cannot be read still fails it.
    """
    invalid: list[Problem] = []
    skipped: Counter[str] = Counter()
    entities: dict[str, _Entity] = {}
    batches = map_all(paths, lambda path: _parse_file(path, invalid))
    for entity in (entity for batch in batches for entity in batch):
        if not entity.id:
            skipped["no id"] += 1
        elif entity.id in entities:
            skipped["duplicate id"] += 1
        else:
            entities[entity.id] = entity
    ours = [entity.ours for entity in entities.values() if entity.ours is not None]
    theirs = [entity for entity in entities.values() if entity.ours is None]
    dataset = dataset or _own_name(ours, theirs)
    kinds, links = load_schema().ftm_kinds, load_schema().ftm_ties
    skipped.update(entity.schema for entity in theirs if entity.schema not in kinds | links)
    named = [entity for entity in theirs if entity.schema in kinds and entity.schema not in links]
    nodes = dict(map_valid(named, lambda entity: (entity.id, _node(entity, dataset)), invalid))
    relations = [entity for entity in theirs if entity.schema in links]
    mapped = map_valid(relations, lambda entity: (entity, _ties(entity, nodes, dataset)), invalid)
    ties: list[Tie] = []
    sanctions: list[Node] = []
    for entity, (made, reasons) in mapped:
        ties += made
        skipped.update(reasons)
        if entity.schema in kinds and made:
            sanctions.append(_sanction(entity, dataset))
    dangling: Counter[str] = Counter()
    for entity in named:
        if entity.id in nodes:
            made, reasons = _references(entity, nodes, dataset)
            ties += made
            dangling.update(reasons)
    left_out, invalid_skipped = settle(invalid, skip_invalid)
    own_nodes = [record for record in ours if isinstance(record, Node)]
    own_ties = [record for record in ours if isinstance(record, Tie)]
    return ImportResult(
        own_nodes + list(nodes.values()) + sanctions,
        own_ties + ties,
        dict(skipped) | invalid_skipped,
        dataset,
        version=max((e.last_seen for e in theirs if e.last_seen), default=None),
        files=[str(path) for path in paths],
        notes=dict(Counter(caveat for entity in theirs for caveat in entity.caveats) + dangling),
        invalid=left_out,
    )


def _own_name(ours: list[Record], theirs: list[_Entity]) -> str:
    """The dataset names the records carry, joined by `+`; see the module's docstring."""
    names = {str(record.props["dataset"]) for record in ours if record.props.get("dataset")}
    if theirs:
        listed = [set(entity.datasets) for entity in theirs if entity.datasets]
        common = set.intersection(*listed) if listed else set()
        names.add("+".join(sorted(common)) or DEFAULT_DATASET)
    return "+".join(sorted(names)) or DEFAULT_DATASET


def _parse_file(path: Path, invalid: list[Problem]) -> list[_Entity]:
    numbered = enumerate(read_text(path).split("\n"), start=1)
    lines = [(n, line) for n, line in numbered if line.strip()]
    if not lines:
        raise InputError([Problem(str(path), None, None, EMPTY_FILE)])
    return map_valid(lines, lambda item: _parse_line(path, *item), invalid)


def _parse_line(path: Path, number: int, line: str) -> _Entity:
    def problem(field: str | None, message: str) -> InputError:
        return InputError([Problem(str(path), number, field, message)])

    try:
        raw: Any = _JSON.decode(line)
    except json.JSONDecodeError as err:
        raise problem(None, f"invalid JSON: {err.msg}: column {err.colno}") from None
    if not isinstance(raw, dict):
        raise problem(None, "not a JSON object")
    if _MAY_HOLD_CONTROL.search(line):
        controls = [Problem(str(path), number, *found) for found in _controls(raw)]
        if controls:
            raise InputError(controls)
    ident = raw.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int | None):
        raise problem("id", "not a string or a whole number")
    if not isinstance(raw.get("schema"), str) or not raw["schema"]:
        raise problem("schema", "missing or not a string")
    props, caveats = _properties(raw.get("properties"))
    caption = raw.get("caption") if _text(raw.get("caption")) else None
    ours = _ours(raw[_OURS], problem) if _OURS in raw else None
    if ours is not None:
        ours.origin = Origin(str(path), number, ours.id)
    return _Entity(
        path,
        number,
        "" if ident is None else str(ident),
        raw["schema"],
        caption,
        props,
        ours,
        datasets=tuple(dict.fromkeys(_texts(raw.get("datasets")))),
        last_seen=raw.get("last_seen") if _text(raw.get("last_seen")) else None,
        caveats=caveats,
    )


def _controls(value: Any, field: str | None = None) -> Iterator[tuple[str | None, str]]:
    """(field, problem) for each text in `value` that holds a control character: its field
    is the path of keys to it ("properties.name"), a key's that of the object holding it."""
    if isinstance(value, str):
        message = control_character(value)
        if message:
            yield field, message
    elif isinstance(value, list):
        for item in value:
            yield from _controls(item, field)
    elif isinstance(value, dict):
        for key, item in value.items():
            bad_key = list(_controls(key, field))
            yield from bad_key
            if not bad_key:
                yield from _controls(item, f"{field}.{key}" if field else key)


def _properties(raw: Any) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """FtM's properties as lists of texts, each value once, and what was left out of them.

    A value may be given alone or in a list, as FtM reads it: texts stripped (empty ones
    dropped), numbers and booleans as FtM writes them, an entity (an object) as its id.
    Countries become FtM's codes; a value that is none is left out, and said.
    """
    if not isinstance(raw, dict):
        return {}, () if raw is None else ("properties: not an object, read as none",)
    props = {prop: _values(values) for prop, values in raw.items()}
    caveats: list[str] = []
    for prop in _COUNTRIES:
        codes = [country_code(value) for value in props.get(prop, [])]
        if None in codes:
            caveats.append(f"{prop}: not a country code or name, left out")
        props[prop] = list(dict.fromkeys(code for code in codes if code))
    return {prop: values for prop, values in props.items() if values}, tuple(caveats)


def _values(value: Any) -> list[str]:
    """The texts of a property's value, each once (a list of texts, the common case, at once)."""
    if type(value) is list:
        try:
            stripped = [item.strip() for item in value]
        except AttributeError:  # an item that is no text
            pass
        else:
            if len(stripped) == 1:
                return stripped if stripped[0] else []
            return list(dict.fromkeys(text for text in stripped if text))
    return list(dict.fromkeys(_texts(value)))


def _texts(value: Any) -> list[str]:
    """The texts of one value (alone or in lists), as followthemoney's `string_list` makes
    them; null gives none."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    if isinstance(value, int):
        return [str(value)]
    if isinstance(value, float):
        return [f"{value:.2f}"]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, dict):
        return _texts(value.get("id"))
    return []


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
    kind = load_schema().ftm_kinds[entity.schema]
    names = [name for prop in _names(kind) for name in entity.props.get(prop, [])]
    aliases = names + [value for prop in _ALIASES for value in entity.props.get(prop, [])]
    props = _countries(entity, "country") | _mapped(entity, kind)
    if kind == "Person":
        props |= _countries(entity, "nationality")
    provenance = (dataset, entity.id)
    node_id, origin = f"ftm-{entity.id}", entity.origin
    name = _display_name(entity.caption, names) or entity.id
    return make_node(node_id, kind, name, provenance, aliases, origin=origin, **props)


@cache
def _names(kind: str) -> list[str]:
    """The FtM properties that hold the names of a kind's records (an Address's `full`)."""
    ftm = load_schema().kinds[kind].ftm
    return [theirs for ours, theirs in ftm.properties if ours == "name"] if ftm else []


def _display_name(caption: str | None, names: list[str]) -> str | None:
    """The first Latin-script one of the caption and the names, else the first of them."""
    candidates = ([caption] if caption else []) + names
    return next((name for name in candidates if _is_latin(name)), None) or next(
        iter(candidates), None
    )


def _is_latin(text: str) -> bool:
    """True when more than 85% of the letters of `text` are Latin ones (as rigour, which
    picks FtM's captions, counts them: other characters are not counted)."""
    if text.isascii():  # the common case, and every ASCII letter is Latin
        return any(char.isalpha() for char in text)
    letters = [char for char in text if char.isalpha()]
    latin = sum(unicodedata.name(char, "").startswith("LATIN ") for char in letters)
    return bool(letters) and latin > _LATIN * len(letters)


def _mapped(entity: _Entity, kind: str) -> dict[str, Any]:
    """The properties the schema maps to FtM ones (the kind's and common ones), and its category.

    Names are read apart and descriptions not at all; enums are not read, as FtM's texts are
    not our values, but the FtM schema gives the category where the kind has them.
    """
    typed, categories = _kind_table(kind)
    present = entity.props
    props = {ours: _value(entity, t, theirs) for ours, t, theirs in typed if theirs in present}
    category = categories.get(entity.schema)
    return {**props, "category": category} if category else props


@cache
def _kind_table(kind: str) -> tuple[list[tuple[str, str, str]], dict[str, str | None]]:
    """(our property, its type, the FtM property) of what a kind reads, and its categories by
    FtM schema."""
    schema = load_schema()
    spec = schema.kinds[kind]
    assert spec.ftm is not None  # ftm_kinds names only mapped kinds
    common = {k: v for k, v in schema.entity_properties.items() if k not in _READ_APART}
    own = common | spec.properties
    typed = [(ours, own[ours].type, theirs) for ours, theirs in spec.ftm.properties if ours in own]
    return typed, spec.ftm.imports()


def _value(entity: _Entity, our_type: str, prop: str) -> Any:
    """The FtM property `prop` read as one of ours of `our_type`."""
    if our_type == "date":
        return entity.earliest(prop)
    if our_type == "number":
        return _number(entity, prop)
    if our_type == "list":
        return entity.props.get(prop)
    if our_type == "enum":
        return None
    return entity.first(prop)


def _countries(entity: _Entity, prop: str) -> dict[str, Any]:
    """`<prop>_codes`: the entity's FtM country codes (made codes as the line was read)."""
    return {f"{prop}_codes": entity.props.get(prop)}


def _sanction(entity: _Entity, dataset: str) -> Node:
    """The node of a record that is the source end of its own ties (a Sanction)."""
    kind = load_schema().ftm_kinds[entity.schema]
    props = _mapped(entity, kind) | _countries(entity, "country")
    props["listed"] = entity.earliest(_START) or props.get("listed")
    parts = (props.get("authority"), props.get("program"))
    name = ": ".join(part for part in parts if part) or entity.label
    return make_node(
        f"ftm-{entity.id}", kind, name, (dataset, entity.id), origin=entity.origin, **props
    )


def _ties(entity: _Entity, nodes: dict[str, Node], dataset: str) -> tuple[list[Tie], list[str]]:
    """The ties of one relation record, and the reasons for each pair of ends left out."""
    schema = load_schema()
    tie_type = schema.ftm_ties[entity.schema]
    link = schema.ties[tie_type].ftm
    assert link is not None  # ftm_ties names only mapped tie types
    if link.source is None:  # the record is the source end: a Sanction
        kind = schema.ftm_kinds[entity.schema]
        return _folded(entity, tie_type, link.target, kind, nodes, dataset)
    sources = entity.props.get(link.source, [])
    pairs = [(source, target) for source in sources for target in entity.props.get(link.target, [])]
    kinds = [(_kind(nodes, source), _kind(nodes, target)) for source, target in pairs]
    return _made(entity, tie_type, (f"ftm-{entity.id}", entity.schema), pairs, kinds, dataset)


def _references(
    entity: _Entity, nodes: dict[str, Node], dataset: str
) -> tuple[list[Tie], list[str]]:
    """The ties from a record to the entities its reference properties name (addressEntity)."""
    ties: list[Tie] = []
    reasons: list[str] = []
    for prop, tie_type in load_schema().ftm_references.items():
        if prop in entity.props:
            kind = nodes[entity.id].kind
            made, why = _folded(entity, tie_type, prop, kind, nodes, dataset, prop)
            ties += made
            reasons += why
    return ties, reasons


def _folded(
    entity: _Entity,
    tie_type: str,
    prop: str,
    kind: str,
    nodes: dict[str, Node],
    dataset: str,
    name: str | None = None,
) -> tuple[list[Tie], list[str]]:
    """Ties from the record itself to each entity its `prop` names; reasons start with
    `name`, else the record's schema."""
    targets = entity.props.get(prop, [])
    pairs = [(entity.id, target) for target in targets]
    kinds = [(kind, _kind(nodes, target)) for target in targets]
    tie_id = f"ftm-{entity.id}-{tie_type.lower().replace('_', '-')}"
    return _made(entity, tie_type, (tie_id, name or entity.schema), pairs, kinds, dataset)


def _made(
    entity: _Entity,
    tie_type: str,
    named: tuple[str, str],
    pairs: list[tuple[str, str]],
    kinds: Sequence[tuple[str | None, str | None]],
    dataset: str,
) -> tuple[list[Tie], list[str]]:
    """The ties of `pairs` of FtM ids whose ends have `kinds`, and the reasons for those left
    out; `named` is (the id of the ties, -<n> added when several, the name of their record)."""
    tie_id, name = named
    if not pairs:
        return [], [f"{name}: end missing"]
    props = _tie_props(entity, tie_type)
    allowed = load_schema().ties[tie_type].allows
    ties: list[Tie] = []
    reasons: list[str] = []
    numbered = enumerate(zip(pairs, kinds, strict=True), start=1)
    for n, ((source, target), (source_kind, target_kind)) in numbered:
        if source_kind is None or target_kind is None:
            reasons.append(f"{name}: end not in input")
        elif not allowed(source_kind, target_kind):
            reasons.append(f"{name}: {source_kind} -> {target_kind}")
        else:
            one_id = tie_id + (f"-{n}" if len(pairs) > 1 else "")
            ends = (f"ftm-{source}", f"ftm-{target}")
            provenance, origin = (dataset, entity.id), entity.origin
            ties.append(make_tie(one_id, tie_type, ends, provenance, origin=origin, **props))
    return ties, reasons


def _kind(nodes: dict[str, Node], ftm_id: str) -> str | None:
    node = nodes.get(ftm_id)
    return node.kind if node else None


def _tie_props(entity: _Entity, tie_type: str) -> dict[str, Any]:
    schema = load_schema()
    link = schema.ties[tie_type].ftm
    props: dict[str, Any] = {}
    for ours, theirs in link.properties if link else ():
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
