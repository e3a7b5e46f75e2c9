"""The one formatter every verb uses: a table for people, json/csv/markdown for pipes.

Data may hold terminal control characters (an entity named `Evil\x1b[2J`): no format
writes one raw. Table, csv and markdown show them as escapes such as `\x1b`; json
writes them as `\u001b`, which reads back as the same text.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar, overload

import click

FORMATS = ("table", "json", "csv", "markdown")
GRAPH_FORMATS = (*FORMATS, "html")
F = TypeVar("F", bound=Callable[..., Any])
# C0 controls, DEL and C1 controls: shown as `\xNN` unless the format keeps them.
_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_ESCAPES = {code: f"\\x{code:02x}" for code in _CONTROLS}
_KEPT = {
    "table": "\n",  # a cell may have several lines
    "csv": "\t\n\r",  # quoted by the csv writer
    "markdown": "",
}
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


def printable(text: str, keep: str = "\n") -> str:
    """`text` with every control character but those in `keep` shown as `\\xNN`."""
    return text.translate({**_ESCAPES, **{ord(c): c for c in keep}})


def _json_text(value: Any) -> str:
    """JSON that escapes DEL and the C1 controls too (json.dumps escapes only C0)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text.translate({code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)})


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
        out.write(_json_text(list(rows)) + "\n")
        return
    keep = _KEPT[fmt]
    header = [printable(k, keep) for k in keys]
    table = [[printable(_cell(row.get(k)), keep) for k in keys] for row in rows]
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(table)
    else:
        from tabulate import tabulate

        if fmt == "markdown":  # a pipe would end the cell
            header, table = _no_pipes([header])[0], _no_pipes(table)
        style = "github" if fmt == "markdown" else "simple"
        out.write((tabulate(table, headers=header, tablefmt=style) if keys else "") + "\n")
        if fmt == "table":
            out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def _no_pipes(table: list[list[str]]) -> list[list[str]]:
    return [[cell.replace("|", "\\|") for cell in row] for row in table]
