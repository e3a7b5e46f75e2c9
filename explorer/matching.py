"""Probable matches in the graph: its records as the matcher reads them, and what a reviewer
is shown of each side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from loader.resolve import Candidate, Rec, candidates

if TYPE_CHECKING:
    from explorer.db import Database
    from loader.judgements import Judgement

KINDS = ("Person", "Organization")
_RECORDS = """
MATCH (r:Record)-[:RECORD_OF]->(e:Entity) WHERE r.kind IN $kinds
RETURN r.id AS id, r.kind AS kind, r.name AS name, coalesce(r.aliases, []) AS aliases,
       r.dataset AS dataset, e.id AS entity, r.born AS born,
       [c IN coalesce(r.country_codes, []) + coalesce(r.nationality_codes, [])
             + [r.country, r.nationality] WHERE c IS NOT NULL] AS countries
"""
_SIDES = """
UNWIND $ids AS id MATCH (r:Record {id: id})-[:RECORD_OF]->(e:Entity)
RETURN id, properties(r) AS props, e.id AS entity, e.records AS records
"""
# What a reviewer sees of each record, in this order, when it has it.
SHOWN = ("name", "kind", "dataset", "entity", "aliases", "born", "country", "nationality",
         "country_codes", "nationality_codes", "position", "category", "description", "sources",
         "wikidata", "inn", "ogrn", "lei", "record")  # fmt: skip


def records(db: Database, kinds: Sequence[str] = KINDS) -> list[Rec]:
    return [
        Rec(
            r["id"],
            r["kind"],
            r["name"] or r["id"],
            tuple(r["aliases"]),
            r["dataset"],
            r["entity"],
            r["born"],
            tuple(r["countries"]),
        )
        for r in db.run(_RECORDS, {"kinds": list(kinds)}).rows
    ]


def proposed(
    db: Database,
    judged: Iterable[Judgement],
    *,
    kinds: Sequence[str] = KINDS,
    minimum: float = 0.7,
    per_record: int = 5,
) -> list[Candidate]:
    """Candidate pairs of records, best first, leaving out pairs already judged."""
    seen = [frozenset((j.a, j.b)) for j in judged]
    return candidates(records(db, kinds), vetoed=seen, minimum=minimum, per_record=per_record)


def sides(db: Database, a: str, b: str) -> dict[str, dict[str, Any]]:
    """Both records' properties with their entity, by record id."""
    found = db.run(_SIDES, {"ids": [a, b]}).rows
    return {r["id"]: {**r["props"], "entity": r["entity"], "records": r["records"]} for r in found}
