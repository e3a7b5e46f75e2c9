"""What a load deletes: whatever its dataset held before and its input no longer has.

The dataset's node and tie ids are read at the start of the load (a streaming read in its
transaction, on the dataset indexes); the ids written are struck off as they go (so a first
load keeps no tie ids at all), and the rest deleted by id in batches: an unchanged reload
reads the ids and writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from loader import statements
from loader.errors import InputError, Problem
from loader.records import Tie
from loader.report import LoadReport
from loader.schema import Schema

if TYPE_CHECKING:
    from neo4j import Result, Transaction

Run = Callable[..., "Result"]
DATASET_FIELDS = ("version", "files", "nodes", "ties")
CHUNK = 50_000  # ids per record read


class Pruner:
    """The ids a dataset held when the load began, and the deletion of those left out."""

    def __init__(self, schema: Schema, report: LoadReport) -> None:
        self.schema, self.report = schema, report
        self.nodes: set[str] = set()
        self.ties: dict[str, set[str]] = {}  # ids by tie type, not yet written by this load
        self.dataset_props: dict[str, Any] | None = None
        self.left: set[str] = set()  # entities that lost records, to regroup
        self.tie_ends: set[str] = set()  # entities that lost ties, to relead

    def read(self, tx: Transaction) -> None:
        dataset = self.report.dataset
        found = tx.run(statements.DATASET, name=dataset).single()
        if found is not None:
            self.dataset_props = {k: found["props"].get(k) for k in DATASET_FIELDS}
        found_nodes = tx.run(statements.DATASET_NODES, dataset=dataset, chunk=CHUNK)
        self.nodes = {ident for r in found_nodes for ident in r["ids"]}
        found_ties = tx.run(statements.dataset_ties(self.schema), dataset=dataset, chunk=CHUNK)
        self.ties = {}
        for r in found_ties:
            self.ties.setdefault(r["type"], set()).update(r["ids"])

    def keep_ties(self, ties: Iterable[Tie]) -> None:
        """Strike off the ties this load writes: they are not to be deleted."""
        for tie in ties:
            held = self.ties.get(tie.type)
            if held:
                held.discard(tie.id)

    def delete(self, run: Run, nodes: set[str], size: int) -> Iterator[int]:
        """Delete the ties not struck off, then the entities not in `nodes`; yield each
        batch's count. Entities that other datasets' ties hang on are refused before any
        deletion."""
        gone_nodes = sorted(self.nodes - nodes)
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


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
