"""Where an export goes: a text stream, a file, or a folder for the formats that write one."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from explorer.export import DEFAULT_TITLE, exporter, write
from explorer.graph import Graph

Output = str | Path | TextIO | None


def is_folder(fmt: str, output: Output) -> bool:
    """Whether `output` is a folder the format writes: a path not ending in `.fmt`."""
    return (
        exporter(fmt).folder is not None
        and isinstance(output, str | Path)
        and Path(output).suffix.lower() != f".{fmt}"
    )


def write_text_to(write: Callable[[TextIO], None], output: Output = None) -> None:
    """Call `write` with a stream: `output`, stdout when None, or a new file at a path."""
    if output is None or not isinstance(output, str | Path):
        write(output or sys.stdout)
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        write(out)


def write_to(fmt: str, graph: Graph, output: Output = None, title: str = DEFAULT_TITLE) -> None:
    """Write `graph` in `fmt` to a stream (stdout when None) or a path.

    A path not ending in `.fmt` is a folder for a format that writes one (csv: the seed
    files), else a file; either is created with its parents.
    """
    folder = exporter(fmt).folder
    if folder is not None and is_folder(fmt, output):
        exporter(fmt).writer(folder)(*graph, Path(str(output)))
        return
    write_text_to(lambda out: write(fmt, *graph, out, title=title), output)
