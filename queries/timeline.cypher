// name: timeline
// An entity's ties ordered by date (dated ties first, then undated ones).
// param id: entity  Id or name of the entity.
// param types: tie_types  Tie types to show.
// param limit: integer = 200  How many ties at most (the first in date order).
MATCH (x:Entity {id: $id})-[r]-(other:Entity)
WHERE type(r) IN $types
RETURN coalesce(r.since, r.until) AS date, r.since AS since, r.until AS until, type(r) AS tie,
       startNode(r) = x AS outgoing, other.id AS other_id, other.name AS other,
       r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id} AS details
ORDER BY date IS NULL, date, tie, other
LIMIT $limit
