"""FollowTheMoney (FtM) JSON lines: one entity per line, nodes first, then ties.

Each line is a valid FtM entity for Aleph, yente or `ftm` tools, and also carries, under
the top-level key `explorer`, our own record whole, which `loader/importers/ftm.py`
reads back instead of the FtM properties, so nothing is lost on a round trip:

    {"id": FTM_ID, "schema": FTM_SCHEMA, "properties": {FTM_PROP: [TEXT, ...]},
     "explorer": {"id": ID, "kind": KIND, "props": PROPS}}                        (a node)
    {"id": FTM_ID, "schema": FTM_SCHEMA, "properties": {...},
     "explorer": {"id": ID, "type": TYPE, "source": ID, "target": ID, "props": PROPS}}  (a tie)

ID is our id; PROPS is `Node.props` / `Tie.props` as JSON (strings, numbers, booleans, lists
of strings). FTM_ID, used for `id` and for references between lines, is our id when FtM
accepts it (letters, digits, `.` and `-`), else `ftm_id(ID)`: a slug of it and a hash of
the whole, stable from one export to the next.

Nodes: Person -> Person; Organization -> Company (company, bank, state_corporation),
PublicBody (ministry, agency, security_service, armed_forces, legislature, government)
or Organization (other categories); State -> PublicBody with topic `gov.national` (FtM
has no state or country entity that can own, lend or lead); InternationalOrganization ->
Organization with topic `gov.igo`; Faction -> Organization; Agreement -> Contract;
Facility -> RealEstate; Sanction -> Sanction (`entity` = targets of its SANCTIONS ties);
Statistic -> Note (`entity` = targets of its STATISTIC_OF ties); Source -> Document.

Ties: OWNS -> Ownership, LEADS -> Directorship, WORKS_FOR -> Employment, MEMBER_OF ->
Membership, RELATIVE_OF -> Family, FRIEND_OF -> Associate (relationship `friend`); every
other type -> UnknownLink with `role` = the tie type.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any, TextIO

from explorer.export.cells import cell
from loader.records import Node, Tie

Pairs = tuple[tuple[str, str], ...]
"""(our property, FtM property) pairs."""


@dataclass(frozen=True)
class _Link:
    schema: str
    source: str
    target: str
    props: Pairs = ()
    fixed: Pairs = ()


_FTM_ID = re.compile(r"[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?")
_COMPANY = frozenset({"company", "bank", "state_corporation"})
_PUBLIC_BODY = frozenset(
    {"ministry", "agency", "security_service", "armed_forces", "legislature", "government"}
)
_KIND_SCHEMATA = {
    "Person": "Person",
    "Faction": "Organization",
    "State": "PublicBody",
    "InternationalOrganization": "Organization",
    "Agreement": "Contract",
    "Facility": "RealEstate",
    "Sanction": "Sanction",
    "Statistic": "Note",
    "Source": "Document",
}
_TOPICS = {"State": "gov.national", "InternationalOrganization": "gov.igo"}
_SUBJECT_TIES = frozenset({"SANCTIONS", "STATISTIC_OF"})
"""Ties whose targets become the FtM `entity` of their source (a Sanction or a Note)."""
_THING: Pairs = (("name", "name"), ("aliases", "alias"), ("description", "description"))
_NODE_PROPS: dict[str, Pairs] = {
    "Person": (*_THING, ("born", "birthDate"), ("position", "position")),
    "Organization": (*_THING, ("abbreviation", "abbreviation"), ("category", "classification")),
    "Faction": _THING,
    "State": _THING,
    "InternationalOrganization": (*_THING, ("abbreviation", "abbreviation")),
    "Agreement": (*_THING, ("name", "title"), ("signed", "contractDate"), ("category", "type")),
    "Facility": (*_THING, ("category", "propertyType")),
    "Sanction": (
        ("description", "description"),
        ("authority", "authority"),
        ("program", "program"),
        ("listed", "listingDate"),
    ),
    "Statistic": _THING,
    "Source": (
        *_THING,
        ("title", "title"),
        ("author", "author"),
        ("publisher", "publisher"),
        ("date", "date"),
        ("file", "fileName"),
        ("url", "sourceUrl"),
    ),
}
_INTERVAL: Pairs = (
    ("since", "startDate"),
    ("until", "endDate"),
    ("note", "description"),
    ("evidence", "summary"),
    ("record", "recordId"),
)
_LINKS = {
    "OWNS": _Link("Ownership", "owner", "asset", (("share", "percentage"),)),
    "LEADS": _Link("Directorship", "director", "organization", (("role", "role"),)),
    "WORKS_FOR": _Link("Employment", "employee", "employer", (("role", "role"),)),
    "MEMBER_OF": _Link("Membership", "member", "organization", (("role", "role"),)),
    "RELATIVE_OF": _Link("Family", "person", "relative", (("relationship", "relationship"),)),
    "FRIEND_OF": _Link("Associate", "person", "associate", fixed=(("relationship", "friend"),)),
}


def write_ftm(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """Write one FtM entity per line to `out`. Raises ValueError for an unknown kind."""
    subjects: dict[str, list[str]] = {}
    for tie in ties:
        if tie.type in _SUBJECT_TIES:
            subjects.setdefault(tie.source, []).append(ftm_id(tie.target))
    for node in nodes:
        _line(out, _node_entity(node, subjects.get(node.id, [])))
    for tie in ties:
        _line(out, _tie_entity(tie))


def _node_entity(node: Node, subjects: list[str]) -> dict[str, Any]:
    if node.kind not in _NODE_PROPS:
        raise ValueError(f"unknown node kind {node.kind!r}: no FollowTheMoney schema for it")
    properties = _properties(node.props, _NODE_PROPS[node.kind])
    if node.kind in _TOPICS:
        properties["topics"] = [_TOPICS[node.kind]]
    if subjects:
        properties["entity"] = subjects
    explorer = {"id": node.id, "kind": node.kind, "props": node.props}
    return _entity(_schema(node), properties, explorer)


def _schema(node: Node) -> str:
    if node.kind != "Organization":
        return _KIND_SCHEMATA[node.kind]
    category = node.props.get("category")
    if category in _COMPANY:
        return "Company"
    return "PublicBody" if category in _PUBLIC_BODY else "Organization"


def _tie_entity(tie: Tie) -> dict[str, Any]:
    unknown = _Link("UnknownLink", "subject", "object", fixed=(("role", tie.type),))
    link = _LINKS.get(tie.type, unknown)
    properties = _properties(tie.props, (*_INTERVAL, *link.props))
    properties.update({name: [value] for name, value in link.fixed})
    properties[link.source] = [ftm_id(tie.source)]
    properties[link.target] = [ftm_id(tie.target)]
    ends = {"source": tie.source, "target": tie.target}
    explorer = {"id": tie.id, "type": tie.type, **ends, "props": tie.props}
    return _entity(link.schema, properties, explorer)


def _entity(
    schema: str, properties: dict[str, list[str]], explorer: dict[str, Any]
) -> dict[str, Any]:
    entity_id = ftm_id(explorer["id"])
    return {"id": entity_id, "schema": schema, "properties": properties, "explorer": explorer}


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
