"""Export a graph (nodes and ties, no database) to files other tools read.

`EXPORTERS` names the formats; `write(fmt, nodes, ties, out)` writes one to a text stream
and `write_to` to a stream, a file or (csv) a folder. Each format is a module whose writer
takes `(nodes, ties, out)`, plus `title=` where `titled`; adding one is a module and a line
here. Modules are imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from loader.records import Node, Tie

DEFAULT_TITLE = "Influence network"


@dataclass(frozen=True)
class Exporter:
    """An output format: the module and function that write it, and what it is for."""

    module: str
    function: str
    summary: str
    titled: bool = False  # the writer takes `title=`
    folder: str | None = None  # the module's writer of a folder, for an output not ending .fmt
    records: bool = False  # a backup: the datasets' records, which load back as the same graph
    dump: bool = False  # the whole graph goes as `explorer.export.dump` writes it

    def writer(self, name: str | None = None) -> Callable[..., None]:
        found = getattr(import_module(f"explorer.export.{self.module}"), name or self.function)
        return cast("Callable[..., None]", found)


EXPORTERS: dict[str, Exporter] = {
    "graphml": Exporter(
        "graphml", "write_graphml", "GraphML for yEd, Gephi, networkx and apoc.import.graphml"
    ),
    "gexf": Exporter("gexf", "write_gexf", "GEXF 1.3 for Gephi"),
    "ftm": Exporter(
        "ftm",
        "write_ftm",
        "FollowTheMoney JSON lines; `explorer load --from ftm` reads them back whole",
        records=True,
    ),
    "cypher": Exporter(
        "cypher",
        "write_cypher",
        "a Cypher script that recreates the graph (cypher-shell -f FILE); of the whole\n"
        "graph, a full backup: records, entities, datasets and judgements",
        dump=True,
    ),
    "csv": Exporter(
        "csvfile",
        "write_named_ties_csv",
        "with -o DIR, the seed folder (sources.csv, entities.csv, ties.csv) that\n"
        "`explorer load DIR` reads back; else one table of ties with their ends' names",
        folder="write_csv_dir",
        records=True,
    ),
    "html": Exporter(
        "html", "write_html", "a self-contained interactive page that works offline", titled=True
    ),
}
FORMATS = tuple(EXPORTERS)

__all__ = ["DEFAULT_TITLE", "EXPORTERS", "FORMATS", "Exporter", "exporter", "write"]


def exporter(fmt: str) -> Exporter:
    """The format named `fmt`; ValueError naming the known ones if there is none."""
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return EXPORTERS[fmt]


def write(
    fmt: str, nodes: list[Node], ties: list[Tie], out: TextIO, *, title: str = DEFAULT_TITLE
) -> None:
    """Write the graph to `out` in `fmt`, one of FORMATS; `title` is used by `html` only.

    Raises ValueError for an unknown format, and (cypher, ftm) for a kind or tie type
    outside the schema.
    """
    chosen = exporter(fmt)
    options = {"title": title} if chosen.titled else {}
    chosen.writer()(nodes, ties, out, **options)
