"""The node ids of an edge list's names, and what each node is called.

A name makes the id `<dataset>-<slug>`. Names that share a slug but are spelled differently
("INVESCO LTD." and "INVESCO, LTD.") may be two entities, so by default each keeps a node of
its own, `<dataset>-<slug>-<hash>`, the hash that of the exact spelling: an id depends on the
spellings alone, never on row order or on how often each occurs, so it stays the same from one
version of the file to the next unless the file adds or drops a spelling of that slug. Folded,
they are one node `<dataset>-<slug>` named by the spelling most rows use (the first in sorted
order among equals), the others kept as aliases.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable

from loader.importers.base import slugify

KEPT_APART = (
    "names kept apart that differ from another only in case or punctuation "
    "(--fold-names merges them)"
)
FOLDED = "names folded into another that differs only in case or punctuation, kept as aliases"


def spelling(cell: str) -> str:
    """A name as written, spaces collapsed."""
    return " ".join(cell.split())


def name_ids(
    spellings: Iterable[str], dataset: str, fold: bool
) -> tuple[dict[str, str], dict[str, int]]:
    """The node id of each spelling, and the notes: how many were kept apart or folded."""
    by_slug: dict[str, set[str]] = defaultdict(set)
    for name in spellings:
        by_slug[slugify(name)].add(name)
    ids: dict[str, str] = {}
    notes: Counter[str] = Counter()
    for slug, group in by_slug.items():
        shared = len(group) > 1
        for name in group:
            apart = shared and not fold
            ids[name] = f"{dataset}-{slug}-{_short_hash(name)}" if apart else f"{dataset}-{slug}"
        if shared:
            notes[FOLDED if fold else KEPT_APART] += len(group) - fold
    return ids, dict(notes)


def best_name(spellings: Counter[str]) -> str:
    """The spelling used most, the first in sorted order among equals."""
    return min(spellings, key=lambda name: (-spellings[name], name))


def _short_hash(name: str) -> str:
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:6]
