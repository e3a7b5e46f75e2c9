"""The loader's Cypher. Labels and types come only from the schema's allow-list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import LiteralString

from loader.schema import Schema


def _allowed(name: str, allowed: Mapping[str, object], what: str) -> LiteralString:
    if name not in allowed:
        raise ValueError(f"{what} {name!r} is not in the schema")
    # Safe to splice into Cypher: the name is one of the schema's own identifiers.
    # (mypy reads LiteralString as str, so no cast is needed or allowed.)
    return name


# Constraints are backed by indexes of the same name, so one listing covers both.
SCHEMA_NAMES: LiteralString = "SHOW INDEXES YIELD name"


def schema_statements(schema: Schema) -> dict[str, LiteralString]:
    """Constraints and indexes by name: unique ids, name search, what queries filter on."""
    statements: dict[str, LiteralString] = {
        "entity_id": "CREATE CONSTRAINT entity_id IF NOT EXISTS "
        "FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "entity_dataset": "CREATE INDEX entity_dataset IF NOT EXISTS FOR (n:Entity) ON (n.dataset)",
        "entity_name": "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)",
        "entity_names": "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS "
        "FOR (n:Entity) ON EACH [n.name, n.aliases] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    }
    for tie_type in schema.ties:
        rel = _allowed(tie_type, schema.ties, "tie type")
        name = f"tie_id_{rel.lower()}"
        statements[name] = (
            f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
        )
    return statements


def merge_nodes(schema: Schema, kind: str) -> LiteralString:
    """Create or update nodes of one kind; rows whose content hash is unchanged are skipped.

    An id already held by another dataset or kind is not written but returned in `clashes`;
    the loader then refuses the load and rolls its transaction back.
    """
    label = _allowed(kind, schema.kinds, "kind")
    return (
        "UNWIND $rows AS row "
        "OPTIONAL MATCH (old:Entity {id: row.id}) USING INDEX old:Entity(id) "
        "WITH row, old, old IS NOT NULL AND "
        "(old.dataset <> row.props.dataset OR old.kind <> row.props.kind) AS clash "
        "WITH row, old, clash, NOT clash AND (old IS NULL OR old._hash <> row.hash) AS write "
        "CALL (row, write) { WITH * WHERE write "
        "MERGE (n:Entity {id: row.id}) "
        f"SET n = row.props, n._hash = row.hash, n:{label} }} "
        "RETURN count(CASE WHEN write AND old IS NOT NULL THEN 1 END) AS updated, "
        "count(CASE WHEN write AND old IS NULL THEN 1 END) AS created, "
        "collect(CASE WHEN clash THEN {id: old.id, dataset: old.dataset, kind: old.kind, "
        "new_kind: row.props.kind} END)[..10] AS clashes"
    )


def merge_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Create or replace ties of one type, keyed on their id; unchanged ties are skipped.

    The index hints keep a plan cached while the database was empty from scanning every tie
    of the type once it is full.
    """
    rel = _allowed(tie_type, schema.ties, "tie type")
    return (
        "UNWIND $rows AS row "
        f"OPTIONAL MATCH ()-[old:{rel} {{id: row.id}}]->() USING INDEX old:{rel}(id) "
        "WITH row, old WHERE old IS NULL OR old._hash <> row.hash "
        "MATCH (a:Entity {id: row.source}) USING INDEX a:Entity(id) "
        "MATCH (b:Entity {id: row.target}) USING INDEX b:Entity(id) "
        "WITH row, old, a, b, old IS NOT NULL AS replaced "
        "CALL (old) { WITH old WHERE old IS NOT NULL DELETE old } "
        f"CREATE (a)-[r:{rel}]->(b) SET r = row.props, r._hash = row.hash "
        "RETURN count(CASE WHEN replaced THEN 1 END) AS updated, "
        "count(CASE WHEN NOT replaced THEN 1 END) AS created"
    )


MISSING_ENDS: LiteralString = (
    "UNWIND $ids AS id OPTIONAL MATCH (n:Entity {id: id}) WITH id WHERE n IS NULL RETURN id"
)
DELETE_DATASET_TIES: LiteralString = (
    "MATCH ()-[r]->() WHERE r.dataset = $dataset DELETE r RETURN count(r) AS deleted"
)
DELETE_DATASET_NODES: LiteralString = (
    "MATCH (n:Entity {dataset: $dataset}) DETACH DELETE n RETURN count(*) AS deleted"
)
