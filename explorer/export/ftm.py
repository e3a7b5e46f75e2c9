"""FollowTheMoney (FtM) JSON lines: one entity per line, nodes first, then ties.

Each line is a valid FtM entity for Aleph, yente or `ftm` tools, and also carries, under
the top-level key `explorer`, our own record whole, which `loader/importers/ftm.py`
reads back instead of the FtM properties, so nothing is lost on a round trip:

    {"id": FTM_ID, "schema": FTM_SCHEMA, "properties": {FTM_PROP: [TEXT, ...]},
     "explorer": {"id": ID, "kind": KIND, "props": PROPS}}                        (a node)
    {"id": FTM_ID, "schema": FTM_SCHEMA, "properties": {...},
     "explorer": {"id": ID, "type": TYPE, "source": ID, "target": ID, "props": PROPS}}  (a tie)

ID is our id; PROPS is `Node.props` / `Tie.props` as JSON (strings, numbers, booleans, lists
of strings). A record's `dataset` is also written as FtM's `datasets` (`"datasets": [NAME]`),
for FtM tools; the importer loads the file back under its records' dataset name. FTM_ID, used
for `id` and for references between lines, is our id when FtM accepts it (letters, digits,
`.` and `-`), else `ftm_id(ID)`: a slug of it and a hash of the whole, stable from one export
to the next.

Kinds and tie types map to FtM schemata as `loader/schema.yaml` says (`ftm:`), the same
table the FtM importer reads. A tie type with no FtM relation, or one folded into its source
node (a Sanction's or a Note's `entity` lists the targets of its SANCTIONS or STATISTIC_OF
ties, a Company's `addressEntity` those of its LOCATED_AT ties), is also written as an
UnknownLink whose `role` is the tie type.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any, TextIO

from explorer.export.cells import cell
from loader.records import Node, Tie
from loader.schema import load_schema
from loader.schema_ftm import INTERVAL, Pairs

_FTM_ID = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?")
_UNKNOWN = "UnknownLink"
"""FtM's relation of no particular kind: its `role` names our tie type."""


def write_ftm(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """Write one FtM entity per line to `out`. Raises ValueError for an unknown kind."""
    folded: dict[str, dict[str, list[str]]] = {}
    for tie in ties:
        prop = _folded(tie.type)
        if prop:
            folded.setdefault(tie.source, {}).setdefault(prop, []).append(ftm_id(tie.target))
    for node in nodes:
        _line(out, _node_entity(node, folded.get(node.id, {})))
    for tie in ties:
        _line(out, _tie_entity(tie))


def _folded(tie_type: str) -> str | None:
    """The property of their source node by which FtM records the ties of `tie_type` (a
    Sanction's `entity`, a Company's `addressEntity`), if it does so."""
    spec = load_schema().ties.get(tie_type)
    link = spec.ftm if spec else None
    return link.target if link is not None and link.source is None else None


def _node_entity(node: Node, references: dict[str, list[str]]) -> dict[str, Any]:
    kind = load_schema().kinds.get(node.kind)
    if kind is None or kind.ftm is None:
        raise ValueError(f"unknown node kind {node.kind!r}: no FollowTheMoney schema for it")
    properties = _properties(node.props, kind.ftm.properties)
    if kind.ftm.topic:
        properties["topics"] = [kind.ftm.topic]
    properties |= references
    explorer = {"id": node.id, "kind": node.kind, "props": node.props}
    return _entity(kind.ftm.schema_of(node.props.get("category")), properties, explorer)


def _tie_entity(tie: Tie) -> dict[str, Any]:
    relation = _relation(tie.type)
    properties = _properties(tie.props, (*INTERVAL, *relation.pairs)) | relation.fixed
    properties[relation.source] = [ftm_id(tie.source)]
    properties[relation.target] = [ftm_id(tie.target)]
    ends = {"source": tie.source, "target": tie.target}
    explorer = {"id": tie.id, "type": tie.type, **ends, "props": tie.props}
    return _entity(relation.schema, properties, explorer)


@dataclass(frozen=True)
class _Relation:
    schema: str
    source: str
    target: str
    pairs: Pairs = ()
    fixed: dict[str, list[str]] = field(default_factory=dict)


def _relation(tie_type: str) -> _Relation:
    """The FtM relation a tie of `tie_type` is written as."""
    schema = load_schema()
    spec = schema.ties.get(tie_type)
    link = spec.ftm if spec else None
    if link is not None and link.schema is not None and link.source is not None:
        return _Relation(link.schema, link.source, link.target, link.properties)
    generic = schema.ties[schema.ftm_ties[_UNKNOWN]].ftm  # the type that imports UnknownLink
    assert generic is not None and generic.source is not None
    return _Relation(_UNKNOWN, generic.source, generic.target, fixed={"role": [tie_type]})


def _entity(
    schema: str, properties: dict[str, list[str]], explorer: dict[str, Any]
) -> dict[str, Any]:
    entity = {"id": ftm_id(explorer["id"]), "schema": schema, "properties": properties}
    dataset = explorer["props"].get("dataset")
    if isinstance(dataset, str) and dataset:
        entity["datasets"] = [dataset]
    return entity | {"explorer": explorer}


def _properties(props: dict[str, Any], pairs: Pairs) -> dict[str, list[str]]:
    properties: dict[str, list[str]] = {}
    for ours, theirs in pairs:
        value = props.get(ours)
        items = value if isinstance(value, list) else [value]
        texts = [text for text in map(cell, items) if text]
        if texts:
            properties.setdefault(theirs, []).extend(texts)
    return properties


def ftm_id(our_id: str) -> str:
    """`our_id` when FtM accepts it as an entity id, else a slug of it and a hash of it."""
    if _FTM_ID.fullmatch(our_id):
        return our_id
    slug = re.sub(r"[^0-9a-zA-Z]+", "-", our_id)[:64].strip("-")
    digest = hashlib.sha1(our_id.encode()).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else digest


def _line(out: TextIO, entity: dict[str, Any]) -> None:
    out.write(json.dumps(entity, ensure_ascii=False) + "\n")
