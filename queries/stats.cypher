// name: stats
// How many entities of each kind and ties of each type the graph holds, per dataset.
MATCH (n:Entity)
RETURN 'node' AS what, n.kind AS name, n.dataset AS dataset, count(*) AS count
UNION ALL
MATCH ()-[r]->()
RETURN 'tie' AS what, type(r) AS name, r.dataset AS dataset, count(*) AS count
