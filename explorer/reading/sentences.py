"""Cut a text into sentences: at a full stop, question or exclamation mark, or a line end."""

# Cyrillic letters and quotation marks are this file's data, and its word lists read better
# as text.
# ruff: noqa: RUF001, SIM905

from __future__ import annotations

import re
from typing import NamedTuple

_END = re.compile(r"[.!?]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9\u0400-\u042F])|\n+")
_ABBREVIATIONS = frozenset("mr mrs ms dr st no gen col lt jr sr vs prof sen rep gov inc co".split())


class Sentence(NamedTuple):
    start: int
    end: int


def _abbreviation(text: str, at: int) -> bool:
    """True when the stop at `at` ends an abbreviation (U.S., Mr.), not a sentence."""
    word = re.search(r"[\w.]*$", text[max(0, at - 30) : at])
    before = word.group() if word else ""
    return before.lower() in _ABBREVIATIONS or bool(re.fullmatch(r"(\w\.)*\w", before))


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text`, as spans without their surrounding blanks."""
    spans, start = [], 0
    for stop in _END.finditer(text):
        if stop.group()[0] != "\n" and _abbreviation(text, stop.start()):
            continue
        spans.append(Sentence(start, stop.start() + len(stop.group().rstrip())))
        start = stop.end()
    spans.append(Sentence(start, len(text)))
    return [_trim(text, s) for s in spans if text[s.start : s.end].strip()]


def _trim(text: str, span: Sentence) -> Sentence:
    chunk = text[span.start : span.end]
    lead = len(chunk) - len(chunk.lstrip())
    return Sentence(span.start + lead, span.start + len(chunk.rstrip()))
