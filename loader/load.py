"""Load a dataset into Neo4j: in one transaction by default, so it lands whole or not at all."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from loader import statements
from loader.collection import cycles_uncollected
from loader.judgements import regroup_records, restore
from loader.links import link_if_unlinked
from loader.records import Input, Node, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema, load_schema
from loader.staging import PUBLISH_EVERY, STAGE_ABOVE, clear_failed, load_staged, resume
from loader.transactions import LOAD_TX_TIMEOUT, write_transaction
from loader.writer import Writer

if TYPE_CHECKING:
    from neo4j import Driver
    from neo4j.exceptions import TransientError

    from loader.importers.base import ImportResult
    from loader.judgements import Judgement

ATTEMPTS = 3
OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
INDEX_WAIT = 300  # seconds for new indexes to fill: instant on a fresh database


def create_schema(driver: Driver, database: str, schema: Schema | None = None) -> None:
    """Create the missing constraints and indexes that the loader and the queries rely on, in
    one transaction (half the time of one each on a fresh database)."""
    records, _, _ = driver.execute_query(statements.SCHEMA_NAMES, database_=database)
    existing = {record["name"] for record in records}
    wanted = statements.schema_statements(schema or load_schema())
    missing = [statement for name, statement in wanted.items() if name not in existing]
    if missing:
        with write_transaction(driver, database) as tx:
            for statement in missing:
                tx.run(statement).consume()
            tx.commit()
        # An index fills after its transaction: until it is online the server refuses the
        # statements that name it in a hint ("Failed to fulfil the hints of the query").
        driver.execute_query(
            "CALL db.awaitIndexes($seconds)", seconds=INDEX_WAIT, database_=database
        )


def record_dataset(
    driver: Driver,
    database: str,
    dataset: str,
    version: str | None,
    files: Sequence[str],
    counts: tuple[int, int],
    types: Sequence[str],
) -> None:
    """Write a dataset's :Dataset node on its own: after a bulk import, which cannot."""
    nodes, ties = counts
    said = {"version": version, "files": list(files), "nodes": nodes, "ties": ties}
    said["types"] = sorted(types)
    driver.execute_query(statements.MERGE_DATASET, said, database_=database, name=dataset)


def regroup_keyed(driver: Driver, database: str, ids: list[str]) -> None:
    """Group records that share strong keys (after a bulk import, which cannot)."""
    with write_transaction(driver, database) as tx:
        regroup_records(tx, set(ids))
        tx.commit()


@cycles_uncollected()
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
    """Make `dataset` equal to `nodes` and `ties`, all or nothing: on any error nothing is
    written.

    What the dataset held and the input no longer has is deleted; what belongs to another
    dataset is never touched (an id it holds, or an entity its ties hang on, is refused).
    Its :Dataset node records `version`, `files` and its counts. `dry_run` does all the
    work, reports it, and rolls back. A load of more than STAGE_ABOVE rows, or any load
    with `commit_every`, is staged and then published in transactions of that many rows
    (see loader.staging): still all or nothing, for loads bigger than the server's
    transaction memory. Every load first finishes what an interrupted staged load left.

    A transient server error (a deadlock with another load) before anything was written
    restarts the load, up to ATTEMPTS times, when `nodes` and `ties` can be read again.
    """
    if dry_run and commit_every:
        raise ValueError("a dry run cannot commit every few rows: it writes nothing")
    from neo4j.exceptions import TransientError

    started = time.perf_counter()
    schema = schema or load_schema()
    create_schema(driver, database, schema)
    link_if_unlinked(driver, database)
    resume(driver, database, schema, progress)
    source = Input(nodes, ties, version, list(files))
    rereadable = isinstance(nodes, Collection) and isinstance(ties, Collection)
    if not dry_run and (commit_every or _rows(nodes, ties) > STAGE_ABOVE):
        report = LoadReport(dataset=dataset)
        load_staged(
            driver, database, report, source, commit_every or PUBLISH_EVERY, progress, schema
        )
        report.seconds = time.perf_counter() - started
        return report
    attempt = 1
    while True:
        report = LoadReport(dataset=dataset, dry_run=dry_run)
        try:
            _load_once(driver, database, report, source, progress, schema)
            break
        except TransientError as err:
            if not rereadable or not _worth_retrying(err, attempt):
                raise
            time.sleep(0.2 * attempt)
            attempt += 1
    report.seconds = time.perf_counter() - started
    return report


def _rows(nodes: Iterable[Node], ties: Iterable[Tie]) -> int:
    return (
        len(nodes) + len(ties)
        if isinstance(nodes, Collection) and isinstance(ties, Collection)
        else 0
    )


def _worth_retrying(err: TransientError, attempt: int) -> bool:
    """A deadlock or a lock timeout passes; a transaction too big for memory would not."""
    return attempt < ATTEMPTS and err.code != OUT_OF_MEMORY


def _load_once(
    driver: Driver,
    database: str,
    report: LoadReport,
    source: Input,
    progress: Progress,
    schema: Schema,
) -> None:
    with driver.session(database=database) as session:
        writer = Writer(session, schema, report, progress)
        try:
            writer.read_existing()
            writer.nodes(source.nodes)
            writer.ties(source.ties)
            writer.prune()
            writer.record_dataset(source.version, source.files)
            clear_failed(writer.tx.run, report.dataset)
            if report.dry_run:
                writer.settle()
            else:
                writer.commit()
        finally:
            writer.tx.close()  # rolls back whatever was not committed


@cycles_uncollected()
def load_many(
    driver: Driver,
    database: str,
    parts: Sequence[ImportResult],
    judgements: Sequence[Judgement] = (),
    *,
    ranks: Mapping[str, int] | None = None,
    dry_run: bool = False,
    progress: Progress = lambda _: None,
    schema: Schema | None = None,
) -> list[LoadReport]:
    """Make each dataset of `parts` equal to its records, then record `judgements` and
    regroup the records they name: all in one transaction, so a backup is restored whole or
    not at all. A new dataset takes its rank from `ranks`, else the next in order. Every
    dataset's records are written before any tie, so a dataset's ties may end at another's
    records whatever their order. One report per dataset, in order."""
    started = time.perf_counter()
    schema = schema or load_schema()
    create_schema(driver, database, schema)
    link_if_unlinked(driver, database)
    resume(driver, database, schema, progress)
    reports = [LoadReport(dataset=part.dataset, dry_run=dry_run) for part in parts]
    with (
        driver.session(database=database) as session,
        session.begin_transaction(timeout=LOAD_TX_TIMEOUT) as tx,
    ):

        def told(_: int) -> None:
            progress(sum(report.rows for report in reports))

        writers = [Writer(session, schema, report, told, tx=tx) for report in reports]
        _write_parts(writers, parts, ranks or {})
        if judgements:
            restore(tx, judgements)
        if dry_run:
            tx.rollback()  # leaving the block would commit
        else:
            tx.commit()
    for report in reports:
        report.seconds = time.perf_counter() - started
        report.transactions = 0 if dry_run else 1
        report.committed_rows = 0 if dry_run else report.rows
    return reports


def _write_parts(
    writers: list[Writer], parts: Sequence[ImportResult], ranks: Mapping[str, int]
) -> None:
    """Every dataset's records, then every dataset's ties, then what each no longer has."""
    for writer, part in zip(writers, parts, strict=True):
        writer.read_existing(ranks.get(part.dataset))
    for writer, part in zip(writers, parts, strict=True):
        writer.nodes(part.nodes)
    for writer, part in zip(writers, parts, strict=True):
        writer.ties(part.ties)
    for writer, part in zip(writers, parts, strict=True):
        writer.prune()
        writer.record_dataset(part.version, part.files)
        clear_failed(writer.tx.run, part.dataset)
        writer.settle()
