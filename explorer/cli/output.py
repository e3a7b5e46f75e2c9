"""The one formatter every verb uses: a table for people, json/csv/markdown for pipes."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar, overload

import click

FORMATS = ("table", "json", "csv", "markdown")
GRAPH_FORMATS = (*FORMATS, "html")
F = TypeVar("F", bound=Callable[..., Any])
_HELP = (
    "table for reading; json (a list of objects: the stable contract), csv or markdown for pipes"
)


@overload
def output_options(func: F, /) -> F: ...
@overload
def output_options(*, graph: bool) -> Callable[[F], F]: ...
def output_options(func: F | None = None, /, *, graph: bool = False) -> F | Callable[[F], F]:
    """The shared --format option; `graph=True` adds `html`, for verbs that return paths."""
    html = "; html: an offline interactive page of the graph" if graph else ""
    option = click.option(
        "--format",
        "fmt",
        type=click.Choice(GRAPH_FORMATS if graph else FORMATS),
        default="table",
        show_default=True,
        help=f"{_HELP}{html}.",
    )
    return option if func is None else option(func)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return "; ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False, default=str)


def write_rows(rows: Sequence[dict[str, Any]], keys: Sequence[str], fmt: str, out: IO[str]) -> None:
    """Write rows in the chosen format to `out`."""
    if fmt == "json":
        json.dump(list(rows), out, ensure_ascii=False, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(keys)
        writer.writerows([_cell(row.get(k)) for k in keys] for row in rows)
    else:
        from tabulate import tabulate

        table = [[_cell(row.get(k)) for k in keys] for row in rows]
        style = "github" if fmt == "markdown" else "simple"
        out.write((tabulate(table, headers=list(keys), tablefmt=style) if keys else "") + "\n")
        if fmt == "table":
            out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
