"""Explore influence networks in Neo4j: named queries, ad-hoc Cypher, DataFrames."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("influence-explorer")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["Explorer", "__version__"]


def __getattr__(name: str) -> object:
    # Lazy, so `explorer --help` does not import the driver or pandas.
    if name == "Explorer":
        from explorer.api import Explorer

        return Explorer
    raise AttributeError(name)
