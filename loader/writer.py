"""Batched writes of nodes and ties: UNWIND per kind and tie type, checks in the same pass."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, LiteralString, TypeVar

from loader import entity_statements, statements
from loader.entities import Rec, keys_of, regroup
from loader.errors import InputError, Problem
from loader.grouping import key_property
from loader.keys import strong_keys
from loader.links import link_lone, relink
from loader.pruning import Pruner
from loader.records import Node, Origin, Tie
from loader.report import LoadReport, Progress
from loader.schema import Schema, load_schema
from loader.transactions import LOAD_TX_TIMEOUT

if TYPE_CHECKING:
    from neo4j import Result, Session, Transaction

BATCH_SIZE = 5000
MARK_EVERY = 20_000  # pairs of entities held before their lone ties are marked
Run = Callable[..., "Result"]
T = TypeVar("T")


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _digest(value: Any) -> str:
    return hashlib.sha1(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()


def _clean(props: dict[str, Any]) -> dict[str, Any]:
    """The properties to write: empty values dropped."""
    return {k: v for k, v in props.items() if v is not None and v != []}


def row_of(props: dict[str, Any], **fixed: Any) -> dict[str, Any]:
    """The properties to write, and their content hash."""
    clean = _clean({**props, **fixed})
    return {"id": clean["id"], "props": clean, "hash": _digest(clean)}


def record_row(node: Node, dataset: str) -> dict[str, Any]:
    """A record's row: its properties, its strong keys (internal properties), and their hash."""
    keys = strong_keys(node.kind, node.props)
    own = {key_property(scheme): value for scheme, value in keys.items()}
    return row_of(node.props, id=node.id, kind=node.kind, dataset=dataset, **own)


def tie_row(tie: Tie, dataset: str) -> dict[str, Any]:
    """A tie's row: its properties, the record ids of its ends, and a hash of both (moved
    ends are a change). The firmest confidence grade is not written: a tie without one is
    reported as fact, so only doubtful ties carry a grade (the Browser's captions show it)."""
    fixed = {"id": tie.id, "dataset": dataset, "source_id": tie.source, "target_id": tie.target}
    clean = _clean({**tie.props, **fixed})
    if clean.get("confidence") == load_schema().grades[0]:
        del clean["confidence"]
    digest = _digest([clean, tie.source, tie.target])
    return {
        "id": tie.id,
        "props": clean,
        "hash": digest,
        "source": tie.source,
        "target": tie.target,
    }


class Writer:
    """Writes batches in the session's transaction, committing every `commit_every` rows
    when that is set, else only when told.

    Each batch's statements are sent without waiting for their results, so the client
    prepares the next batch while the server writes this one; results are read a batch later.
    What the dataset held before and the input no longer has is deleted by `prune`.
    """

    def __init__(
        self,
        session: Session,
        schema: Schema,
        report: LoadReport,
        progress: Progress,
        commit_every: int | None = None,
        tx: Transaction | None = None,
    ):
        """`tx`: write in this transaction (shared with other datasets' writers) instead of
        one of the writer's own."""
        self.session, self.schema, self.report, self.progress = session, schema, report, progress
        self.commit_every, self.uncommitted = commit_every, 0
        self.told = 0  # rows reported to `progress`
        self.tie_types: set[str] = set()  # of the input: what the dataset holds after the load
        self.batch_size = min(BATCH_SIZE, commit_every or BATCH_SIZE)
        self.tx = tx or session.begin_transaction(timeout=LOAD_TX_TIMEOUT)
        self.pruner = Pruner(schema, report)
        self.node_ids: set[str] = set()
        self.pending: list[tuple[Result, Callable[[dict[str, Any]], None]]] = []
        self.origins: dict[str, Origin | str | None] = {}
        # records written, for their entities: new ones known, changed ones read back
        self.batch: dict[str, dict[str, Any]] = {}
        self.seeds: dict[str, Rec | None] = {}
        self.seed_props: dict[str, dict[str, Any]] = {}
        # for links (see `relink`): the pairs of entities ties were written between, the
        # entities replaced ties left, and those of pairs found to hold several ties
        self.pairs: set[tuple[str, str]] = set()
        self.left: set[str] = set()
        self.crowded: set[str] = set()

    def read_existing(self, rank: int | None = None) -> None:
        """Read what the dataset holds now, to delete later what the input no longer has;
        give a new dataset its rank (`rank`, else after every other)."""
        self.pruner.read(self.tx)
        self.tx.run(statements.RANK_DATASET, name=self.report.dataset, rank=rank).consume()

    def nodes(self, nodes: Iterable[Node]) -> None:
        for batch in batched(nodes, self.batch_size):
            groups = {
                kind: [record_row(n, self.report.dataset) for n in group]
                for kind, group in _grouped(batch, lambda n: n.kind)
            }
            self.settle()
            self.node_ids.update(n.id for n in batch)
            self.origins = origins(batch)
            self.batch = {row["id"]: row["props"] for rows in groups.values() for row in rows}
            for kind, rows in groups.items():
                if changed := self.pruner.changed_nodes(rows):
                    query = statements.merge_records(self.schema, kind)
                    self._send(query, changed, self._nodes_done(kind))
            self._sent(len(batch))
        self.settle()
        unlinked = self.tx.run(entity_statements.UNLINKED, dataset=self.report.dataset)
        self._regroup({found["id"]: None for found in unlinked}, {})

    def _regroup(self, seeds: dict[str, Rec | None], props: dict[str, dict[str, Any]]) -> None:
        """Put the records written or left behind in their entities."""
        if not seeds:
            return
        done = regroup(self._run, seeds, props)
        self.report.joined += done.joined
        self._remove_orphans(done.orphans)

    def _remove_orphans(self, ids: set[str]) -> None:
        """Delete entities left without records; refused while ties still hang on them."""
        if not ids:
            return
        found = self.tx.run(entity_statements.ORPHANS, ids=sorted(ids))
        held = [r for r in found if r["ties"]]
        if held:
            shown = ", ".join(
                f"{r['ties']} {r['type']} of {r['dataset']!r} on {r['id']!r}" for r in held[:3]
            )
            raise InputError(
                [
                    Problem(
                        f"dataset {self.report.dataset!r}",
                        None,
                        None,
                        f"entities left without records still carry ties: {shown}",
                    )
                ]
            )
        self.tx.run(entity_statements.DELETE_ORPHANS, ids=sorted(ids)).consume()

    def ties(self, ties: Iterable[Tie]) -> None:
        for batch in batched(ties, self.batch_size):
            groups = {
                tie_type: [tie_row(t, self.report.dataset) for t in group]
                for tie_type, group in _grouped(batch, lambda t: t.type)
            }
            self.settle()
            if len(self.pairs) >= MARK_EVERY:
                self.crowded |= link_lone(self._run, self.pairs)
                self.pairs = set()
            refuse_missing_ends(self._run, batch, self.node_ids, self.report.dataset)
            self.origins = origins(batch)
            self.tie_types.update(groups)
            for tie_type, rows in groups.items():
                new, changed = self.pruner.changed_ties(tie_type, rows)
                if new:
                    query = statements.create_ties(self.schema, tie_type)
                    self._send(query, new, self._ties_done(tie_type))
                if changed:
                    query = statements.merge_ties(self.schema, tie_type)
                    self._send(query, changed, self._ties_done(tie_type))
            self._sent(len(batch))

    def prune(self) -> None:
        """Delete what the dataset held and the input no longer has (after every write)."""
        self.settle()
        deletions = self.pruner.delete(self._run, self.node_ids, self.batch_size)
        for deleted in deletions:
            self._count(deleted)
        if self.pruner.left:
            left = sorted(self.pruner.left)
            mates = self.tx.run(entity_statements.ENTITY_RECORDS, ids=left)
            self._regroup({r["id"]: None for r in mates}, {})
            self._remove_orphans(set(left))
        self.relink()

    def relink(self) -> None:
        """Link the pairs whose ties were written or deleted."""
        crowded = self.crowded | link_lone(self._run, self.pairs)
        relink(self._run, entities=self.pruner.tie_ends | self.left | crowded)
        self.pruner.tie_ends, self.pairs, self.left, self.crowded = set(), set(), set(), set()

    def record_dataset(self, version: str | None, files: list[str]) -> None:
        """Write the dataset's :Dataset node, when the load changed anything it says."""
        report = self.report
        ties = self.pruner.held + report.ties_created.total() - report.ties_deleted.total()
        counts = {"nodes": len(self.node_ids), "ties": ties, "types": sorted(self.tie_types)}
        said: dict[str, Any] = {"version": version, "files": files, **counts}
        if self.report.changed or self.pruner.dataset_props != said:
            self.tx.run(statements.MERGE_DATASET, said, name=self.report.dataset).consume()

    def _run(self, query: LiteralString, **params: Any) -> Result:
        """Run in the current transaction (a new one after each commit)."""
        return self.tx.run(query, **params)

    def commit(self) -> None:
        self.settle()
        self.relink()
        self.tx.commit()
        self.report.committed_rows = self.report.rows
        if self.uncommitted or not self.report.transactions:
            self.report.transactions += 1  # the last commit may carry nothing
        self.uncommitted = 0

    def _sent(self, rows: int) -> None:
        self.report.rows += rows
        self._count(rows)

    def _count(self, changes: int) -> None:
        """Commit when `commit_every` rows or deletions are waiting."""
        self.uncommitted += changes
        if self.commit_every and self.uncommitted >= self.commit_every:
            self.commit()
            self.tx = self.session.begin_transaction(timeout=LOAD_TX_TIMEOUT)

    def settle(self) -> None:
        """Read the results of what was sent, put the records written in their entities, and
        report progress up to there. Regrouping batch by batch gives the entities regrouping
        the whole load at once would (each regroup reads the records already written that
        could join), and holds one batch's records at a time."""
        for result, done in self.pending:
            done(result.single(strict=True).data())
        if self.seeds:
            self._regroup(self.seeds, self.seed_props)
            self.seeds, self.seed_props = {}, {}
        if self.report.rows > self.told:
            self.progress(self.report.rows)
            self.told = self.report.rows
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
        dataset, batch = self.report.dataset, self.batch

        def done(record: dict[str, Any]) -> None:
            if record["clashes"]:
                raise InputError(
                    [clash_problem(c, self.origins.get(c["id"])) for c in record["clashes"]]
                )
            for ident in record["created_ids"]:
                self.seeds[ident] = Rec(ident, kind, dataset, keys_of(batch[ident]))
                self.seed_props[ident] = batch[ident]
            for ident in record["updated_ids"]:
                self.seeds[ident] = None
                self.seed_props[ident] = batch[ident]
            self.report.nodes_created[kind] += record["created"]
            self.report.nodes_updated[kind] += record["updated"]

        return done

    def _ties_done(self, tie_type: str) -> Callable[[dict[str, Any]], None]:
        def done(record: dict[str, Any]) -> None:
            if record["clashes"]:
                clashes = record["clashes"]
                raise InputError([tie_clash_problem(c, self.origins.get(c["id"])) for c in clashes])
            self.pairs.update((a, b) for a, b in record["pairs"])
            self.left.update(end for ends in record["left"] for end in ends)
            self.report.ties_created[tie_type] += record["created"]
            self.report.ties_updated[tie_type] += record["updated"]

        return done


def refuse_missing_ends(run: Run, batch: list[Tie], node_ids: set[str], dataset: str) -> None:
    """Refuse ties of `batch` whose ends are neither in `node_ids` (this load's records) nor
    records in the database; nor records of `dataset` that this load leaves out."""
    outside = sorted({e for t in batch for e in (t.source, t.target)} - node_ids)
    if not outside:
        return
    missing = {
        r["id"]: r["removed"] for r in run(statements.MISSING_ENDS, ids=outside, dataset=dataset)
    }
    problems = [
        problem_at(t.origin or t.props.get("record", t.id), end, _missing(ident, missing[ident]))
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


def _missing(ident: str, removed: bool) -> str:
    if removed:
        return f"entity {ident!r} of this dataset is no longer in its input"
    return f"no entity with id {ident!r} in this load or the database"


def origins(batch: list[Node] | list[Tie]) -> dict[str, Origin | str | None]:
    """Where each record of `batch` was read (else its `record` property), by id."""
    return {item.id: item.origin or item.props.get("record") for item in batch}


def problem_at(where: Origin | str | None, field: str, message: str) -> Problem:
    """A problem at a record's file and line when it has them, else at its record name."""
    if isinstance(where, Origin):
        return Problem(where.file, where.line, field, message)
    return Problem(str(where), None, field, message)


def clash_problem(clash: dict[str, Any], where: Origin | str | None) -> Problem:
    ident, owner, kind = clash["id"], clash["dataset"], clash["kind"]
    if kind != clash["new_kind"]:
        why = f"id {ident!r} is already a {kind} of dataset {owner!r}, not a {clash['new_kind']}"
    else:
        why = f"id {ident!r} already belongs to dataset {owner!r}; give this entity another id"
    return problem_at(where or ident, "id", why)


def tie_clash_problem(clash: dict[str, Any], where: Origin | str | None) -> Problem:
    ident, owner = clash["id"], clash["dataset"]
    why = f"tie id {ident!r} already belongs to dataset {owner!r}; give this tie another id"
    return problem_at(where or ident, "id", why)
