"""The `explorer` command line: a thin layer over the library."""

from __future__ import annotations

import os
import sys
from typing import Any

import click
from click.core import ParameterSource

from explorer import __version__
from explorer.cli.context import AppContext, ExplorerGroup, configure_logging
from explorer.settings import DEFAULT_DATABASE, DEFAULT_URI, DEFAULT_USER

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(cls=ExplorerGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="explorer")
@click.option(
    "--uri",
    envvar="NEO4J_URI",
    default=DEFAULT_URI,
    show_default=True,
    metavar="URI",
    help="Neo4j URI: bolt://, neo4j:// or neo4j+s:// (Aura, clusters); bolt+s, bolt+ssc and "
    "neo4j+ssc work too, http:// does not. Env: NEO4J_URI.",
)
@click.option(
    "--user",
    envvar="NEO4J_USER",
    default=DEFAULT_USER,
    show_default=True,
    help="Neo4j user. Env: NEO4J_USER.",
)
@click.option(
    "--password",
    envvar="NEO4J_PASSWORD",
    help="Neo4j password. Env: NEO4J_PASSWORD. Default, for a URI on this machine: the one "
    "`explorer server start` stored (see `explorer server status`).",
)
@click.option(
    "--database",
    envvar="NEO4J_DATABASE",
    default=DEFAULT_DATABASE,
    show_default=True,
    help="Database name. Env: NEO4J_DATABASE.",
)
@click.option(
    "--timeout",
    envvar="EXPLORER_TIMEOUT",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Stop a query on the server after this long (0: no limit). Default: the server's own "
    "limit (60 s on the local server). Loads are exempt. Env: EXPLORER_TIMEOUT.",
)
@click.pass_context
def main(ctx: click.Context, /, **settings: Any) -> None:
    """Map influence networks in Neo4j: who owns, funds, befriends, employs, allies with or
    arms whom, and through whom two actors are linked. Every tie carries its sources.

    \b
    Start here:
      explorer server start        start a local Neo4j 5.26 (or: docker compose up -d)
      explorer load                load the curated dataset
      explorer links Gazprombank Rosatom
      explorer cypher "MATCH (n:Person) RETURN n.name LIMIT 5" --format json
    """
    configure_logging()
    import_driver_alone()
    if ctx.get_parameter_source("uri") is ParameterSource.DEFAULT and "NEO4J_URI" in os.environ:
        settings["uri"] = os.environ["NEO4J_URI"]  # click reads an empty variable as unset
    ctx.obj = AppContext.from_options(**settings)
    ctx.call_on_close(ctx.obj.close)


_DATAFRAME_LIBRARIES = ("numpy", "pandas", "pyarrow")


def import_driver_alone() -> None:
    """Import the Neo4j driver as if pandas, numpy and pyarrow were not installed.

    The driver imports them when it is imported, if they are installed (for its own
    DataFrame results and parameters, which the command line never uses): 0.8 s of every
    command's start. They import as usual afterwards (the loader reads country codes with
    pandas). The Python API leaves the driver alone.
    """
    if "neo4j" in sys.modules or any(name in sys.modules for name in _DATAFRAME_LIBRARIES):
        return
    hidden = dict.fromkeys(_DATAFRAME_LIBRARIES)
    sys.modules.update(hidden)  # type: ignore[arg-type]  # None: "not installed" to import
    try:
        import neo4j  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


def _register() -> None:
    from explorer.cli import (
        browser,
        cypher,
        datasets,
        export,
        library,
        load,
        read,
        resolution,
        server,
        validate,
        verbs,
    )

    commands = (
        server.server,
        load.load,
        datasets.datasets,
        datasets.drop,
        resolution.resolve,
        resolution.review,
        resolution.merge,
        resolution.split,
        resolution.judge,
        resolution.judgements,
        validate.validate,
        read.read,
        *verbs.VERBS,
        library.queries,
        library.query,
        cypher.cypher,
        library.schema,
        export.export,
        browser.browser,
    )
    for command in commands:
        main.add_command(command)


_register()
