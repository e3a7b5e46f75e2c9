"""What a load did, and how it reports progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

Progress = Callable[[int], None]


@dataclass
class LoadReport:
    """What a load created, updated and deleted, per kind and tie type."""

    dataset: str
    nodes_created: Counter[str] = field(default_factory=Counter)
    nodes_updated: Counter[str] = field(default_factory=Counter)
    nodes_deleted: Counter[str] = field(default_factory=Counter)
    ties_created: Counter[str] = field(default_factory=Counter)
    ties_updated: Counter[str] = field(default_factory=Counter)
    ties_deleted: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    seconds: float = 0.0
    dry_run: bool = False
    transactions: int = 0
    committed_rows: int = 0
    joined: int = 0  # records that joined an entity holding records of other datasets

    @property
    def changed(self) -> bool:
        counts = (
            self.nodes_created,
            self.nodes_updated,
            self.nodes_deleted,
            self.ties_created,
            self.ties_updated,
            self.ties_deleted,
        )
        return any(c.total() for c in counts)
