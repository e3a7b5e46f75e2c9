"""A quick first look inside each block: only pairs whose names are roughly alike (rapidfuzz's
token set ratio, in C) go on to be scored and explained, and, when a birth year alone would
sink the score, only pairs not known to be born in different years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from loader.resolve.blocking import Block, Spellings
from loader.resolve.model import Rec
from loader.resolve.names import Name

CUTOFF = 75  # token set ratio, 0..100
SMALL = 100  # comparisons below which a Python loop beats one call to cdist


def _text(name: Name, forms: Spellings) -> str:
    """The words in their commonest spelling (a typo undone), without initials, which would
    match any word."""
    words = [forms[w][min(1, len(forms[w]) - 1)] for w in name.skeleton if len(w) > 1]
    return " ".join(words) or " ".join(name.skeleton)


def _alike(rows: list[str], columns: list[str], square: bool) -> Iterable[tuple[int, int]]:
    """Positions (row, column) of alike texts; above the diagonal only when `square`."""
    if len(rows) * len(columns) < SMALL:
        return (
            (x, y)
            for x, row in enumerate(rows)
            for y in range(x + 1 if square else 0, len(columns))
            if fuzz.token_set_ratio(row, columns[y], score_cutoff=CUTOFF)
        )
    scores = process.cdist(
        rows, columns, scorer=fuzz.token_set_ratio, score_cutoff=CUTOFF, dtype=np.uint8
    )
    xs, ys = np.nonzero(np.triu(scores, 1) if square else scores)
    return zip(xs.tolist(), ys.tolist(), strict=True)


def _by_year(indexes: Iterable[int], years: Sequence[str | None]) -> dict[str | None, list[int]]:
    found: defaultdict[str | None, list[int]] = defaultdict(list)
    for index in indexes:
        found[years[index]].append(index)
    return found


def _parts(
    block: Block, years: Sequence[str | None]
) -> Iterable[tuple[list[int], list[int], bool]]:
    """(rows, columns, square) to compare in a block, leaving out records born in different
    years: records of each year with that year's and with those of no known year."""
    rows = _by_year(block.rows, years)
    unknown = rows.pop(None, [])
    if block.rows == block.columns:
        for members in rows.values():
            yield members, members, True
            yield members, unknown, False
        yield unknown, unknown, True
        return
    columns = _by_year(block.columns, years)
    unknown_columns = columns.pop(None, [])
    for year, members in rows.items():
        yield members, columns.get(year, []) + unknown_columns, False
    yield unknown, list(block.columns), False


def similar_pairs(
    recs: Sequence[Rec],
    names: Sequence[Sequence[Name]],
    forms: Spellings,
    blocks: Iterable[Block],
    years: Sequence[str | None],
) -> set[tuple[int, int]]:
    """Pairs of record indexes (i < j) of different entities with roughly alike names."""
    texts = [[_text(name, forms) for name in own] for own in names]
    found: set[tuple[int, int]] = set()
    for block in blocks:
        for rows, columns, square in _parts(block, years):
            if not rows or len(columns) < (2 if square else 1):
                continue
            row_of = [i for i in rows for _ in texts[i]]
            column_of = [j for j in columns for _ in texts[j]]
            for x, y in _alike(
                [t for i in rows for t in texts[i]], [t for j in columns for t in texts[j]], square
            ):
                i, j = sorted((row_of[x], column_of[y]))
                if i != j and recs[i].group != recs[j].group:
                    found.add((i, j))
    return found
