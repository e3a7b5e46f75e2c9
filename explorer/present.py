"""Paths and ties in words: `A -[OWNS 49.8%]-> B`, and sentences with their citations."""

from __future__ import annotations

from typing import Any

from loader.schema import load_schema

_UNITS = {"share": "%"}


def tie_key(tie: dict[str, Any]) -> str:
    """The tie type with its key properties, e.g. `OWNS 49.8%` or `LEADS chairman`."""
    spec = load_schema().ties.get(tie["type"])
    keys = spec.key if spec else ()
    values = [
        f"{_number(tie[k])}{_UNITS.get(k, '')}" for k in keys if tie.get(k) not in (None, "", [])
    ]
    return " ".join([tie["type"], *values])


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _arrow(tie: dict[str, Any], here: str) -> tuple[str, str]:
    spec = load_schema().ties.get(tie["type"])
    if spec is not None and spec.symmetric:
        return "-", "-"
    return ("-", "->") if tie["from"] == here else ("<-", "-")


def route(row: dict[str, Any]) -> str:
    """One path on one line: `Gazprombank -[OWNS 49.8%]-> Atomstroyeksport -[...]- Rosatom`."""
    nodes, ties = row["nodes"], row["ties"]
    parts = [nodes[0]["name"]]
    for node, tie, after in zip(nodes, ties, nodes[1:], strict=False):
        left, right = _arrow(tie, node["id"])
        parts.append(f"{left}[{tie_key(tie)}]{right} {after['name']}")
    return " ".join(parts)


def sources(row: dict[str, Any]) -> list[str]:
    """The distinct sources cited along a path, in order."""
    seen: dict[str, None] = {}
    for tie in row["ties"]:
        for source in tie.get("sources") or []:
            seen.setdefault(source, None)
    return list(seen)


def _since(tie: dict[str, Any]) -> str:
    since, until = tie.get("since"), tie.get("until")
    if since and until:
        return f" ({since} to {until})"
    return f" (since {since})" if since else (f" (until {until})" if until else "")


def explain(row: dict[str, Any]) -> str:
    """A path in sentences, one per tie, each with its sources and evidence."""
    names = {n["id"]: n["name"] for n in row["nodes"]}
    lines = []
    for step, tie in enumerate(row["ties"], start=1):
        spec = load_schema().ties.get(tie["type"])
        verb = spec.label if spec else tie["type"].lower()
        keys = tie_key(tie)[len(tie["type"]) :].strip()
        detail = f" [{keys}]" if keys else ""
        cited = ", ".join(tie.get("sources") or []) or "no source"
        quote = " / ".join(f"\u201c{e}\u201d" for e in tie.get("evidence") or [])
        sentence = f"{names.get(tie['from'], tie['from'])} {verb} {names.get(tie['to'], tie['to'])}"
        lines.append(
            f"  {step}. {sentence}{detail}{_since(tie)}. Source: {cited}"
            + (f": {quote}" if quote else "")
        )
    return "\n".join(lines)
