"""Capitalised names that match no known entity: candidates for new entities, never created."""

# Its word lists read better as text.
# ruff: noqa: SIM905

from __future__ import annotations

from collections import Counter

from explorer.reading.folding import Token
from explorer.reading.mentions import Mention

JOINERS = frozenset({"of", "the", "for", "and", "de", "von", "al"})
COMMON = frozenset(
    "The A An In On At By For Of And But Or If As It Its This That These Those He She They We I "
    "His Her Their Our When While Yet Even Since After Before Such There Here What Which Who "
    "How Why Some Many Most Both Each All Not No So Also Then Still Thus However Although".split()
)


def _capital(word: Token) -> bool:
    return word.text[0].isupper() and word.text not in COMMON


def new_names(words: list[Token], mentions: list[Mention], text: str) -> Counter[str]:
    """Runs of capitalised words (joined by of, the...) outside every mention, by count; a
    single word counts only when it is not the first of its sentence."""
    starts = {w.start: i for i, w in enumerate(words)}
    taken = {starts[w] for m in mentions for w in range(m.start, m.end) if w in starts}
    found: Counter[str] = Counter()
    run: list[Token] = []
    for i, word in enumerate([*words, Token(len(text), len(text), "x", "x")]):
        if run and text[run[-1].end : word.start] != " ":  # a run is words a space apart
            found += _name(run, text)
            run = []
        if i not in taken and i < len(words) and _capital(word):
            run.append(word)
            continue
        if run and i < len(words) and word.text in JOINERS and i not in taken:
            run.append(word)
            continue
        found += _name(run, text)
        run = []
    return found


def _name(run: list[Token], text: str) -> Counter[str]:
    """The run as a name (without trailing joiners), or nothing."""
    while run and run[-1].text in JOINERS:
        run = run[:-1]
    if run and (len(run) > 1 or not _sentence_start(text, run[0].start)):
        return Counter([text[run[0].start : run[-1].end]])
    return Counter()


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 200) : at].rstrip()
    return not before or before[-1] in '.!?\n"“#*'
