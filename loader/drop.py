"""Drop one dataset whole, in one transaction: its ties, its records, its :Dataset node.

Entities that hold records of other datasets stay, regrouped from those records. Ties of
other datasets that name its records as an end cannot stay without them: they go too, and
the report says so, per dataset and tie type.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from loader import entity_statements, statements
from loader.entities import regroup
from loader.links import relink
from loader.schema import Schema, load_schema
from loader.staging import clear_failed
from loader.transactions import write_transaction

if TYPE_CHECKING:
    from neo4j import Driver, Transaction


@dataclass
class DropReport:
    """What a drop deleted: the dataset's entities by kind and ties by type, and the ties of
    other datasets that went with its entities, by dataset and type."""

    dataset: str
    nodes: Counter[str] = field(default_factory=Counter)
    ties: Counter[str] = field(default_factory=Counter)
    others: dict[str, Counter[str]] = field(default_factory=dict)


def drop(driver: Driver, database: str, dataset: str, schema: Schema | None = None) -> DropReport:
    """Delete everything `dataset` loaded; all or nothing."""
    report = DropReport(dataset)
    with write_transaction(driver, database) as tx:
        _drop(tx, report, schema or load_schema())
        tx.commit()
    return report


def _drop(tx: Transaction, report: DropReport, schema: Schema) -> None:
    dataset = report.dataset
    ends: set[str] = set()
    for r in tx.run(statements.DROP_FOREIGN_TIES, dataset=dataset):
        report.others.setdefault(r["dataset"], Counter())[r["type"]] += r["deleted"]
        ends.update(end for pair in r["ends"] for end in pair)
    for tie_type in schema.ties:
        query = statements.drop_ties(schema, tie_type)
        found = tx.run(query, dataset=dataset).single(strict=True)
        if found["deleted"]:
            report.ties[tie_type] += found["deleted"]
            ends.update(found["ends"])
    left: set[str] = set()
    for r in tx.run(statements.DROP_NODES, dataset=dataset):
        report.nodes[r["kind"]] += r["deleted"]
        left.update(r["entities"])
    mates = tx.run(entity_statements.ENTITY_RECORDS, ids=sorted(left))
    orphans = sorted(left | regroup(tx.run, {r["id"]: None for r in mates}, {}).orphans)
    for r in tx.run(entity_statements.ORPHANS, ids=orphans):
        if r["ties"]:
            report.others.setdefault(r["dataset"], Counter())[r["type"]] += r["ties"]
    tx.run(entity_statements.DELETE_ORPHANS, ids=orphans).consume()
    relink(tx.run, entities=ends)
    lost = [{"dataset": d, "ties": c.total()} for d, c in report.others.items()]
    tx.run(statements.LESS_TIES, lost=lost).consume()
    tx.run(statements.DROP_DATASET, dataset=dataset).consume()
    clear_failed(tx.run, dataset)
