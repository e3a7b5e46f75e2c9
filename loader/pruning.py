"""What a load deletes: whatever its dataset held before and its input no longer has.

The dataset's node and tie ids, with their content hashes, are read at the start of the load
(a streaming read in its transaction, on the dataset indexes); the ties of the input are
struck off as they go (so a first load keeps no tie ids at all), and the rest deleted by id
in batches. Rows whose hash is unchanged are not sent at all: an unchanged reload reads the
ids and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from loader import statements
from loader.errors import InputError, Problem
from loader.report import LoadReport
from loader.schema import Schema

if TYPE_CHECKING:
    from neo4j import Result, Transaction

Run = Callable[..., "Result"]
Row = dict[str, Any]
DATASET_FIELDS = ("version", "files", "nodes", "ties", "types")
CHUNK = 50_000  # ids per record read


class Pruner:
    """The ids a dataset held when the load began, and the deletion of those left out."""

    def __init__(self, schema: Schema, report: LoadReport) -> None:
        self.schema, self.report = schema, report
        self.nodes: dict[str, int] = {}  # short hashes by id
        self.ties: dict[str, dict[str, int]] = {}  # by tie type: those not yet in this load
        self.dataset_props: dict[str, Any] | None = None
        self.held = 0  # ties the dataset held when the load began
        self.left: set[str] = set()  # entities that lost records, to regroup
        self.tie_ends: set[str] = set()  # entities that lost ties, to relink

    def read(self, tx: Transaction) -> None:
        dataset = self.report.dataset
        found = tx.run(statements.DATASET, name=dataset).single()
        recorded = found["props"] if found else {}
        if found is not None:
            self.dataset_props = {k: recorded.get(k) for k in DATASET_FIELDS}
        found_nodes = tx.run(statements.DATASET_NODES, dataset=dataset, chunk=CHUNK)
        self.nodes = {}
        for r in found_nodes:
            self.nodes.update(zip(r["ids"], map(short_hash, r["hashes"]), strict=True))
        self.ties = {}
        types = recorded.get("types")
        query = (
            statements.ANY_DATASET_TIES
            if types is None
            else statements.dataset_ties(self.schema, [t for t in types if t in self.schema.ties])
        )
        for r in tx.run(query, dataset=dataset, chunk=CHUNK) if query else ():
            held = self.ties.setdefault(r["type"], {})
            held.update(zip(r["ids"], map(short_hash, r["hashes"]), strict=True))
        self.held = sum(map(len, self.ties.values()))

    def changed_nodes(self, rows: list[Row]) -> list[Row]:
        """The record rows that are new or differ from what the dataset holds."""
        return [row for row in rows if self.nodes.get(row["id"]) != short_hash(row["hash"])]

    def changed_ties(self, tie_type: str, rows: list[Row]) -> tuple[list[Row], list[Row]]:
        """Strike off the ties of `rows` (they are not to be deleted); return those that are
        new to the dataset, and those that change one it holds."""
        held = self.ties.get(tie_type, {})
        new: list[Row] = []
        changed: list[Row] = []
        for row in rows:
            before = held.pop(row["id"], None)
            if before is None:
                new.append(row)
            elif before != short_hash(row["hash"]):
                changed.append(row)
        return new, changed

    def delete(self, run: Run, nodes: set[str], size: int) -> Iterator[int]:
        """Delete the ties not struck off, then the entities not in `nodes`; yield each
        batch's count. Entities that other datasets' ties hang on are refused before any
        deletion."""
        gone_nodes = sorted(self.nodes.keys() - nodes)
        self.refuse_foreign_ties(run, gone_nodes, size)
        for tie_type, held in sorted(self.ties.items()):
            ids = sorted(held)
            query = statements.delete_ties(self.schema, tie_type)
            for batch in _chunks(ids, size):
                gone = run(query, ids=batch, dataset=self.report.dataset).single(strict=True)
                self.tie_ends.update(gone["ends"])
                self.report.ties_deleted[tie_type] += gone["deleted"]
                yield int(gone["deleted"])
        for batch in _chunks(gone_nodes, size):
            found = run(statements.DELETE_NODES, ids=batch, dataset=self.report.dataset)
            rows = list(found)
            counts = Counter({r["kind"]: r["deleted"] for r in rows})
            self.left.update(e for r in rows for e in r["entities"])
            self.report.nodes_deleted.update(counts)
            yield counts.total()

    def refuse_foreign_ties(self, run: Run, ids: list[str], size: int) -> None:
        """Refuse to delete records `ids` while ties of other datasets hang on them."""
        held: dict[str, Counter[str]] = {}
        examples: dict[str, list[str]] = {}
        for batch in _chunks(ids, size):
            for r in run(statements.FOREIGN_TIES, ids=batch, dataset=self.report.dataset):
                held.setdefault(r["dataset"], Counter()).update(
                    {"ties": r["ties"], "entities": r["entities"]}
                )
                examples.setdefault(r["dataset"], []).extend(r["examples"])
        if held:
            raise InputError(
                [self._held(other, c, examples[other]) for other, c in sorted(held.items())]
            )

    def _held(self, other: str, counts: Counter[str], examples: list[str]) -> Problem:
        shown = ", ".join(repr(e) for e in examples[:3])
        message = (
            f"{counts['entities']} entities no longer in the input ({shown}...) carry "
            f"{counts['ties']} ties of dataset {other!r}; keep them, or first "
            f"`explorer drop {other}`"
        )
        return Problem(f"dataset {self.report.dataset!r}", None, None, message)


def short_hash(digest: str) -> int:
    """The first 64 bits of a hex digest: what telling rows apart needs, in a fifth of the
    memory (a 1M-row dataset keeps every tie's); -1 for a row written without a hash."""
    return int(digest[:16], 16) if digest else -1


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
