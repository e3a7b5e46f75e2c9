"""Write nodes and ties into Neo4j in one transaction: the load lands whole or not at all."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar

from loader import statements
from loader.errors import InputError, Problem
from loader.records import Node, Tie
from loader.schema import Schema, load_schema

if TYPE_CHECKING:
    from neo4j import Driver, Transaction

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
    def __init__(self, tx: Transaction, schema: Schema, report: LoadReport, progress: Progress):
        self.tx, self.schema, self.report, self.progress = tx, schema, report, progress
        self.node_ids: set[str] = set()

    def nodes(self, nodes: Iterable[Node]) -> None:
        for batch in batched(nodes, BATCH_SIZE):
            rows = [_row(n.props, id=n.id, kind=n.kind, dataset=self.report.dataset) for n in batch]
            self._refuse_conflicts(rows, batch)
            self.node_ids.update(n.id for n in batch)
            for kind, group in groupby(
                sorted(rows, key=lambda r: r["props"]["kind"]), key=lambda r: r["props"]["kind"]
            ):
                [record] = self._run(statements.merge_nodes(self.schema, kind), rows=list(group))
                self.report.nodes_created[kind] += record["created"]
                self.report.nodes_updated[kind] += record["updated"]
            self._advance(len(batch))

    def ties(self, ties: Iterable[Tie]) -> None:
        for batch in batched(ties, BATCH_SIZE):
            self._refuse_missing_ends(batch)
            rows = [
                {
                    **_row(t.props, id=t.id, dataset=self.report.dataset),
                    "source": t.source,
                    "target": t.target,
                    "type": t.type,
                }
                for t in batch
            ]
            for tie_type, group in groupby(
                sorted(rows, key=lambda r: r["type"]), key=lambda r: r["type"]
            ):
                [record] = self._run(statements.merge_ties(self.schema, tie_type), rows=list(group))
                self.report.ties_created[tie_type] += record["created"]
                self.report.ties_updated[tie_type] += record["updated"]
            self._advance(len(batch))

    def _run(self, query: LiteralString, **params: list[Any]) -> list[dict[str, Any]]:
        """Run in the load's transaction. The driver keeps every query's parameters until the
        transaction ends, so the lists are emptied once sent: memory stays one batch."""
        data = self.tx.run(query, dict(params)).data()
        for values in params.values():
            values.clear()
        return data

    def _advance(self, rows: int) -> None:
        self.report.rows += rows
        self.progress(self.report.rows)

    def _refuse_conflicts(self, rows: list[dict[str, Any]], batch: list[Node]) -> None:
        probe = [
            {"id": r["id"], "kind": r["props"]["kind"], "dataset": self.report.dataset}
            for r in rows
        ]
        clashes = self._run(statements.CONFLICTS, rows=probe)
        if clashes:
            records = {n.id: n.props.get("record") for n in batch}
            raise InputError([_clash(c, records.get(c["id"])) for c in clashes])

    def _refuse_missing_ends(self, batch: list[Tie]) -> None:
        outside = sorted({e for t in batch for e in (t.source, t.target)} - self.node_ids)
        if not outside:
            return
        missing = {r["id"] for r in self._run(statements.MISSING_ENDS, ids=outside)}
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
        if dry_run:
            tx.rollback()
        else:
            tx.commit()
    report.seconds = time.perf_counter() - started
    return report
