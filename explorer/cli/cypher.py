"""`explorer cypher`: ad-hoc Cypher, read-only unless --write."""

from __future__ import annotations

import sys
from typing import Any

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows
from explorer.cli.params import param_option, parse_params
from explorer.db import WRITE_REFUSED
from loader.errors import ExplorerError


@click.command()
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "file",
    type=click.File("r", encoding="utf-8"),
    help="Read the query from a file ('-' for stdin).",
)
@param_option
@click.option(
    "--write",
    is_flag=True,
    help="Allow writes. Without it the query runs in a read transaction, where the server "
    "refuses writes.",
)
@output_options
@pass_app
def cypher(
    app: AppContext,
    query: str | None,
    file: Any,
    params: tuple[tuple[str, str], ...],
    write: bool,
    fmt: str,
) -> None:
    """Run ad-hoc Cypher and print the rows.

    The query comes from QUERY, from --file, or from stdin when neither is given.
    Pass values as parameters, never pasted into the text:

    \b
      explorer cypher 'MATCH (n:Entity {id: $id}) RETURN n.name AS name' -p id gazprombank
      explorer cypher "RETURN 1 AS x" --format json
      echo 'MATCH (n) RETURN count(n) AS n' | explorer cypher --format csv
    """
    if query is not None and file is not None:
        raise click.UsageError("give the query as an argument or with --file, not both")
    text = query if query is not None else (file or sys.stdin).read()
    if not text.strip():
        raise click.UsageError("no query given: pass QUERY, --file FILE, or pipe it on stdin")
    try:
        result = app.explorer.cypher(text, parse_params(params), write=write)
    except ExplorerError as err:
        if err.message == WRITE_REFUSED:
            raise ExplorerError(err.message, hint="pass --write to allow it") from err
        raise
    write_rows(result.rows, result.keys, fmt, sys.stdout)
