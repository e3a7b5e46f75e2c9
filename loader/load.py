"""Write nodes and ties into Neo4j in one transaction: the load lands whole or not at all."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar

from loader import statements
from loader.errors import InputError, Problem
from loader.records import Node, Tie
from loader.schema import Schema, load_schema

if TYPE_CHECKING:
    from neo4j import Driver, Result, Transaction

BATCH_SIZE = 5000
T = TypeVar("T")


@dataclass
class LoadReport:
    """What a load created, updated and deleted, per label and tie type."""

    dataset: str
    nodes_created: Counter[str] = field(default_factory=Counter)
    nodes_updated: Counter[str] = field(default_factory=Counter)
    ties_created: Counter[str] = field(default_factory=Counter)
    ties_updated: Counter[str] = field(default_factory=Counter)
    deleted_nodes: int = 0
    deleted_ties: int = 0
    rows: int = 0
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        counts = (self.nodes_created, self.nodes_updated, self.ties_created, self.ties_updated)
        return any(c.total() for c in counts) or bool(self.deleted_nodes or self.deleted_ties)


Progress = Callable[[int], None]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _row(props: dict[str, Any], **fixed: Any) -> dict[str, Any]:
    clean = {k: v for k, v in {**props, **fixed}.items() if v is not None and v != []}
    digest = hashlib.sha1(json.dumps(clean, sort_keys=True, default=str).encode()).hexdigest()
    return {"id": clean["id"], "props": clean, "hash": digest}


def create_schema(driver: Driver, database: str, schema: Schema | None = None) -> None:
    """Create the missing constraints and indexes that the loader and the queries rely on."""
    records, _, _ = driver.execute_query(statements.SCHEMA_NAMES, database_=database)
    existing = {record["name"] for record in records}
    for name, statement in statements.schema_statements(schema or load_schema()).items():
        if name not in existing:
            driver.execute_query(statement, database_=database)


class _Writer:
    """Sends each batch's statements without waiting for their results, so the client
    prepares the next batch while the server writes this one; results are read a batch later.
    """

    def __init__(self, tx: Transaction, schema: Schema, report: LoadReport, progress: Progress):
        self.tx, self.schema, self.report, self.progress = tx, schema, report, progress
        self.node_ids: set[str] = set()
        self.pending: list[tuple[Result, Callable[[dict[str, Any]], None]]] = []
        self.records: dict[str, Any] = {}

    def nodes(self, nodes: Iterable[Node]) -> None:
        for batch in batched(nodes, BATCH_SIZE):
            groups = {
                kind: [
                    _row(n.props, id=n.id, kind=kind, dataset=self.report.dataset) for n in group
                ]
                for kind, group in _grouped(batch, lambda n: n.kind)
            }
            self.settle()
            self.node_ids.update(n.id for n in batch)
            self.records = {n.id: n.props.get("record") for n in batch}
            for kind, rows in groups.items():
                self._send(statements.merge_nodes(self.schema, kind), rows, self._nodes_done(kind))
            self.report.rows += len(batch)

    def ties(self, ties: Iterable[Tie]) -> None:
        for batch in batched(ties, BATCH_SIZE):
            groups = {
                tie_type: [
                    {
                        **_row(t.props, id=t.id, dataset=self.report.dataset),
                        "source": t.source,
                        "target": t.target,
                    }
                    for t in group
                ]
                for tie_type, group in _grouped(batch, lambda t: t.type)
            }
            self.settle()
            self._refuse_missing_ends(batch)
            for tie_type, rows in groups.items():
                query = statements.merge_ties(self.schema, tie_type)
                self._send(query, rows, self._ties_done(tie_type))
            self.report.rows += len(batch)

    def settle(self) -> None:
        """Read the results of what was sent, and report progress up to there."""
        for result, done in self.pending:
            done(result.single(strict=True).data())
        if self.pending:
            self.progress(self.report.rows)
        self.pending = []

    def _send(
        self,
        query: LiteralString,
        rows: list[dict[str, Any]],
        done: Callable[[dict[str, Any]], None],
    ) -> None:
        # The driver keeps a query's parameters until the transaction ends; the rows are
        # already encoded once run() returns, so emptying them keeps memory at one batch.
        self.pending.append((self.tx.run(query, rows=rows), done))
        rows.clear()

    def _nodes_done(self, kind: str) -> Callable[[dict[str, Any]], None]:
        def done(record: dict[str, Any]) -> None:
            if record["clashes"]:
                raise InputError([_clash(c, self.records.get(c["id"])) for c in record["clashes"]])
            self.report.nodes_created[kind] += record["created"]
            self.report.nodes_updated[kind] += record["updated"]

        return done

    def _ties_done(self, tie_type: str) -> Callable[[dict[str, Any]], None]:
        def done(record: dict[str, Any]) -> None:
            self.report.ties_created[tie_type] += record["created"]
            self.report.ties_updated[tie_type] += record["updated"]

        return done

    def _refuse_missing_ends(self, batch: list[Tie]) -> None:
        outside = sorted({e for t in batch for e in (t.source, t.target)} - self.node_ids)
        if not outside:
            return
        found = self.tx.run(statements.MISSING_ENDS, ids=outside).data()
        missing = {r["id"] for r in found}
        problems = [
            Problem(
                str(t.props.get("record", t.id)),
                None,
                end,
                f"no entity with id {ident!r} in this load or the database",
            )
            for t in batch
            for end, ident in (("source", t.source), ("target", t.target))
            if ident in missing
        ]
        if problems:
            raise InputError(problems)


def _grouped(items: list[T], key: Callable[[T], str]) -> list[tuple[str, list[T]]]:
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return sorted(groups.items())


def _clash(clash: dict[str, Any], record: Any) -> Problem:
    ident, owner, kind = clash["id"], clash["dataset"], clash["kind"]
    if kind != clash["new_kind"]:
        why = f"id {ident!r} is already a {kind} of dataset {owner!r}, not a {clash['new_kind']}"
    else:
        why = f"id {ident!r} already belongs to dataset {owner!r}; give this entity another id"
    return Problem(str(record or ident), None, "id", why)


def load(
    driver: Driver,
    database: str,
    dataset: str,
    nodes: Iterable[Node],
    ties: Iterable[Tie],
    *,
    replace: bool = False,
    dry_run: bool = False,
    progress: Progress = lambda _: None,
    schema: Schema | None = None,
) -> LoadReport:
    """Load one dataset in a single transaction; on any error nothing is written.

    `replace` first deletes what this dataset loaded before; `dry_run` does all the work,
    reports it, and rolls back.
    """
    report = LoadReport(dataset=dataset, dry_run=dry_run)
    started = time.perf_counter()
    create_schema(driver, database, schema)
    with driver.session(database=database) as session, session.begin_transaction() as tx:
        if replace:
            report.deleted_ties = tx.run(statements.DELETE_DATASET_TIES, dataset=dataset).single(
                strict=True
            )["deleted"]
            report.deleted_nodes = tx.run(statements.DELETE_DATASET_NODES, dataset=dataset).single(
                strict=True
            )["deleted"]
        writer = _Writer(tx, schema or load_schema(), report, progress)
        writer.nodes(nodes)
        writer.ties(ties)
        writer.settle()
        if dry_run:
            tx.rollback()
        else:
            tx.commit()
    report.seconds = time.perf_counter() - started
    return report
