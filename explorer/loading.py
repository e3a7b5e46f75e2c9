"""Read a dataset in any registered format and load it: validate first, write all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from explorer.db import Database, translate_errors
from loader.check import require_on_schema
from loader.collection import cycles_uncollected
from loader.errors import Problem, UsageError
from loader.importers import IMPORTERS
from loader.importers.base import INVALID, ImportResult
from loader.load import load, load_many
from loader.records import Node, Tie
from loader.report import LoadReport, Progress
from loader.seed import default_data_dir
from loader.validate import find_sources_dir

if TYPE_CHECKING:
    from loader.importers.edges import EdgeMapping
    from loader.judgements import Judgement

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
    """What a load did, and how many input records the importer left out, by reason (and the
    problems of those left out as invalid); for a backup, what it did to its other datasets
    too, and how many judgements it restored."""

    report: LoadReport
    skipped: dict[str, int]
    more: tuple[LoadReport, ...] = ()
    judgements: int = 0
    invalid: tuple[Problem, ...] = ()  # the records left out with skip_invalid, and why

    @property
    def reports(self) -> tuple[LoadReport, ...]:
        """One report per dataset loaded, in order."""
        return (self.report, *self.more)


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
    fmt: str,
    paths: list[Path],
    dataset: str | None = None,
    mapping: EdgeMapping | None = None,
    *,
    skip_invalid: bool = False,
) -> ImportResult:
    """Read `paths` in format `fmt` into records, raising InputError on any bad input (with
    `skip_invalid`, on bad files only: invalid records are left out and listed)."""
    importer = IMPORTERS.get(fmt)
    if importer is None:
        raise UsageError(f"unknown input format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if skip_invalid and not importer.skips:
        raise _no_skipping(fmt)
    if not paths and not importer.default:
        raise UsageError(f"--from {fmt} needs the files to read")
    if importer.mapped and mapping is None:
        raise UsageError(f"the {fmt} format needs a column mapping")
    read = importer.reader()
    # an edge list's ids start with its dataset's name, so two edge lists never share one
    mapped = (paths, mapping, dataset) if dataset else (paths, mapping)
    if importer.mapped:
        result = read(*mapped, skip_invalid=True) if skip_invalid else read(*mapped)
    else:
        result = read(paths, skip_invalid=True) if skip_invalid else read(paths)
    require_on_schema(result)
    if dataset:
        result.dataset = dataset
    return result


def _no_skipping(fmt: str) -> UsageError:
    skipping = ", ".join(name for name, importer in IMPORTERS.items() if importer.skips)
    return UsageError(
        f"--skip-invalid: the {fmt} format loads all or nothing", hint=f"{skipping} can skip"
    )


@cycles_uncollected()
def load_dataset(
    db: Database,
    fmt: str,
    paths: list[Path],
    options: LoadOptions,
    *,
    dataset: str | None = None,
    skip_invalid: bool = False,
    mapping: EdgeMapping | None = None,
    progress: RowsDone | None = None,
    say: Say | None = None,
) -> Loaded:
    """Check the options, read the files, say what was skipped, then load (or bulk-import).

    A seed folder that is a backup (see `loader.backup`) restores every dataset in it; an
    export of several datasets in another format (FtM) loads each under its own name.
    """
    options.check()
    if fmt == "seed" and len(paths) == 1 and _is_backup(paths[0]):
        if skip_invalid:
            raise _no_skipping(fmt)
        return restore(db, paths[0], options, dataset=dataset, progress=progress)
    result = read_input(fmt, paths, dataset, mapping, skip_invalid=skip_invalid)
    result.files = result.files or [str(path) for path in paths]
    tell = say or (lambda _: None)
    for reason, count in sorted(result.skipped.items()):
        tell(f"skipped {count} record(s): {reason}")
        if reason == INVALID:
            for problem in result.invalid:
                tell(f"  {problem}")
    for reason, count in sorted(result.notes.items()):
        tell(f"note: {reason}: {count}")
    invalid = tuple(result.invalid)
    parts = [] if dataset else own_datasets(result)
    if len(parts) > 1:
        loaded = load_parts(db, parts, [], options, progress, skipped=result.skipped)
        return replace(loaded, invalid=invalid)
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
    return Loaded(report, result.skipped, invalid=invalid)


def _is_backup(path: Path) -> bool:
    from loader.backup import is_backup

    return path.is_dir() and is_backup(path)


def own_datasets(result: ImportResult) -> list[ImportResult]:
    """The records of an export of several datasets, each part under the dataset its records
    name; none when a record is the reader's own (named as the input) or names no dataset."""
    parts: dict[str, ImportResult] = {}
    records: list[Node | Tie] = [*result.nodes, *result.ties]
    for record in records:
        name = record.props.get("dataset")
        if not name or name == result.dataset:
            return []
        part = parts.setdefault(name, ImportResult([], [], {}, name, files=result.files))
        if isinstance(record, Node):
            part.nodes.append(record)
        else:
            part.ties.append(record)
    return list(parts.values())


def restore(
    db: Database,
    directory: Path,
    options: LoadOptions,
    *,
    dataset: str | None = None,
    progress: RowsDone | None = None,
) -> Loaded:
    """Load a backup folder: every dataset under its own name, version and files, then its
    judgements, in one transaction. `dataset` renames a backup of one dataset."""
    from loader.backup import read_backup

    backup = read_backup(directory)
    if dataset is not None:
        if len(backup.datasets) > 1:
            names = ", ".join(part.dataset for part in backup.datasets)
            raise UsageError(f"--dataset renames one dataset; this backup holds {names}")
        backup.datasets[0].dataset = dataset
    return load_parts(db, backup.datasets, backup.judgements, options, progress, ranks=backup.ranks)


def load_parts(
    db: Database,
    parts: list[ImportResult],
    judgements: list[Judgement],
    options: LoadOptions,
    progress: RowsDone | None = None,
    *,
    skipped: dict[str, int] | None = None,
    ranks: dict[str, int] | None = None,
) -> Loaded:
    """Load several datasets, then judgements, in one transaction (see `load_many`)."""
    if options.commit_every or options.bulk:
        raise UsageError(
            "several datasets are loaded in one transaction: no --commit-every or --bulk"
        )
    total = sum(len(part.nodes) + len(part.ties) for part in parts)
    with translate_errors(db.settings):
        reports = load_many(
            db.driver,
            db.settings.database,
            parts,
            judgements,
            ranks=ranks,
            dry_run=options.dry_run,
            progress=(lambda done: progress(done, total)) if progress else lambda _: None,
        )
    return Loaded(reports[0], skipped or {}, tuple(reports[1:]), len(judgements))


def load_input(
    db: Database,
    result: ImportResult,
    *,
    dry_run: bool = False,
    commit_every: int | None = None,
    progress: Progress = lambda _: None,
) -> LoadReport:
    """Make the reader's dataset equal to what it produced, all or nothing: in one
    transaction, or staged and then published in transactions of `commit_every` rows."""
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
