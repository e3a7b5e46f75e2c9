"""`explorer export`: the graph, one dataset, or what a query finds, in a file other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from explorer.api import Claims
from explorer.cli.context import AppContext, pass_app
from explorer.cli.params import param_option, parse_params
from explorer.cli.verbs import claims_options
from explorer.export import EXPORTERS

HELP = """Write the whole graph, one dataset, or what a query finds, for other tools.

\b
Formats:
{formats}

A query's export holds the nodes, relationships and paths in its rows, each entity
read whole, and the entities at both ends of every tie. The date and grade options keep
the ties of the graph or dataset valid then, or set a named query's parameters.

\b
  explorer export -o influence.graphml
  explorer export --to csv -o backup/
  explorer export --to ftm --dataset seed > seed.ftm.json
  explorer export --to gexf --dataset seed --as-of 2005 --undated -o 2005.gexf
  explorer export --to html -o owns.html --cypher "MATCH p = ()-[:OWNS]->() RETURN p"
  explorer export --to gexf --query neighbors -p id vladimir-putin -p types LEADS,FRIEND_OF
"""


def format_lines() -> str:
    """One line per format (`name  summary`), continuation lines indented under the summary."""
    return "\n".join(
        f"  {name:<8} " + exporter.summary.replace("\n", "\n" + " " * 11)
        for name, exporter in EXPORTERS.items()
    )


@click.command(help=HELP.format(formats=format_lines()))
@click.option(
    "--to",
    "fmt",
    type=click.Choice(list(EXPORTERS)),
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
@claims_options
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
    claims: Claims,
    output: Path | None,
) -> None:
    nodes, ties = app.explorer.export(
        fmt,
        dataset=dataset,
        query=query_name,
        cypher=cypher_text,
        params=parse_params(params),
        output=output,
        **claims,
    )
    if not nodes:
        queried = query_name or cypher_text
        hint = " (a query must return nodes, relationships or paths)" if queried else ""
        click.echo(f"nothing to export: no entities found{hint}", err=True)
    where = f" to {output}" if output else ""
    click.echo(f"exported {len(nodes)} entities and {len(ties)} ties{where}", err=True)
