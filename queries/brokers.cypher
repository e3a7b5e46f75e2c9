// name: brokers
// The intermediaries that the routes between A and B depend on: for each entity inside the
// shortest routes (up to 50; a route is a sequence of distinct entities, however many
// parallel ties join them), how many routes pass through it. An entity on every route is a
// cut point: remove it and A and B fall apart at that distance.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types a route may follow.
// param max_hops: integer = 4  Longest route, in ties (2-6).
// param limit: integer = 20  How many brokers at most.
// param as_of: date = null  Only routes whose every step has a tie valid at this date.
// param undated: boolean = false  With $as_of, let ties that have no dates at all count too.
// param grades: list = null  Confidence grades a step's tie may have (null: any grade).
MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
// One lead tie per pair of entities (as in paths.cypher): routes of entities, not of ties.
MATCH p = SHORTEST 50 (a)
  ((x)-[r WHERE r._lead]-(y)
    WHERE y.id <> $a AND x.id <> $b
      AND type(r) = head([t IN coalesce(r._types, []) WHERE t IN $types])
  ){1,6}
  (b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
// With a date or grades, a route counts when each of its steps has a tie that passes them.
  AND ($as_of IS NULL AND $grades IS NULL OR all(i IN range(0, length(p) - 1) WHERE EXISTS {
    MATCH (u)-[s]-(v) WHERE u = nodes(p)[i] AND v = nodes(p)[i + 1] AND type(s) IN $types
      AND ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
      AND ($as_of IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
        AND ((s.since IS NULL OR left(s.since, size($as_of)) <= left($as_of, size(s.since)))
        AND coalesce(left($as_of, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
            <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($as_of)), true))))
  }))
WITH collect(p) AS routes
WITH routes, size(routes) AS total
UNWIND routes AS p
UNWIND nodes(p)[1..-1] AS broker
WITH broker, total, count(DISTINCT p) AS through
RETURN broker.id AS id, broker.name AS name, broker.kind AS kind, through AS routes, total AS of_routes,
       round(1.0 * through / total, 3) AS share, through = total AS cut_point
ORDER BY through DESC, name
LIMIT $limit
