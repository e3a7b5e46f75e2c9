// name: entity
// One entity by the id of any of its records, with its kind and aliases.
// param id: string  Id of the entity or of one of its records.
MATCH (:Record {id: $id})-[:RECORD_OF]->(n:Entity)
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, n.description AS description
