"""`explorer browser`: the Neo4j Browser's graph style, a guide of the named queries, links."""

from __future__ import annotations

import re
import webbrowser
from importlib import resources
from pathlib import Path

import click

from explorer.browser.editor import BROWSER_URL, editor_url, param_lines
from explorer.browser.guide import guide as guide_html
from explorer.browser.style import grass
from explorer.cli.context import AppContext, pass_app
from explorer.cli.params import param_option, parse_params
from loader.errors import ExplorerError
from queries.binding import bind

_NAME = re.compile(r"[a-z][a-z0-9_-]*")
"""What a query's name looks like; anything else is taken for Cypher."""


@click.group()
def browser() -> None:
    """Use the graph in the Neo4j Browser (http://localhost:7474): colours, a guide, links."""


@browser.command()
def style() -> None:
    """Print the graph style sheet: entities coloured by kind and captioned by name, ties
    captioned by type and, when the source doubts them, grade (`SUPPORTS disputed`).

    \b
    Apply it in the Neo4j Browser, any of these ways:
      drag the file style.grass (its path is printed on stderr) onto the Browser window;
      type :style and a space in the editor, paste this output after it, and run it;
      while `explorer browser guide --serve` runs: :style http://localhost:8000/style.grass
    `:style reset` goes back to the Browser's own style.
    """
    click.echo(grass(), nl=False)
    sheet = resources.files("explorer.browser").joinpath("style.grass")
    click.echo(f"the same style as a file: {sheet}", err=True)


@browser.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the guide to this file instead of stdout.",
)
@click.option(
    "--serve",
    is_flag=True,
    help="Serve the guide and the style on localhost for the Browser, until Ctrl+C.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="For --serve."
)
def guide(output: Path | None, serve: bool, port: int) -> None:
    """Print a Browser guide: every named query, ready to run with example parameters.

    The Browser plays guides with :play URL from the hosts its setting
    browser.remote_content_hostname_whitelist allows (by default localhost and
    guides.neo4j.com), from a server that answers its CORS requests (plain
    `python -m http.server` does not). --serve is such a server:

    \b
      explorer browser guide --serve
      then in the Browser:   :play http://localhost:8000/guide.html
      explorer browser guide -o guide.html
    """
    if serve and output is not None:
        raise click.UsageError("give -o or --serve, not both")
    if serve:
        _serve(port)
    elif output is None:
        click.echo(guide_html(), nl=False)
    else:
        output.write_text(guide_html(), encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


def _serve(port: int) -> None:
    from explorer.browser.serve import GUIDE_PATH, STYLE_PATH, BrowserFiles

    try:
        server = BrowserFiles(port)
    except OSError as err:
        raise ExplorerError(f"cannot serve on port {port}: {err.strerror}") from err
    base = f"http://localhost:{port}"
    click.echo(
        f"serving the guide and the style on {base}; in the Neo4j Browser run\n"
        f"  :play {base}{GUIDE_PATH}\n  :style {base}{STYLE_PATH}\n"
        "Ctrl+C stops.",
        err=True,
    )
    with server:
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@browser.command()
@click.argument("query_or_name")
@param_option
@click.option(
    "--browser-url",
    default=BROWSER_URL,
    show_default=True,
    metavar="URL",
    help="Where the Neo4j Browser is.",
)
@click.option("--open", "open_it", is_flag=True, help="Open the link in your web browser.")
@pass_app
def query(
    app: AppContext,
    query_or_name: str,
    params: tuple[tuple[str, str], ...],
    browser_url: str,
    open_it: bool,
) -> None:
    """Print a Browser link that opens with a query in its editor.

    QUERY_OR_NAME is a named query (`explorer queries`), whose parameters get their
    defaults unless given, or Cypher text. When the query takes parameters, the `:param`
    lines that set them are printed on stderr: run them first in the Browser page the link
    opens. (A script of several commands shows no rows, so the query comes on its own.)

    \b
      explorer browser query members -p id csto --open
      explorer browser query 'MATCH p = (:Entity {id: $id})-[:OWNS]-() RETURN p' -p id gazprom
    """
    values = parse_params(params)
    if _NAME.fullmatch(query_or_name):
        named = app.explorer.named(query_or_name)
        values = bind(named, values)
        query_or_name = named.text
    try:
        url = editor_url(query_or_name, browser_url)
    except ValueError as err:
        raise ExplorerError(str(err)) from err
    if values:
        click.echo(f"first set the parameters in the Browser:\n{param_lines(values)}", err=True)
    click.echo(url)
    if open_it:
        webbrowser.open(url)
