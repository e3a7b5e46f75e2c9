// name: datasets
// The datasets in the graph: name, version, files, when each was loaded and its rank (1 for
// the first loaded: its records give entities their ids; recorded by the load), and how many
// records and ties each holds, counted from the data, so that a
// graph loaded before datasets were recorded lists its datasets too.
CALL () {
  MATCH (d:Dataset)
  RETURN d.name AS name, 0 AS nodes, 0 AS ties
  UNION ALL
  MATCH (n:Record)
  RETURN n.dataset AS name, count(*) AS nodes, 0 AS ties
  UNION ALL
  MATCH ()-[r]->() WHERE NOT type(r) IN ['RECORD_OF', 'LINKED']
  RETURN r.dataset AS name, 0 AS nodes, count(*) AS ties
}
WITH name, sum(nodes) AS nodes, sum(ties) AS ties
WHERE name IS NOT NULL
OPTIONAL MATCH (d:Dataset {name: name})
RETURN name, d.version AS version, d.files AS files, d.loaded_at AS loaded_at, nodes, ties,
       d.rank AS rank
ORDER BY name
