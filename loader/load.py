"""Load a dataset into Neo4j: in one transaction by default, so it lands whole or not at all."""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from loader import statements
from loader.records import Node, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema, load_schema
from loader.writer import Writer

if TYPE_CHECKING:
    from neo4j import Driver


def create_schema(driver: Driver, database: str, schema: Schema | None = None) -> None:
    """Create the missing constraints and indexes that the loader and the queries rely on."""
    records, _, _ = driver.execute_query(statements.SCHEMA_NAMES, database_=database)
    existing = {record["name"] for record in records}
    for name, statement in statements.schema_statements(schema or load_schema()).items():
        if name not in existing:
            driver.execute_query(statement, database_=database)


def load(
    driver: Driver,
    database: str,
    dataset: str,
    nodes: Iterable[Node],
    ties: Iterable[Tie],
    *,
    replace: bool = False,
    dry_run: bool = False,
    commit_every: int | None = None,
    progress: Progress = lambda _: None,
    schema: Schema | None = None,
) -> LoadReport:
    """Load one dataset in a single transaction; on any error nothing is written.

    `replace` first deletes what this dataset loaded before; `dry_run` does all the work,
    reports it, and rolls back. `commit_every` commits every that many rows instead, for
    loads bigger than the server's transaction memory: an error then keeps what was
    committed, and loading the same input again writes only the rest.
    """
    if dry_run and commit_every:
        raise ValueError("a dry run cannot commit every few rows: it writes nothing")
    report = LoadReport(dataset=dataset, dry_run=dry_run)
    started = time.perf_counter()
    create_schema(driver, database, schema)
    with driver.session(database=database) as session:
        writer = Writer(session, schema or load_schema(), report, progress, commit_every)
        try:
            if replace:
                writer.delete_dataset()
            writer.nodes(nodes)
            writer.ties(ties)
            if dry_run:
                writer.settle()
            else:
                writer.commit()
        finally:
            writer.tx.close()  # rolls back whatever was not committed
    report.seconds = time.perf_counter() - started
    return report
