// name: owners
// Direct and indirect owners of an entity, with the effective stake multiplied along each
// ownership chain (null when a link in the chain has no known share). A chain is a sequence
// of distinct entities; where one owned the next several times over (stakes of different
// dates), the latest stake stands for the link.
// param id: entity  Id or name of the owned entity.
// param max_depth: integer = 6  Longest ownership chain followed.
MATCH (x:Entity {id: $id})
MATCH p = (o:Entity)((a)-[r:OWNS]->(b)
    WHERE NOT EXISTS {
      (a)-[s:OWNS]->(b)
      WHERE coalesce(s.since, '') > coalesce(r.since, '')
        OR (coalesce(s.since, '') = coalesce(r.since, '') AND s.id < r.id)
    }
  ){1,6}(x)
WHERE length(p) <= $max_depth
WITH o, p, relationships(p) AS chain
RETURN o.id AS id, o.name AS name, o.kind AS kind, length(p) AS depth,
       CASE WHEN any(r IN chain WHERE r.share IS NULL) THEN null
            ELSE reduce(stake = 100.0, r IN chain | stake * r.share / 100.0) END AS effective_share,
       [n IN nodes(p) | n.name] AS chain,
       [r IN chain | r {.share, .since, .until, .sources, .evidence}] AS stakes
ORDER BY depth, effective_share DESC, name
