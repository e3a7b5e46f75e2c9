"""How alike two names are, word by word, and what differs between them."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import OSA

from loader.resolve.names import Name

INITIAL = 0.9  # 'V' for 'Vladimir'
DROPPED = 0.9  # per word one name has and the other lacks ('Vladimirovich')
DROPPED_FROM_ONE = 0.6  # the same when one name is a single word: 'Gazprom' / 'Gazprom Neft'

Aligned = tuple[tuple[int, int, float], ...]  # (word of the shorter, word of the longer, likeness)


def _word(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if len(a) == 1 or len(b) == 1:
        return INITIAL if a[0] == b[0] else 0.0
    return float(OSA.normalized_similarity(a, b))  # 1 - edits / longer length


def _likeness(a: Name, i: int, b: Name, j: int) -> float:
    """Of word i of `a` and word j of `b`: spelt alike, or written alike (a typo can read as
    a respelling: Trejd / Trjd)."""
    spelt = _word(a.skeleton[i], b.skeleton[j])
    return spelt if spelt == 1.0 else max(spelt, _word(a.words[i], b.words[j]))


def _align(short: Name, long: Name) -> list[tuple[int, int, float]]:
    """Pairs (index in short, index in long, likeness), most alike first, each word once."""
    scored = sorted(
        (
            (_likeness(short, i, long, j), i, j)
            for i in range(len(short.skeleton))
            for j in range(len(long.skeleton))
        ),
        reverse=True,
    )
    used_short: set[int] = set()
    used_long: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for likeness, i, j in scored:
        if i not in used_short and j not in used_long:
            used_short.add(i)
            used_long.add(j)
            pairs.append((i, j, likeness))
    return sorted(pairs)


def _notes(short: Name, long: Name, pairs: Aligned) -> list[str]:
    notes = ["transliterated"] if short.latin != long.latin else []
    if any(short.words[i] != long.words[j] and p == 1.0 for i, j, p in pairs):
        notes.append("spelling variant")
    if [j for _, j, _ in pairs] != sorted(j for _, j, _ in pairs):
        notes.append("reordered")
    shortest = [min(len(short.skeleton[i]), len(long.skeleton[j])) for i, j, _ in pairs]
    if any(0 < p < 1 and n > 1 for (_, _, p), n in zip(pairs, shortest, strict=True)):
        notes.append("typo")
    if any(
        n == 1 and short.words[i] != long.words[j]
        for (i, j, _), n in zip(pairs, shortest, strict=True)
    ):
        notes.append("initials")
    kept = {j for _, j, _ in pairs}
    return notes + [f"no {w!r}" for j, w in enumerate(long.words) if j not in kept]


def _ordered(a: Name, b: Name) -> tuple[Name, Name]:
    """The name of fewer words first."""
    return (b, a) if len(a.skeleton) > len(b.skeleton) else (a, b)


@lru_cache(maxsize=1 << 16)
def compare(a: Name, b: Name) -> float:
    """Likeness of two names in 0..1: the product of their words' likeness, less for words
    one lacks."""
    short, long = _ordered(a, b)
    if not short.skeleton:
        return 0.0
    if sorted(short.skeleton) == sorted(long.skeleton):
        return 1.0
    likeness = 1.0
    for _, _, p in _align(short, long):
        likeness *= p
    dropped = len(long.skeleton) - len(short.skeleton)
    return likeness * (DROPPED_FROM_ONE if len(short.skeleton) == 1 else DROPPED) ** dropped


def best(names_a: Sequence[Name], names_b: Sequence[Name]) -> tuple[float, Name, Name]:
    """The most alike names of two records, and their likeness."""
    return max(((compare(a, b), a, b) for a in names_a for b in names_b), key=lambda t: t[0])


def reason(a: Name, b: Name) -> str:
    """Why names `a` and `b` are alike, and where they differ."""
    short, long = _ordered(a, b)
    notes = _notes(short, long, tuple(_align(short, long)))
    detail = f" ({', '.join(notes)})" if notes else ""
    return f"names: {a.text!r} ~ {b.text!r} {compare(a, b):.2f}{detail}"
