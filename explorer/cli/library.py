"""`explorer queries`, `explorer query` and `explorer schema`: what can be asked, and of what."""

from __future__ import annotations

import sys

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows
from explorer.cli.params import param_option, parse_params
from loader.schema import load_schema
from queries.registry import library


@click.command()
@output_options
def queries(fmt: str) -> None:
    """List the named queries with their descriptions and parameters.

    Add your own: put `.cypher` files in a folder and set EXPLORER_QUERIES_PATH to it. A file
    that cannot be used is skipped with a warning that names its file and line.
    """
    described = [q.describe() for q in library().values()]
    if fmt != "json":
        for item in described:
            item["params"] = ", ".join(
                f"{p['name']}: {p['type']}" + ("" if p["required"] else f" = {p['default']}")
                for p in item["params"]
            )
    write_rows(described, ["name", "description", "params"], fmt, sys.stdout)


@click.command()
@click.argument("name")
@param_option
@output_options
@pass_app
def query(app: AppContext, name: str, params: tuple[tuple[str, str], ...], fmt: str) -> None:
    """Run the named query NAME (see `explorer queries`) with -p NAME VALUE parameters.

    Parameters take ids, not names:

    \b
      explorer query members -p id csto
      explorer query owners -p id atomstroyeksport --format json
    """
    result = app.explorer.query(name, **parse_params(params))
    write_rows(result.rows, result.keys, fmt, sys.stdout)


@click.command()
@output_options
def schema(fmt: str) -> None:
    """The node kinds and tie types of the graph, with what each may connect."""
    model = load_schema()
    rows = [
        {
            "what": "kind",
            "name": k.name,
            "connects": "",
            "properties": sorted(k.properties),
            "description": k.description,
        }
        for k in model.kinds.values()
    ]
    for tie in model.ties.values():
        arrow = "--" if tie.symmetric else "->"
        connects = f"{'|'.join(tie.sources)} {arrow} {'|'.join(tie.targets)}"
        rows.append(
            {
                "what": "tie",
                "name": tie.name,
                "connects": connects,
                "properties": sorted(tie.properties),
                "description": tie.description,
            }
        )
    write_rows(rows, ["what", "name", "connects", "properties", "description"], fmt, sys.stdout)
