// name: owners
// Direct and indirect owners of an entity, each once, with its shortest ownership chain and
// the effective stake multiplied along it (null when a link in the chain has no known share).
// One statement, to run as it is (in the Browser, say); `explorer owners` answers the same
// level by level with owner_links, adding each owner's total over all its chains, and stays
// fast on webs of thousands of owners, where this search for each owner's chain does not.
// Where one owned the next several times over (stakes of different dates), the latest stake
// stands for the link. One chain per owner keeps the answer bounded by the owners, however
// many chains a web of holdings makes.
// param id: entity  Id or name of the owned entity.
// param max_depth: integer = 6  Longest ownership chain followed.
// param since: date = null  Only stakes held at some time from this date on (YYYY, YYYY-MM or YYYY-MM-DD).
// param until: date = null  Only stakes held at some time up to this date (= $since: at that date).
// param undated: boolean = false  With $since or $until, keep stakes that have no dates at all too.
// param grades: list = null  Confidence grades a stake may have (null: any grade).
MATCH (x:Entity {id: $id})
// From the owned entity up: one breadth-first search from x, not one per possible owner; it
// reads each tie at most once, so parallel stakes cost no more than the ties themselves.
MATCH p = SHORTEST 1 (x)(()<-[h:OWNS WHERE ($grades IS NULL OR coalesce(h.confidence, 'reported') IN $grades)
    AND ($since IS NULL AND $until IS NULL OR ((h.since IS NOT NULL OR h.until IS NOT NULL OR $undated)
      AND ((h.since IS NULL OR $until IS NULL OR left(h.since, size($until)) <= left($until, size(h.since)))
      AND coalesce(left($since, size(coalesce(h.until, last(h.delivery_years), toString(h.year))))
          <= left(coalesce(h.until, last(h.delivery_years), toString(h.year)), size($since)), true))))]-()){1,6}(o:Entity)
WHERE length(p) <= $max_depth AND o <> x
WITH x, o, p, reverse(nodes(p)) AS held
// Each link of the chain is the latest stake between its two entities (held in the period).
CALL (held) {
  UNWIND range(0, size(held) - 2) AS i
  CALL (held, i) {
    WITH held[i] AS a, held[i + 1] AS b
    MATCH (a)-[s:OWNS]->(b)
    WHERE ($grades IS NULL OR coalesce(s.confidence, 'reported') IN $grades)
      AND ($since IS NULL AND $until IS NULL OR ((s.since IS NOT NULL OR s.until IS NOT NULL OR $undated)
        AND ((s.since IS NULL OR $until IS NULL OR left(s.since, size($until)) <= left($until, size(s.since)))
        AND coalesce(left($since, size(coalesce(s.until, last(s.delivery_years), toString(s.year))))
            <= left(coalesce(s.until, last(s.delivery_years), toString(s.year)), size($since)), true))))
    RETURN s ORDER BY coalesce(s.since, '') DESC, s.id LIMIT 1
  }
  WITH i, s ORDER BY i
  RETURN collect(s) AS chain
}
RETURN o.id AS id, o.name AS name, o.kind AS kind, length(p) AS depth,
       CASE WHEN any(r IN chain WHERE r.share IS NULL) THEN null
            ELSE reduce(stake = 100.0, r IN chain | stake * r.share / 100.0) END AS effective_share,
       [n IN held | n.name] AS chain,
       [r IN chain | r {.share, .since, .until, .sources, .evidence}] AS stakes
ORDER BY depth, effective_share DESC, name
