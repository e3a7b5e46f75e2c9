"""Batched writes of nodes and ties: UNWIND per kind and tie type, checks in the same pass."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar

from loader import statements
from loader.errors import InputError, Problem
from loader.records import Node, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema

if TYPE_CHECKING:
    from neo4j import Result, Session

BATCH_SIZE = 5000
# A load may be one transaction of many minutes: 0 exempts it from the server's
# db.transaction.timeout (the driver's "no timeout").
LOAD_TX_TIMEOUT = 0
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def row_of(props: dict[str, Any], **fixed: Any) -> dict[str, Any]:
    """The properties to write (empty values dropped), and their content hash."""
    clean = {k: v for k, v in {**props, **fixed}.items() if v is not None and v != []}
    digest = hashlib.sha1(json.dumps(clean, sort_keys=True, default=str).encode()).hexdigest()
    return {"id": clean["id"], "props": clean, "hash": digest}


class Writer:
    """Writes batches in the session's transaction, committing every `commit_every` rows
    when that is set, else only when told.

    Each batch's statements are sent without waiting for their results, so the client
    prepares the next batch while the server writes this one; results are read a batch later.
    """

    def __init__(
        self,
        session: Session,
        schema: Schema,
        report: LoadReport,
        progress: Progress,
        commit_every: int | None = None,
    ):
        self.session, self.schema, self.report, self.progress = session, schema, report, progress
        self.commit_every, self.uncommitted = commit_every, 0
        self.batch_size = min(BATCH_SIZE, commit_every or BATCH_SIZE)
        self.tx = session.begin_transaction(timeout=LOAD_TX_TIMEOUT)
        self.node_ids: set[str] = set()
        self.pending: list[tuple[Result, Callable[[dict[str, Any]], None]]] = []
        self.records: dict[str, Any] = {}

    def nodes(self, nodes: Iterable[Node]) -> None:
        for batch in batched(nodes, self.batch_size):
            groups = {
                kind: [
                    row_of(n.props, id=n.id, kind=kind, dataset=self.report.dataset) for n in group
                ]
                for kind, group in _grouped(batch, lambda n: n.kind)
            }
            self.settle()
            self.node_ids.update(n.id for n in batch)
            self.records = {n.id: n.props.get("record") for n in batch}
            for kind, rows in groups.items():
                self._send(statements.merge_nodes(self.schema, kind), rows, self._nodes_done(kind))
            self._sent(len(batch))

    def ties(self, ties: Iterable[Tie]) -> None:
        for batch in batched(ties, self.batch_size):
            groups = {
                tie_type: [
                    {
                        **row_of(t.props, id=t.id, dataset=self.report.dataset),
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
            self._sent(len(batch))

    def delete_dataset(self) -> None:
        """Delete what the report's dataset loaded before."""
        dataset = self.report.dataset
        deleted = self.tx.run(statements.DELETE_DATASET_TIES, dataset=dataset).single(strict=True)
        self.report.deleted_ties = deleted["deleted"]
        deleted = self.tx.run(statements.DELETE_DATASET_NODES, dataset=dataset).single(strict=True)
        self.report.deleted_nodes = deleted["deleted"]

    def commit(self) -> None:
        self.settle()
        self.tx.commit()
        self.report.committed_rows = self.report.rows
        if self.uncommitted or not self.report.transactions:
            self.report.transactions += 1  # the last commit may carry nothing
        self.uncommitted = 0

    def _sent(self, rows: int) -> None:
        self.report.rows += rows
        self.uncommitted += rows
        if self.commit_every and self.uncommitted >= self.commit_every:
            self.commit()
            self.tx = self.session.begin_transaction(timeout=LOAD_TX_TIMEOUT)

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
