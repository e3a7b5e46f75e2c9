"""Routes and ties in words: `A -[OWNS 49.8%]-> B`, `A -[146 SUPPLIED_ARMS_TO 1980-2024,
44,443.5 SIPRI TIV (m)]-> B`, and sentences with their citations.

A step is the list of ties between two neighbouring entities of a route (parallel ties: one
per arms transfer, per stake, per meeting); one tie reads as its type and key properties,
several of a type as their count, their years and the sums of their amounts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from loader.schema import load_schema

Tie = dict[str, Any]
FIRM = "reported"  # the grade a tie without `confidence` has; every other grade is shown
# How a sentence says a claim of each grade; a grade not listed is named in brackets.
_HEDGES = {
    "inferred": "the sources imply that {}",
    "alleged": "allegedly, {}",
    "disputed": "it is disputed that {}",
    "speculative": "it is speculated that {}",
}
# Arms that were agreed but never arrived: the tie says so wherever it is shown.
UNDELIVERED = {"ordered": "ordered, not delivered", "cancelled": "cancelled before delivery"}

_UNITS = {"share": "%"}
# Amounts that add up across parallel ties, each with the property naming its unit.
_SUMMED = (("value", "unit"), ("amount", "currency"))


def tie_key(tie: Tie) -> str:
    """The tie type with its key properties and any grade but `reported`, e.g. `OWNS 49.8%`,
    `LEADS chairman` or `SUPPORTS (disputed)`."""
    marks = [m for m in (doubts([tie]), UNDELIVERED.get(str(tie.get("status")))) if m]
    return " ".join([tie["type"], *_keys(tie), *(f"({m})" for m in marks)])


def _keys(tie: Tie) -> list[str]:
    """The values of the tie's key properties, e.g. `49.8%` or `chairman`."""
    spec = load_schema().ties.get(tie["type"])
    keys = spec.key if spec else ()
    return [
        f"{_number(tie[k])}{_UNITS.get(k, '')}" for k in keys if tie.get(k) not in (None, "", [])
    ]


def tie_about(tie: Tie) -> str:
    """What `tie_key` says besides the type: `49.8%`, `chairman, alleged`, or ''."""
    undelivered = UNDELIVERED.get(str(tie.get("status")))
    parts = (" ".join(_keys(tie)), doubts([tie]), undelivered)
    return ", ".join(part for part in parts if part)


def grade(tie: Tie) -> str:
    """How firmly the source asserts the tie (`reported` when it does not say)."""
    return str(tie.get("confidence") or FIRM)


def doubts(ties: Sequence[Tie], grades: Sequence[str] | None = None) -> str:
    """The grades other than `reported` among `ties`: `disputed` for one tie, `2 alleged,
    1 disputed` for several; '' when all are reported. `grades`: those of all the ties when
    `ties` lists only some (a query's latest few)."""
    counts = Counter(g for g in (grades or [grade(t) for t in ties]) if g != FIRM)
    order = load_schema().grades
    ranked = sorted(counts, key=lambda g: order.index(g) if g in order else len(order))
    if len(ties) == 1 and grades is None:
        return ", ".join(ranked)
    return ", ".join(f"{counts[g]} {g}" for g in ranked)


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
    and last date, and the total amount per unit of those delivered (or with no status)."""
    starts = [t["since"] for t in ties if t.get("since")]
    ends = [t.get("until") or t["since"] for t in ties if t.get("until") or t.get("since")]
    sums: dict[str | None, float] = {}
    for tie in (t for t in ties if t.get("status") not in UNDELIVERED):
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
    else their `summary` and grades (`3 SUPPORTS 2001-2014 (1 disputed)`). `found` is an
    `aggregate` with (some of) its `ties`, and the `grades` of all when a query gives them."""
    if found["count"] == 1:
        return tie_key(found["ties"][0])
    statuses = Counter(str(t.get("status")) for t in found["ties"])
    undelivered = [f"{statuses[s]} {s}" for s in UNDELIVERED if statuses[s]]
    marks = [m for m in (doubts(found["ties"], found.get("grades")), *undelivered) if m]
    return summary(tie_type, found) + (f" ({'; '.join(marks)})" if marks else "")


def _grouped(ties: Sequence[Tie], *fields: str) -> list[list[Tie]]:
    """The ties grouped by the values of `fields`, groups in order of first appearance."""
    groups: dict[tuple[Any, ...], list[Tie]] = {}
    for tie in ties:
        groups.setdefault(tuple(tie.get(f) for f in fields), []).append(tie)
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
    """`Russia supports Iran`, hedged by the tie's grade: `It is disputed that Russia ...`."""
    spec = load_schema().ties.get(tie["type"])
    verb = spec.label if spec else tie["type"].lower()
    claim = f"{names.get(tie['from'], tie['from'])} {verb} {names.get(tie['to'], tie['to'])}" + (
        f" {times} times" if times > 1 else ""
    )
    said = grade(tie)
    if said == FIRM:
        return claim
    hedged = _HEDGES[said].format(claim) if said in _HEDGES else f"({said}) {claim}"
    return hedged[0].upper() + hedged[1:]


def _notes(ties: Sequence[Tie]) -> str:
    """` Note: ...` with the ties' distinct notes, or ''."""
    notes = [str(n).rstrip(".") for n in dict.fromkeys(t.get("note") for t in ties) if n]
    return "".join(f" Note: {n}." for n in notes)


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
        graded = [{**tie, "confidence": grade(tie)} for tie in ties]
        for group in _grouped(graded, "type", "from", "confidence", "status"):
            first = group[0]
            if len(group) == 1:
                keys = " ".join(_keys(first))
                text = _sentence(names, first) + (f" [{keys}]" if keys else "") + _since(first)
            else:
                more = details(aggregate(group))
                text = _sentence(names, first, len(group)) + (f" ({more})" if more else "")
            if undelivered := UNDELIVERED.get(str(first.get("status"))):
                text += f", {undelivered}"
            # A note on each of many firm ties (a SIPRI transfer's) would drown the sentence.
            noted = _notes(group) if len(group) == 1 or grade(first) != FIRM else ""
            lines.append(f"  {len(lines) + 1}. {text}.{noted} {_cited(group)}")
    return "\n".join(lines)
