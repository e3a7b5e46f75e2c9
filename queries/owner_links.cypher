// name: owner_links
// The owners of some entities, one level of an ownership search: for each entity and each of
// its owners, the latest stake (held in the period, of the grades). `Explorer.owners` goes up
// from the owned entity level by level with it: each owner once, with its shortest chain and
// its total over all its chains (see explorer/ownership.py).
// param ids: list  Ids of the owned entities.
// param since: date = null  Only stakes held at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only stakes held at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep stakes that have no dates at all too.
// param grades: list = null  Confidence grades a stake may have (null: any grade).
UNWIND $ids AS id
MATCH (a:Entity)-[s:OWNS]->(b:Entity {id: id})
WHERE ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
  AND ($since IS NULL AND $until IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
    AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
    AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
        <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
WITH a, b, s ORDER BY coalesce(s.since, '') DESC, s.id
WITH a, b, collect(s)[0] AS latest
RETURN a.id AS owner, a.name AS name, a.kind AS kind, b.id AS owned, latest.share AS share,
       latest {.share, .since, .until, .sources, .evidence} AS stake
ORDER BY owned, owner
