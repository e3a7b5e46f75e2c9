"""`explorer server`: a local Neo4j 5.26 from Maven Central, without Docker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from explorer.server.config import DEFAULT_TX_TIMEOUT
from explorer.server.instance import Instance, default_heap
from explorer.server.paths import NEO4J_VERSION, default_instance_dir


def _instance(bolt_port: int, http_port: int, **choices: Any) -> Instance:
    return Instance(default_instance_dir(), bolt_port=bolt_port, http_port=http_port, **choices)


def _progress(message: str) -> None:
    click.echo(message, err=True)


F = TypeVar("F", bound=Callable[..., Any])


def with_ports(func: F) -> F:
    """The --bolt-port and --http-port options every server command takes."""
    func = click.option(
        "--http-port",
        default=7474,
        show_default=True,
        help="HTTP port (Neo4j Browser) on 127.0.0.1.",
    )(func)
    return click.option(
        "--bolt-port", default=7687, show_default=True, help="Bolt port on 127.0.0.1."
    )(func)


@click.group()
def server() -> None:
    """Run a local Neo4j 5.26 Community server without Docker.

    The first start fetches the official server, the Neo4j Browser and APOC core from
    Maven Central (needs Java 17+ and Maven; a few minutes) and caches them per user in
    ~/.cache/explorer. Later starts take about 15 s. Data lives in
    ~/.local/share/explorer/neo4j and survives restarts.

    The server listens on 127.0.0.1 only. Its password is random, set on first start (or
    NEO4J_PASSWORD when set) and kept in the file `password` of its folder, readable by
    you only; the CLI and the Python API read it from there. Queries cannot read files
    outside its import/ folder nor fetch URLs, and only APOC's pure functions on values
    (apoc.coll, apoc.map, apoc.text) are allowed.
    """


@server.command()
@with_ports
@click.option(
    "--password",
    envvar="NEO4J_PASSWORD",
    help="Initial password of user neo4j (first start only); default: a random one. "
    "Env: NEO4J_PASSWORD.",
)
@click.option(
    "--heap",
    default=default_heap,
    show_default="a quarter of RAM, 1g-16g",
    help="Java heap, e.g. 8g. One load is one transaction, which may use 70% of the heap "
    "and needs about 6 KB per row: 1g takes about 100k rows per load, 12g 1.25M.",
)
@click.option("--pagecache", default="512m", show_default=True, help="Page cache, e.g. 2g.")
@click.option(
    "--tx-timeout",
    default=DEFAULT_TX_TIMEOUT,
    show_default=True,
    metavar="DURATION",
    envvar="EXPLORER_TX_TIMEOUT",
    help="The server stops any transaction running longer, e.g. 5m; 0 for never. Loads are "
    "exempt. Env: EXPLORER_TX_TIMEOUT.",
)
@click.option(
    "--http-api",
    is_flag=True,
    envvar="EXPLORER_HTTP_API",
    help="Also serve Cypher over HTTP (/db/neo4j/tx, /db/neo4j/query/v2); by default the "
    "HTTP port serves the Browser only. Env: EXPLORER_HTTP_API=1.",
)
def start(bolt_port: int, http_port: int, password: str | None, **choices: Any) -> None:
    """Start the local server (fetching Neo4j on first use) and wait until it answers.

    Settings apply from this start on; to change them, stop the server first.
    """
    instance = _instance(bolt_port, http_port, password=password, **choices)
    was_running = instance.pid() is not None
    instance.start(progress=_progress)
    state = "already running" if was_running else "started"
    click.echo(
        f"Neo4j {NEO4J_VERSION} {state}: {instance.bolt_uri}  (Browser: {instance.browser_url})"
    )


@server.command()
@with_ports
def stop(bolt_port: int, http_port: int) -> None:
    """Stop the local server. Its data stays."""
    instance = _instance(bolt_port, http_port)
    click.echo("stopped" if instance.stop() else "not running")


@server.command()
@with_ports
def status(bolt_port: int, http_port: int) -> None:
    """Print the Bolt URI, whether the server answers, and where its password is kept.
    Exit 1 when it does not answer."""
    instance = _instance(bolt_port, http_port)
    pid = instance.pid()
    answers = instance.answers()
    state = "answers" if answers else "does not answer"
    owner = f"local server pid {pid}, home {instance.home}" if pid else "no local server running"
    click.echo(f"{instance.bolt_uri} {state} ({owner}; Browser: {instance.browser_url})")
    kept = instance.password_file
    click.echo(f"password: {kept}" if kept.exists() else "password: none yet (set on first start)")
    if not answers:
        raise SystemExit(1)
