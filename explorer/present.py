"""Routes and ties in words: `A -[OWNS 49.8%]-> B`, `A -[146 SUPPLIED_ARMS_TO 1980-2024,
44,443.5 SIPRI TIV (m)]-> B`, and sentences with their citations.

A step is the list of ties between two neighbouring entities of a route (parallel ties: one
per arms transfer, per stake, per meeting); one tie reads as its type and key properties,
several of a type as their count, their years and the sums of their amounts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from loader.schema import load_schema

Tie = dict[str, Any]

_UNITS = {"share": "%"}
# Amounts that add up across parallel ties, each with the property naming its unit.
_SUMMED = (("value", "unit"), ("amount", "currency"))


def tie_key(tie: Tie) -> str:
    """The tie type with its key properties, e.g. `OWNS 49.8%` or `LEADS chairman`."""
    spec = load_schema().ties.get(tie["type"])
    keys = spec.key if spec else ()
    values = [
        f"{_number(tie[k])}{_UNITS.get(k, '')}" for k in keys if tie.get(k) not in (None, "", [])
    ]
    return " ".join([tie["type"], *values])


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _amount(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def span(first: str | None, last: str | None) -> str:
    """The years from `first` to `last`: `1980-2024`, `2013-05 to 2014-02`, or '' if undated."""
    if not first or not last:
        return first or last or ""
    if first == last:
        return first
    return f"{first}-{last}" if len(first) == len(last) == 4 else f"{first} to {last}"


def aggregate(ties: Sequence[Tie]) -> dict[str, Any]:
    """What parallel ties add up to, as the neighbors query sums them up: how many, the first
    and last date, and the total amount per unit."""
    starts = [t["since"] for t in ties if t.get("since")]
    ends = [t.get("until") or t["since"] for t in ties if t.get("until") or t.get("since")]
    sums: dict[str | None, float] = {}
    for tie in ties:
        for amount, unit in _SUMMED:
            if isinstance(tie.get(amount), int | float):
                sums[tie.get(unit)] = sums.get(tie.get(unit), 0.0) + tie[amount]
    return {
        "count": len(ties),
        "first": min(starts, default=None),
        "last": max(ends, default=None),
        "totals": [{"unit": unit, "total": total} for unit, total in sums.items()],
    }


def details(found: dict[str, Any]) -> str:
    """`1980-2024, 44,443.5 SIPRI TIV (m)`: the dates and totals of an `aggregate`."""
    totals = [f"{_amount(t['total'])} {t['unit'] or ''}".strip() for t in found["totals"]]
    return ", ".join(filter(None, [span(found["first"], found["last"]), *totals]))


def summary(tie_type: str, found: dict[str, Any]) -> str:
    """`146 SUPPLIED_ARMS_TO 1980-2024, 44,443.5 SIPRI TIV (m)` from an `aggregate`."""
    more = details(found)
    return f"{found['count']} {tie_type}" + (f" {more}" if more else "")


def group_key(tie_type: str, found: dict[str, Any]) -> str:
    """Parallel ties of one type in words: the tie's key when there is one (`OWNS 49.8%`),
    else their `summary`. `found` is an `aggregate` with (some of) its `ties`."""
    return tie_key(found["ties"][0]) if found["count"] == 1 else summary(tie_type, found)


def _grouped(ties: Sequence[Tie], *fields: str) -> list[list[Tie]]:
    """The ties grouped by the values of `fields`, groups in order of first appearance."""
    groups: dict[tuple[Any, ...], list[Tie]] = {}
    for tie in ties:
        groups.setdefault(tuple(tie[f] for f in fields), []).append(tie)
    return list(groups.values())


def step_key(ties: Sequence[Tie]) -> str:
    """One step in brackets' words: the tie's key, or per type the count, years and totals."""
    parts = []
    for group in _grouped(ties, "type"):
        parts.append(group_key(group[0]["type"], {**aggregate(group), "ties": group}))
    return "; ".join(parts)


def _arrow(ties: Sequence[Tie], here: str) -> tuple[str, str]:
    schema = load_schema().ties
    directed = [t for t in ties if not (t["type"] in schema and schema[t["type"]].symmetric)]
    out = any(t["from"] == here for t in directed)
    into = any(t["from"] != here for t in directed)
    return ("<-" if into else "-", "->" if out else "-")


def route(row: dict[str, Any]) -> str:
    """One route on one line: `Gazprombank -[OWNS 49.8%]-> Atomstroyeksport -[...]- Rosatom`."""
    nodes, steps = row["nodes"], row["steps"]
    parts = [nodes[0]["name"]]
    for node, ties, after in zip(nodes, steps, nodes[1:], strict=False):
        left, right = _arrow(ties, node["id"])
        parts.append(f"{left}[{step_key(ties)}]{right} {after['name']}")
    return " ".join(parts)


def ties_of(row: dict[str, Any]) -> list[Tie]:
    """Every tie along a route, step after step."""
    return [tie for ties in row["steps"] for tie in ties]


def sources(ties: Sequence[Tie]) -> list[str]:
    """The distinct sources the ties cite, in order."""
    seen: dict[str, None] = {}
    for tie in ties:
        for source in tie.get("sources") or []:
            seen.setdefault(source, None)
    return list(seen)


def _since(tie: Tie) -> str:
    since, until = tie.get("since"), tie.get("until")
    if since and until:
        return f" ({since} to {until})"
    return f" (since {since})" if since else (f" (until {until})" if until else "")


def _sentence(names: dict[str, str], tie: Tie, times: int = 1) -> str:
    spec = load_schema().ties.get(tie["type"])
    verb = spec.label if spec else tie["type"].lower()
    return f"{names.get(tie['from'], tie['from'])} {verb} {names.get(tie['to'], tie['to'])}" + (
        f" {times} times" if times > 1 else ""
    )


def _cited(ties: Sequence[Tie]) -> str:
    cited = ", ".join(sources(ties)) or "no source"
    quotes = [e for tie in ties for e in tie.get("evidence") or []]
    quote = " / ".join(f"\u201c{e}\u201d" for e in dict.fromkeys(quotes))
    return f"Source: {cited}" + (f": {quote}" if quote else "")


def explain(row: dict[str, Any]) -> str:
    """A route in sentences, one per tie (or per type of parallel ties), each with its
    sources and evidence."""
    names = {n["id"]: n["name"] for n in row["nodes"]}
    lines: list[str] = []
    for ties in row["steps"]:
        for group in _grouped(ties, "type", "from"):
            first = group[0]
            if len(group) == 1:
                keys = tie_key(first)[len(first["type"]) :].strip()
                text = _sentence(names, first) + (f" [{keys}]" if keys else "") + _since(first)
            else:
                more = details(aggregate(group))
                text = _sentence(names, first, len(group)) + (f" ({more})" if more else "")
            lines.append(f"  {len(lines) + 1}. {text}. {_cited(group)}")
    return "\n".join(lines)
