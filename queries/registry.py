"""Find the named queries: the packaged ones, then the folders in EXPLORER_QUERIES_PATH.

A user's query file that cannot be used (unreadable, a bad header, a name used twice, a
folder that does not exist) is skipped with a one-line warning naming file and line, so the
packaged queries, and every command built on them, keep working.
"""

from __future__ import annotations

import logging
import os
from functools import cache
from importlib import resources
from pathlib import Path

from loader.errors import QueryFileError
from queries.library import NamedQuery, parse

log = logging.getLogger(__name__)


def packaged_dir() -> Path:
    return Path(str(resources.files("queries")))


def is_packaged(query: NamedQuery) -> bool:
    """Whether `query` is one of the shipped files (not a user's, nor one replacing ours)."""
    return query.path.parent == packaged_dir()


def user_dirs() -> list[Path]:
    """The folders of EXPLORER_QUERIES_PATH (separated by os.pathsep), in order."""
    extra = os.environ.get("EXPLORER_QUERIES_PATH", "")
    return [Path(p) for p in extra.split(os.pathsep) if p]


def read_file(path: Path) -> NamedQuery:
    """One query file, parsed and checked; QueryFileError names file and line of a problem."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise QueryFileError(path, 1, f"cannot read it: {err.strerror or err}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise QueryFileError(path, line, f"not UTF-8 text (byte 0x{raw[err.start]:02x})") from None
    return parse(text, path)


def read_dir(directory: Path) -> dict[str, NamedQuery]:
    """Every query of a folder; the first problem raises QueryFileError."""
    found: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        _add(found, read_file(path))
    return found


def _add(found: dict[str, NamedQuery], query: NamedQuery) -> None:
    if query.name in found:
        raise QueryFileError(
            query.path, 1, f"query {query.name!r} is also defined in {found[query.name].path}"
        )
    found[query.name] = query


def _read_user_dir(directory: Path) -> dict[str, NamedQuery]:
    """The usable queries of a user's folder, warning once about each file that is not."""
    if not directory.is_dir():
        log.warning("EXPLORER_QUERIES_PATH: %s is not a folder; its queries are skipped", directory)
        return {}
    found: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        try:
            _add(found, read_file(path))
        except QueryFileError as err:
            log.warning("%s (query file skipped)", err.message)
    return found


@cache
def _library(dirs: tuple[Path, ...]) -> dict[str, NamedQuery]:
    library = read_dir(packaged_dir())  # ours: a problem there is a bug, and raises
    for directory in dirs:
        library |= _read_user_dir(directory)  # a user's query may replace a packaged one
    return library


def library() -> dict[str, NamedQuery]:
    """Every named query by name, parsed and checked (once per set of folders)."""
    return _library(tuple(user_dirs()))
