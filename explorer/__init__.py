"""Explore influence networks in Neo4j: named queries, ad-hoc Cypher, DataFrames."""

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` imports it on first use
    from explorer.api import Explorer

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
