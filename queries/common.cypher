// name: common
// Entities tied to both A and B, with the ties on each side.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types to consider.
// param limit: integer = 50  How many shared entities at most.
MATCH (a:Entity {id: $a})-[ra]-(c:Entity)-[rb]-(b:Entity {id: $b})
WHERE type(ra) IN $types AND type(rb) IN $types AND c <> a AND c <> b
WITH c,
     collect(DISTINCT ra {.*, type: type(ra), from: startNode(ra).id, to: endNode(ra).id}) AS ties_a,
     collect(DISTINCT rb {.*, type: type(rb), from: startNode(rb).id, to: endNode(rb).id}) AS ties_b
RETURN c.id AS id, c.name AS name, c.kind AS kind, ties_a, ties_b
ORDER BY size(ties_a) + size(ties_b) DESC, name
LIMIT $limit
