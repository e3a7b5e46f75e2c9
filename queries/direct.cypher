// name: direct
// The ties directly between two entities, in either direction, valid at a date if given.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types to show.
// param as_of: date = null  Only ties valid at this date (YYYY, YYYY-MM or YYYY-MM-DD).
MATCH (a:Entity {id: $a})-[r]-(b:Entity {id: $b})
WHERE type(r) IN $types
  AND ($as_of IS NULL OR (
    (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
    AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
RETURN 1 AS hops,
       [a {.id, .name, .kind}, b {.id, .name, .kind}] AS nodes,
       [r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS ties
ORDER BY type(r), r.since
