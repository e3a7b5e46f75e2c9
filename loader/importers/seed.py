"""Seed-format folders (sources.csv, entities.csv, ties.csv), validated whole before reading.

With no folder, the dataset shipped with the package, its evidence checked against the
cited documents when they are at hand. The dataset is named `seed` for the shipped one,
else after the first folder. Ids come from the `id` columns (a tie without one: source, type,
target and since), never from line numbers. The files read are the folders' three CSVs; a
seed folder has no version.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from loader.errors import InputError, Problem
from loader.importers.base import ImportResult
from loader.seed import ENTITIES, SOURCES, TIES, default_data_dir, read_seed
from loader.validate import find_sources_dir, validate


def check_seed_dir(
    directory: Path, documents: Path | None, datasets: Collection[str] = ()
) -> list[Problem]:
    """Every problem of a seed-format folder, each naming its file by its path; `sources` may
    cite `datasets` (a backup's)."""
    found = validate(directory, documents, datasets)
    return [replace(p, file=str(directory / p.file)) for p in found]


def read(paths: list[Path]) -> ImportResult:
    """Validate and read seed-format folders; InputError lists the problems of all of them."""
    directories = paths or [default_data_dir()]
    problems: list[Problem] = []
    for directory in directories:
        packaged = directory == default_data_dir()
        problems += check_seed_dir(directory, find_sources_dir() if packaged else None)
    if problems:
        raise InputError(problems)
    result = ImportResult(nodes=[], ties=[], skipped={}, dataset=_name(directories))
    for directory in directories:
        seed = read_seed(directory)
        result.nodes += seed.nodes
        result.ties += seed.ties
        result.files += [str(directory / name) for name in (SOURCES, ENTITIES, TIES)]
    return result


def _name(directories: list[Path]) -> str:
    return "seed" if directories == [default_data_dir()] else directories[0].resolve().name
