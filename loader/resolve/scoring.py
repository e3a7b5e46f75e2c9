"""One score for a pair of records, with a reason for each part of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from loader.resolve import evidence
from loader.resolve.model import Candidate, Rec
from loader.resolve.names import Name, key
from loader.resolve.similarity import best, reason

NAMES = 0.9  # the most alike names alone score: a sure score needs a birth date or country


def _commoner(a: Name, b: Name, carriers: Mapping[str, int]) -> tuple[float, str | None]:
    count_a, count_b = carriers.get(key(a), 0), carriers.get(key(b), 0)
    return (
        evidence.common(count_a, a.text) if count_a >= count_b else evidence.common(count_b, b.text)
    )


def score(
    a: Rec,
    b: Rec,
    names_a: Sequence[Name],
    names_b: Sequence[Name],
    minimum: float = 0.0,
    carriers: Mapping[str, int] | None = None,
) -> Candidate | None:
    """NAMES times the names' likeness, plus or minus what birth dates and countries say, in
    0..1; None when it is below `minimum` (birth dates and countries are looked at first, as
    they cost less than comparing the names). `carriers` counts the records of each name
    (by `key`): the commoner of the two names takes a little off."""
    found = [evidence.born(a.born, b.born), evidence.countries(a.countries, b.countries)]
    weight = sum(w for w, _ in found)
    if NAMES + weight < minimum:
        return None
    likeness, name_a, name_b = best(names_a, names_b)
    total = NAMES * likeness + weight
    if total < minimum:
        return None
    if carriers is not None:
        found.append(_commoner(name_a, name_b, carriers))
        total += found[-1][0]
    total = round(min(1.0, max(0.0, total)), 3)
    if total < minimum:
        return None
    first, second = sorted((a.id, b.id))
    reasons = (reason(name_a, name_b), *(why for _, why in found if why))
    return Candidate(first, second, total, reasons)
