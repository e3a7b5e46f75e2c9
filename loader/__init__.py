"""Load people, organizations, states, agreements and their ties into Neo4j."""
