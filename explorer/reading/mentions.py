"""Find the mentions of known entities in a text: longest match first, whole words only, and
within a longer name the names of other entities it holds after its first word.

A word may carry an inflection the name lacks (Путина for Путин, treaties for treaty,
Gazprom's for Gazprom: the possessive is a word of its own, left out of the mention). A name
whose first word has a capital matches only where that word is written with one ("embargo on
arms sales to China" matches in lower case); a short one (US, EU) only as written.
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
    if len(folded) < STEM:
        return False
    if folded.endswith("y") and word.folded == folded[:-1] + "ies":  # treaty, treaties
        return True
    rest = word.folded[len(folded) :]
    return word.folded.startswith(folded) and rest in INFLECTIONS


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
    if word.folded.endswith("ies"):
        keys.append(word.folded[:-3] + "y")
    found = [v for key in dict.fromkeys(keys) for v in gazetteer.index.get(key, [])]
    return sorted(found, key=lambda v: -len(v.folded))


def find_mentions(text: str, words: list[Token], gazetteer: Gazetteer) -> list[Mention]:
    """Every mention in `text` (cut into `words`), leftmost-longest; within a longer name,
    the names of other entities it holds after its first word ("Rosneft" in "Putin's Rosneft
    oil faction"; not "Gazprom" in "Gazprom faction", named after it: measured on the
    curated documents, those cost precision and found nothing more)."""
    mentions: list[Mention] = []
    at = 0
    while at < len(words):
        found = _longest(words, (at, len(words)), gazetteer)
        if found is None:
            at += 1
            continue
        end = at + len(found.folded)
        mentions.append(_mention(text, words, at, found))
        inner = at + 1
        while inner < end:
            nested = _longest(words, (inner, end), gazetteer, found.entry.id)
            if nested is not None:
                mentions.append(_mention(text, words, inner, nested))
                inner += len(nested.folded)
            else:
                inner += 1
        at = end
    return mentions


def _longest(
    words: list[Token], span: tuple[int, int], gazetteer: Gazetteer, other_than: str = ""
) -> Variant | None:
    """The longest name of an entity but `other_than` that starts at words[span[0]] and ends
    before words[span[1]]."""
    at, end = span
    fitting = (
        v
        for v in _variants(gazetteer, words[at])
        if at + len(v.folded) <= end and v.entry.id != other_than
    )
    return next((v for v in fitting if _fits(words, at, v)), None)


def _mention(text: str, words: list[Token], at: int, variant: Variant) -> Mention:
    start, end = words[at].start, words[at + len(variant.folded) - 1].end
    entry = variant.entry
    return Mention(entry.id, entry.name, entry.kind, start, end, text[start:end])
