"""An analyst's judgements on pairs of records: the same actor, not the same, or unsure.

They are kept in the graph as `:Judgement {a, b, verdict, at, note}` nodes (a < b, record
ids), apart from the records, so that reloading or dropping a dataset keeps them and its
records fall back into place; `explorer export` writes them with the datasets. "same" joins
two records' entities, "not_same" keeps them apart even through a third record, "unsure"
only remembers that the pair was seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, LiteralString

from loader import entity_statements
from loader.entities import Regrouped, regroup
from loader.errors import ExplorerError, UsageError
from loader.transactions import write_transaction

if TYPE_CHECKING:
    from neo4j import Driver, Transaction

VERDICTS = ("same", "not_same", "unsure")

_SET: LiteralString = (
    "UNWIND $rows AS row MERGE (j:Judgement {a: row.a, b: row.b}) "
    "SET j.verdict = row.verdict, j.note = row.note, "
    "j.at = coalesce(datetime(row.at), datetime())"
)
_FORGET: LiteralString = "UNWIND $pairs AS p MATCH (j:Judgement {a: p[0], b: p[1]}) DELETE j"
_ALL: LiteralString = (
    "MATCH (j:Judgement) RETURN j.a AS a, j.b AS b, j.verdict AS verdict, "
    "toString(j.at) AS at, j.note AS note ORDER BY a, b"
)
_TOGETHER: LiteralString = (
    "RETURN EXISTS { (:Record {id: $a})-[:RECORD_OF]->(:Entity)<-[:RECORD_OF]-(:Record {id: $b}) }"
    " AS together"
)
_VETOES: LiteralString = (
    "MATCH (:Record {id: $a})-[:RECORD_OF]->(ea:Entity) MATCH (ea)<-[:RECORD_OF]-(ra:Record) "
    "WITH collect(ra.id) AS left "
    "MATCH (:Record {id: $b})-[:RECORD_OF]->(eb:Entity) MATCH (eb)<-[:RECORD_OF]-(rb:Record) "
    "WITH left, collect(rb.id) AS right "
    "MATCH (j:Judgement {verdict: 'not_same'}) "
    "WHERE (j.a IN left AND j.b IN right) OR (j.a IN right AND j.b IN left) "
    "RETURN j.a AS a, j.b AS b ORDER BY a, b"
)
# The other records of a record's entity (a pattern never uses one relationship twice).
_MATES: LiteralString = (
    "MATCH (:Record {id: $id})-[:RECORD_OF]->(:Entity)<-[:RECORD_OF]-(r:Record) "
    "RETURN r.id AS id, r.kind AS kind"
)


@dataclass(frozen=True)
class Judgement:
    a: str
    b: str
    verdict: str
    note: str | None = None
    at: str | None = None

    def row(self) -> dict[str, Any]:
        a, b = sorted((self.a, self.b))
        return {"a": a, "b": b, "verdict": self.verdict, "note": self.note, "at": self.at}


def judge(driver: Driver, database: str, judgements: Iterable[Judgement]) -> Regrouped:
    """Record judgements and regroup the records they name, in one transaction."""
    rows = [j.row() for j in judgements]
    for row in rows:
        if row["verdict"] not in VERDICTS:
            raise UsageError(f"verdict {row['verdict']!r} is not one of {', '.join(VERDICTS)}")
        if row["a"] == row["b"]:
            raise UsageError(f"a record cannot be judged against itself ({row['a']!r})")
    with write_transaction(driver, database) as tx:
        tx.run(_SET, rows=rows).consume()
        done = regroup_records(tx, {r for row in rows for r in (row["a"], row["b"])})
        for row in rows:
            if row["verdict"] == "same" and not _together(tx, row["a"], row["b"]):
                raise ExplorerError(
                    f"{row['a']!r} and {row['b']!r} stay apart: a 'not the same' judgement "
                    "keeps their records apart",
                    hint="see `explorer judgements`; `explorer judge A B unsure` withdraws one",
                )
        tx.commit()
    return done


def _together(tx: Transaction, a: str, b: str) -> bool:
    found = tx.run(_TOGETHER, a=a, b=b).single(strict=True)
    return bool(found["together"])


def apply(driver: Driver, database: str, judgements: Iterable[Judgement]) -> Regrouped:
    """Record judgements as given (a file's, their times and notes kept) and regroup the
    records they name, in one transaction: how judgements come back after a rebuild."""
    with write_transaction(driver, database) as tx:
        done = restore(tx, list(judgements))
        tx.commit()
    return done


def restore(tx: Transaction, judgements: Sequence[Judgement]) -> Regrouped:
    """Record judgements as they were (their time and note kept) and regroup the records
    they name; those naming records not in the graph are kept, as the graph kept them."""
    record_judgements(tx, judgements)
    return regroup_records(tx, {ident for j in judgements for ident in (j.a, j.b)})


def vetoes(driver: Driver, database: str, a: str, b: str) -> list[tuple[str, str]]:
    """The "not the same" judgements between any record of a's entity and any of b's."""
    found, _, _ = driver.execute_query(_VETOES, a=a, b=b, database_=database, routing_="r")
    return [(r["a"], r["b"]) for r in found]


def split(driver: Driver, database: str, record: str) -> Regrouped:
    """Take `record` out of its entity: forget the "same" judgements between it and the
    entity's other records (which undoes a merge); when that changes nothing, because strong
    keys join them, keep it apart from them with "not_same" judgements."""
    with write_transaction(driver, database) as tx:
        others = {r["id"] for r in tx.run(_MATES, id=record)}
        if not others:
            raise ExplorerError(f"{record!r} is the only record of its entity: nothing to split")
        tx.run(_FORGET, pairs=[sorted((record, m)) for m in others]).consume()
        done = regroup_records(tx, {record, *others})
        if {r["id"] for r in tx.run(_MATES, id=record)} == others:
            rows = [Judgement(record, m, "not_same", "split").row() for m in sorted(others)]
            tx.run(_SET, rows=rows).consume()
            done = regroup_records(tx, {record, *others})
        tx.commit()
    return done


def judgements(driver: Driver, database: str) -> list[Judgement]:
    """Every judgement in the graph, ordered by pair."""
    records, _, _ = driver.execute_query(_ALL, database_=database, routing_="r")
    return [Judgement(**record.data()) for record in records]


def record_judgements(tx: Transaction, judgements: Iterable[Judgement]) -> None:
    """Write judgements as given (their time and note kept), without regrouping."""
    tx.run(_SET, rows=[j.row() for j in judgements]).consume()


def regroup_records(tx: Transaction, records: set[str]) -> Regrouped:
    """Regroup the records named, and delete the entities left without records."""
    seeds: Mapping[str, None] = dict.fromkeys(sorted(records))
    done = regroup(tx.run, seeds, {})
    tx.run(entity_statements.DELETE_ORPHANS, ids=sorted(done.orphans)).consume()
    return done
