"""Fold words for matching: case, diacritics and script, token by token.

Text is cut into word tokens that keep their offsets in the text, so a match on folded
tokens maps back to the exact characters read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Token:
    """One word of a text: where it is, as written, and folded."""

    start: int
    end: int
    text: str
    folded: str


def fold(word: str) -> str:
    """`word` in lower case ASCII, any script transliterated as the entity matcher does it
    (loader.resolve.names): diacritics dropped, Cyrillic spelled in Latin letters."""
    return anyascii(word).casefold().replace("'", "")


def tokens(text: str) -> list[Token]:
    """The word tokens of `text`, in order; an apostrophe or hyphen ends a word."""
    return [Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _WORD.finditer(text)]
