// name: owners
// Direct and indirect owners of an entity, each once, with its shortest ownership chain and
// the effective stake multiplied along it (null when a link in the chain has no known share).
// Where one owned the next several times over (stakes of different dates), the latest stake
// stands for the link. One chain per owner keeps the answer bounded by the owners, however
// many chains a web of holdings makes.
// param id: entity  Id or name of the owned entity.
// param max_depth: integer = 6  Longest ownership chain followed.
MATCH (x:Entity {id: $id})
// From the owned entity up: one breadth-first search from x, not one per possible owner; it
// reads each tie at most once, so parallel stakes cost no more than the ties themselves.
MATCH p = SHORTEST 1 (x)(()<-[:OWNS]-()){1,6}(o:Entity)
WHERE length(p) <= $max_depth AND o <> x
WITH o, p, reverse(nodes(p)) AS held
// Each link of the chain is the latest stake between its two entities.
CALL (held) {
  UNWIND range(0, size(held) - 2) AS i
  CALL (held, i) {
    WITH held[i] AS a, held[i + 1] AS b
    MATCH (a)-[s:OWNS]->(b)
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
