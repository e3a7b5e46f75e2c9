"""Links: one `LINKED` relationship per pair of tied entities stands for all their ties.

Real data has many parallel ties (SIPRI: 152 transfers from Russia to India), and a search
for routes over ties finds the same route of entities once per combination of them; and on
a hub it reads every tie to find its neighbours. So each pair of entities with ties between
them also has one `LINKED`, from the end of lower id, which carries the pair's tie types
(`types`, sorted), how many ties of each (`counts`), how many of those go the LINKED's way
(`forward`), and each type's dates (`starts`, the earliest `since`, and `ends`, the latest
`until`; OPEN_START and OPEN_END where one of the ties has no such date: lists cannot hold
nulls, and these compare below and above any date). Route search walks LINKED only (see
queries/paths.cypher), and `neighbors` counts ties from it: a hub's LINKED are as many as its
neighbours, however many ties it has, and Neo4j reads a dense node's relationships of one
type without the others. LINKED is bookkeeping, like RECORD_OF: no dataset, never a tie.

After ties are written, in the same transaction, `link_lone` links each pair that holds one
tie (most of them, in a first load), and `relink` reads whole the pairs of every other
change, writing only links that differ and deleting those of pairs left without ties.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING, Any, LiteralString

from loader.transactions import LOAD_TX_TIMEOUT

if TYPE_CHECKING:
    from neo4j import Driver, Result

Run = Callable[..., "Result"]
LINK = "LINKED"
CHUNK = 2000
OPEN_START, OPEN_END = "0", "9"

# The entities of records named (tie ends are record ids).
ENTITIES_OF: LiteralString = """
UNWIND $records AS record
MATCH (r:Record {id: record})-[:RECORD_OF]->(e) USING INDEX SEEK r:Record(id)
RETURN collect(DISTINCT e.id) AS ids
"""
# A pair whose two ends are both named ($all, or every entity) is read from the end of lower
# id only; only links that differ are written. Links of pairs with no tie left go first
# (linking every entity, as after a bulk import, finds none), found by reading the entity's
# relationships once: a check per link, in a load that wrote a hub's ties, took minutes.
RELINK: LiteralString = """
UNWIND $ids AS id
MATCH (e:Entity {id: id}) USING INDEX SEEK e:Entity(id)
CALL (e) {
  WITH e WHERE NOT $every
  MATCH (e)-[x]-(o) WHERE NOT x:RECORD_OF
  WITH o, collect(CASE WHEN x:LINKED THEN x END) AS links,
       count(CASE WHEN x:LINKED THEN null ELSE x END) AS ties
  WHERE ties = 0
  UNWIND links AS l
  DELETE l
}
CALL (e) {
  MATCH (e)-[r]-(o)
  WHERE NOT r:RECORD_OF|LINKED AND (e.id <= o.id OR NOT ($every OR o.id IN $all))
  WITH o, type(r) AS type, count(DISTINCT r) AS ties,
       count(DISTINCT CASE WHEN startNode(r) = e THEN r END) AS out,
       CASE WHEN count(r.since) = count(*) THEN min(r.since) ELSE $open_start END AS start,
       CASE WHEN count(r.until) = count(*) THEN max(r.until) ELSE $open_end END AS end
  ORDER BY type
  WITH o, collect(type) AS types, collect(ties) AS counts, collect(out) AS outs,
       collect(start) AS starts, collect(end) AS ends
  WITH CASE WHEN e.id <= o.id THEN [e, o] ELSE [o, e] END AS pair, types, counts, starts, ends,
       CASE WHEN e.id <= o.id THEN outs
            ELSE [i IN range(0, size(outs) - 1) | counts[i] - outs[i]] END AS forward
  WITH pair[0] AS x, pair[1] AS y, types, counts, forward, starts, ends
  MERGE (x)-[l:LINKED]->(y)
  WITH l, types, counts, forward, starts, ends
  WHERE l.types IS NULL OR l.types <> types OR l.counts <> counts OR l.forward <> forward
     OR l.starts <> starts OR l.ends <> ends
  SET l.types = types, l.counts = counts, l.forward = forward, l.starts = starts, l.ends = ends
}
"""


# Pairs of entities (ids) that ties were written between: a pair with one tie gets its link;
# the others are returned, to be linked by RELINK.
LINK_LONE: LiteralString = """
UNWIND $pairs AS pair
MATCH (a:Entity {id: pair[0]}) USING INDEX SEEK a:Entity(id)
MATCH (b:Entity {id: pair[1]}) USING INDEX SEEK b:Entity(id)
MATCH (a)-[r]-(b) WHERE NOT r:LINKED
WITH a, b, pair, collect(DISTINCT r) AS ties
CALL (a, b, ties) {
  WITH ties[0] AS r WHERE size(ties) = 1
  MERGE (a)-[l:LINKED]->(b)
  SET l.types = [type(r)], l.counts = [1],
      l.forward = [CASE WHEN startNode(r) = a THEN 1 ELSE 0 END],
      l.starts = [coalesce(r.since, $open_start)], l.ends = [coalesce(r.until, $open_end)]
}
WITH pair WHERE size(ties) > 1
RETURN collect(pair) AS crowded
"""


def link_lone(run: Run, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Link each pair of entities (ids) that holds only one tie; return the entities of the
    other pairs, which `relink` must link."""
    unique = sorted({(a, b) if a <= b else (b, a) for a, b in pairs})
    crowded: set[str] = set()
    marks = {"open_start": OPEN_START, "open_end": OPEN_END}
    for start in range(0, len(unique), CHUNK):
        chunk = [list(pair) for pair in unique[start : start + CHUNK]]
        found = run(LINK_LONE, pairs=chunk, **marks).single(strict=True)
        crowded.update(end for pair in found["crowded"] for end in pair)
        chunk.clear()  # the driver's result keeps its parameters alive (see Writer._send)
    return crowded


def relink(run: Run, *, entities: Iterable[str] = (), records: Iterable[str] = ()) -> None:
    """Link every pair that has an end among `entities` (ids) or among the entities of
    `records` (ids), as its ties now are."""
    named = set(entities)
    refs = sorted(set(records))
    for start in range(0, len(refs), CHUNK):
        chunk = refs[start : start + CHUNK]
        found = run(ENTITIES_OF, records=chunk).single(strict=True)
        named.update(found["ids"])
        chunk.clear()
    ids = sorted(named)
    for start in range(0, len(ids), CHUNK):
        _relink(run, ids[start : start + CHUNK], ids)
    ids.clear()


def _relink(run: Run, chunk: list[str], ids: list[str] | None) -> None:
    """Link the pairs with an end in `chunk`, part of `ids` (None: of every entity)."""
    every = ids is None
    marks = {"open_start": OPEN_START, "open_end": OPEN_END}
    run(RELINK, ids=chunk, all=ids or [], every=every, **marks).consume()
    chunk.clear()


def relink_all(driver: Driver, database: str) -> None:
    """Link every pair of the whole graph, a chunk of entities per transaction (a graph loaded
    before links existed: it has no load transaction to join)."""
    records, _, _ = driver.execute_query(
        "MATCH (e:Entity) RETURN collect(e.id) AS ids", database_=database
    )
    ids: list[str] = records[0]["ids"]
    with driver.session(database=database) as session:
        for start in range(0, len(ids), CHUNK):
            with session.begin_transaction() as tx:
                _relink(tx.run, ids[start : start + CHUNK], None)
                tx.commit()


class Tally:
    """The links of ties counted in Python, as RELINK would write them (for a bulk import,
    whose files can hold the links: linking 1M ties on the server took a minute)."""

    def __init__(self) -> None:
        # (lower id, higher id, type) -> (ties, of which from the lower id, start, end)
        self.pairs: dict[tuple[str, str, str], tuple[int, int, str, str]] = {}

    def add(self, source: str, target: str, tie_type: str, since: Any, until: Any) -> None:
        low, high = (source, target) if source <= target else (target, source)
        since, until = since or OPEN_START, until or OPEN_END
        key = (low, high, tie_type)
        old = self.pairs.get(key)
        if old is None:
            self.pairs[key] = (1, int(source == low), since, until)
        else:
            ties, forward, start, end = old
            self.pairs[key] = (
                ties + 1,
                forward + (source == low),
                min(start, since),
                max(end, until),
            )

    def links(self) -> Iterator[tuple[str, str, list[str], list[tuple[int, int, str, str]]]]:
        """(lower id, higher id, types, and for each (ties, forward, start, end)), per pair."""
        for (low, high), keys in groupby(sorted(self.pairs), key=itemgetter(0, 1)):
            types = [key[2] for key in keys]
            yield low, high, types, [self.pairs[(low, high, t)] for t in types]


# Ties but no link: a database loaded before links existed. A link found (by the type's
# index) settles it before any scan for a tie.
_UNLINKED: LiteralString = """
RETURN CASE WHEN EXISTS { MATCH ()-[:LINKED]->() } THEN false
            ELSE EXISTS { MATCH ()-[r]->() WHERE NOT r:RECORD_OF } END AS unlinked
"""
# Versions before links marked one tie of each pair and type as its lead with these.
_OLD_MARKS: LiteralString = """
MATCH ()-[r]->() WHERE r._lead IS NOT NULL
CALL (r) { REMOVE r._lead, r._types, r._starts, r._ends } IN TRANSACTIONS OF 10000 ROWS
"""


def link_if_unlinked(driver: Driver, database: str) -> None:
    """Link the pairs of a graph that has ties but no link yet (see `relink_all`), and drop
    the marks that stood for links before."""
    records, _, _ = driver.execute_query(_UNLINKED, database_=database)
    if records[0]["unlinked"]:
        from neo4j import Query  # imported late, as the driver slows any start

        with driver.session(database=database) as session:
            session.run(Query(_OLD_MARKS, timeout=LOAD_TX_TIMEOUT)).consume()
        relink_all(driver, database)
