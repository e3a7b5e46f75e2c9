"""Candidate ties: two known entities and a trigger of a tie type in one sentence.

The direction is the one the schema allows between the ends' kinds, else the order in
the sentence (reversed by a passive trigger: owned by). The score grows when the trigger
stands between the two names and when they are close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations

from explorer.reading.amounts import amounts
from explorer.reading.mentions import Mention
from explorer.reading.sentences import Sentence
from explorer.reading.triggers import Trigger, find_triggers, trigger_patterns
from loader.schema import Schema, TieType

MAX_EVIDENCE = 200  # characters: the schema's evidence fragments are short
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SHARE = re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b)")


@dataclass(frozen=True)
class Candidate:
    """A tie the text suggests, from `source` to `target`, with its verbatim evidence."""

    type: str
    source: Mention
    target: Mention
    trigger: str
    evidence: str
    sentence: int
    score: float
    props: dict[str, str] = field(default_factory=dict)


def _direction(
    schema: Schema, trigger: Trigger, a: Mention, b: Mention
) -> tuple[Mention, Mention] | None:
    tie = schema.ties[trigger.tie_type]
    first, second = (b, a) if trigger.passive else (a, b)
    for x, y in ((first, second), (second, first)):
        if tie.allows(x.kind, y.kind):
            return x, y
    return None


def _score(trigger: Trigger, a: Mention, b: Mention) -> float:
    """0.3 for a trigger between the names, up to 0.35 each for close names and a trigger
    close to them."""
    between = a.end <= trigger.start and trigger.end <= b.start
    gap = max(b.start - a.end, 0)
    reach = 0 if between else min(abs(trigger.start - a.end), abs(b.start - trigger.end))
    return round((0.3 if between else 0.0) + 0.35 / (1 + gap / 60) + 0.35 / (1 + reach / 20), 3)


def _evidence(text: str, sentence: Sentence, *spans: tuple[int, int]) -> str:
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    if end - start > MAX_EVIDENCE:
        return text[start:end][:MAX_EVIDENCE].rsplit(" ", 1)[0]
    pad = (MAX_EVIDENCE - (end - start)) // 4
    start, end = max(sentence.start, start - pad), min(sentence.end, end + pad)
    return text[start:end].strip()


def _props(tie: TieType, text: str, trigger: int) -> dict[str, str]:
    """The year and share in the sentence `text`, each when it is the only one, and the sum of
    money nearest the trigger (at `trigger` in it), when the tie type has the property."""
    props = {}
    years = set(_YEAR.findall(text))
    if len(years) == 1:
        props["since"] = years.pop()
    shares = set(_SHARE.findall(text))
    if "share" in tie.properties and len(shares) == 1:
        props["share"] = shares.pop()
    money = sorted(amounts(text), key=lambda s: min(abs(s.start - trigger), abs(s.end - trigger)))
    if {"amount", "currency"} <= tie.properties.keys() and money:
        props["amount"], props["currency"] = money[0].amount, money[0].currency
    return props


def candidate_ties(
    text: str, sentences: list[Sentence], mentions: list[Mention], schema: Schema
) -> list[Candidate]:
    """The best candidate for each pair of entities in each sentence: one type per pair."""
    patterns, found = trigger_patterns(schema), list[Candidate]()
    for index, sentence in enumerate(sentences):
        inside = [m for m in mentions if sentence.start <= m.start < sentence.end]
        pairs = [(a, b) for a, b in combinations(inside, 2) if a.id != b.id]
        if not pairs:
            continue
        best: dict[tuple[str, ...], Candidate] = {}
        for trigger in find_triggers(text, sentence.start, sentence.end, patterns):
            if any(m.start <= trigger.start < m.end for m in inside):
                continue  # a trigger inside a name (President Putin's "President") is no trigger
            for a, b in pairs:
                ends = _direction(schema, trigger, a, b)
                if ends is None:
                    continue
                spans = ((a.start, a.end), (b.start, b.end), (trigger.start, trigger.end))
                evidence = _evidence(text, sentence, *spans)
                props = _props(
                    schema.ties[trigger.tie_type],
                    text[sentence.start : sentence.end],
                    trigger.start - sentence.start,
                )
                made = Candidate(
                    trigger.tie_type,
                    *ends,
                    trigger.words,
                    evidence,
                    index,
                    _score(trigger, a, b),
                    props,
                )
                key = tuple(sorted((a.id, b.id)))
                if key not in best or made.score > best[key].score:
                    best[key] = made
        found += best.values()
    return found
