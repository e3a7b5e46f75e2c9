"""The Neo4j Browser: a graph style, a guide of the named queries, links that fill its editor."""
