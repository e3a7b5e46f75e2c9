"""`explorer export`: the graph, one dataset, or what a query finds, in a file other tools read."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from explorer import export as exporters
from explorer.api import Explorer
from explorer.cli.context import AppContext, pass_app
from explorer.cli.params import param_option, parse_params
from explorer.graph import Graph
from loader.errors import ExplorerError


@click.command()
@click.option(
    "--to",
    "fmt",
    type=click.Choice(exporters.FORMATS),
    default="graphml",
    show_default=True,
    help="Output format (see above).",
)
@click.option("--dataset", metavar="NAME", help="Only the entities and ties this dataset loaded.")
@click.option(
    "--query",
    "query_name",
    metavar="NAME",
    help="What this named query finds (see `explorer queries`).",
)
@click.option("--cypher", "cypher_text", metavar="TEXT", help="What this read-only Cypher finds.")
@param_option
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE_OR_DIR",
    help="Where to write (default: stdout). For csv, a folder unless it ends in .csv.",
)
@pass_app
def export(
    app: AppContext,
    fmt: str,
    dataset: str | None,
    query_name: str | None,
    cypher_text: str | None,
    params: tuple[tuple[str, str], ...],
    output: Path | None,
) -> None:
    """Write the whole graph, one dataset, or what a query finds, for other tools.

    \b
    Formats:
      graphml  GraphML for yEd, Gephi, networkx and apoc.import.graphml
      gexf     GEXF 1.3 for Gephi
      ftm      FollowTheMoney JSON lines; `explorer load --from ftm` reads them back whole
      cypher   a Cypher script that recreates the graph (cypher-shell -f FILE)
      csv      with -o DIR, the seed folder (sources.csv, entities.csv, ties.csv) that
               `explorer load DIR` reads back; else one table of ties with their ends' names
      html     a self-contained interactive page that works offline

    A query's export holds the nodes, relationships and paths in its rows, each entity
    read whole, and the entities at both ends of every tie.

    \b
      explorer export -o influence.graphml
      explorer export --to csv -o backup/
      explorer export --to ftm --dataset seed > seed.ftm.json
      explorer export --to html -o owns.html --cypher "MATCH p = ()-[:OWNS]->() RETURN p"
      explorer export --to gexf --query neighbors -p id vladimir-putin -p types LEADS,FRIEND_OF
    """
    chosen = [o for o in (dataset, query_name, cypher_text) if o is not None]
    if len(chosen) > 1:
        raise click.UsageError("give at most one of --dataset, --query and --cypher")
    if params and query_name is None and cypher_text is None:
        raise click.UsageError("-p sets parameters of --query or --cypher; give one of them")
    nodes, ties = _graph(app.explorer, dataset, query_name, cypher_text, parse_params(params))
    if not nodes:
        queried = query_name or cypher_text
        hint = " (a query must return nodes, relationships or paths)" if queried else ""
        click.echo(f"nothing to export: no entities found{hint}", err=True)
    title = exporters.DEFAULT_TITLE + (f": {chosen[0]}" if dataset or query_name else "")
    try:
        _write(fmt, (nodes, ties), output, title)
    except ValueError as err:
        raise ExplorerError(str(err)) from err
    where = f" to {output}" if output else ""
    click.echo(f"exported {len(nodes)} entities and {len(ties)} ties{where}", err=True)


def _graph(
    ex: Explorer,
    dataset: str | None,
    query_name: str | None,
    cypher_text: str | None,
    params: dict[str, object],
) -> Graph:
    if query_name is not None:
        return ex.result_graph(ex.query(query_name, **params))
    if cypher_text is not None:
        return ex.result_graph(ex.cypher(cypher_text, params))
    return ex.graph(dataset=dataset)


def _write(fmt: str, graph: Graph, output: Path | None, title: str) -> None:
    if output is None:
        exporters.write(fmt, *graph, sys.stdout, title=title)
    elif fmt == "csv" and output.suffix.lower() != ".csv":
        from explorer.export.csvfile import write_csv_dir

        write_csv_dir(*graph, output)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8", newline="") as out:
            exporters.write(fmt, *graph, out, title=title)
