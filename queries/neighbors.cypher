// name: neighbors
// The ego network of an entity up to a depth: each entity around it once, at its nearest
// distance, grouped by distance, tie type and direction, with all the ties that reach it
// there summed up (how many, first and last date, amounts per unit, sources; the latest $cap
// of them listed) and, beyond distance 1, the entities it is reached through. Each group shows
// at most $cap entities, those with most ties first, and counts the rest (`total` entities
// and `ties`), so very connected entities stay readable.
// param id: entity  Id or name of the entity at the centre.
// param types: tie_types  Tie types to follow.
// param depth: integer = 1  How many ties out (1-3).
// param cap: integer = 25  Entities shown per group at most.
// param symmetric: tie_types = []  Tie types without a direction (the API passes the schema's).
// param since: date = null  Only ties valid at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only ties valid at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep ties that have no dates at all too.
// param grades: list = null  Confidence grades a tie may have (null: any grade).
MATCH (c:Entity {id: $id})
// Each entity is counted at its nearest distance only: a branch leaves out the entities
// nearer than its own, `near` (distance 1, with a tie meeting the period and grades) and, at
// depth 3, `second`. Each branch walks LINKED (loader/links.py), one per pair of tied
// entities, so a hub costs its neighbours, not its ties.
CALL (c) {
  WITH c WHERE $depth >= 2
  OPTIONAL MATCH (c)-[l:LINKED]-(v)
  WHERE v <> c AND any(i IN range(0, size(l.types) - 1) WHERE l.types[i] IN $types
      AND ($until IS NULL OR left(l.starts[i], size($until)) <= left($until, size(l.starts[i])))
      AND ($since IS NULL OR left($since, size(l.ends[i])) <= left(l.ends[i], size($since))))
    AND ($since IS NULL AND $until IS NULL AND $grades IS NULL
      OR EXISTS { MATCH (c)-[r1]-(v) WHERE type(r1) IN $types
        AND ($grades IS NULL OR coalesce(r1.confidence, 'reported') IN $grades)
        AND ($since IS NULL AND $until IS NULL OR (
          (r1.since IS NOT NULL OR r1.until IS NOT NULL OR $undated)
          AND ((r1.since IS NULL OR $until IS NULL OR left(r1.since, size($until)) <= left($until, size(r1.since)))
          AND coalesce(left($since, size(coalesce(r1.until, last(r1.delivery_years), toString(r1.year))))
              <= left(coalesce(r1.until, last(r1.delivery_years), toString(r1.year)), size($since)), true)))) })
  RETURN collect(v) AS near
}
CALL (c, near) {
  MATCH (c)-[l:LINKED]-(n)
  WHERE n <> c AND any(i IN range(0, size(l.types) - 1) WHERE l.types[i] IN $types
      AND ($until IS NULL OR left(l.starts[i], size($until)) <= left($until, size(l.starts[i])))
      AND ($since IS NULL OR left($since, size(l.ends[i])) <= left(l.ends[i], size($since))))
  RETURN 1 AS distance, c AS via, n, l
  UNION ALL
  WITH c, near WHERE $depth >= 2
  UNWIND near AS v
  MATCH (v)-[l:LINKED]-(n)
  WHERE n <> c AND NOT n IN near AND any(i IN range(0, size(l.types) - 1) WHERE l.types[i] IN $types
      AND ($until IS NULL OR left(l.starts[i], size($until)) <= left($until, size(l.starts[i])))
      AND ($since IS NULL OR left($since, size(l.ends[i])) <= left(l.ends[i], size($since))))
  RETURN 2 AS distance, v AS via, n, l
  UNION ALL
  WITH c, near WHERE $depth >= 3
  UNWIND near AS v1
  MATCH (v1)-[l2:LINKED]-(v)
  WHERE v <> c AND NOT v IN near AND any(i IN range(0, size(l2.types) - 1) WHERE l2.types[i] IN $types
      AND ($until IS NULL OR left(l2.starts[i], size($until)) <= left($until, size(l2.starts[i])))
      AND ($since IS NULL OR left($since, size(l2.ends[i])) <= left(l2.ends[i], size($since))))
    AND ($since IS NULL AND $until IS NULL AND $grades IS NULL
      OR EXISTS { MATCH (v1)-[r1]-(v) WHERE type(r1) IN $types
        AND ($grades IS NULL OR coalesce(r1.confidence, 'reported') IN $grades)
        AND ($since IS NULL AND $until IS NULL OR (
          (r1.since IS NOT NULL OR r1.until IS NOT NULL OR $undated)
          AND ((r1.since IS NULL OR $until IS NULL OR left(r1.since, size($until)) <= left($until, size(r1.since)))
          AND coalesce(left($since, size(coalesce(r1.until, last(r1.delivery_years), toString(r1.year))))
              <= left(coalesce(r1.until, last(r1.delivery_years), toString(r1.year)), size($since)), true)))) })
  WITH c, near, collect(DISTINCT v) AS second
  UNWIND second AS v
  MATCH (v)-[l:LINKED]-(n)
  WHERE n <> c AND NOT n IN near AND NOT n IN second AND any(i IN range(0, size(l.types) - 1) WHERE l.types[i] IN $types
      AND ($until IS NULL OR left(l.starts[i], size($until)) <= left($until, size(l.starts[i])))
      AND ($since IS NULL OR left($since, size(l.ends[i])) <= left(l.ends[i], size($since))))
  RETURN 3 AS distance, v AS via, n, l
}
// How many ties of each type and direction reach each entity from whom: without a period or
// grades, as LINKED counts them, without reading a tie; else the ties that meet them, each
// counted once ([type, ties, of which from via]).
WITH distance, via, n, CASE WHEN $since IS NULL AND $until IS NULL AND $grades IS NULL
  THEN [i IN range(0, size(l.types) - 1) WHERE l.types[i] IN $types | [l.types[i], l.counts[i],
        CASE WHEN startNode(l) = via THEN l.forward[i] ELSE l.counts[i] - l.forward[i] END]]
  ELSE COLLECT {
    MATCH (via)-[r]-(n)
    WHERE type(r) IN $types
      AND ($grades IS NULL OR coalesce(r.confidence, 'reported') IN $grades)
      AND ($since IS NULL AND $until IS NULL OR (
        (r.since IS NOT NULL OR r.until IS NOT NULL OR $undated)
        AND ((r.since IS NULL OR $until IS NULL OR left(r.since, size($until)) <= left($until, size(r.since)))
        AND coalesce(left($since, size(coalesce(r.until, last(r.delivery_years), toString(r.year))))
            <= left(coalesce(r.until, last(r.delivery_years), toString(r.year)), size($since)), true))))
    RETURN [type(r), 1, CASE WHEN startNode(r) = via THEN 1 ELSE 0 END]
  } END AS counted
UNWIND counted AS c
UNWIND CASE WHEN c[0] IN $symmetric THEN [['both', c[1]]]
            ELSE [['out', c[2]], ['in', c[1] - c[2]]] END AS way
WITH distance, via, n, c[0] AS type, way[0] AS direction, way[1] AS ties
WHERE ties > 0
WITH distance, type, direction, n, sum(ties) AS ties, collect(DISTINCT via) AS vias
ORDER BY ties DESC, n.name
WITH distance, type, direction, count(n) AS total, sum(ties) AS tie_count,
     collect({n: n, vias: vias})[..$cap] AS found
CALL (distance, type, direction, found) {
  UNWIND found AS f
  CALL (f, type, direction) {
    UNWIND f.vias AS v
    WITH v, f.n AS n
    MATCH (v)-[t]-(n)
    WHERE type(t) = type
      AND CASE direction WHEN 'out' THEN startNode(t) = v WHEN 'in' THEN endNode(t) = v ELSE true END
      AND ($grades IS NULL OR coalesce(t.confidence, 'reported') IN $grades)
      AND ($since IS NULL AND $until IS NULL OR (
        (t.since IS NOT NULL OR t.until IS NOT NULL OR $undated)
        AND ((t.since IS NULL OR $until IS NULL OR left(t.since, size($until)) <= left($until, size(t.since)))
        AND coalesce(left($since, size(coalesce(t.until, last(t.delivery_years), toString(t.year))))
            <= left(coalesce(t.until, last(t.delivery_years), toString(t.year)), size($since)), true))))
    WITH t ORDER BY coalesce(t.since, t.until) DESC, t.id
    RETURN collect(t) AS ties, min(t.since) AS first, max(coalesce(t.until, t.since)) AS last
  }
  // Amounts of deals never delivered (ordered, cancelled) are not added up: they are counted apart.
  CALL (ties) {
    UNWIND ties AS t
    WITH t WHERE NOT coalesce(t.status, '') IN ['ordered', 'cancelled']
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
  WITH f, f.n AS n, ties, first, last, totals, sources
  RETURN collect({
    entity: n {.id, .name, .kind},
    via: CASE WHEN distance = 1 THEN [] ELSE [v IN f.vias | v {.id, .name, .kind}] END,
    count: size(ties), first: first, last: last, totals: totals, sources: sources,
    grades: [t IN ties WHERE coalesce(t.confidence, 'reported') <> 'reported' | t.confidence],
    ties: [t IN ties[..$cap] | t {.*, type: type(t), from: startNode(t).id, to: endNode(t).id}]
  }) AS shown
}
RETURN distance, type, direction, total, tie_count AS ties, shown
ORDER BY distance, total DESC, type, direction
