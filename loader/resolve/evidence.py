"""What birth dates and countries add to, or take from, the likeness of two names, and what
a common name takes from it."""

from __future__ import annotations

import math
from collections.abc import Sequence

SAME_DAY = 0.1
AGREEING = 0.05  # the same year (or month) where one date is partial
SAME_YEAR = -0.2  # born the same year, on other days
OTHER_YEAR = -0.4
SHARED_COUNTRY = 0.05
OTHER_COUNTRIES = -0.1
COMMON = -0.05  # per tenfold the records of one name: Sergey Ivanov tells less than Vupaenko
COMMON_FROM = 5  # records of one name from which it counts as common (one per dataset is not)


def year_decides(minimum: float) -> bool:
    """Whether being born in different years keeps any pair under `minimum`."""
    return minimum > 1.0 + OTHER_YEAR + SHARED_COUNTRY


def born(a: str | None, b: str | None) -> tuple[float, str | None]:
    if not a or not b:
        return 0.0, None
    if a == b:
        weight = SAME_DAY if len(a) >= len("YYYY-MM-DD") else AGREEING
        return weight, f"born: {a} = {b} {weight:+.2f}"
    shortest = min(len(a), len(b))
    if a[:shortest] == b[:shortest]:
        return AGREEING, f"born: {a} ~ {b} {AGREEING:+.2f}"
    if a[:4] != b[:4]:
        return OTHER_YEAR, f"born differs: {a[:4]} vs {b[:4]} {OTHER_YEAR:+.2f}"
    return SAME_YEAR, f"born differs: {a} vs {b} {SAME_YEAR:+.2f}"


def countries(a: Sequence[str], b: Sequence[str]) -> tuple[float, str | None]:
    ours, theirs = {c.casefold() for c in a}, {c.casefold() for c in b}
    if not ours or not theirs:
        return 0.0, None
    if shared := ours & theirs:
        return SHARED_COUNTRY, f"countries: {', '.join(sorted(shared))} shared"
    listed = f"{', '.join(sorted(ours))} vs {', '.join(sorted(theirs))}"
    return OTHER_COUNTRIES, f"countries differ: {listed} {OTHER_COUNTRIES:+.2f}"


def common(records: int, name: str) -> tuple[float, str | None]:
    """Less for a name that many records carry (`records` of them)."""
    if records < COMMON_FROM:
        return 0.0, None
    weight = COMMON * math.log10(records / (COMMON_FROM - 1))
    return weight, f"common name: {name!r} in {records} records {weight:+.2f}"
