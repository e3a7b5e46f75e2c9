// name: members
// Members or parties of an organization, agreement or faction (MEMBER_OF and PARTY_TO ties),
// optionally only those valid at a date.
// param id: entity  Id or name of the organization, agreement or faction.
// param as_of: date = null  Only memberships valid at this date (YYYY, YYYY-MM or YYYY-MM-DD).
MATCH (m:Entity)-[r:MEMBER_OF|PARTY_TO]->(x:Entity {id: $id})
WHERE $as_of IS NULL OR (
    (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
    AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of))))
RETURN m.id AS id, m.name AS name, m.kind AS kind, type(r) AS tie, coalesce(r.role, r.status) AS role,
       r.since AS since, r.until AS until, r.sources AS sources
ORDER BY m.name, r.since
