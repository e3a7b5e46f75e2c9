// name: named
// Candidates for resolving a name: the entity holding a record with this id, and entities whose name or an
// alias contains the phrase (full-text index, case and diacritics folded).
// param text: string  A name, alias or id.
// param search: string  The same text as a Lucene phrase query.
CALL {
  MATCH (:Record {id: $text})-[:RECORD_OF]->(n:Entity) RETURN n, 1000.0 AS score
  UNION
  CALL db.index.fulltext.queryNodes('entity_names', $search, {limit: 50}) YIELD node, score
  RETURN node AS n, score
}
RETURN n.id AS id, n.name AS name, n.kind AS kind, coalesce(n.aliases, []) AS aliases, max(score) AS score
ORDER BY score DESC
