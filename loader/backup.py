"""A backup folder: the records of several datasets as seed files, with their datasets and
the analysts' judgements, as `explorer export --to csv -o DIR` writes them.

Beside `sources.csv`, `entities.csv` and `ties.csv` (whose `dataset` column says whose each
record is, and `record` its provenance), `datasets.csv` gives each dataset's name, version,
files (joined by `|`), counts and rank (which was loaded first: its records give their
entities ids), and `judgements.csv` the judgements (a, b, verdict, at, note). A folder is a
backup when it has `datasets.csv`, or a `dataset` column with values (an export of one
dataset). Ties' `sources` may cite a Source record of the folder or a
dataset of the backup, as importers cite their own. Every problem is found before anything
is written, each at its file and line.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from loader.check import problems as schema_problems
from loader.entities import UNRANKED
from loader.errors import InputError, Problem
from loader.importers.base import ImportResult, Row, csv_table, read_text
from loader.importers.seed import check_seed_dir
from loader.judgements import VERDICTS, Judgement
from loader.records import Node, Tie
from loader.seed import ENTITIES, SOURCES, TIES, parse_seed

DATASETS, JUDGEMENTS = "datasets.csv", "judgements.csv"
DATASET_COLUMNS = ("name", "version", "files", "nodes", "ties", "rank")
JUDGEMENT_COLUMNS = ("a", "b", "verdict", "at", "note")


@dataclass
class Backup:
    """The datasets of a backup (by rank), each with its records, their ranks where given,
    and the judgements to apply after."""

    datasets: list[ImportResult]
    judgements: list[Judgement]
    ranks: dict[str, int]


@dataclass(frozen=True)
class _Said:
    """What datasets.csv says of one dataset, and where."""

    row: Row
    version: str | None
    files: list[str]
    counts: tuple[int | None, int | None]
    rank: int | None


def is_backup(directory: Path) -> bool:
    """Whether `directory` holds a backup rather than a hand-made seed folder."""
    if (directory / DATASETS).is_file():
        return True
    return any(_names_a_dataset(directory / name) for name in (SOURCES, ENTITIES, TIES))


def _names_a_dataset(path: Path) -> bool:
    """Whether a seed file has a `dataset` column with a value (an unreadable one has not:
    the seed reader reports it)."""
    if not path.is_file():
        return False
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.DictReader(handle)
            named = "dataset" in (rows.fieldnames or [])
            return named and any((row.get("dataset") or "").strip() for row in rows)
    except (UnicodeDecodeError, csv.Error):
        return False


def read_backup(directory: Path) -> Backup:
    """The datasets and judgements of the backup in `directory`; InputError lists every
    problem of every file."""
    said, problems = _datasets(directory)
    judgements = _judgements(directory, problems)
    data, _ = parse_seed(directory)
    records: list[Node | Tie] = [*data.nodes, *data.ties]
    names = list(said) or list(dict.fromkeys(r.props["dataset"] for r in records))
    problems += check_seed_dir(directory, None, names)
    parts = {name: ImportResult([], [], {}, name) for name in names}
    for record in records:
        _place(record, parts, problems)
    for name, part in parts.items():
        _describe(directory, part, said.get(name), problems)
    if not problems:  # the schema's checks, once the files read cleanly (as for a seed load)
        problems += [p for part in parts.values() for p in schema_problems(part)]
    if not parts:
        problems.append(Problem(str(directory / DATASETS), None, None, "no dataset to load"))
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    ranks = {name: rank for name, s in said.items() if (rank := s.rank) is not None}
    ordered = sorted(parts.values(), key=lambda part: ranks.get(part.dataset, UNRANKED))
    return Backup(ordered, judgements, ranks)


def _datasets(directory: Path) -> tuple[dict[str, _Said], list[Problem]]:
    path = directory / DATASETS
    if not path.is_file():
        return {}, []
    try:
        table = csv_table(path, read_text(path))
        table.require(["name"])
        said: dict[str, _Said] = {}
        problems = [p for row in table.rows for p in _dataset(row, said)]
    except InputError as err:
        return {}, err.problems
    return said, problems


def _dataset(row: Row, said: dict[str, _Said]) -> Iterator[Problem]:
    name = row.text("name")
    if not name or name in said:
        yield Problem(str(row.file), row.line, "name", "duplicate" if name else "missing")
        return
    try:
        counts, rank = (row.integer("nodes"), row.integer("ties")), row.integer("rank")
    except InputError as err:
        yield from err.problems
        return
    files = [f for f in row.cells.get("files", "").split("|") if f]
    said[name] = _Said(row, row.text("version") or None, files, counts, rank)


def read_judgements(path: Path) -> list[Judgement]:
    """The judgements of a CSV file (a, b, verdict, at, note: what `explorer judgements
    --format csv` writes); InputError with every bad row's line."""
    problems: list[Problem] = []
    found = _read_judgements(path, problems)
    if problems:
        raise InputError(problems)
    return found


def _judgements(directory: Path, problems: list[Problem]) -> list[Judgement]:
    path = directory / JUDGEMENTS
    return _read_judgements(path, problems) if path.is_file() else []


def _read_judgements(path: Path, problems: list[Problem]) -> list[Judgement]:
    try:
        table = csv_table(path, read_text(path))
        table.require(["a", "b", "verdict"])
    except InputError as err:
        problems += err.problems
        return []
    for row in table.rows:
        wrong = _wrong(row)
        if wrong:
            problems.append(Problem(str(row.file), row.line, *wrong))
    return [_judged(row) for row in table.rows]


def _judged(row: Row) -> Judgement:
    note, at = row.text("note") or None, row.text("at") or None
    return Judgement(row.text("a"), row.text("b"), row.text("verdict"), note, at)


def _wrong(row: Row) -> tuple[str, str] | None:
    """What is wrong with a judgement row: (field, message), or None."""
    verdict = row.text("verdict")
    if verdict not in VERDICTS:
        return "verdict", f"{verdict!r} is not one of {', '.join(VERDICTS)}"
    if not row.text("a") or not row.text("b"):
        return ("a" if not row.text("a") else "b"), "missing required value"
    if row.text("a") == row.text("b"):
        return "b", "a record cannot be judged against itself"
    return None


def _place(record: Node | Tie, parts: dict[str, ImportResult], problems: list[Problem]) -> None:
    """Put the record in its dataset's part, with the provenance the backup gives."""
    dataset, origin = record.props["dataset"], record.origin
    if dataset not in parts:
        file, line = (origin.file, origin.line) if origin else (record.id, None)
        problems.append(Problem(file, line, "dataset", f"{dataset!r} is not in {DATASETS}"))
        return
    given = origin.record if origin else None
    record.props.pop("record")
    if given:
        record.props["record"] = given
    part = parts[dataset]
    if isinstance(record, Node):
        part.nodes.append(record)
    else:
        part.ties.append(record)


def _describe(
    directory: Path, part: ImportResult, said: _Said | None, problems: list[Problem]
) -> None:
    """Give the part its version and files, and check the counts datasets.csv gives."""
    if said is None:
        part.files = [str(directory / name) for name in (SOURCES, ENTITIES, TIES)]
        return
    part.version, part.files = said.version, said.files
    nodes, ties = said.counts
    if (nodes, ties) != (None, None) and (nodes, ties) != (len(part.nodes), len(part.ties)):
        message = (
            f"{nodes} nodes and {ties} ties, but the folder holds {len(part.nodes)} and "
            f"{len(part.ties)} of dataset {part.dataset!r}"
        )
        problems.append(Problem(str(said.row.file), said.row.line, "nodes", message))
