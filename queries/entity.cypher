// name: entity
// One entity by id, with its kind and aliases.
// param id: string  Id of the entity.
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.aliases AS aliases, n.description AS description
