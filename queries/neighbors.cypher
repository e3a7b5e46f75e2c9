// name: neighbors
// The ego network of an entity up to a depth: every tie that reaches an entity at its nearest
// distance, grouped by distance and tie type, with at most $cap shown per group (the rest
// counted), so very connected entities stay readable.
// param id: entity  Id or name of the entity at the centre.
// param types: tie_types  Tie types to follow.
// param depth: integer = 1  How many ties out (1-3).
// param cap: integer = 25  Ties shown per group at most.
// param as_of: date = null  Only ties valid at this date (YYYY, YYYY-MM or YYYY-MM-DD).
MATCH (c:Entity {id: $id})
// One branch per depth, each entered only when asked for: the pattern itself is bounded.
CALL (c) {
  MATCH p = (c) ((x)-[r]-(y)
    WHERE type(r) IN $types
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){1} (n)
  RETURN p, n
  UNION ALL
  MATCH p = (c) ((x)-[r]-(y)
    WHERE type(r) IN $types
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){2} (n)
  WHERE $depth >= 2
  RETURN p, n
  UNION ALL
  MATCH p = (c) ((x)-[r]-(y)
    WHERE type(r) IN $types
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){3} (n)
  WHERE $depth >= 3
  RETURN p, n
}
WITH c, p, n WHERE n <> c
WITH n, length(p) AS hops, last(relationships(p)) AS r
WITH n, min(hops) AS distance, collect({hops: hops, r: r}) AS reached
UNWIND [x IN reached WHERE x.hops = distance | x.r] AS r
WITH DISTINCT distance, n, r
WITH distance, type(r) AS type,
     collect({entity: n {.id, .name, .kind}, tie: r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}}) AS found
RETURN distance, type, size(found) AS total, found[..$cap] AS shown
ORDER BY distance, total DESC, type
