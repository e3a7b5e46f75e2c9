// name: datasets
// The datasets in the graph: name, version, files and when each was loaded (recorded by
// the load), and how many entities and ties each holds, counted from the data, so that a
// graph loaded before datasets were recorded lists its datasets too.
CALL () {
  MATCH (d:Dataset)
  RETURN d.name AS name, 0 AS nodes, 0 AS ties
  UNION ALL
  MATCH (n:Entity)
  RETURN n.dataset AS name, count(*) AS nodes, 0 AS ties
  UNION ALL
  MATCH ()-[r]->()
  RETURN r.dataset AS name, 0 AS nodes, count(*) AS ties
}
WITH name, sum(nodes) AS nodes, sum(ties) AS ties
WHERE name IS NOT NULL
OPTIONAL MATCH (d:Dataset {name: name})
RETURN name, d.version AS version, d.files AS files, d.loaded_at AS loaded_at, nodes, ties
ORDER BY name
