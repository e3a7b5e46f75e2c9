// name: direct
// The ties directly between two entities, in either direction, valid at a date if given.
// param a: entity  Id or name of the first entity.
// param b: entity  Id or name of the second entity.
// param types: tie_types  Tie types to show.
// param since: date = null  Only ties valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only ties valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep ties that have no dates at all too.
MATCH (a:Entity {id: $a})-[r]-(b:Entity {id: $b})
WHERE type(r) IN $types
  AND ($since IS NULL AND $until IS NULL OR (
    (r.since IS NOT NULL OR r.until IS NOT NULL OR $undated)
    AND ((r.since IS NULL OR $until IS NULL OR left(r.since, size($until)) <= left($until, size(r.since)))
    AND coalesce(left($since, size(coalesce(r.until, last(r.delivery_years), toString(r.year))))
        <= left(coalesce(r.until, last(r.delivery_years), toString(r.year)), size($since)), true))))
RETURN 1 AS hops,
       [a {.id, .name, .kind}, b {.id, .name, .kind}] AS nodes,
       [r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS ties
ORDER BY type(r), r.since
