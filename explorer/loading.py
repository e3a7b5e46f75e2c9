"""Read a dataset in any supported format and load it: validate first, write all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from explorer.db import Database, translate_errors
from loader.errors import InputError, Problem
from loader.importers import cow, edges, ftm, sipri
from loader.importers.base import ImportResult
from loader.importers.edges import EdgeMapping
from loader.load import load
from loader.report import LoadReport, Progress
from loader.seed import default_data_dir, read_seed
from loader.validate import find_sources_dir, validate

FORMATS = ("seed", "ftm", "cow", "sipri", "edges")
Reader = Callable[[list[Path]], ImportResult]


def check_seed_dir(directory: Path, documents: Path | None) -> list[Problem]:
    """Every problem of a seed-format folder, each naming its file by its path."""
    return [replace(p, file=str(directory / p.file)) for p in validate(directory, documents)]


def read_seed_dirs(paths: list[Path], dataset: str | None) -> ImportResult:
    """Validate and read seed-format directories (sources.csv, entities.csv, ties.csv)."""
    directories = paths or [default_data_dir()]
    problems: list[Problem] = []
    for directory in directories:
        packaged = directory == default_data_dir()
        problems += check_seed_dir(directory, find_sources_dir() if packaged else None)
    if problems:
        raise InputError(problems)
    result = ImportResult(nodes=[], ties=[], skipped={}, dataset=dataset or _seed_name(directories))
    for directory in directories:
        seed = read_seed(directory)
        result.nodes += seed.nodes
        result.ties += seed.ties
    return result


def _seed_name(directories: list[Path]) -> str:
    return "seed" if directories == [default_data_dir()] else directories[0].resolve().name


def read_input(
    fmt: str, paths: list[Path], dataset: str | None = None, mapping: EdgeMapping | None = None
) -> ImportResult:
    """Read `paths` in format `fmt` into records, raising InputError on any bad input."""
    if fmt == "seed":
        return read_seed_dirs(paths, dataset)
    if fmt == "edges":
        if mapping is None:
            raise ValueError("the edges format needs a column mapping")
        return edges.read(paths, mapping, dataset or "edges")
    readers: dict[str, Reader] = {"ftm": ftm.read, "cow": cow.read, "sipri": sipri.read}
    result = readers[fmt](paths)
    if dataset:
        result.dataset = dataset
    return result


def load_input(
    db: Database,
    result: ImportResult,
    *,
    replace: bool = False,
    dry_run: bool = False,
    commit_every: int | None = None,
    progress: Progress = lambda _: None,
) -> LoadReport:
    """Load what a reader produced: in one transaction, or one per `commit_every` rows."""
    with translate_errors(db.settings):
        return load(
            db.driver,
            db.settings.database,
            result.dataset,
            result.nodes,
            result.ties,
            replace=replace,
            dry_run=dry_run,
            commit_every=commit_every,
            progress=progress,
        )
