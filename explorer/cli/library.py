"""`explorer queries`, `explorer query` and `explorer schema`: what can be asked, and of what."""

from __future__ import annotations

import sys
from typing import Any

import click

from explorer.api import Claims
from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows
from explorer.cli.params import param_option, parse_params
from explorer.cli.verbs import claims_options
from loader.schema import Property, load_schema
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
@claims_options
@output_options
@pass_app
def query(
    app: AppContext, name: str, params: tuple[tuple[str, str], ...], claims: Claims, fmt: str
) -> None:
    """Run the named query NAME (see `explorer queries`) with -p NAME VALUE parameters.

    An entity parameter takes an id, a name or an alias (an unknown one is an error with
    close matches); tie types left out are those the verbs follow. The date and grade
    options set a query's $since, $until, $undated and $grades, as for the verbs.

    \b
      explorer query members -p id CSTO
      explorer query members -p id CSTO --as-of 2005
      explorer query owners -p id atomstroyeksport --format json
    """
    chosen = app.explorer.claims_for(name, claims)
    result = app.explorer.query(name, **{**chosen, **parse_params(params)})
    write_rows(result.rows, result.keys, fmt, sys.stdout)


@click.command()
@output_options
def schema(fmt: str) -> None:
    """The node kinds and tie types of the graph, with what each may connect, and their
    properties, each with its type and description.

    `Entity.` properties belong to every kind, `tie.` properties to every tie type. JSON has
    one object per kind, tie type and property (`what`), with `connects`, `type`, `properties`
    (the names of its own) and `description`.

    \b
      explorer schema
      explorer schema --format json
    """
    model = load_schema()
    rows = _properties("Entity", model.entity_properties)
    for kind in model.kinds.values():
        rows.append(_about("kind", kind.name, "", kind.properties, kind.description))
        rows.extend(_properties(kind.name, kind.properties))
    rows.extend(_properties("tie", model.tie_properties))
    for tie in model.ties.values():
        arrow = "--" if tie.symmetric else "->"
        connects = f"{'|'.join(tie.sources)} {arrow} {'|'.join(tie.targets)}"
        rows.append(_about("tie", tie.name, connects, tie.properties, tie.description))
        rows.extend(_properties(tie.name, tie.properties))
    if fmt == "table":  # a tie's ends and a property's type share a column
        rows = [{**row, "connects/type": row["connects"] or row["type"]} for row in rows]
        keys = ["what", "name", "connects/type", "description"]
    else:
        keys = ["what", "name", "connects", "type", "properties", "description"]
    write_rows(rows, keys, fmt, sys.stdout)


def _about(
    what: str, name: str, connects: str, properties: dict[str, Property], description: str
) -> dict[str, Any]:
    return {
        "what": what,
        "name": name,
        "connects": connects,
        "type": "",
        "properties": sorted(properties),
        "description": description,
    }


def _properties(owner: str, properties: dict[str, Property]) -> list[dict[str, Any]]:
    """One row per property of `owner`, named `owner.property`."""
    return [
        {**_about("property", f"{owner}.{p.name}", "", {}, p.description), "type": _type(p)}
        for p in properties.values()
    ]


def _type(p: Property) -> str:
    """`enum: a, b`, `entity of State`, `number in %`, `list of Source, required`."""
    text = p.type + (f" of {'|'.join(p.kinds)}" if p.kinds else "")
    text += f": {', '.join(p.values)}" if p.values else ""
    text += f" in {p.unit}" if p.unit else ""
    return text + (", required" if p.required else "")
