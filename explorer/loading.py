"""Read a dataset in any registered format and load it: validate first, write all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.db import Database, translate_errors
from loader.check import require_on_schema
from loader.errors import Problem, UsageError
from loader.importers import IMPORTERS
from loader.importers.base import ImportResult
from loader.load import load
from loader.report import LoadReport, Progress
from loader.seed import default_data_dir
from loader.validate import find_sources_dir

if TYPE_CHECKING:
    from loader.importers.edges import EdgeMapping

FORMATS = tuple(IMPORTERS)
Say = Callable[[str], None]
RowsDone = Callable[[int, int], None]  # rows written so far, rows in all


@dataclass(frozen=True)
class LoadOptions:
    """How to write what was read; the same for every format."""

    replace: bool = False
    dry_run: bool = False
    commit_every: int | None = None
    bulk: bool = False

    def check(self) -> None:
        """Refuse combinations that cannot mean anything, before any work."""
        if self.dry_run and self.commit_every:
            raise UsageError("--dry-run writes nothing, so it cannot --commit-every")
        if self.bulk and (self.replace or self.dry_run or self.commit_every):
            raise UsageError(
                "--bulk makes a new database: no --replace, --dry-run or --commit-every"
            )


@dataclass(frozen=True)
class Loaded:
    """What a load did, and how many input records the importer left out, by reason."""

    report: LoadReport
    skipped: dict[str, int]


@dataclass(frozen=True)
class Validation:
    """A seed folder's problems, and the documents its evidence was checked against."""

    directory: Path
    documents: Path | None
    problems: list[Problem]


def validate_seed(path: Path | None = None, sources_dir: Path | None = None) -> Validation:
    """Check a seed folder (default: the shipped one), with documents when at hand."""
    from loader.importers.seed import check_seed_dir  # importers load on first use

    directory = path or default_data_dir()
    documents = sources_dir or find_sources_dir()
    return Validation(directory, documents, check_seed_dir(directory, documents))


def read_input(
    fmt: str, paths: list[Path], dataset: str | None = None, mapping: EdgeMapping | None = None
) -> ImportResult:
    """Read `paths` in format `fmt` into records, raising InputError on any bad input."""
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise UsageError(f"unknown input format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if not paths and not importer.default:
        raise UsageError(f"--from {fmt} needs the files to read")
    if importer.mapped and mapping is None:
        raise UsageError(f"the {fmt} format needs a column mapping")
    read = importer.reader()
    result = require_on_schema(read(paths, mapping) if importer.mapped else read(paths))
    if dataset:
        result.dataset = dataset
    return result


def load_dataset(
    db: Database,
    fmt: str,
    paths: list[Path],
    options: LoadOptions,
    *,
    dataset: str | None = None,
    mapping: EdgeMapping | None = None,
    progress: RowsDone | None = None,
    say: Say | None = None,
) -> Loaded:
    """Check the options, read the files, say what was skipped, then load (or bulk-import)."""
    options.check()
    result = read_input(fmt, paths, dataset, mapping)
    result.files = result.files or [str(path) for path in paths]
    tell = say or (lambda _: None)
    for reason, count in sorted(result.skipped.items()):
        tell(f"skipped {count} record(s): {reason}")
    for reason, count in sorted(result.notes.items()):
        tell(f"note: {count} record(s): {reason}")
    if options.bulk:
        from explorer.bulk import bulk_load, local_instance

        report = bulk_load(local_instance(db.settings), db.settings, result, tell)
    else:
        total = len(result.nodes) + len(result.ties)
        report = load_input(
            db,
            result,
            dry_run=options.dry_run,
            commit_every=options.commit_every,
            progress=(lambda done: progress(done, total)) if progress else lambda _: None,
        )
    return Loaded(report, result.skipped)


def load_input(
    db: Database,
    result: ImportResult,
    *,
    dry_run: bool = False,
    commit_every: int | None = None,
    progress: Progress = lambda _: None,
) -> LoadReport:
    """Make the reader's dataset equal to what it produced: in one transaction, or one per
    `commit_every` rows."""
    with translate_errors(db.settings):
        return load(
            db.driver,
            db.settings.database,
            result.dataset,
            result.nodes,
            result.ties,
            version=result.version,
            files=result.files,
            dry_run=dry_run,
            commit_every=commit_every,
            progress=progress,
        )
