"""Explore influence networks in Neo4j: named queries, ad-hoc Cypher, DataFrames."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("influence-explorer")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
