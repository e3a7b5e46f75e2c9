// name: timeline
// An entity's ties ordered by date (dated ties first, then undated ones).
// param id: entity  Id or name of the entity.
// param types: tie_types  Tie types to show.
// param limit: integer = 200  How many ties at most (the first in date order).
// param since: date = null  Only ties valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only ties valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep ties that have no dates at all too.
// param grades: list = null  Confidence grades a tie may have (null: any grade).
MATCH (x:Entity {id: $id})-[r]-(other:Entity)
WHERE type(r) IN $types
  AND ($grades IS NULL OR coalesce(r.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR (
    (r.since IS NOT NULL OR r.until IS NOT NULL OR $undated)
    AND ((r.since IS NULL OR $until IS NULL OR left(r.since, size($until)) <= left($until, size(r.since)))
    AND coalesce(left($since, size(coalesce(r.until, last(r.delivery_years), toString(r.year))))
        <= left(coalesce(r.until, last(r.delivery_years), toString(r.year)), size($since)), true))))
RETURN coalesce(r.since, r.until) AS date, r.since AS since, r.until AS until, type(r) AS tie,
       startNode(r) = x AS outgoing, other.id AS other_id, other.name AS other,
       r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id} AS details
ORDER BY date IS NULL, date, tie, other
LIMIT $limit
