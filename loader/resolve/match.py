"""Probable matches among records: blocked, roughly filtered, scored, the best kept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from loader.resolve import evidence
from loader.resolve.blocking import blocks_of, vocabulary
from loader.resolve.model import Candidate, Rec
from loader.resolve.names import key, names_of
from loader.resolve.prefilter import similar_pairs
from loader.resolve.scoring import score

MINIMUM = 0.7


def _keep(found: list[Candidate], group: dict[str, str], per_record: int) -> list[Candidate]:
    """Best first, one pair per pair of entities: the `per_record` best of each record (a
    record may be in more pairs, as one of the best of others)."""
    kept: list[Candidate] = []
    entities: set[frozenset[str]] = set()
    rank: Counter[str] = Counter()
    for candidate in sorted(found, key=lambda c: (-c.score, c.a, c.b)):
        pair = frozenset((group[candidate.a], group[candidate.b]))
        if pair in entities:
            continue
        entities.add(pair)
        if min(rank[candidate.a], rank[candidate.b]) < per_record:
            kept.append(candidate)
        rank.update((candidate.a, candidate.b))
    return kept


def candidates(
    recs: Sequence[Rec],
    *,
    vetoed: Collection[frozenset[str]] = (),
    minimum: float = MINIMUM,
    per_record: int = 5,
) -> list[Candidate]:
    """Pairs of records of one kind, in different entities and not vetoed, that may be one
    entity: scored at least `minimum`, best first, each explained; of the pairs of one pair
    of entities only the best, and of each record its `per_record` best."""
    names = [names_of(rec) for rec in recs]
    forms = vocabulary(names)
    split = evidence.year_decides(minimum)
    years = [rec.born[:4] if split and rec.born else None for rec in recs]
    vetoes = {frozenset(pair) for pair in vetoed}
    carriers = Counter(key(name) for own in names for name in set(own))
    found: list[Candidate] = []
    for i, j in similar_pairs(recs, names, forms, blocks_of(recs, names, forms), years):
        a, b = recs[i], recs[j]
        if frozenset((a.id, b.id)) in vetoes:
            continue
        if candidate := score(a, b, names[i], names[j], minimum, carriers):
            found.append(candidate)
    return _keep(found, {rec.id: rec.group for rec in recs}, per_record)
