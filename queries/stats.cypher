// name: stats
// How many entities of each kind and ties of each type the graph holds, per dataset.
MATCH (n:Record)
RETURN 'node' AS what, n.kind AS name, n.dataset AS dataset, count(*) AS count
UNION ALL
MATCH ()-[r]->() WHERE NOT type(r) IN ['RECORD_OF', 'LINKED']
RETURN 'tie' AS what, type(r) AS name, r.dataset AS dataset, count(*) AS count
