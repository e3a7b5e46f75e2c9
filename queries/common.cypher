// name: common
// Entities tied to both A and B, those with most ties first, with the ties on each side
// summed up per tie type: how many, the first and last date, amounts per unit, sources, and
// the latest $cap of them listed. Each side is gathered on its own, so thousands of ties on
// one side never multiply the other's.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types to consider.
// param limit: integer = 50  How many shared entities at most.
// param cap: integer = 10  Ties listed per side and tie type at most.
// param since: date = null  Only ties valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only ties valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep ties that have no dates at all too.
// param grades: list = null  Confidence grades a tie may have (null: any grade).
MATCH (a:Entity {id: $a})-[ra]-(c:Entity)
WHERE type(ra) IN $types AND c.id <> $b AND c <> a
  AND ($grades IS NULL OR coalesce(ra.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR (
    (ra.since IS NOT NULL OR ra.until IS NOT NULL OR $undated)
    AND ((ra.since IS NULL OR $until IS NULL OR left(ra.since, size($until)) <= left($until, size(ra.since)))
    AND coalesce(left($since, size(coalesce(ra.until, last(ra.delivery_years), toString(ra.year))))
        <= left(coalesce(ra.until, last(ra.delivery_years), toString(ra.year)), size($since)), true))))
WITH a, c, collect(ra) AS side_a
MATCH (c)-[rb]-(b:Entity {id: $b})
WHERE type(rb) IN $types
  AND ($grades IS NULL OR coalesce(rb.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR (
    (rb.since IS NOT NULL OR rb.until IS NOT NULL OR $undated)
    AND ((rb.since IS NULL OR $until IS NULL OR left(rb.since, size($until)) <= left($until, size(rb.since)))
    AND coalesce(left($since, size(coalesce(rb.until, last(rb.delivery_years), toString(rb.year))))
        <= left(coalesce(rb.until, last(rb.delivery_years), toString(rb.year)), size($since)), true))))
WITH c, side_a, collect(rb) AS side_b
ORDER BY size(side_a) + size(side_b) DESC, c.name
LIMIT $limit
UNWIND [['a', side_a], ['b', side_b]] AS side
CALL (side) {
  UNWIND side[1] AS r
  WITH type(r) AS type, r ORDER BY coalesce(r.since, r.until) DESC, r.id
  WITH type, collect(r) AS ties, min(r.since) AS first, max(coalesce(r.until, r.since)) AS last
  CALL (ties) {
    UNWIND ties AS t
    WITH coalesce(t.unit, t.currency) AS unit, sum(coalesce(t.value, t.amount)) AS total,
         count(coalesce(t.value, t.amount)) AS valued
    WHERE valued > 0
    RETURN collect({unit: unit, total: total}) AS totals
  }
  CALL (ties) {
    UNWIND ties AS t
    UNWIND coalesce(t.sources, []) AS source
    RETURN collect(DISTINCT source) AS sources
  }
  WITH type, size(ties) AS count, first, last, totals, sources,
       [t IN ties WHERE coalesce(t.confidence, 'reported') <> 'reported' | t.confidence] AS grades,
       [t IN ties[..$cap] | t {.*, type: type(t), from: startNode(t).id, to: endNode(t).id}] AS listed
  ORDER BY count DESC, type
  RETURN collect({type: type, count: count, first: first, last: last, totals: totals,
                  sources: sources, grades: grades, ties: listed}) AS groups
}
WITH c, collect(groups) AS sides
RETURN c.id AS id, c.name AS name, c.kind AS kind, sides[0] AS ties_a, sides[1] AS ties_b
ORDER BY reduce(n = 0, g IN sides[0] + sides[1] | n + g.count) DESC, name
