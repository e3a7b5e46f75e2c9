// name: members
// Members or parties of an organization, agreement or faction (MEMBER_OF and PARTY_TO ties),
// optionally only those valid at a date.
// param id: entity  Id or name of the organization, agreement or faction.
// param since: date = null  Only memberships valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only memberships valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep memberships that have no dates at all too.
// param grades: list = null  Confidence grades a tie may have (null: any grade).
MATCH (m:Entity)-[r:MEMBER_OF|PARTY_TO]->(x:Entity {id: $id})
WHERE ($grades IS NULL OR coalesce(r.confidence, 'reported') IN $grades) AND ($since IS NULL AND $until IS NULL OR (
    (r.since IS NOT NULL OR r.until IS NOT NULL OR $undated)
    AND ((r.since IS NULL OR $until IS NULL OR left(r.since, size($until)) <= left($until, size(r.since)))
    AND coalesce(left($since, size(coalesce(r.until, last(r.delivery_years), toString(r.year))))
        <= left(coalesce(r.until, last(r.delivery_years), toString(r.year)), size($since)), true))))
RETURN m.id AS id, m.name AS name, m.kind AS kind, type(r) AS tie, coalesce(r.role, r.status) AS role,
       r.since AS since, r.until AS until, r.confidence AS confidence, r.note AS note, r.sources AS sources
ORDER BY m.name, r.since
