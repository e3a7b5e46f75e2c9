"""Decide a review folder's candidate ties one by one: accept one (as reported, with another
type or its ends swapped if need be), reject it (its row goes), or leave it for later.

Each decision rewrites the folder's ties.csv at once, so quitting loses nothing and the next
review starts with the candidates left: rows whose id starts `read-` that are still
`speculative`, the grade `explorer read` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from explorer.reading.review import read_table, write_table
from loader.errors import UsageError
from loader.schema import Schema
from loader.seed import ENTITIES, TIES

CANDIDATE = "read-"
UNDECIDED = "speculative"
ACCEPTED = "reported"


@dataclass(frozen=True)
class End:
    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class Pending:
    """A candidate tie still to decide: its row of ties.csv and its two ends."""

    row: dict[str, str]
    source: End
    target: End


def _table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.is_file():
        raise UsageError(f"{path.parent} is no review folder: it has no {path.name}",
                         hint="write one with `explorer read FILE --review-dir DIR`")  # fmt: skip
    return read_table(path)


def pending(folder: Path, schema: Schema) -> list[Pending]:
    """The candidate ties of `folder` not yet decided, in the order they were written."""
    ends = {row["id"]: End(row["id"], row["name"], row["kind"])
            for row in _table(folder / ENTITIES)[1]}  # fmt: skip
    provenance = {name for name, tie in schema.ties.items() if tie.provenance}
    return [
        Pending(row, ends[row["source"]], ends[row["target"]])
        for row in _table(folder / TIES)[1]
        if row["id"].startswith(CANDIDATE)
        and row["type"] not in provenance
        and row.get("confidence") == UNDECIDED
        and row["source"] in ends
        and row["target"] in ends
    ]


def allowed_types(schema: Schema, source: End, target: End) -> list[str]:
    """The tie types that may run from `source` to `target`."""
    return [name for name, tie in schema.ties.items()
            if not tie.provenance and tie.allows(source.kind, target.kind)]  # fmt: skip


def decide(
    folder: Path, ident: str, *, accept: bool, tie_type: str | None = None, swap: bool = False
) -> None:
    """Accept the candidate `ident` (as reported; of `tie_type` and with its ends swapped when
    given), or reject it: its row leaves ties.csv."""
    path = folder / TIES
    header, rows = _table(path)
    kept = []
    for row in rows:
        if row["id"] == ident:
            if not accept:
                continue
            row = {**row, "confidence": ACCEPTED, "type": tie_type or row["type"]}
            if swap:
                row["source"], row["target"] = row["target"], row["source"]
        kept.append(row)
    write_table(path, header, kept)
