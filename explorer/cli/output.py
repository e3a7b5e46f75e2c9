"""The one formatter every verb uses: a table for people, json/csv/markdown for pipes.

Data may hold terminal control characters (an entity named `Evil\x1b[2J`): no format
writes one raw. Table, csv and markdown show them as escapes such as `\x1b`; json
writes them as `\u001b`, which reads back as the same text.

A table fits the width `table_width` finds: long cells are wrapped at word boundaries,
the widest columns first, and a cell longer than `MAX_LINES` is cut with `CUT`. `--wide`
turns that off; csv, json and markdown are never fitted.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import textwrap
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeVar, overload

import click

FORMATS = ("table", "json", "csv", "markdown")
GRAPH_FORMATS = (*FORMATS, "html")
MAX_LINES = 6  # lines a table cell may take before it is cut
CUT = "…"  # ends a cut cell
MIN_WRAP = 20  # columns of words shrink to this before any column of single tokens does
F = TypeVar("F", bound=Callable[..., Any])
# C0 controls, DEL and C1 controls: shown as `\xNN` unless the format keeps them.
_CONTROLS = [*range(0x00, 0x20), *range(0x7F, 0xA0)]
_ESCAPES = {code: f"\\x{code:02x}" for code in _CONTROLS}
_KEPT = {
    "table": "\n",  # a cell may have several lines
    "csv": "\t\n\r",  # quoted by the csv writer
    "markdown": "",
}
_GAP = 2  # spaces between the columns of tabulate's "simple" table
_PAD = 2  # tabulate's MIN_PADDING: a column is at least its header's width plus 2
_WIDE = "explorer.wide"  # the --wide flag, kept in the click context's meta
_HELP = (
    "table for reading, fitted to the terminal (see --wide); json (a list of objects: the "
    "stable contract) or csv for pipes, markdown for documents: these three are never cut"
)
_WIDE_HELP = (
    "Show every table cell whole, on lines as long as they need. Without it a table fits "
    f"COLUMNS, else the terminal's width: long cells are wrapped and cut after {MAX_LINES} "
    f"lines with {CUT}; to a pipe or a file it is fitted only when COLUMNS is set. "
    "--format json shows everything too."
)


@overload
def output_options(func: F, /) -> F: ...
@overload
def output_options(*, graph: bool) -> Callable[[F], F]: ...
def output_options(func: F | None = None, /, *, graph: bool = False) -> F | Callable[[F], F]:
    """The shared --format and --wide options; `graph=True` adds `html`, for verbs that
    return paths. --wide reaches `write_rows` through the click context, so a command takes
    no parameter for it."""
    html = "; html: an offline interactive page of the graph" if graph else ""
    fmt = click.option(
        "--format",
        "fmt",
        type=click.Choice(GRAPH_FORMATS if graph else FORMATS),
        default="table",
        show_default=True,
        help=f"{_HELP}{html}.",
    )
    wide = click.option(
        "--wide", is_flag=True, expose_value=False, callback=_remember_wide, help=_WIDE_HELP
    )

    def decorate(f: F) -> F:
        return fmt(wide(f))

    return decorate if func is None else decorate(func)


def _remember_wide(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.meta[_WIDE] = True
    return value


def _wide_asked() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.meta.get(_WIDE))


def table_width(out: IO[str]) -> int | None:
    """The width a table written to `out` must fit: COLUMNS when set, else the terminal's
    width when `out` is a terminal; None (no fitting, like `ps` or `systemctl`) on a pipe
    or a file, so that grep sees every cell whole."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns > 0:
        return columns
    return shutil.get_terminal_size().columns if out.isatty() else None


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


def write_rows(
    rows: Sequence[dict[str, Any]],
    keys: Sequence[str],
    fmt: str,
    out: IO[str],
    *,
    wide: bool | None = None,
) -> None:
    """Write rows in the chosen format to `out`; a table fits `table_width(out)` unless
    `wide` (by default: unless the command was given --wide)."""
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
        return
    if fmt == "markdown":  # a pipe would end the cell
        out.write((_render(_no_pipes([header])[0], _no_pipes(table), "github")) + "\n")
        return
    width = None if (_wide_asked() if wide is None else wide) else table_width(out)
    out.write((fit_table(header, table, width) if width else _render(header, table)) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def write_text(text: str, out: IO[str], *, wide: bool | None = None) -> None:
    """Write prose and a newline, like click.echo, each line wrapped to `table_width(out)`
    unless `wide` (by default: unless the command was given --wide). A line goes on indented
    under its own text when it starts with `1. ` (after its indent), else by four more
    spaces. Nothing is cut."""
    width = None if (_wide_asked() if wide is None else wide) else table_width(out)
    lines = text.split("\n")
    out.write("\n".join(_wrap_prose(line, width) if width else line for line in lines) + "\n")


def _wrap_prose(line: str, width: int) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    item = re.match(r"\s*\d+\.\s+", line)
    hang = " " * item.end() if item else indent + "    "
    wrapper = _Wrapper(width, initial_indent=indent, subsequent_indent=hang)
    return "\n".join(wrapper.wrap(line.strip())) or line


def _render(header: list[str], table: list[list[str]], style: str = "simple") -> str:
    from tabulate import tabulate

    return tabulate(table, headers=header, tablefmt=style) if header else ""


def _no_pipes(table: list[list[str]]) -> list[list[str]]:
    return [[cell.replace("|", "\\|") for cell in row] for row in table]


class _Wrapper(textwrap.TextWrapper):
    """Breaks at spaces, after a `-`, `/` or `|` between two word characters (`istomin-`
    `2024`, `Person|` `State`) and after a `.` between two letters (`Person.` `born`, but
    not `49.8`); a longer word is broken where the line ends."""

    wordsep_re = re.compile(r"(\s+)|(?<=\w[-/|])(?=\w)|(?<=[^\W\d]\.)(?=[^\W\d])")


def fit_table(header: list[str], table: list[list[str]], width: int) -> str:
    """The table in at most `width` columns when its headers allow it: the widest columns
    are wrapped first, columns of words before columns of single tokens (ids, numbers,
    dates), and no cell is longer than MAX_LINES lines."""
    columns = list(zip(header, *table, strict=True))
    natural = [max([_width(column[0]) + _PAD, *map(_width, column[1:])]) for column in columns]
    least = [_width(column[0]) + _PAD for column in columns]  # tabulate's own minimum
    words = [
        any(" " in line.strip() for c in column[1:] for line in c.split("\n")) for column in columns
    ]
    first = [
        max(lo, min(n, MIN_WRAP)) if w else n
        for lo, n, w in zip(least, natural, words, strict=True)
    ]
    budget = width - _GAP * (len(header) - 1)
    shown = ""
    for _ in range(3):  # numbers aligned on their decimal point may widen a column a little
        widths = _shrink(natural, (first, least), budget)
        wrappers = [_Wrapper(w) if w < n else None for w, n in zip(widths, natural, strict=True)]
        cells = [
            [_fit(c, w, wrapper) for c, w, wrapper in zip(row, widths, wrappers, strict=True)]
            for row in table
        ]
        shown = _render(header, cells)
        over = max(map(len, shown.split("\n"))) - width
        if over <= 0:
            break
        budget -= over
    return shown


def _width(cell: str) -> int:
    return max(map(len, cell.split("\n")))


def _shrink(natural: list[int], floors: tuple[list[int], ...], budget: int) -> list[int]:
    """Widths summing to at most `budget` when the floors allow: one column at a time, the
    widest (the rightmost of equals) loses a character, down to the first floor, then down
    to the next."""
    widths = list(natural)
    for floor in floors:
        while sum(widths) > budget:
            can = [i for i, w in enumerate(widths) if w > floor[i]]
            if not can:
                break
            widths[max(can, key=lambda i: (widths[i], i))] -= 1
    return widths


def _fit(cell: str, width: int, wrapper: _Wrapper | None) -> str:
    """`cell` wrapped by `wrapper` (if any), then cut after MAX_LINES lines with CUT."""
    lines = [
        part
        for line in cell.split("\n")
        for part in (wrapper.wrap(line) if wrapper else [line]) or [""]
    ]
    if len(lines) <= MAX_LINES:
        return "\n".join(lines)
    last = lines[MAX_LINES - 1][: max(width - len(CUT), 0)]
    return "\n".join([*lines[: MAX_LINES - 1], last + CUT])
