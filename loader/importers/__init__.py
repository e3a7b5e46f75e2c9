"""Importers: third-party datasets read into nodes and ties on the schema, one module each."""
