// name: owner_links
// The stakes among some entities: for each pair of them where one owns the other, the latest
// stake (held in the period, of the grades). What an owner's total effective stake over all
// its chains is summed from, level by level (see `Explorer.owners`).
// param ids: list  Ids of the owned entity and its owners.
// param since: date = null  Only stakes held at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only stakes held at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep stakes that have no dates at all too.
// param grades: list = null  Confidence grades a stake may have (null: any grade).
UNWIND $ids AS id
MATCH (a:Entity)-[s:OWNS]->(b:Entity {id: id})
WHERE a.id IN $ids AND ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
    AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
    AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
        <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
WITH a, b, s ORDER BY coalesce(s.since, '') DESC, s.id
WITH a, b, collect(s)[0] AS latest
RETURN a.id AS owner, b.id AS owned, latest.share AS share
