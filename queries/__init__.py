"""The named Cypher queries: one `.cypher` file each, parsed and checked at import."""
