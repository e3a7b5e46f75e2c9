// name: paths
// The shortest routes of two or more ties between two entities, through the tie types given,
// avoiding the excluded entities, using only ties valid at a date if given. Provenance ties
// (MENTIONS) and data ties are never followed unless named in $types.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types a route may follow.
// param exclude: list = []  Ids of entities a route must avoid.
// param max_hops: integer = 4  Longest route, in ties (2-6).
// param limit: integer = 5  How many routes at most.
// param as_of: date = null  Only ties valid at this date (YYYY, YYYY-MM or YYYY-MM-DD).
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = SHORTEST 25 (a)
  ((x)-[r]-(y)
    WHERE type(r) IN $types AND NOT y.id IN $exclude AND y.id <> $a AND x.id <> $b
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){2,6}
  (b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p ORDER BY length(p) LIMIT $limit
RETURN length(p) AS hops,
       [n IN nodes(p) | n {.id, .name, .kind}] AS nodes,
       [r IN relationships(p) | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS ties
