// name: arms_recipients
// Whom a supplier armed most: its SUPPLIED_ARMS_TO ties summed per recipient and unit of value
// over a range of years (undated transfers count only when no range is given), with the sources.
// param id: entity  Id or name of the supplier, e.g. russia.
// param from_year: integer = 0  First year counted.
// param to_year: integer = 9999  Last year counted.
MATCH (:Entity {id: $id})-[r:SUPPLIED_ARMS_TO]->(recipient:Entity)
WITH recipient, r, coalesce(r.year, toInteger(left(r.since, 4))) AS year
WHERE $from_year <= year <= $to_year OR (year IS NULL AND $from_year = 0 AND $to_year = 9999)
UNWIND coalesce(r.sources, [null]) AS source
WITH recipient, r.unit AS unit, collect(DISTINCT r) AS transfers, collect(DISTINCT source) AS sources
RETURN recipient.id AS id, recipient.name AS recipient, unit,
       reduce(total = 0.0, t IN transfers | total + coalesce(t.value, 0)) AS total,
       size(transfers) AS transfers, sources
ORDER BY unit IS NULL, unit, total DESC, recipient
