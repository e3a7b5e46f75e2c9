"""Find the mentions of known entities in a text: longest match first, whole words only.

A word may carry an inflection the name lacks (Путина for Путин, Gazprom's for Gazprom: the
possessive is a word of its own, left out of the mention). A name with capitals matches only
where its first word is written with a capital; a short one (US, EU) only as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from explorer.reading.folding import Token
from explorer.reading.gazetteer import Gazetteer, Variant

# plural and possessive, Russian case endings, and demonyms (Russian, Iranian, Israeli)
INFLECTIONS = (
    "s",
    "es",
    "a",
    "u",
    "e",
    "y",
    "om",
    "ym",
    "oy",
    "ov",
    "ogo",
    "omu",
    "n",
    "an",
    "ian",
    "i",
)
STEM = 4  # a word must be this long before an inflection is read onto it


@dataclass(frozen=True)
class Mention:
    """An entity named at text[start:end]."""

    id: str
    name: str
    kind: str
    start: int
    end: int
    surface: str


def _same(word: Token, folded: str) -> bool:
    if word.folded == folded:
        return True
    rest = word.folded[len(folded) :]
    return len(folded) >= STEM and word.folded.startswith(folded) and rest in INFLECTIONS


def _fits(words: list[Token], at: int, variant: Variant) -> bool:
    size = len(variant.folded)
    if at + size > len(words):
        return False
    here = words[at : at + size]
    if variant.exact:
        return tuple(w.text for w in here) == variant.written
    if variant.capitalised and not (here[0].text[0].isupper() or not here[0].text[0].isalpha()):
        return False
    return all(_same(w, f) for w, f in zip(here, variant.folded, strict=True))


def _variants(gazetteer: Gazetteer, word: Token) -> list[Variant]:
    """The variants whose first word may be `word`, inflected or not, longest first."""
    keys = [word.folded] + [word.folded[: -len(s)] for s in INFLECTIONS if word.folded.endswith(s)]
    found = [v for key in dict.fromkeys(keys) for v in gazetteer.index.get(key, [])]
    return sorted(found, key=lambda v: -len(v.folded))


def find_mentions(text: str, words: list[Token], gazetteer: Gazetteer) -> list[Mention]:
    """Every mention in `text` (cut into `words`), leftmost-longest, none overlapping."""
    mentions: list[Mention] = []
    at = 0
    while at < len(words):
        match = next((v for v in _variants(gazetteer, words[at]) if _fits(words, at, v)), None)
        if match is None:
            at += 1
            continue
        start, end = words[at].start, words[at + len(match.folded) - 1].end
        entry = match.entry
        mentions.append(Mention(entry.id, entry.name, entry.kind, start, end, text[start:end]))
        at += len(match.folded)
    return mentions
