"""The loader's Cypher. Labels and types come only from the schema's allow-list.

Plans must not depend on what the planner knows of the graph (a plan cached on a small graph
is kept on a big one). So a lookup says `USING INDEX SEEK` (a plain `USING INDEX` is also met
by a scan of the index under each row), and a node reached over RECORD_OF has no label in a
pattern (with one the planner may scan the label and join rather than expand). This holds
for loader.entity_statements and loader.links too; tests/integration/test_load_plans.py
checks it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import LiteralString

from loader.grouping import SCHEMES, key_property
from loader.schema import Schema


def allowed(name: str, allowed: Mapping[str, object], what: str) -> LiteralString:
    if name not in allowed:
        raise ValueError(f"{what} {name!r} is not in the schema")
    # Safe to splice into Cypher: the name is one of the schema's own identifiers.
    # (mypy reads LiteralString as str, so no cast is needed or allowed.)
    return name


_CHUNKS: LiteralString = "UNWIND range(0, size(ids) - 1, $chunk) AS start"
# collect() skips nulls: a row written without a hash must keep its place beside its id.
_TIE_HASHES: LiteralString = "collect(coalesce(r._hash, '')) AS hashes"
_RECORD_HASHES: LiteralString = "collect(coalesce(n._hash, '')) AS hashes"
_SLICES: LiteralString = (
    "ids[start..start + $chunk] AS ids, hashes[start..start + $chunk] AS hashes"
)
# Constraints are backed by indexes of the same name, so one listing covers both.
SCHEMA_NAMES: LiteralString = "SHOW INDEXES YIELD name"


def schema_statements(schema: Schema) -> dict[str, LiteralString]:
    """Constraints and indexes by name: unique ids, name search, what queries filter on."""
    statements: dict[str, LiteralString] = {
        "entity_id": "CREATE CONSTRAINT entity_id IF NOT EXISTS "
        "FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "record_id": "CREATE CONSTRAINT record_id IF NOT EXISTS "
        "FOR (r:Record) REQUIRE r.id IS UNIQUE",
        "record_dataset": "CREATE INDEX record_dataset IF NOT EXISTS FOR (r:Record) ON (r.dataset)",
        "judgement_a": "CREATE INDEX judgement_a IF NOT EXISTS FOR (j:Judgement) ON (j.a)",
        "judgement_b": "CREATE INDEX judgement_b IF NOT EXISTS FOR (j:Judgement) ON (j.b)",
        "entity_name": "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "entity_names": "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
        "FOR (n:Entity) ON EACH [n.name, n.aliases] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
        "dataset_name": "CREATE CONSTRAINT dataset_name IF NOT EXISTS "
        "FOR (d:Dataset) REQUIRE d.name IS UNIQUE",
    }
    for scheme in SCHEMES:
        prop = key_property(scheme)
        statements[f"record{prop}"] = (
            f"CREATE INDEX record{prop} IF NOT EXISTS FOR (r:Record) ON (r.{prop})"
        )
    for tie_type in schema.ties:
        rel = allowed(tie_type, schema.ties, "tie type")
        name, of_dataset = f"tie_id_{rel.lower()}", f"tie_dataset_{rel.lower()}"
        statements[name] = (
            f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
        )
        statements[of_dataset] = (
            f"CREATE INDEX {of_dataset} IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.dataset)"
        )
    return statements


def merge_records(schema: Schema, kind: str) -> LiteralString:
    """Create or update one dataset's records of one kind; rows whose content hash is
    unchanged are skipped. The ids written come back, for their entities.

    An id already held by another dataset or kind is not written but returned in `clashes`;
    the loader then refuses the load and rolls its transaction back.
    """
    allowed(kind, schema.kinds, "kind")
    return (
        "UNWIND $rows AS row "
        "OPTIONAL MATCH (old:Record {id: row.id}) USING INDEX SEEK old:Record(id) "
        "WITH row, old, old IS NOT NULL AND "
        "(old.dataset <> row.props.dataset OR old.kind <> row.props.kind) AS clash "
        "WITH row, old, clash, NOT clash AND (old IS NULL OR old._hash <> row.hash) AS write "
        "CALL (row, write) { WITH * WHERE write "
        "MERGE (n:Record {id: row.id}) SET n = row.props, n._hash = row.hash } "
        "RETURN count(CASE WHEN write AND old IS NOT NULL THEN 1 END) AS updated, "
        "count(CASE WHEN write AND old IS NULL THEN 1 END) AS created, "
        "collect(CASE WHEN write AND old IS NULL THEN row.id END) AS created_ids, "
        "collect(CASE WHEN write AND old IS NOT NULL THEN row.id END) AS updated_ids, "
        "collect(CASE WHEN clash THEN {id: old.id, dataset: old.dataset, kind: old.kind, "
        "new_kind: row.props.kind} END)[..10] AS clashes"
    )


def merge_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Create or replace ties of one type, keyed on their id; unchanged ties are skipped.

    A tie id already held by another dataset is not written but returned in `clashes`, as
    merge_nodes does. The seek hints keep a plan cached while the database was empty from
    scanning every tie of the type, or every record, once it is full (an unchanged reload of
    100k ties took 150 s instead of 15 s without hints). A plain `USING INDEX` is not enough:
    a scan of the index under each row meets it too, and was planned on the curated graph
    (the SIPRI register then took 200+ s to load instead of 10 s).

    `pairs` gives the entity ids at the ends of each tie written and `left` those of each tie
    replaced, for `loader.links`.
    """
    rel = allowed(tie_type, schema.ties, "tie type")
    return (
        "UNWIND $rows AS row "
        f"OPTIONAL MATCH ()-[old:{rel} {{id: row.id}}]->() USING INDEX SEEK old:{rel}(id) "
        "WITH row, old, old IS NOT NULL AS existed, "
        "old IS NOT NULL AND old.dataset <> row.props.dataset AS clash "
        "WITH row, old, existed, clash, "
        "NOT clash AND (old IS NULL OR old._hash <> row.hash) AS write "
        "WITH row, existed, write, CASE WHEN clash THEN {id: old.id, dataset: old.dataset} END "
        "AS clashed, CASE WHEN write THEN old END AS replaced "
        "OPTIONAL CALL (row, replaced, write) { WITH * WHERE write "
        "MATCH (sr:Record {id: row.source})-[:RECORD_OF]->(a) "
        "USING INDEX SEEK sr:Record(id) "
        "MATCH (tr:Record {id: row.target})-[:RECORD_OF]->(b) "
        "USING INDEX SEEK tr:Record(id) "
        "WITH row, replaced, a, b, CASE WHEN replaced IS NOT NULL "
        "THEN [startNode(replaced).id, endNode(replaced).id] END AS left "
        "CALL (replaced) { WITH replaced WHERE replaced IS NOT NULL DELETE replaced } "
        f"CREATE (a)-[r:{rel}]->(b) SET r = row.props, r._hash = row.hash "
        "RETURN [a.id, b.id] AS pair, left } "
        "RETURN count(CASE WHEN write AND existed THEN 1 END) AS updated, "
        "count(CASE WHEN write AND NOT existed THEN 1 END) AS created, "
        "collect(clashed)[..10] AS clashes, collect(pair) AS pairs, collect(left) AS left"
    )


def create_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Create ties of one type that are new to their dataset, as merge_ties would: a tie id
    held by another dataset is not written but returned in `clashes`. Half the planning time
    of merge_ties (80 ms against 160 ms a type on a fresh database), paid once per type by a
    first load."""
    rel = allowed(tie_type, schema.ties, "tie type")
    return (
        "UNWIND $rows AS row "
        f"OPTIONAL MATCH ()-[old:{rel} {{id: row.id}}]->() USING INDEX SEEK old:{rel}(id) "
        "WITH row, old "
        "MATCH (sr:Record {id: row.source})-[:RECORD_OF]->(a) "
        "USING INDEX SEEK sr:Record(id) "
        "MATCH (tr:Record {id: row.target})-[:RECORD_OF]->(b) "
        "USING INDEX SEEK tr:Record(id) "
        "FOREACH (new IN CASE WHEN old IS NULL THEN [row] ELSE [] END | "
        f"CREATE (a)-[r:{rel}]->(b) SET r = new.props, r._hash = new.hash) "
        "RETURN 0 AS updated, count(CASE WHEN old IS NULL THEN 1 END) AS created, "
        "collect(CASE WHEN old IS NOT NULL THEN {id: old.id, dataset: old.dataset} END)[..10] "
        "AS clashes, collect(CASE WHEN old IS NULL THEN [a.id, b.id] END) AS pairs, [] AS left"
    )


def dataset_ties(schema: Schema, types: Iterable[str]) -> LiteralString:
    """The ids and content hashes of one dataset's ties of `types`, by type, in lists of at
    most $chunk: one seek per type on its dataset index, in one statement. Lists, because the
    driver reads a list of 100k ids about ten times faster than 100k records. Only the types
    the dataset holds: a union over every type of the schema takes seconds to plan, again
    whenever the graph's statistics change."""
    parts: list[LiteralString] = []
    for tie_type in types:
        rel = allowed(tie_type, schema.ties, "tie type")
        parts.append(
            f"MATCH ()-[r:{rel} {{dataset: $dataset}}]->() USING INDEX SEEK r:{rel}(dataset) "
            f"WITH type(r) AS type, collect(r.id) AS ids, {_TIE_HASHES} {_CHUNKS} "
            f"RETURN type, {_SLICES}"
        )
    return " UNION ALL ".join(parts)


# The same for a dataset recorded without its types (by an older version, or none at all):
# one scan of every tie.
ANY_DATASET_TIES: LiteralString = (
    "MATCH ()-[r]->() WHERE r.dataset = $dataset "
    f"WITH type(r) AS type, collect(r.id) AS ids, {_TIE_HASHES} {_CHUNKS} "
    f"RETURN type, {_SLICES}"
)


def delete_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Delete one dataset's ties of one type by id; return how many, and the entities at
    their ends."""
    rel = allowed(tie_type, schema.ties, "tie type")
    return (
        f"UNWIND $ids AS id MATCH (a)-[r:{rel} {{id: id}}]->(b) USING INDEX SEEK r:{rel}(id) "
        "WHERE r.dataset = $dataset WITH r, a.id AS a, b.id AS b DELETE r "
        "RETURN count(r) AS deleted, collect(DISTINCT a) + collect(DISTINCT b) AS ends"
    )


def drop_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Delete every tie of one type that a dataset loaded; return how many, and the entities
    at their ends."""
    rel = allowed(tie_type, schema.ties, "tie type")
    return (
        f"MATCH (a)-[r:{rel} {{dataset: $dataset}}]->(b) USING INDEX SEEK r:{rel}(dataset) "
        "WITH r, a.id AS a, b.id AS b DELETE r "
        "RETURN count(r) AS deleted, collect(DISTINCT a) + collect(DISTINCT b) AS ends"
    )


MISSING_ENDS: LiteralString = (
    "UNWIND $ids AS id OPTIONAL MATCH (n:Record {id: id}) USING INDEX SEEK n:Record(id) "
    "WITH id, n WHERE n IS NULL OR n.dataset = $dataset RETURN id, n IS NOT NULL AS removed"
)
DATASET_NODES: LiteralString = (
    "MATCH (n:Record {dataset: $dataset}) USING INDEX SEEK n:Record(dataset) "
    f"WITH collect(n.id) AS ids, {_RECORD_HASHES} {_CHUNKS} RETURN {_SLICES}"
)
# Ties of other datasets that name records about to be deleted as an end: what refuses it.
FOREIGN_TIES: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Record {id: id})-[:RECORD_OF]->()-[r]-() "
    "USING INDEX SEEK n:Record(id) "
    "WHERE NOT r:RECORD_OF AND r.dataset <> $dataset AND (r.source_id = id OR r.target_id = id) "
    "RETURN r.dataset AS dataset, count(DISTINCT r) AS ties, count(DISTINCT n) AS entities, "
    "collect(DISTINCT n.id)[..3] AS examples ORDER BY dataset"
)
# Records go with their link to an entity; the entities they leave are regrouped after.
DELETE_NODES: LiteralString = (
    "UNWIND $ids AS id MATCH (n:Record {id: id}) USING INDEX SEEK n:Record(id) "
    "WHERE n.dataset = $dataset OPTIONAL MATCH (n)-[:RECORD_OF]->(e) "
    "WITH n, n.kind AS kind, e.id AS entity DETACH DELETE n "
    "RETURN kind, count(*) AS deleted, collect(DISTINCT entity) AS entities"
)
DATASET: LiteralString = "MATCH (d:Dataset {name: $name}) RETURN properties(d) AS props"
# A dataset's rank says which came first: its records give their entities ids and names.
RANK_DATASET: LiteralString = (
    "OPTIONAL MATCH (o:Dataset) WITH coalesce(max(o.rank), 0) + 1 AS next "
    "MERGE (d:Dataset {name: $name}) ON CREATE SET d.rank = coalesce($rank, next)"
)
MERGE_DATASET: LiteralString = (
    "OPTIONAL MATCH (o:Dataset) WITH coalesce(max(o.rank), 0) + 1 AS next "
    "MERGE (d:Dataset {name: $name}) ON CREATE SET d.rank = next "
    "SET d.version = $version, d.files = $files, d.loaded_at = datetime(), "
    "d.nodes = $nodes, d.ties = $ties, d.types = $types"
)
# drop: ties of other datasets that name its records as an end (they go with them), then the rest
DROP_FOREIGN_TIES: LiteralString = (
    "MATCH (n:Record {dataset: $dataset})-[:RECORD_OF]->()-[r]-() "
    "USING INDEX SEEK n:Record(dataset) WHERE NOT r:RECORD_OF AND r.dataset <> $dataset "
    "AND (r.source_id = n.id OR r.target_id = n.id) "
    "WITH DISTINCT r WITH r, r.dataset AS dataset, type(r) AS type, "
    "[startNode(r).id, endNode(r).id] AS ends DELETE r "
    "RETURN dataset, type, count(*) AS deleted, collect(ends) AS ends"
)
DROP_NODES: LiteralString = (
    "MATCH (n:Record {dataset: $dataset}) OPTIONAL MATCH (n)-[:RECORD_OF]->(e) "
    "WITH n, n.kind AS kind, e.id AS entity DETACH DELETE n "
    "RETURN kind, count(*) AS deleted, collect(DISTINCT entity) AS entities"
)
DROP_DATASET: LiteralString = (
    "OPTIONAL MATCH (d:Dataset {name: $dataset}) DELETE d RETURN count(d) AS deleted"
)
LESS_TIES: LiteralString = (
    "UNWIND $lost AS lost MATCH (d:Dataset {name: lost.dataset}) "
    "USING INDEX SEEK d:Dataset(name) SET d.ties = d.ties - lost.ties"
)
