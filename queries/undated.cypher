// name: undated
// How many ties of the given entities have no dates at all: what an answer at a date leaves
// out unless asked to keep them (--undated).
// param ids: list  Ids of the entities.
// param types: tie_types  Tie types counted.
UNWIND $ids AS id
MATCH (x:Entity {id: id})-[r]-()
WHERE type(r) IN $types AND r.since IS NULL AND r.until IS NULL
RETURN count(r) AS ties
