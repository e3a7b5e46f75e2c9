"""The graph as records (`Node`, `Tie`): read whole from Neo4j, or found in query rows.

Records hold what the loader wrote, less what only the database needs: a node's `kind`
and `id` are fields, not props, and internal properties (`_hash`...) are left out.

Rows are searched at any depth for
- nodes: the driver's (maps with `_labels`, as `explorer.values.plain` writes them) and
  our projections `{id, name, kind}` (the `nodes` of path rows, the `entity` of neighbors);
- ties: the driver's (maps with `_type`, `_start`, `_end`) and our projections
  `r {.*, type: type(r), from: ..., to: ...}`; paths are found through their nodes and ties.

A node or tie found twice is kept once, with the properties of both.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from loader.records import Node, Tie
from loader.schema import ANY_KIND

if TYPE_CHECKING:
    from explorer.db import Database
    from explorer.names import Entity

Graph = tuple[list[Node], list[Tie]]

_NODES = """
MATCH (n:Entity) WHERE $dataset IS NULL OR $dataset IN n.datasets
RETURN n.id AS id, n.kind AS kind, properties(n) AS props
ORDER BY id
"""
_RECORDS = """
MATCH (n:Record) WHERE $dataset IS NULL OR n.dataset = $dataset
RETURN n.id AS id, n.kind AS kind, properties(n) AS props
ORDER BY id
"""
# A tie's ends: the entities it hangs on, or (records) the record ids its dataset gave.
# Only ties of $grades valid at some time from $since to $until, as queries/direct.cypher.
_TIES = """
MATCH (a:Entity)-[r]->(b:Entity)
WHERE NOT r:LINKED AND ($dataset IS NULL OR r.dataset = $dataset)
  AND ($grades IS NULL OR coalesce(r.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR (
    (r.since IS NOT NULL OR r.until IS NOT NULL OR $undated)
    AND ((r.since IS NULL OR $until IS NULL
          OR left(r.since, size($until)) <= left($until, size(r.since)))
    AND coalesce(left($since, size(coalesce(r.until, last(r.delivery_years), toString(r.year))))
        <= left(coalesce(r.until, last(r.delivery_years), toString(r.year)), size($since)), true))))
RETURN r.id AS id, type(r) AS type, properties(r) AS props,
       CASE WHEN $records THEN coalesce(r.source_id, a.id) ELSE a.id END AS source,
       CASE WHEN $records THEN coalesce(r.target_id, b.id) ELSE b.id END AS target
ORDER BY type, id
"""
_NODES_BY_REF = """
UNWIND $refs AS ref
OPTIONAL MATCH (byId:Entity {id: ref})
OPTIONAL MATCH (byElement:Entity) WHERE elementId(byElement) = ref
WITH ref, coalesce(byId, byElement) AS n WHERE n IS NOT NULL
RETURN ref, n.id AS id, n.kind AS kind, properties(n) AS props
"""
_PROJECTED_NODE = frozenset({"id", "name", "kind"})
# The record ids a tie's dataset named as its ends: a records graph's tie ends.
TIE_ENDS = ("source_id", "target_id")
_PROJECTED_TIE = frozenset({"type", "from", "to"})


def fetch_graph(
    db: Database,
    *,
    dataset: str | None = None,
    records: bool = False,
    claims: dict[str, Any] | None = None,
) -> Graph:
    """Every entity and tie in the database, or those `dataset` loaded, ordered by id; only
    the ties `claims` (the parameters `explorer.api.claims` makes) choose by date and grade.

    With `records`, the nodes are the datasets' records, not the entities they make up, and
    ties end at the records their dataset named: what loads back as the same graph.
    A dataset's ties may end at entities of other datasets (which are then not included).
    """
    chosen = claims or {"since": None, "until": None, "undated": False, "grades": None}
    params = {"dataset": dataset, "records": records, **chosen}
    nodes = [_node(row) for row in db.run(_RECORDS if records else _NODES, params).rows]
    ends = TIE_ENDS if records else ()  # the ids are then the tie's ends
    ties = [_tie(row, ends) for row in db.run(_TIES, params).rows]
    return nodes, ties


def rows_to_graph(rows: Iterable[dict[str, Any]], centre: Entity | None = None) -> Graph:
    """The nodes and ties the rows show, with `centre` (the entity neighbors start from).

    Ties with an end the rows do not show (a neighbour beyond --cap) are left out.
    """
    found = _Found()
    if centre is not None:
        found.add_node(Node(centre.id, centre.kind, {"name": centre.name}))
    found.walk(list(rows))
    ties = [t for t in found.ties.values() if t.source in found.nodes and t.target in found.nodes]
    return list(found.nodes.values()), ties


def query_graph(db: Database, rows: Iterable[dict[str, Any]]) -> Graph:
    """The nodes and ties found in a query's rows, each node read whole from the database.

    Tie ends are included even when the query did not return them; a relationship returned
    without its nodes names them by element id, which is resolved to our ids here. Nodes
    without an `id` (outside the schema) are left out, and so are ties to them.
    """
    found = _Found()
    found.walk(list(rows))
    ends = (end for tie in found.ties.values() for end in (tie.source, tie.target))
    refs = list(dict.fromkeys([*found.nodes, *ends]))
    fetched = db.run(_NODES_BY_REF, {"refs": refs}).rows
    ids = {row["ref"]: row["id"] for row in fetched}
    nodes = {row["id"]: _node(row) for row in fetched}
    ties = [
        Tie(t.id, t.type, ids[t.source], ids[t.target], t.props)
        for t in found.ties.values()
        if t.source in ids and t.target in ids
    ]
    return list(nodes.values()), ties


def _node(row: dict[str, Any]) -> Node:
    return Node(row["id"], row["kind"], _props(row["props"], "id", "kind"))


def _tie(row: dict[str, Any], ends: tuple[str, ...]) -> Tie:
    props = _props(row["props"], "id", *ends)
    return Tie(row["id"], row["type"], row["source"], row["target"], props)


def _props(values: dict[str, Any], *fields: str) -> dict[str, Any]:
    """`values` less `fields` and internal properties (`_hash`, the driver's `_labels`...)."""
    return {k: v for k, v in values.items() if k not in fields and not k.startswith("_")}


class _Found:
    """Nodes by id and ties by (type, id), merged as they are met."""

    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.ties: dict[tuple[str, str], Tie] = {}

    def add_node(self, node: Node) -> None:
        known = self.nodes.setdefault(node.id, node)
        if known is not node:
            known.props = known.props | node.props

    def add_tie(self, tie: Tie) -> None:
        known = self.ties.setdefault((tie.type, tie.id), tie)
        if known is not tie:
            known.props = known.props | tie.props

    def walk(self, value: Any) -> None:
        if isinstance(value, list):
            for item in value:
                self.walk(item)
        elif isinstance(value, dict):
            self._record(value)
            for item in value.values():
                self.walk(item)

    def _record(self, value: dict[str, Any]) -> None:
        if "_labels" in value and isinstance(value.get("id"), str):
            kinds = [label for label in value["_labels"] if label != ANY_KIND]
            kind = value.get("kind") or (kinds[0] if kinds else ANY_KIND)
            self.add_node(Node(value["id"], kind, _props(value, "id", "kind")))
        elif "_type" in value:
            ends = value["_start"], value["_end"]
            self.add_tie(_found_tie(value["_type"], *ends, _props(value, "id"), value.get("id")))
        elif value.keys() == _PROJECTED_NODE:
            name = {} if value["name"] is None else {"name": value["name"]}
            self.add_node(Node(value["id"], value["kind"], name))
        elif value.keys() >= _PROJECTED_TIE:
            ends = value["from"], value["to"]
            props = _props(value, "id", *_PROJECTED_TIE)
            self.add_tie(_found_tie(value["type"], *ends, props, value.get("id")))


def _found_tie(tie_type: str, source: str, target: str, props: dict[str, Any], tie_id: Any) -> Tie:
    """A tie; one without an id is named like the seed's: `source|TYPE|target`."""
    return Tie(str(tie_id or f"{source}|{tie_type}|{target}"), tie_type, source, target, props)
