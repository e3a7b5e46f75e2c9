"""Trigger words of the tie types, as the schema lists them, found in a sentence."""

from __future__ import annotations

import re
from typing import NamedTuple

from loader.schema import Schema

PASSIVE = " by"  # a trigger ending so reads the tie backwards: owned by, led by


class Trigger(NamedTuple):
    """A trigger of `tie_type` found at text[start:end]."""

    tie_type: str
    words: str
    start: int
    end: int

    @property
    def passive(self) -> bool:
        return self.words.endswith(PASSIVE)


def _pattern(words: str) -> re.Pattern[str]:
    """Whole words; all-capital or capitalised triggers (CEO, President) keep their case."""
    flags = 0 if any(c.isupper() for c in words) else re.I
    edge_start = r"\b" if words[0].isalnum() else ""
    edge_end = r"\b" if words[-1].isalnum() else ""
    return re.compile(edge_start + re.escape(words) + edge_end, flags)


def trigger_patterns(schema: Schema) -> list[tuple[str, str, re.Pattern[str]]]:
    """(tie type, trigger, pattern) for every trigger in the schema."""
    return [
        (name, words, _pattern(words))
        for name, tie in schema.ties.items()
        for words in tie.triggers
    ]


def find_triggers(
    text: str, start: int, end: int, patterns: list[tuple[str, str, re.Pattern[str]]]
) -> list[Trigger]:
    """The triggers in text[start:end], with offsets in `text`."""
    return [
        Trigger(tie_type, words, m.start(), m.end())
        for tie_type, words, pattern in patterns
        for m in pattern.finditer(text, start, end)
    ]
