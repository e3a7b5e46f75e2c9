// name: owners
// Direct and indirect owners of an entity, each once, with its shortest ownership chain and
// the effective stake multiplied along it (null when a link in the chain has no known share),
// and its total effective stake over all its chains (`chains` of them).
// Where one owned the next several times over (stakes of different dates), the latest stake
// stands for the link. One chain per owner keeps the answer bounded by the owners, however
// many chains a web of holdings makes.
// param id: entity  Id or name of the owned entity.
// param max_depth: integer = 6  Longest ownership chain followed.
// param as_of: date = null  Only stakes held at this date (YYYY, YYYY-MM or YYYY-MM-DD).
// param undated: boolean = false  With $as_of, keep stakes that have no dates at all too.
// param grades: list = null  Confidence grades a stake may have (null: any grade).
MATCH (x:Entity {id: $id})
// From the owned entity up: one breadth-first search from x, not one per possible owner; it
// reads each tie at most once, so parallel stakes cost no more than the ties themselves.
MATCH p = SHORTEST 1 (x)(()<-[h:OWNS WHERE ($grades IS NULL OR coalesce(h.confidence, 'reported') IN $grades)
    AND ($as_of IS NULL OR ((h.since IS NOT NULL OR h.until IS NOT NULL OR $undated)
      AND ((h.since IS NULL OR left(h.since, size($as_of)) <= left($as_of, size(h.since)))
      AND coalesce(left($as_of, size(coalesce(h.until, last(h.delivery_years), toString(h.year))))
          <= left(coalesce(h.until, last(h.delivery_years), toString(h.year)), size($as_of)), true))))]-()){1,6}(o:Entity)
WHERE length(p) <= $max_depth AND o <> x
WITH x, o, p, reverse(nodes(p)) AS held
// Each link of the chain is the latest stake between its two entities (held at $as_of).
CALL (held) {
  UNWIND range(0, size(held) - 2) AS i
  CALL (held, i) {
    WITH held[i] AS a, held[i + 1] AS b
    MATCH (a)-[s:OWNS]->(b)
    WHERE ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
      AND ($as_of IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
        AND ((s.since IS NULL OR left(s.since, size($as_of)) <= left($as_of, size(s.since)))
        AND coalesce(left($as_of, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
            <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($as_of)), true))))
    RETURN s ORDER BY coalesce(s.since, '') DESC, s.id LIMIT 1
  }
  WITH i, s ORDER BY i
  RETURN collect(s) AS chain
}
// The owner's total: over every chain down to x (each a different sequence of entities, each
// link its latest stake), the sum of the stakes multiplied along them. Above 100% it counts a
// holding twice (cross-holdings) or mixes stakes of different dates: the CLI flags it.
CALL (o, x) {
  MATCH q = (o)(()-[t:OWNS WHERE ($grades IS NULL OR coalesce(t.confidence, 'reported') IN $grades)
      AND ($as_of IS NULL OR ((t.since IS NOT NULL OR t.until IS NOT NULL OR $undated)
        AND ((t.since IS NULL OR left(t.since, size($as_of)) <= left($as_of, size(t.since)))
        AND coalesce(left($as_of, size(coalesce(t.until, last(t.delivery_years), toString(t.year))))
            <= left(coalesce(t.until, last(t.delivery_years), toString(t.year)), size($as_of)), true))))]->()){1,6}(x)
  WHERE length(q) <= $max_depth
    AND all(i IN range(0, length(q) - 1) WHERE NOT nodes(q)[i] IN nodes(q)[i + 1..])
  WITH DISTINCT nodes(q) AS links
  CALL (links) {
    UNWIND range(0, size(links) - 2) AS i
    CALL (links, i) {
      WITH links[i] AS a, links[i + 1] AS b
      MATCH (a)-[s:OWNS]->(b)
      WHERE ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
        AND ($as_of IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
          AND ((s.since IS NULL OR left(s.since, size($as_of)) <= left($as_of, size(s.since)))
          AND coalesce(left($as_of, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
              <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($as_of)), true))))
      RETURN s.share AS share ORDER BY coalesce(s.since, '') DESC, s.id LIMIT 1
    }
    WITH size(links) - 1 AS length, collect(share) AS shares
    RETURN CASE WHEN size(shares) = length
                THEN reduce(stake = 100.0, v IN shares | stake * v / 100.0) END AS stake
  }
  RETURN count(*) AS chains, CASE WHEN count(stake) = count(*) THEN sum(stake) END AS total_share
}
RETURN o.id AS id, o.name AS name, o.kind AS kind, length(p) AS depth,
       CASE WHEN any(r IN chain WHERE r.share IS NULL) THEN null
            ELSE reduce(stake = 100.0, r IN chain | stake * r.share / 100.0) END AS effective_share,
       [n IN held | n.name] AS chain,
       [r IN chain | r {.share, .since, .until, .sources, .evidence}] AS stakes,
       chains, total_share
ORDER BY depth, effective_share DESC, name
