"""Load a dataset into Neo4j: in one transaction by default, so it lands whole or not at all."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from loader import statements
from loader.records import Node, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema, load_schema
from loader.writer import Writer

if TYPE_CHECKING:
    from neo4j import Driver
    from neo4j.exceptions import TransientError

ATTEMPTS = 3
OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"


def create_schema(driver: Driver, database: str, schema: Schema | None = None) -> None:
    """Create the missing constraints and indexes that the loader and the queries rely on."""
    records, _, _ = driver.execute_query(statements.SCHEMA_NAMES, database_=database)
    existing = {record["name"] for record in records}
    for name, statement in statements.schema_statements(schema or load_schema()).items():
        if name not in existing:
            driver.execute_query(statement, database_=database)


def record_dataset(
    driver: Driver,
    database: str,
    dataset: str,
    version: str | None,
    files: Sequence[str],
    counts: tuple[int, int],
) -> None:
    """Write a dataset's :Dataset node on its own: after a bulk import, which cannot."""
    nodes, ties = counts
    said = {"version": version, "files": list(files), "nodes": nodes, "ties": ties}
    driver.execute_query(statements.MERGE_DATASET, said, database_=database, name=dataset)


def load(
    driver: Driver,
    database: str,
    dataset: str,
    nodes: Iterable[Node],
    ties: Iterable[Tie],
    *,
    version: str | None = None,
    files: Sequence[str] = (),
    dry_run: bool = False,
    commit_every: int | None = None,
    progress: Progress = lambda _: None,
    schema: Schema | None = None,
) -> LoadReport:
    """Make `dataset` equal to `nodes` and `ties` in a single transaction; on any error
    nothing is written.

    What the dataset held and the input no longer has is deleted; what belongs to another
    dataset is never touched (an id it holds, or an entity its ties hang on, is refused).
    Its :Dataset node records `version`, `files` and its counts. `dry_run` does all the
    work, reports it, and rolls back. `commit_every` commits every that many rows instead
    (deletions come after every write), for loads bigger than the server's transaction
    memory: an error then keeps what was committed, says how many rows that was (in a note
    on the exception), and loading the same input again writes only the rest.

    A transient server error (a deadlock with another load) before anything was committed
    restarts the load, up to ATTEMPTS times, when `nodes` and `ties` can be read again.
    """
    if dry_run and commit_every:
        raise ValueError("a dry run cannot commit every few rows: it writes nothing")
    from neo4j.exceptions import TransientError

    started = time.perf_counter()
    create_schema(driver, database, schema)
    rereadable = isinstance(nodes, Collection) and isinstance(ties, Collection)
    attempt = 1
    while True:
        report = LoadReport(dataset=dataset, dry_run=dry_run)
        try:
            source = _Input(nodes, ties, version, list(files))
            _load_once(driver, database, report, source, commit_every, progress, schema)
            break
        except TransientError as err:
            if report.committed_rows or not rereadable or not _worth_retrying(err, attempt):
                raise
            time.sleep(0.2 * attempt)
            attempt += 1
    report.seconds = time.perf_counter() - started
    return report


class _Input(NamedTuple):
    nodes: Iterable[Node]
    ties: Iterable[Tie]
    version: str | None
    files: list[str]


def _worth_retrying(err: TransientError, attempt: int) -> bool:
    """A deadlock or a lock timeout passes; a transaction too big for memory would not."""
    return attempt < ATTEMPTS and err.code != OUT_OF_MEMORY


def _load_once(
    driver: Driver,
    database: str,
    report: LoadReport,
    source: _Input,
    commit_every: int | None,
    progress: Progress,
    schema: Schema | None,
) -> None:
    with driver.session(database=database) as session:
        writer = Writer(session, schema or load_schema(), report, progress, commit_every)
        try:
            writer.read_existing()
            writer.nodes(source.nodes)
            writer.ties(source.ties)
            writer.prune()
            writer.record_dataset(source.version, source.files)
            if report.dry_run:
                writer.settle()
            else:
                writer.commit()
        except Exception as err:
            if report.committed_rows:
                err.add_note(_kept(report.committed_rows, source.nodes, source.ties))
            raise
        finally:
            writer.tx.close()  # rolls back whatever was not committed


def _kept(committed: int, nodes: Iterable[Node], ties: Iterable[Tie]) -> str:
    """What a failed chunked load leaves written, and what to do about it."""
    total = (
        f" of {len(nodes) + len(ties)}"
        if isinstance(nodes, Collection) and isinstance(ties, Collection)
        else ""
    )
    return (
        f"{committed}{total} rows were committed before the error (--commit-every); "
        "run the same command again, once the cause is fixed, to write only the rest"
    )
