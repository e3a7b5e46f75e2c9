"""Fold words for matching: case, diacritics and Cyrillic script, token by token.

Text is cut into word tokens that keep their offsets in the text, so a match on folded
tokens maps back to the exact characters read.
"""

# Cyrillic letters are this file's data, and its letter lists read better as text.
# ruff: noqa: SIM905

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєў",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya "
        "i yi ye u".split(),
        strict=True,
    )
)


@dataclass(frozen=True)
class Token:
    """One word of a text: where it is, as written, and folded."""

    start: int
    end: int
    text: str
    folded: str


def fold(word: str) -> str:
    """`word` in lower case, without diacritics, Cyrillic letters spelled in Latin ones."""
    lower = word.casefold()
    latin = "".join(_CYRILLIC.get(c, c).replace("-", "") for c in lower)
    decomposed = unicodedata.normalize("NFKD", latin)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[Token]:
    """The word tokens of `text`, in order; an apostrophe or hyphen ends a word."""
    return [Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _WORD.finditer(text)]
