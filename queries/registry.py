"""Find the named queries: the packaged ones, then the folders in EXPLORER_QUERIES_PATH."""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

from loader.errors import QueryFileError
from queries.library import NamedQuery, parse


def query_dirs() -> list[Path]:
    """The packaged queries folder, then each folder of EXPLORER_QUERIES_PATH (os.pathsep)."""
    extra = os.environ.get("EXPLORER_QUERIES_PATH", "")
    return [Path(str(resources.files("queries"))), *(Path(p) for p in extra.split(os.pathsep) if p)]


def read_dir(directory: Path) -> dict[str, NamedQuery]:
    found: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        query = parse(path.read_text("utf-8"), path)
        if query.name in found:
            raise QueryFileError(
                path, 1, f"query {query.name!r} is also defined in {found[query.name].path}"
            )
        found[query.name] = query
    return found


@cache
def _library(dirs: tuple[Path, ...]) -> dict[str, NamedQuery]:
    library: dict[str, NamedQuery] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise QueryFileError(
                directory, 0, "EXPLORER_QUERIES_PATH names a folder that does not exist"
            )
        library |= read_dir(directory)  # a user's query may replace a packaged one of the same name
    return library


def library() -> dict[str, NamedQuery]:
    """Every named query by name, parsed and checked (once per set of folders)."""
    return _library(tuple(query_dirs()))
