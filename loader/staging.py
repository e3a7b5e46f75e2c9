"""Loads too big for one transaction: staged in bounded transactions, then published whole.

A staged load first writes its input into the database as :LoadStage nodes (a batch of rows
each, as JSON) beside one :Load marker, a batch per transaction, and checks each batch
against the graph as it goes (ids other datasets hold, tie ends that are nowhere, then
records that other datasets' ties hang on). The graph itself does not change while a load
stages, so an input error ends it with nothing published. Then the marker turns to
`publishing`, the staged rows are written as `loader.writer` writes them when it commits
every few rows, and the stage and its marker are deleted.

- A live load holds a lock on its :LoadLock node, in a transaction of its own, from start to
  end; the server drops it with the connection when the loading process dies.
- A dead load's stage is deleted by the next load (`resume`), or published to the end when
  it was publishing (roll forward): writes skip unchanged rows and deletions are computed
  from the stage, so a second publish completes the first.
- A publish the server refuses (not a crash) leaves its marker `failed`, with the error:
  the dataset is half written until it is loaded again (which deletes the marker) or dropped.
- While a marker says `publishing` or `failed`, the explorer's reads refuse to answer
  (`loader.unfinished`): their answers would mix a dataset's old and new rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, LiteralString

from loader import statements
from loader.errors import InputError
from loader.pruning import Pruner
from loader.records import Input, Node, Origin, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema
from loader.transactions import LOAD_TX_TIMEOUT
from loader.writer import (
    BATCH_SIZE,
    Writer,
    batched,
    clash_problem,
    origins,
    problem_at,
    refuse_missing_ends,
    tie_clash_problem,
)

if TYPE_CHECKING:
    from neo4j import Driver, Result, Session, Transaction

Run = Callable[..., "Result"]
Check = Callable[["Transaction", Any], None]
STAGE_ABOVE = 250_000  # rows: a bigger load is staged (about 6 KB of server heap per row)
PUBLISH_EVERY = 50_000  # rows per transaction while publishing
LOCK_SECONDS = 2  # how long to wait for another load's lock before taking it for alive

MARK: LiteralString = (
    "CREATE (:Load {id: $load, dataset: $dataset, state: 'staging', started: datetime(), "
    "version: $version, files: $files}) CREATE (:LoadLock {load: $load})"
)
LOCK: LiteralString = "MATCH (k:LoadLock {load: $load}) SET k.held = true RETURN count(k) AS n"
STAGE: LiteralString = "CREATE (:LoadStage {load: $load, seq: $seq, part: $part, rows: $rows})"
START_PUBLISHING: LiteralString = "MATCH (l:Load {id: $load}) SET l.state = 'publishing'"
NEXT: LiteralString = (
    "MATCH (s:LoadStage {load: $load, part: $part}) WHERE s.seq > $seq "
    "RETURN s.seq AS seq, s.rows AS rows ORDER BY seq LIMIT 1"
)
FAILED: LiteralString = "MATCH (l:Load {id: $load}) SET l.state = 'failed', l.error = $error"
CLEAR: LiteralString = (
    "OPTIONAL MATCH (s:LoadStage {load: $load}) DELETE s WITH count(*) AS gone "
    "MATCH (l:Load {id: $load}) OPTIONAL MATCH (k:LoadLock {load: $load}) DELETE l, k"
)
# A load that lands makes its dataset whole again: earlier failed publishes of it are moot.
CLEAR_FAILED: LiteralString = (
    "MATCH (l:Load {dataset: $dataset, state: 'failed'}) "
    "OPTIONAL MATCH (k:LoadLock {load: l.id}) "
    "CALL (l) { MATCH (s:LoadStage {load: l.id}) DELETE s } DELETE l, k"
)
MARKERS: LiteralString = (
    "MATCH (l:Load) WHERE l.state <> 'failed' RETURN properties(l) AS load ORDER BY l.started"
)
MAX_KEY_BYTES = 8000  # a string a range index takes (Neo4j refuses about 8 kB and more)
CLASHING_RECORDS: LiteralString = (
    "UNWIND $rows AS row MATCH (old:Record {id: row.id}) USING INDEX SEEK old:Record(id) "
    "WHERE old.dataset <> $dataset OR old.kind <> row.kind "
    "RETURN old.id AS id, old.dataset AS dataset, old.kind AS kind, row.kind AS new_kind LIMIT 10"
)


def clashing_ties(schema: Schema, tie_type: str) -> LiteralString:
    """Ids of one tie type that another dataset holds."""
    rel = statements.allowed(tie_type, schema.ties, "tie type")
    return (
        f"UNWIND $ids AS id MATCH ()-[old:{rel} {{id: id}}]->() USING INDEX SEEK old:{rel}(id) "
        "WHERE old.dataset <> $dataset RETURN old.id AS id, old.dataset AS dataset LIMIT 10"
    )


def load_staged(
    driver: Driver,
    database: str,
    report: LoadReport,
    source: Input,
    publish_every: int,
    progress: Progress,
    schema: Schema,
) -> None:
    """Stage `source` as dataset `report.dataset`, check it, then publish it in transactions
    of `publish_every` rows. An input error deletes the stage."""
    load = uuid.uuid4().hex
    said = {"version": source.version, "files": source.files}
    driver.execute_query(MARK, said, load=load, dataset=report.dataset, database_=database)
    with driver.session(database=database) as session:
        lock = session.begin_transaction(timeout=LOAD_TX_TIMEOUT)
        try:
            lock.run(LOCK, load=load).consume()
            staged = _Stager(driver, database, schema, report.dataset, load, progress)
            try:
                staged.write(source.nodes, source.ties)
            except BaseException:
                lock.run(CLEAR, load=load).consume()
                lock.commit()
                raise
            driver.execute_query(START_PUBLISHING, load=load, database_=database)
            _publish(driver, database, schema, report, load, publish_every, staged.rows, progress)
            lock.run(CLEAR, load=load).consume()
            lock.run(CLEAR_FAILED, dataset=report.dataset).consume()
            lock.commit()
        finally:
            lock.close()


def _failed(driver: Driver, database: str, load: str, err: Exception) -> None:
    """Mark a publish the server refused, and say what that left."""
    error = (getattr(err, "message", None) or str(err) or repr(err)).splitlines()[0]
    driver.execute_query(FAILED, load=load, error=error, database_=database)
    err.add_note(
        "the load was checked and partly published: until the dataset is loaded again "
        "(once the cause is fixed) or dropped, queries refuse to answer"
    )


def clear_failed(run: Run, dataset: str) -> None:
    """Forget earlier failed publishes of `dataset`: it was loaded whole, or dropped."""
    run(CLEAR_FAILED, dataset=dataset).consume()


def resume(driver: Driver, database: str, schema: Schema, progress: Progress) -> list[LoadReport]:
    """Finish what dead loads left: publish their stage to the end when they were
    publishing, else delete it. Loads still alive are left alone."""
    records, _, _ = driver.execute_query(MARKERS, database_=database)
    reports: list[LoadReport] = []
    for found in records:
        marker: dict[str, Any] = found["load"]
        load = marker["id"]
        with driver.session(database=database) as session:
            lock = _lock_of_dead(session, load)
            if lock is None:
                continue
            with lock:
                if marker["state"] == "publishing":
                    report = LoadReport(dataset=marker["dataset"])
                    _publish(driver, database, schema, report, load, PUBLISH_EVERY, 0, progress)
                    reports.append(report)
                lock.run(CLEAR, load=load).consume()
                lock.commit()
    return reports


def _lock_of_dead(session: Session, load: str) -> Transaction | None:
    """A transaction holding the lock of `load`, or None while the load is alive (holds it)."""
    from neo4j.exceptions import Neo4jError

    probe = session.begin_transaction(timeout=LOCK_SECONDS)
    try:
        probe.run(LOCK, load=load).consume()
    except Neo4jError:
        return None
    finally:
        probe.close()
    lock = session.begin_transaction(timeout=LOAD_TX_TIMEOUT)  # for as long as it publishes
    lock.run(LOCK, load=load).consume()
    return lock


class _Stager:
    """Writes a load's batches to its stage, each checked in the transaction that writes it."""

    def __init__(
        self,
        driver: Driver,
        database: str,
        schema: Schema,
        dataset: str,
        load: str,
        progress: Progress,
    ) -> None:
        self.driver, self.database, self.schema = driver, database, schema
        self.dataset, self.load, self.progress = dataset, load, progress
        self.node_ids: set[str] = set()
        self.rows = self.seq = 0

    def write(self, nodes: Iterable[Node], ties: Iterable[Tie]) -> None:
        with self.driver.session(database=self.database) as session:
            for batch in batched(nodes, BATCH_SIZE):
                self._stage(session.begin_transaction(), "nodes", batch, self._check_nodes)
                self.node_ids.update(n.id for n in batch)
            for tie_batch in batched(ties, BATCH_SIZE):
                self._stage(session.begin_transaction(), "ties", tie_batch, self._check_ties)
            with session.begin_transaction() as tx:
                self._check_left_out(tx)

    def _stage(self, tx: Transaction, part: str, batch: list[Any], check: Check) -> None:
        with tx:
            check(tx, batch)
            self.seq += 1
            tx.run(STAGE, load=self.load, seq=self.seq, part=part, rows=_encode(batch)).consume()
            tx.commit()
        self.rows += len(batch)
        self.progress(self.rows // 2)  # staging is about half the work

    def _check_nodes(self, tx: Transaction, batch: list[Node]) -> None:
        _refuse_long_keys(batch)
        rows = [{"id": n.id, "kind": n.kind} for n in batch]
        where = origins(batch)
        found = tx.run(CLASHING_RECORDS, rows=rows, dataset=self.dataset)
        clashes = [clash_problem(r.data(), where.get(r["id"])) for r in found]
        if clashes:
            raise InputError(clashes)

    def _check_ties(self, tx: Transaction, batch: list[Tie]) -> None:
        _refuse_long_keys(batch)
        where = origins(batch)
        problems = []
        for tie_type in sorted({t.type for t in batch}):
            ids = [t.id for t in batch if t.type == tie_type]
            found = tx.run(clashing_ties(self.schema, tie_type), ids=ids, dataset=self.dataset)
            problems += [tie_clash_problem(r.data(), where.get(r["id"])) for r in found]
        if problems:
            raise InputError(problems)
        refuse_missing_ends(tx.run, batch, self.node_ids, self.dataset)

    def _check_left_out(self, tx: Transaction) -> None:
        """Refuse to leave out records that ties of other datasets hang on."""
        pruner = Pruner(self.schema, LoadReport(dataset=self.dataset))
        pruner.read(tx)
        pruner.refuse_foreign_ties(tx.run, sorted(pruner.nodes.keys() - self.node_ids), BATCH_SIZE)


def _refuse_long_keys(batch: list[Node] | list[Tie]) -> None:
    """Refuse ids and names too long for the server's indexes: found at publishing, they
    would leave the dataset half written."""
    problems = []
    where = origins(batch)
    for item in batch:
        for field, value in (("id", item.id), ("name", item.props.get("name"))):
            size = len(value.encode()) if isinstance(value, str) else 0
            if size > MAX_KEY_BYTES:
                message = f"{size:,} bytes long: Neo4j indexes take at most {MAX_KEY_BYTES:,}"
                problems.append(problem_at(where[item.id] or item.id, field, message))
    if problems:
        raise InputError(problems)


def _publish(
    driver: Driver,
    database: str,
    schema: Schema,
    report: LoadReport,
    load: str,
    every: int,
    staged: int,
    progress: Progress,
) -> None:
    """Write a load's stage as the dataset's rows, in transactions of `every` rows; a
    failure marks the load failed (see `_failed`)."""
    records, _, _ = driver.execute_query(
        "MATCH (l:Load {id: $load}) RETURN l.version AS version, l.files AS files",
        load=load,
        database_=database,
    )
    said = records[0]

    def told(rows: int) -> None:
        progress((staged + rows) // 2)

    with driver.session(database=database) as session:
        writer = Writer(session, schema, report, told, commit_every=every)
        try:
            writer.read_existing()
            writer.nodes(_node(row) for row in _staged(driver, database, load, "nodes"))
            writer.ties(_tie(row) for row in _staged(driver, database, load, "ties"))
            writer.prune()
            writer.record_dataset(said["version"], said["files"] or [])
            writer.commit()
        except Exception as err:
            _failed(driver, database, load, err)
            raise
        finally:
            writer.tx.close()


def _staged(driver: Driver, database: str, load: str, part: str) -> Iterator[list[Any]]:
    """The rows of one part of a load's stage, a batch per read."""
    seq = 0
    while True:
        records, _, _ = driver.execute_query(
            NEXT, load=load, part=part, seq=seq, database_=database
        )
        if not records:
            return
        seq = records[0]["seq"]
        yield from json.loads(records[0]["rows"])


def _encode(batch: list[Node] | list[Tie]) -> str:
    rows: list[list[Any]] = []
    for item in batch:
        where = list(item.origin) if item.origin else None
        if isinstance(item, Node):
            rows.append([item.id, item.kind, item.props, where])
        else:
            rows.append([item.id, item.type, item.props, where, item.source, item.target])
    return json.dumps(rows, separators=(",", ":"))


def _node(row: list[Any]) -> Node:
    return Node(row[0], row[1], row[2], Origin(*row[3]) if row[3] else None)


def _tie(row: list[Any]) -> Tie:
    return Tie(row[0], row[1], row[4], row[5], row[2], Origin(*row[3]) if row[3] else None)
