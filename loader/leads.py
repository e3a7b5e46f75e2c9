"""Lead ties: one tie per pair of entities and tie type stands for all of them in route search.

Real data has many parallel ties (SIPRI: 152 transfers from Russia to India), and a search
for routes over ties finds the same route of entities once per combination of them. So one
tie of each type between two entities, the one with the lowest id, is its type's *lead*: it
carries `_lead`, the pair's tie types (`_types`, sorted) and each type's dates (`_starts`,
the earliest `since`, and `_ends`, the latest `until`; OPEN_START and OPEN_END where one of
the ties has no such date: lists cannot hold nulls, and these compare below and above any date).
A route step takes the lead of the first of the pair's types a query follows and whose dates
allow its `as_of`: exactly one tie per pair (see queries/paths.cypher).

After ties are written, in the same transaction, `mark_lone` marks each tie that is the
only one between its two entities (most of them, in a first load), and `relead` reads whole
the pairs of every other change, writing only marks that differ.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, LiteralString

if TYPE_CHECKING:
    from neo4j import Driver, Result

Run = Callable[..., "Result"]
PROPERTIES = ("_lead", "_types", "_starts", "_ends")
CHUNK = 2000
OPEN_START, OPEN_END = "0", "9"

# The entities of records named (tie ends are record ids).
ENTITIES_OF: LiteralString = """
UNWIND $records AS record
MATCH (r:Record {id: record})-[:RECORD_OF]->(e:Entity) USING INDEX r:Record(id)
RETURN collect(DISTINCT e.id) AS ids
"""
# A pair whose two ends are both named ($all, or every entity) is read from the end of lower
# id only; only marks that differ are written.
RELEAD: LiteralString = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})-[r]-(o) USING INDEX e:Entity(id)
WHERE NOT r:RECORD_OF AND (e.id <= o.id OR NOT ($every OR o.id IN $all))
WITH e, o, type(r) AS type,
     collect([r.id, r]) AS ties, collect(CASE WHEN r._lead THEN r END) AS marked,
     CASE WHEN count(r.since) = count(*) THEN min(r.since) ELSE $open_start END AS start,
     CASE WHEN count(r.until) = count(*) THEN max(r.until) ELSE $open_end END AS end
ORDER BY type
WITH e, o, collect({type: type, ties: ties, marked: marked, start: start, end: end}) AS groups
WITH groups, [g IN groups | g.type] AS types, [g IN groups | g.start] AS starts,
     [g IN groups | g.end] AS ends
UNWIND groups AS g
WITH g, types, starts, ends,
     reduce(first = head(g.ties), t IN g.ties | CASE WHEN t[0] < first[0] THEN t ELSE first END)[1]
     AS lead
CALL (lead, types, starts, ends) {
  WITH lead
  WHERE lead._lead IS NULL OR lead._types <> types OR lead._starts <> starts OR lead._ends <> ends
  SET lead._lead = true, lead._types = types, lead._starts = starts, lead._ends = ends
}
CALL (g, lead) {
  UNWIND g.marked AS other
  WITH other WHERE other <> lead
  REMOVE other._lead, other._types, other._starts, other._ends
}
"""


# Pairs of entities (ids) that ties were written between: a pair with one tie gets it as
# its lead; the others are returned, to be marked by RELEAD.
MARK_LONE: LiteralString = """
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]}) USING INDEX a:Entity(id)
MATCH (b:Entity {id: pair[1]}) USING INDEX b:Entity(id)
MATCH (a)-[r]-(b)
WITH pair, collect(DISTINCT r) AS ties
CALL (ties) {
  WITH ties[0] AS r WHERE size(ties) = 1
  SET r._lead = true, r._types = [type(r)], r._starts = [coalesce(r.since, $open_start)],
      r._ends = [coalesce(r.until, $open_end)]
}
WITH pair WHERE size(ties) > 1
RETURN collect(pair) AS crowded
"""


def mark_lone(run: Run, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Mark the tie of each pair of entities (ids) that holds only one; the entities of the
    other pairs, whose leads `relead` must mark."""
    unique = sorted({(a, b) if a <= b else (b, a) for a, b in pairs})
    crowded: set[str] = set()
    marks = {"open_start": OPEN_START, "open_end": OPEN_END}
    for start in range(0, len(unique), CHUNK):
        chunk = [list(pair) for pair in unique[start : start + CHUNK]]
        found = run(MARK_LONE, pairs=chunk, **marks).single(strict=True)
        crowded.update(end for pair in found["crowded"] for end in pair)
    return crowded


def relead(run: Run, *, entities: Iterable[str] = (), records: Iterable[str] = ()) -> None:
    """Mark the lead ties of every pair that has an end among `entities` (ids) or among the
    entities of `records` (ids)."""
    named = set(entities)
    refs = sorted(set(records))
    for start in range(0, len(refs), CHUNK):
        found = run(ENTITIES_OF, records=refs[start : start + CHUNK]).single(strict=True)
        named.update(found["ids"])
    ids = sorted(named)
    for start in range(0, len(ids), CHUNK):
        _relead(run, ids[start : start + CHUNK], ids)


def _relead(run: Run, chunk: list[str], ids: list[str] | None) -> None:
    """Mark the leads of the pairs with an end in `chunk`, part of `ids` (None: of every
    entity)."""
    every = ids is None
    marks = {"open_start": OPEN_START, "open_end": OPEN_END}
    run(RELEAD, ids=chunk, all=ids or [], every=every, **marks).consume()


def relead_all(driver: Driver, database: str) -> None:
    """Mark the lead ties of the whole graph, a chunk of entities per transaction (after a
    bulk import, which is not one transaction either)."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Entity) RETURN collect(e.id) AS ids", database_=database
    )
    ids: list[str] = records[0]["ids"]
    with driver.session(database=database) as session:
        for start in range(0, len(ids), CHUNK):
            with session.begin_transaction() as tx:
                _relead(tx.run, ids[start : start + CHUNK], None)
                tx.commit()


# Ties but no lead among them: a database loaded before lead ties existed.
_UNMARKED: LiteralString = """
RETURN EXISTS { MATCH ()-[r]->() WHERE NOT r:RECORD_OF }
   AND NOT EXISTS { MATCH ()-[r]->() WHERE r._lead } AS unmarked
"""


def mark_if_unmarked(driver: Driver, database: str) -> None:
    """Mark the lead ties of a graph that has none yet (see `relead_all`)."""
    records, _, _ = driver.execute_query(_UNMARKED, database_=database)
    if records[0]["unmarked"]:
        relead_all(driver, database)
