"""The gazetteer: every known entity's name and aliases, folded and indexed by first word.

Both the graph (one read query) and a seed folder's entities.csv feed it the same plain
list of entries, so the command and the benchmark match names alike.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, LiteralString, NamedTuple

from explorer.reading.folding import tokens

if TYPE_CHECKING:
    from explorer.db import Database

NOT_READ = ("Source", "Statistic")  # kinds whose names are titles or figures, not names
SHORT = 4  # names shorter than this (letters) must match as written: US, EU, SCO
ENTRIES: LiteralString = (
    "MATCH (n:Entity) WHERE NOT n.kind IN $skip "
    "RETURN n.id AS id, n.name AS name, coalesce(n.aliases, []) AS aliases, n.kind AS kind"
)


class Entry(NamedTuple):
    """One known entity, as the gazetteer needs it."""

    id: str
    name: str
    aliases: tuple[str, ...]
    kind: str


class Variant(NamedTuple):
    """One spelling of an entity's name: its words folded and as written."""

    folded: tuple[str, ...]
    written: tuple[str, ...]
    entry: Entry

    @property
    def exact(self) -> bool:
        """Short names match only as written (case included)."""
        return sum(len(w) for w in self.written) < SHORT

    @property
    def capitalised(self) -> bool:
        """A name written with a capital first ("Gazprom", not "embargo on arms to China")."""
        return self.written[0][:1].isupper()


@dataclass
class Gazetteer:
    """Variants by their first folded word, longest first."""

    index: dict[str, list[Variant]] = field(default_factory=dict)

    @classmethod
    def build(cls, entries: Iterable[Entry]) -> Gazetteer:
        owners: dict[tuple[str, ...], set[str]] = {}
        variants: dict[tuple[str, ...], Variant] = {}
        for entry in entries:
            for spelling in (entry.name, *entry.aliases):
                words = tokens(spelling)
                if not words:
                    continue
                folded = tuple(w.folded for w in words)
                owners.setdefault(folded, set()).add(entry.id)
                variants.setdefault(folded, Variant(folded, tuple(w.text for w in words), entry))
        gazetteer = cls()
        for folded, variant in variants.items():
            if len(owners[folded]) == 1:  # a spelling two entities share names neither
                gazetteer.index.setdefault(folded[0], []).append(variant)
        for listed in gazetteer.index.values():
            listed.sort(key=lambda v: -len(v.folded))
        return gazetteer


def entries_from_csv(path: Path) -> list[Entry]:
    """The entries of a seed folder's entities.csv."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [
        Entry(r["id"], r["name"], tuple(a for a in r["aliases"].split("|") if a), r["kind"])
        for r in rows
        if r["kind"] not in NOT_READ
    ]


def entries_from_graph(db: Database) -> list[Entry]:
    """The entries of every entity in the graph, read in one read transaction."""
    rows = db.run(ENTRIES, {"skip": list(NOT_READ)}).rows
    return [Entry(r["id"], r["name"], tuple(r["aliases"]), r["kind"]) for r in rows]
