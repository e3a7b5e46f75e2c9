"""Keep entities equal to the grouping of their records, after records change.

`regroup` starts from the records a change touched, reads everything that could join them
(the other records of their entities, records sharing a strong key, judged records) until
nothing new turns up, groups that closure with `loader.grouping.group`, and writes the
difference: records moved between entities, ties re-pointed (and their pairs linked again,
see `loader.links`), entities' properties recomputed from their records, and entities left
without records returned as orphans.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, LiteralString

from loader import entity_statements as cypher
from loader.grouping import SCHEMES, first, group, key_property
from loader.links import relink

if TYPE_CHECKING:
    from neo4j import Result

Run = Callable[..., "Result"]
CHUNK = 5000
UNRANKED = 1 << 30  # a dataset without a rank yet comes after every other
# Record properties an entity does not take: where the record came from (keys are internal).
_OWN = frozenset({"dataset", "record"})
_KEY = key_property("")


@dataclass(frozen=True)
class Rec:
    """What grouping needs of a record."""

    id: str
    kind: str
    dataset: str
    keys: Mapping[str, str]
    entity: str | None = None
    mates: tuple[str, ...] = ()


@dataclass
class Regrouped:
    """What a regroup changed: records moved to other entities (`joined`: into an entity that
    holds records of other datasets), entities recomputed, and entities left without records."""

    moved: int = 0
    joined: int = 0
    entities: set[str] = field(default_factory=set)
    orphans: set[str] = field(default_factory=set)


def entity_props(
    records: Iterable[Mapping[str, Any]], ranks: Mapping[str, int] | None = None
) -> dict[str, Any]:
    """An entity's properties from its records': those of its first record (see
    `loader.grouping`; `ranks` of datasets), others filling the gaps, lists joined; every
    name an alias; its datasets and records."""
    given = {r["id"]: r for r in records}
    ranked = ranks or {}
    order = first(lambda ident: ranked.get(given[ident]["dataset"], UNRANKED))
    ordered = [given[ident] for ident in sorted(given, key=order)]
    props: dict[str, Any] = {}
    for record in ordered:
        for name, value in record.items():
            if name in _OWN or name.startswith("_"):
                continue
            if isinstance(value, list):
                props[name] = list(dict.fromkeys([*props.get(name, []), *value]))
            else:
                props.setdefault(name, value)
    names = [n for r in ordered for n in (r.get("name"), *r.get("aliases", [])) if n]
    aliases = [n for n in dict.fromkeys(names) if n != props.get("name")]
    props.update(id=ordered[0]["id"], aliases=aliases)
    props["datasets"] = sorted({r["dataset"] for r in ordered})
    props["records"] = [r["id"] for r in ordered]
    return {k: v for k, v in props.items() if v != []}


def regroup(
    run: Run, seeds: Mapping[str, Rec | None], props: Mapping[str, Mapping[str, Any]]
) -> Regrouped:
    """Regroup the records `seeds` names (a known `Rec` for a record just created, else None
    to read it). `props` gives the properties of records this load wrote, to save reading them.
    """
    records, judged = _closure(run, seeds)
    ranks = {r["name"]: r["rank"] for r in run(cypher.RANKS) if r["rank"] is not None}
    keys = {
        ident: {f"{rec.kind}:{scheme}": value for scheme, value in rec.keys.items()}
        for ident, rec in records.items()
    }
    same = [(a, b) for a, b, v in judged if v == "same" and records[a].kind == records[b].kind]
    not_same = [(a, b) for a, b, v in judged if v == "not_same"]
    assigned = group(keys, same, not_same, lambda r: ranks.get(records[r].dataset, UNRANKED))
    done = Regrouped()
    moves = {ident: entity for ident, entity in assigned.items() if records[ident].entity != entity}
    left = sorted({e for ident in moves if (e := records[ident].entity) is not None})
    members: dict[str, list[str]] = {}
    for ident, entity in assigned.items():
        members.setdefault(entity, []).append(ident)
    changed = set(moves.values()) | {assigned[s] for s in seeds if s in assigned}
    _write_entities(run, {e: members[e] for e in changed}, moves, (records, props, ranks))
    for batch in _chunks(left):
        run(cypher.REPOINT, ids=batch).consume()
    done.moved, done.entities = len(moves), changed
    done.joined = sum(
        1 for entity in moves.values() if len({records[r].dataset for r in members[entity]}) > 1
    )
    done.orphans = {e for e in left if e not in members}
    if left:  # ties moved between entities
        relink(run, entities={*left, *changed})
    return done


def _closure(
    run: Run, seeds: Mapping[str, Rec | None]
) -> tuple[dict[str, Rec], list[tuple[str, str, str]]]:
    """Every record that could join the seeds (their entities' other records, records sharing
    a strong key, records judged the same), and the judgements between them."""
    judging = bool(run(cypher.ANY_JUDGEMENT).single(strict=True)["any"])
    records: dict[str, Rec] = {}
    judged: set[tuple[str, str, str]] = set()
    unread = [ident for ident, rec in seeds.items() if rec is None]
    fresh = [rec for rec in seeds.values() if rec is not None]
    while fresh or unread:
        for batch in _chunks(unread):
            fresh.extend(_rec(r) for r in run(cypher.RECORDS, ids=batch))
        for rec in fresh:
            records[rec.id] = rec
        found = {m for rec in fresh for m in rec.mates} | _key_holders(run, fresh)
        if judging:
            new = _judged(run, [rec.id for rec in fresh])
            judged |= new
            found |= {end for a, b, v in new if v == "same" for end in (a, b)}
        unread = sorted(found - records.keys())
        fresh = []
    return records, sorted(j for j in judged if j[0] in records and j[1] in records)


def _key_holders(run: Run, recs: list[Rec]) -> set[str]:
    found: set[str] = set()
    for scheme in SCHEMES:
        values = sorted({rec.keys[scheme] for rec in recs if scheme in rec.keys})
        for batch in _chunks(values):
            found.update(r["id"] for r in run(cypher.key_holders(scheme), values=batch))
    return found


def _judged(run: Run, ids: list[str]) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for batch in _chunks(sorted(ids)):
        found.update((r["a"], r["b"], r["verdict"]) for r in run(cypher.JUDGED, ids=batch))
    return found


def _write_entities(
    run: Run,
    members: Mapping[str, list[str]],
    moves: Mapping[str, str],
    known: tuple[Mapping[str, Rec], Mapping[str, Mapping[str, Any]], Mapping[str, int]],
) -> None:
    """Write the entities `members` names, each with its properties computed from its
    records', and link the records `moves` gives (record id -> entity id) to them. `known`:
    the records read, the properties of records this load wrote, and the datasets' ranks."""
    records, given, ranks = known
    wanted = sorted({r for ids in members.values() for r in ids if r not in given})
    props = dict(given)
    for batch in _chunks(wanted):
        props.update({r["id"]: r["props"] for r in run(cypher.RECORD_PROPS, ids=batch)})
    moved: dict[str, list[str]] = {}
    for ident, entity in moves.items():
        moved.setdefault(entity, []).append(ident)
    rows = [
        {
            "id": e,
            "kind": records[ids[0]].kind,
            "props": entity_props((props[r] for r in ids), ranks),
            "moved": moved.get(e, []),
        }
        for e, ids in members.items()
    ]
    for batch in _chunks(rows):
        _write(run, cypher.WRITE_ENTITIES, batch)


def _write(run: Run, query: LiteralString, rows: list[dict[str, Any]]) -> None:
    """Run a write of `rows` and empty them: the driver keeps a statement's parameters until
    its transaction ends, and a load's transaction writes many batches."""
    run(query, rows=rows).consume()
    rows.clear()


def keys_of(props: Mapping[str, Any]) -> dict[str, str]:
    """A record's strong keys, from the internal properties that hold them."""
    return {k.removeprefix(_KEY): v for k, v in props.items() if k.startswith(_KEY)}


def _rec(row: Mapping[str, Any]) -> Rec:
    keys = {scheme: value for scheme, value in row["keys"]}
    return Rec(row["id"], row["kind"], row["dataset"], keys, row["entity"], tuple(row["mates"]))


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]
