"""Export a graph (nodes and ties, no database) to files other tools read.

`write(fmt, nodes, ties, out)` writes one of `FORMATS` to a text stream:

- `graphml`: GraphML for yEd, Gephi, networkx and APOC (`graphml.py`).
- `gexf`: GEXF 1.3 for Gephi (`gexf.py`).
- `ftm`: FollowTheMoney JSON lines that our FtM importer reads back whole (`ftm.py`).
- `cypher`: a parameter-free Cypher script that recreates the graph (`cypher.py`).
- `csv`: one table of ties with the names of their ends (`csvfile.write_named_ties_csv`);
  for the whole graph as seed files (sources.csv, entities.csv, ties.csv) use
  `csvfile.write_csv_dir`, and for query results `csvfile.write_rows_csv`.
- `html`: a self-contained, offline, interactive page titled `title` (`html.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from loader.records import Node, Tie

FORMATS = ("graphml", "gexf", "ftm", "cypher", "csv", "html")
DEFAULT_TITLE = "Influence network"

__all__ = ["DEFAULT_TITLE", "FORMATS", "write"]


def write(
    fmt: str, nodes: list[Node], ties: list[Tie], out: TextIO, *, title: str = DEFAULT_TITLE
) -> None:
    """Write the graph to `out` in `fmt`, one of FORMATS; `title` is used by `html` only.

    Raises ValueError for an unknown format, and (cypher, ftm) for a kind or tie type
    outside the schema. Each format's module is imported on first use.
    """
    match fmt:
        case "graphml":
            from explorer.export.graphml import write_graphml

            write_graphml(nodes, ties, out)
        case "gexf":
            from explorer.export.gexf import write_gexf

            write_gexf(nodes, ties, out)
        case "ftm":
            from explorer.export.ftm import write_ftm

            write_ftm(nodes, ties, out)
        case "cypher":
            from explorer.export.cypher import write_cypher

            write_cypher(nodes, ties, out)
        case "csv":
            from explorer.export.csvfile import write_named_ties_csv

            write_named_ties_csv(nodes, ties, out)
        case "html":
            from explorer.export.html import write_html

            write_html(nodes, ties, out, title=title)
        case _:
            raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(FORMATS)}")
