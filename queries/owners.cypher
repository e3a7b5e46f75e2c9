// name: owners
// Direct and indirect owners of an entity, each once, with its shortest ownership chain and
// the effective stake multiplied along it (null when a link in the chain has no known share).
// Where one owned the next several times over (stakes of different dates), the latest stake
// stands for the link. One chain per owner keeps the answer bounded by the owners, however
// many chains a web of holdings makes.
// param id: entity  Id or name of the owned entity.
// param max_depth: integer = 6  Longest ownership chain followed.
MATCH (x:Entity {id: $id})
// From the owned entity up: one search from x, not one per possible owner.
MATCH p = SHORTEST 1 (x)((b)<-[r:OWNS]-(a)
    WHERE NOT EXISTS {
      (a)-[s:OWNS]->(b)
      WHERE coalesce(s.since, '') > coalesce(r.since, '')
        OR (coalesce(s.since, '') = coalesce(r.since, '') AND s.id < r.id)
    }
  ){1,6}(o:Entity)
WHERE length(p) <= $max_depth AND o <> x
WITH o, p, reverse(relationships(p)) AS chain
RETURN o.id AS id, o.name AS name, o.kind AS kind, length(p) AS depth,
       CASE WHEN any(r IN chain WHERE r.share IS NULL) THEN null
            ELSE reduce(stake = 100.0, r IN chain | stake * r.share / 100.0) END AS effective_share,
       [n IN reverse(nodes(p)) | n.name] AS chain,
       [r IN chain | r {.share, .since, .until, .sources, .evidence}] AS stakes
ORDER BY depth, effective_share DESC, name
