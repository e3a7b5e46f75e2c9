"""A local Neo4j 5.26 Community server provisioned from Maven Central."""
