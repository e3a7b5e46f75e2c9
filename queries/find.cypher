// name: find
// Fuzzy search over names and aliases (full-text index; case and diacritics folded), ranked.
// param search: string  A Lucene query over names and aliases; the `find` verb builds it from plain text.
// param limit: integer = 10  How many matches at most.
CALL db.index.fulltext.queryNodes('entity_names', $search, {limit: $limit})
YIELD node, score
RETURN node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases, node.datasets AS datasets, round(score, 3) AS score
ORDER BY score DESC, name
