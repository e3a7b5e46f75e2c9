"""CSV: the graph as seed files (`sources.csv`, `entities.csv`, `ties.csv`), or one table;
a backup of several datasets adds `datasets.csv` and `judgements.csv` (`write_backup`).

A directory written by `write_csv_dir` has the seed dataset's shape, so `loader.seed`
reads it back: each file starts with the seed reader's required columns (`COLUMNS`, in
its order, even when empty), followed by one column per other property present. Source
nodes go to `sources.csv`, the other nodes (with `kind`) to `entities.csv`. Lists are
joined by `|`, booleans are `true`/`false`, absent values are empty; lines end in `\\n`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from explorer.export.captions import node_caption
from explorer.export.cells import cell
from explorer.export.columns import Column, node_columns, tie_columns
from loader.backup import DATASET_COLUMNS, DATASETS, JUDGEMENT_COLUMNS, JUDGEMENTS
from loader.judgements import Judgement
from loader.records import Node, Tie
from loader.seed import COLUMNS, ENTITIES, SOURCES, TIES

NAMED_TIE_COLUMNS = ("id", "type", "source", "source_name", "target", "target_name")
_SCALAR = (str, int, float, bool, type(None))


def write_csv_dir(nodes: list[Node], ties: list[Tie], directory: Path) -> None:
    """Write the three seed files into `directory`, creating it if need be."""
    sources = [n for n in nodes if n.kind == "Source"]
    entities = [n for n in nodes if n.kind != "Source"]
    writers: dict[str, Callable[[TextIO], None]] = {
        SOURCES: lambda out: write_sources_csv(sources, out),
        ENTITIES: lambda out: write_entities_csv(entities, out),
        TIES: lambda out: write_ties_csv(ties, out),
    }
    directory.mkdir(parents=True, exist_ok=True)
    for name, writer in writers.items():
        with (directory / name).open("w", encoding="utf-8", newline="") as out:
            writer(out)


def write_backup(
    directory: Path, datasets: list[dict[str, Any]], judgements: list[Judgement]
) -> None:
    """Beside the seed files of several datasets' records, `datasets.csv` (name, version,
    files, nodes, ties) and `judgements.csv` (a, b, verdict, at, note), with which
    `explorer load DIR` restores them (see `loader.backup`). One dataset without judgements
    keeps the seed shape: its records' `dataset` column says whose they are."""
    if len(datasets) < 2 and not judgements:
        return
    with (directory / DATASETS).open("w", encoding="utf-8", newline="") as out:
        _write(out, DATASET_COLUMNS, [], datasets)
    with (directory / JUDGEMENTS).open("w", encoding="utf-8", newline="") as out:
        _write(out, JUDGEMENT_COLUMNS, [], (asdict(j) for j in judgements))


def write_sources_csv(sources: list[Node], out: TextIO) -> None:
    """One row per Source node, as in the seed's `sources.csv` (no `kind` column)."""
    rows = ({"id": n.id, **n.props} for n in sources)
    _write(out, COLUMNS[SOURCES], node_columns(sources), rows)


def write_entities_csv(nodes: list[Node], out: TextIO) -> None:
    """One row per node: `id,kind,name,...` and its properties."""
    rows = ({"id": n.id, "kind": n.kind, **n.props} for n in nodes)
    _write(out, COLUMNS[ENTITIES], node_columns(nodes), rows)


def write_ties_csv(ties: list[Tie], out: TextIO) -> None:
    """One row per tie: `id,type,source,target,sources,...` and its properties."""
    _write(out, COLUMNS[TIES], tie_columns(ties), (_tie_row(t) for t in ties))


def write_named_ties_csv(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """One row per tie with the names of its ends: `id,type,source,source_name,target,...`."""
    names = {n.id: node_caption(n) for n in nodes}
    rows = (
        {**_tie_row(t), "source_name": names.get(t.source), "target_name": names.get(t.target)}
        for t in ties
    )
    _write(out, NAMED_TIE_COLUMNS, tie_columns(ties), rows)


def write_rows_csv(rows: list[dict[str, Any]], out: TextIO) -> None:
    """Query results as CSV: a column per key, in order of first appearance.

    Scalars and lists of scalars are written as above; maps and nested lists as JSON.
    Writes nothing for no rows.
    """
    keys = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(out, lineterminator="\n")
    if keys:
        writer.writerow(keys)
    writer.writerows([_result_cell(row.get(key)) for key in keys] for row in rows)


def _tie_row(tie: Tie) -> dict[str, Any]:
    return {"id": tie.id, "type": tie.type, "source": tie.source, "target": tie.target, **tie.props}


def _write(
    out: TextIO, first: Sequence[str], columns: list[Column], rows: Iterable[dict[str, Any]]
) -> None:
    header = [*first, *(c.name for c in columns if c.name not in first)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(row.get(name)) for name in header] for row in rows)


def _result_cell(value: Any) -> str:
    if isinstance(value, _SCALAR) or (
        isinstance(value, list) and all(isinstance(v, _SCALAR) for v in value)
    ):
        return cell(value)
    return json.dumps(value, ensure_ascii=False, default=str)
