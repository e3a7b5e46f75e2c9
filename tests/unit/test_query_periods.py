"""Every query that chooses ties by date says "valid at some time from $since to $until" in
the same words: Cypher has no functions of our own, so the condition is written out where a
tie is matched, and this test keeps the copies from drifting apart."""

from __future__ import annotations

import re
from pathlib import Path

from explorer import graph
from queries.registry import library

ROOT = Path(__file__).resolve().parents[2]

# For a tie variable \1: no period asked, or the tie is dated (or undated ones are kept),
# begun by the period's end and not ended before its start; a yearly figure or an arms
# transfer ends with its year or its last delivery year.
VALID = re.compile(
    r"\$since IS NULL AND \$until IS NULL OR \("
    r" ?\((\w+)\.since IS NOT NULL OR \1\.until IS NOT NULL OR \$undated\)"
    r" AND \(\(\1\.since IS NULL OR \$until IS NULL"
    r" OR left\(\1\.since, size\(\$until\)\) <= left\(\$until, size\(\1\.since\)\)\)"
    r" AND coalesce\(left\(\$since, size\(coalesce\(\1\.until, last\(\1\.delivery_years\),"
    r" toString\(\1\.year\)\)\)\)"
    r" <= left\(coalesce\(\1\.until, last\(\1\.delivery_years\), toString\(\1\.year\)\),"
    r" size\(\$since\)\), true\)\)\)"
)
ASKED = "$since IS NULL AND $until IS NULL OR ("


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("( ", "(")


def test_every_tie_chosen_by_date_is_chosen_by_the_same_condition() -> None:
    texts = {q.name: q.text for q in library().values()} | {"graph.py": graph._TIES}
    dated = {name: flat(text) for name, text in texts.items() if "$since" in text}
    assert {"paths", "neighbors", "common", "owners", "members", "timeline", "brokers"} <= set(
        dated
    )
    for name, text in dated.items():
        assert len(VALID.findall(text)) == text.count(ASKED) > 0, name
