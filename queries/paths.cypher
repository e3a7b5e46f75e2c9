// name: paths
// The shortest routes between two entities through the tie types given, avoiding the excluded
// entities, using only ties valid at a date if given. A route is a sequence of distinct
// entities: the ties between two neighbours on it (parallel ties, e.g. one per arms transfer)
// make one step, listed whole in `steps`, so every route returned is a different one. The
// direct ties, if any, are the first route. Provenance ties (MENTIONS) and data ties are never
// followed unless named in $types.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types a route may follow.
// param exclude: list = []  Ids of entities a route must avoid.
// param max_hops: integer = 4  Longest route, in steps (1-6).
// param limit: integer = 5  How many routes at most (up to 25).
// param since: date = null  Only ties valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only ties valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep ties that have no dates at all too.
// param grades: list = null  Confidence grades a tie may have (null: any grade).
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
OPTIONAL MATCH (z:Entity) WHERE z.id IN $exclude
WITH a, b, collect(z) AS excluded
// A step walks the LINKED of two entities (see loader/links.py) when they have a tie of a type
// $types holds whose dates meet the period: one step per pair of entities, so SHORTEST counts
// routes of entities, not combinations of parallel ties, and a hub costs its neighbours, not
// its ties.
MATCH p = SHORTEST 25 (a)
  ((x)-[r:LINKED]-(y)
    WHERE NOT y IN excluded AND y <> a AND x <> b
      AND any(i IN range(0, size(r.types) - 1) WHERE r.types[i] IN $types
        AND ($until IS NULL OR left(r.starts[i], size($until)) <= left($until, size(r.starts[i])))
        AND ($since IS NULL OR left($since, size(r.ends[i])) <= left(r.ends[i], size($since))))
  ){1,6}
  (b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p, nodes(p) AS route
ORDER BY length(p), [n IN route | n.name]
// Without dates or $grades every step has its ties: only the routes shown need them read.
LIMIT CASE WHEN $since IS NULL AND $until IS NULL AND $grades IS NULL THEN $limit ELSE 25 END
CALL (route) {
  UNWIND range(0, size(route) - 2) AS i
  WITH i, route[i] AS x, route[i + 1] AS y
  CALL (x, y) {
    MATCH (x)-[s]-(y)
    WHERE type(s) IN $types AND ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
      AND ($since IS NULL AND $until IS NULL OR (
        (s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
        AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
        AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
            <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
    WITH s ORDER BY type(s), s.since, s.id
    RETURN collect(s {.*, type: type(s), from: startNode(s).id, to: endNode(s).id}) AS ties
  }
  WITH i, ties ORDER BY i
  RETURN collect(ties) AS steps
}
// A type's dates may have gaps: a step with no tie valid in the period (or of $grades) drops its
// route.
WITH p, route, steps WHERE all(step IN steps WHERE size(step) > 0)
ORDER BY length(p), [n IN route | n.name]
LIMIT $limit
RETURN length(p) AS hops, [n IN route | n {.id, .name, .kind}] AS nodes, steps
