// name: brokers
// The intermediaries that the routes between A and B depend on: for each entity inside the
// shortest routes (up to 50; a route is a sequence of distinct entities, however many
// parallel ties join them), how many routes pass through it, with the sources of its ties on
// them. An entity on every route is a cut point: remove it and A and B fall apart at that
// distance.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types a route may follow.
// param max_hops: integer = 4  Longest route, in ties (2-6).
// param limit: integer = 20  How many brokers at most.
// param since: date = null  Only routes whose every step has a tie valid at some time from this date on.
// param until: date = null  Only routes whose every step has a tie valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, let ties that have no dates at all count too.
// param grades: list = null  Confidence grades a step's tie may have (null: any grade).
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
// One step per pair of entities, on their LINKED (as in paths.cypher): routes of entities, not
// of ties.
MATCH p = SHORTEST 50 (a)
  ((x)-[r:LINKED]-(y) WHERE y <> a AND x <> b AND any(t IN r.types WHERE t IN $types)){1,6}
  (b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
// With a date or grades, a route counts when each of its steps has a tie that passes them.
  AND ($since IS NULL AND $until IS NULL AND $grades IS NULL OR all(i IN range(0, length(p) - 1) WHERE EXISTS {
    MATCH (u)-[s]-(v) WHERE u = nodes(p)[i] AND v = nodes(p)[i + 1] AND type(s) IN $types
      AND ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
      AND ($since IS NULL AND $until IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
        AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
        AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
            <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
  }))
WITH collect(p) AS routes
WITH routes, size(routes) AS total
UNWIND routes AS p
UNWIND range(1, length(p) - 1) AS i
WITH total, p, nodes(p)[i] AS broker, [nodes(p)[i - 1], nodes(p)[i + 1]] AS sides
WITH broker, total, count(DISTINCT p) AS through, collect(sides) AS pairs
ORDER BY through DESC, broker.name
LIMIT $limit
// The sources of the broker's ties to its neighbours on the routes: what to cite.
CALL (broker, pairs) {
  UNWIND pairs AS side
  UNWIND side AS other
  WITH DISTINCT other
  MATCH (broker)-[s]-(other)
  WHERE type(s) IN $types AND ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
    AND ($since IS NULL AND $until IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
      AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
      AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
          <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
  UNWIND coalesce(s.sources, []) AS source
  WITH DISTINCT source ORDER BY source
  RETURN collect(source) AS sources
}
RETURN broker.id AS id, broker.name AS name, broker.kind AS kind, through AS routes, total AS of_routes,
       round(1.0 * through / total, 3) AS share, through = total AS cut_point, sources
ORDER BY through DESC, name
