"""Shared helpers for the benchmark scripts: a Neo4j to run against, timing and statistics.

Benchmarks never import from tests/: what they need of the test harness is copied here.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.server.config import DEFAULT_TX_TIMEOUT
from explorer.server.instance import Instance, default_heap
from explorer.settings import Settings

if TYPE_CHECKING:
    from neo4j import Driver

BENCH_PASSWORD = "bench-password"
VENV_BIN = Path(sys.executable).parent


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--uri",
        nargs="?",
        const="",
        default=None,
        metavar="URI",
        help="use an existing Neo4j: the URI given, else NEO4J_URI (with NEO4J_USER and "
        "NEO4J_PASSWORD); without --uri a throwaway local server is started and stopped",
    )
    parser.add_argument("--heap", help="the local server's heap (default: by size)")
    parser.add_argument("--pagecache", help="the local server's page cache (default: by size)")


def wall(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of `runs` runs of a command."""
    times: list[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def memory_for(ties: int) -> tuple[str, str]:
    """Heap and page cache for a local server holding `ties` ties (in one transaction)."""
    if ties >= 1_000_000:
        # What `explorer server start` gives this machine: loads this big are staged.
        return default_heap(), "1g"
    if ties >= 100_000:
        return "2g", "512m"
    return "1g", "256m"


def open_driver(settings: Settings) -> Driver:
    """A driver configured as explorer.db.Database configures its own."""
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(
        settings.uri,
        auth=(settings.user, settings.password),
        connection_timeout=5,
        notifications_min_severity="OFF",
    )
    driver.verify_connectivity()
    return driver


@contextmanager
def local_instance(
    heap: str, pagecache: str, tx_timeout: str = DEFAULT_TX_TIMEOUT
) -> Iterator[Instance]:
    """A throwaway local Neo4j on free loopback ports, with its own data directory, and the
    transaction time limit `explorer server start` sets unless told otherwise."""
    with tempfile.TemporaryDirectory(prefix="explorer-bench-") as home:
        instance = Instance(
            Path(home) / "neo4j",
            bolt_port=free_port(),
            http_port=free_port(),
            password=BENCH_PASSWORD,
            heap=heap,
            pagecache=pagecache,
            tx_timeout=tx_timeout,
        )
        print(f"# starting a local Neo4j (heap {heap}, page cache {pagecache}) ...", flush=True)
        instance.start()
        try:
            yield instance
        finally:
            instance.stop()


@contextmanager
def local_server(heap: str, pagecache: str) -> Iterator[Settings]:
    """The settings of a throwaway local Neo4j (see `local_instance`)."""
    with local_instance(heap, pagecache) as instance:
        yield Settings(uri=instance.bolt_uri, password=BENCH_PASSWORD)


@contextmanager
def neo4j(
    uri: str | None, ties: int, heap: str | None = None, pagecache: str | None = None
) -> Iterator[tuple[Driver, Settings]]:
    """A driver and its Settings: for `uri` ('' = NEO4J_URI) when given, else a local server."""
    if uri is not None:
        env = Settings.from_env()
        settings = Settings(
            uri=uri or env.uri, user=env.user, password=env.password, database=env.database
        )
        driver = open_driver(settings)
        try:
            yield driver, settings
        finally:
            driver.close()
        return
    default_heap, default_pagecache = memory_for(ties)
    with local_server(heap or default_heap, pagecache or default_pagecache) as settings:
        driver = open_driver(settings)
        try:
            yield driver, settings
        finally:
            driver.close()


def count_nodes(driver: Driver, database: str) -> int:
    records, _, _ = driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=database)
    count: int = records[0]["n"]
    return count


def wipe(driver: Driver, database: str) -> None:
    """Delete every node and tie, and every constraint and index but the token lookups."""
    from neo4j import Query

    everything = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
    with driver.session(database=database) as session:
        session.run(Query(everything, timeout=0)).consume()  # no time limit: 1M ties take minutes
    constraints, _, _ = driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=database)
    for record in constraints:
        driver.execute_query(f"DROP CONSTRAINT `{record['name']}`", database_=database)
    indexes, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name", database_=database
    )
    for record in indexes:
        driver.execute_query(f"DROP INDEX `{record['name']}`", database_=database)


def refuse_foreign_data(driver: Driver, database: str, uri: str | None, allowed: bool) -> None:
    """Stop before wiping a server the benchmark did not start, unless told to."""
    if uri is not None and not allowed and count_nodes(driver, database):
        raise SystemExit(
            f"database {database!r} is not empty and this benchmark deletes everything in it; "
            "pass --allow-wipe to go on"
        )


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile (0..1), interpolated between the closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: list[float]) -> float:
    return statistics.median(values)


def verdict(ok: bool) -> str:
    return "MET" if ok else "MISSED"


def explorer_bin() -> str:
    """The `explorer` console script next to this interpreter."""
    return str(VENV_BIN / "explorer") if (VENV_BIN / "explorer").exists() else "explorer"
