"""Blocking: which records are worth comparing. Records meet in a block when their names share
two words (or a word and the start or end of another), or a word and another's initial, or are
the same single word; a misspelt word counts as the commoner spelling one edit away. Blocks
too large to tell anything are skipped."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from loader.resolve.model import Rec
from loader.resolve.names import Name, names_of

SKIPPED_KINDS = frozenset({"Source", "Statistic"})
MAX_BLOCK = 500
MIN_MISSPELT = 4  # shorter words are not looked up one edit away
MAX_FORMS = 4  # a word and at most three commoner spellings
ENDS = 3  # letters of a word's start and end that make a key with another word

Spellings = dict[str, tuple[str, ...]]  # word -> itself and its commoner spellings


def _near(word: str) -> set[str]:
    """The word and the word less any one letter: words one edit apart share one of these."""
    if len(word) < MIN_MISSPELT:
        return {word}
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def spellings(frequency: Counter[str]) -> Spellings:
    """Each word with the commoner words one edit away, commonest first."""
    holders: defaultdict[str, set[str]] = defaultdict(set)
    for word in frequency:
        for key in _near(word):
            holders[key].add(word)
    forms: Spellings = {}
    for word, count in frequency.items():
        near = {other for key in _near(word) for other in holders[key]}
        commoner = [o for o in near if (frequency[o], o) > (count, word)]
        commoner.sort(key=lambda o: (-frequency[o], o))
        forms[word] = (word, *commoner[: MAX_FORMS - 1])
    return forms


def _ends(word: str) -> tuple[str, ...]:
    """The first and last letters of a word, of which one typo spares one (when the commoner
    spelling is more than one edit away, as a typo in Cyrillic can be once romanized)."""
    return (word[:ENDS] + "-", "-" + word[-ENDS:]) if len(word) > ENDS else ()


def _keys(kind: str, name: Name, forms: Spellings) -> Iterable[str]:
    """A one-word name's word; else each pair of its words, and each word with the initial of
    another (so 'V. Putin' meets 'Vladimir Putin'), in every spelling of each word."""
    skeleton = name.skeleton
    if len(skeleton) == 1 and len(skeleton[0]) > 1:
        yield from (f"{kind}\t{form}" for form in forms[skeleton[0]])
    for i, first in enumerate(skeleton):
        if len(first) < 2:
            continue
        initials = {other[0] for j, other in enumerate(skeleton) if j != i}
        for form in forms[first]:
            yield from (f"{kind}\t{x}.\t{form}" for x in initials)
        for second in (w for w in skeleton[i + 1 :] if len(w) > 1):
            # one of the two words may be misspelt, not both
            pairs = {(first, t) for t in forms[second]} | {(f, second) for f in forms[first]}
            pairs |= {(first, part) for part in _ends(second)}
            pairs |= {(second, part) for part in _ends(first)}
            yield from (f"{kind}\t{min(pair)}\t{max(pair)}" for pair in pairs)


def vocabulary(names: Sequence[Sequence[Name]]) -> Spellings:
    """The spellings of every word of these names (see `spellings`)."""
    return spellings(Counter(w for ns in names for n in ns for w in set(n.skeleton) if len(w) > 1))


class Block(NamedTuple):
    """Records to compare, as indexes: each of `rows` with each of `columns`. The rows of a
    key made of an initial and a word are the records whose names have initials (the others
    meet through their pairs of words); for any other key rows and columns are the same."""

    rows: tuple[int, ...]
    columns: tuple[int, ...]


def blocks_of(
    recs: Sequence[Rec], names: Sequence[Sequence[Name]], forms: Spellings
) -> list[Block]:
    """The blocks of 2 to MAX_BLOCK records, each once."""
    members: defaultdict[str, list[int]] = defaultdict(list)
    initialled: defaultdict[str, list[int]] = defaultdict(list)
    for index, (rec, own) in enumerate(zip(recs, names, strict=True)):
        if rec.kind in SKIPPED_KINDS:
            continue
        keys = {key for name in own for key in _keys(rec.kind, name, forms)}
        for key in keys:
            members[key].append(index)
        if any(len(w) == 1 for name in own for w in name.skeleton):
            for key in keys:
                initialled[key].append(index)
    found: set[Block] = set()
    for key, columns in members.items():
        if 2 <= len(columns) <= MAX_BLOCK:
            rows = initialled.get(key, []) if ".\t" in key else columns
            if rows:
                found.add(Block(tuple(rows), tuple(columns)))
    return list(found)


def blocks(recs: Sequence[Rec]) -> list[Block]:
    """The blocks `candidates` compares within, as indexes into `recs`."""
    names = [names_of(rec) for rec in recs]
    return blocks_of(recs, names, vocabulary(names))
