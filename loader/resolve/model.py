"""What the matcher reads and what it proposes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rec:
    """One record of one dataset, as the matcher sees it."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    dataset: str = ""
    entity: str = ""  # the entity it belongs to now; '' counts as its own id
    born: str | None = None  # a partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD
    countries: tuple[str, ...] = ()  # codes or ids, compared case-folded

    @property
    def group(self) -> str:
        return self.entity or self.id


@dataclass(frozen=True)
class Candidate:
    """A probable match: records `a` < `b`, a score in 0..1 and why."""

    a: str
    b: str
    score: float
    reasons: tuple[str, ...]
