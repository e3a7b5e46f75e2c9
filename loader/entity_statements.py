"""The Cypher that keeps entities equal to the grouping of their records.

A `:Record` holds what one dataset says of an actor; `(:Record)-[:RECORD_OF]->(:Entity)`
puts it in the entity every query sees. Ties hang on entities and keep the record ids their
dataset gave as `source_id` and `target_id`, so they can follow their records anywhere.
"""

from __future__ import annotations

from typing import LiteralString

from loader.grouping import key_property

_KEY = key_property("")

# A record's kind, dataset, strong keys and entity, with the other records of that entity.
RECORDS: LiteralString = (
    "UNWIND $ids AS id MATCH (r:Record {id: id}) USING INDEX SEEK r:Record(id) "
    "OPTIONAL MATCH (r)-[:RECORD_OF]->(e) "
    "OPTIONAL MATCH (e)<-[:RECORD_OF]-(mate) WHERE mate <> r "
    "RETURN r.id AS id, r.kind AS kind, r.dataset AS dataset, e.id AS entity, "
    f"[k IN keys(r) WHERE k STARTS WITH '{_KEY}' | [substring(k, {len(_KEY)}), r[k]]] AS keys, "
    "collect(mate.id) AS mates"
)


def key_holders(scheme: LiteralString) -> LiteralString:
    """The records holding any of $values under one strong-key scheme (from the allow-list)."""
    prop = key_property(scheme)
    return (
        f"UNWIND $values AS v MATCH (r:Record {{{prop}: v}}) USING INDEX SEEK r:Record({prop}) "
        "RETURN DISTINCT r.id AS id"
    )


RANKS: LiteralString = "MATCH (d:Dataset) RETURN d.name AS name, d.rank AS rank"
ANY_JUDGEMENT: LiteralString = "MATCH (j:Judgement) RETURN count(j) > 0 AS any"
JUDGED: LiteralString = (
    "UNWIND $ids AS id CALL (id) { "
    "MATCH (j:Judgement {a: id}) USING INDEX SEEK j:Judgement(a) RETURN j UNION "
    "MATCH (j:Judgement {b: id}) USING INDEX SEEK j:Judgement(b) RETURN j } "
    "RETURN DISTINCT j.a AS a, j.b AS b, j.verdict AS verdict"
)
# $rows: {id, kind, props, moved}: an entity (made when new; its kind was checked against the
# schema when its records were loaded), its properties, and the records that move into it.
WRITE_ENTITIES: LiteralString = (
    "UNWIND $rows AS row MERGE (e:Entity {id: row.id}) ON CREATE SET e:$(row.kind) "
    "SET e = row.props "
    "WITH e, row UNWIND row.moved AS id MATCH (r:Record {id: id}) USING INDEX SEEK r:Record(id) "
    "OPTIONAL MATCH (r)-[old:RECORD_OF]->() DELETE old "
    "WITH r, e CREATE (r)-[:RECORD_OF]->(e)"
)
# Ties on entities that lost records go where the records their dataset named now are.
# A tie keeps its end when that record is gone (the caller deals with such ties).
REPOINT: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Entity {id: id})-[r]-() USING INDEX SEEK n:Entity(id) "
    "WHERE NOT r:RECORD_OF|LINKED "
    "WITH DISTINCT r "
    "OPTIONAL MATCH (sr:Record {id: r.source_id})-[:RECORD_OF]->(a) "
    "USING INDEX SEEK sr:Record(id) "
    "OPTIONAL MATCH (tr:Record {id: r.target_id})-[:RECORD_OF]->(b) "
    "USING INDEX SEEK tr:Record(id) "
    "WITH r, coalesce(a, startNode(r)) AS a, coalesce(b, endNode(r)) AS b "
    "WHERE a <> startNode(r) OR b <> endNode(r) "
    "WITH r, a, b, type(r) AS type, properties(r) AS props DELETE r "
    "CREATE (a)-[moved:$(type)]->(b) SET moved = props "
    "RETURN count(*) AS moved"
)
ENTITY_RECORDS: LiteralString = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id})<-[:RECORD_OF]-(r) "
    "USING INDEX SEEK e:Entity(id) RETURN r.id AS id"
)
# Records a chunked load committed before it failed, before they were put in entities.
UNLINKED: LiteralString = (
    "MATCH (r:Record {dataset: $dataset}) WHERE NOT EXISTS { (r)-[:RECORD_OF]->() } "
    "RETURN r.id AS id"
)
RECORD_PROPS: LiteralString = (
    "UNWIND $ids AS id MATCH (r:Record {id: id}) USING INDEX SEEK r:Record(id) "
    "RETURN r.id AS id, properties(r) AS props"
)
# Entities left without records, with the ties still on them (by dataset and type).
ORPHANS: LiteralString = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id) "
    "WHERE NOT EXISTS { (e)<-[:RECORD_OF]-() } "
    "OPTIONAL MATCH (e)-[r]-() WHERE NOT r:LINKED "
    "RETURN e.id AS id, r.dataset AS dataset, type(r) AS type, count(DISTINCT r) AS ties"
)
DELETE_ORPHANS: LiteralString = (
    "UNWIND $ids AS id MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id) "
    "WHERE NOT EXISTS { (e)<-[:RECORD_OF]-() } "
    "DETACH DELETE e"
)
