"""Importers: datasets read into nodes and ties on the schema, one module each.

`IMPORTERS` names them: `explorer load --from NAME` and `Explorer.load(fmt=NAME)` read its
files with the module's `read(paths)` (`read(paths, mapping)` where `mapped`), which returns
an ImportResult or raises InputError; where `skips`, `read(paths, skip_invalid=True)` leaves
the invalid records out and lists them. Adding one is a module and a line here. Modules are
imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from loader.importers.base import ImportResult


@dataclass(frozen=True)
class Importer:
    """An input format: the module that reads it, and one line on what it is."""

    module: str
    summary: str
    mapped: bool = False  # its read() takes the edges column mapping too
    default: bool = False  # with no files it reads the dataset shipped with the package
    skips: bool = False  # its read() can leave out invalid records (skip_invalid=True)

    def reader(self) -> Callable[..., ImportResult]:
        return cast("Callable[..., ImportResult]", import_module(self.module).read)


IMPORTERS: dict[str, Importer] = {
    "seed": Importer("loader.importers.seed", "our CSV folders", default=True),
    "ftm": Importer("loader.importers.ftm", "FollowTheMoney JSON lines", skips=True),
    "cow": Importer("loader.importers.cow", "Correlates of War alliances", skips=True),
    "sipri": Importer("loader.importers.sipri", "SIPRI trade register CSV", skips=True),
    "archigos": Importer("loader.importers.archigos", "Archigos leaders CSV", skips=True),
    "edges": Importer("loader.importers.edges", "a generic edge list", mapped=True, skips=True),
}
