"""Where an export goes: a text stream, a file, or a folder for the formats that write one."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from explorer.export import DEFAULT_TITLE, exporter, write
from explorer.graph import Graph

Output = str | Path | TextIO | None


def write_to(fmt: str, graph: Graph, output: Output = None, title: str = DEFAULT_TITLE) -> None:
    """Write `graph` in `fmt` to a stream (stdout when None) or a path.

    A path not ending in `.fmt` is a folder for a format that writes one (csv: the seed
    files), else a file; either is created with its parents.
    """
    if output is None or not isinstance(output, str | Path):
        write(fmt, *graph, output or sys.stdout, title=title)
        return
    path = Path(output)
    folder = exporter(fmt).folder
    if folder is not None and path.suffix.lower() != f".{fmt}":
        exporter(fmt).writer(folder)(*graph, path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        write(fmt, *graph, out, title=title)
