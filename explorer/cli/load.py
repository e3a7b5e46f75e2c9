"""`explorer load`: parse the options, load through `Explorer.load`, print the report."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows
from loader.errors import ExplorerError, InputError
from loader.importers import IMPORTERS

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from explorer.loading import Loaded, RowsDone
    from loader.importers.edges import EdgeMapping
    from loader.report import LoadReport

FORMAT_HELP = "Input format: {}.".format(
    ", ".join(f"{name} ({importer.summary})" for name, importer in IMPORTERS.items())
)


def input_error(err: InputError, max_errors: int | None = None) -> ExplorerError:
    """The problems, one per line (all, or the first `max_errors`); the count leads so a long
    list still reads."""
    shown = [str(p) for p in err.problems[:max_errors]]
    more = len(err.problems) - len(shown)
    tail = [f"... and {more} more (--max-errors to see more)"] if more > 0 else []
    lines = "\n".join(shown + tail)
    # a chunked load notes how much it committed (loader.load); otherwise nothing was written
    written = " ".join(getattr(err, "__notes__", [])) or "nothing was written"
    return ExplorerError(f"{len(err.problems)} problem(s), {written}:\n{lines}")


def edge_mapping(columns: dict[str, Any]) -> EdgeMapping:
    """The edges importer's mapping from the --*-column, --rename and --mapping options."""
    from loader.importers.edges import EdgeMapping, Wordings, read_wordings

    source_id, target_id = columns["source_id_column"], columns["target_id_column"]
    try:
        wordings = read_wordings(columns["mapping"]) if columns["mapping"] else Wordings()
    except InputError as err:
        raise input_error(err) from err
    try:
        return EdgeMapping(
            source=columns["source_column"] or (None if source_id else "source"),
            target=columns["target_column"] or (None if target_id else "target"),
            source_id=source_id, target_id=target_id,
            type_column=columns["type_column"], fixed_type=columns["tie_type"],
            source_kind=columns["source_kind"], target_kind=columns["target_kind"],
            source_kind_column=columns["source_kind_column"],
            target_kind_column=columns["target_kind_column"],
            properties=list(columns["properties"]),
            renames=dict(_rename(text) for text in columns["renames"]),
            wordings=wordings, fold_names=columns["fold_names"],
        )  # fmt: skip
    except ValueError as err:
        raise click.UsageError(f"edges mapping: {err}") from err


def _rename(text: str) -> tuple[str, str]:
    """OLD=NEW as (OLD, NEW); the last = splits, as a column's new name is a property's."""
    old, _, new = text.rpartition("=")
    if not old.strip() or not new.strip():
        raise click.UsageError(f"--rename {text!r}: give OLD=NEW, e.g. 'Source(s)=sources'")
    return old.strip(), new.strip()


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(list(IMPORTERS)),
    default="seed",
    show_default=True,
    help=FORMAT_HELP,
)
@click.option(
    "--dataset", help="Dataset name written on every node and tie (default: from the format)."
)
@click.option(
    "--replace",
    is_flag=True,
    help="Kept for old scripts: every load now makes the dataset equal to its input.",
)
@click.option("--dry-run", is_flag=True, help="Do the whole load, report it, and roll it back.")
@click.option(
    "--commit-every",
    type=click.IntRange(min=1000),
    metavar="ROWS",
    help="Stage the load, then publish it in transactions of ROWS rows: for loads bigger "
    "than the server's transaction memory, still all or nothing (loads of more than 250,000 "
    "rows are staged anyway, in transactions of 50,000).",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load into an empty local server (explorer server start), through neo4j-admin "
    "database import: the fastest way in for millions of rows. Stops and restarts the server.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Load the valid records and list the invalid ones (file:line: problem) on stderr, "
    "instead of refusing the whole input: ftm, sipri, cow, archigos and edges.",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=1),
    metavar="N",
    help="Show only the first N problems of input that cannot be loaded (default: all).",
)
@click.option(
    "--source-column",
    help="edges: column of the source's name; a name makes a node <dataset>-<slug> "
    "(default: source, unless --source-id-column).",
)
@click.option(
    "--target-column",
    help="edges: column of the target's name (default: target, unless --target-id-column).",
)
@click.option(
    "--source-id-column",
    help="edges: column of the source's id, an entity loaded elsewhere (e.g. cow-365); "
    "wins over --source-column where filled.",
)
@click.option("--target-id-column", help="edges: column of the target's id.")
@click.option(
    "--type-column",
    help="edges: column of each row's relation: a tie type ('supplied arms to' works) or a "
    "wording of --mapping; others load as AFFILIATED_WITH, keeping the wording as raw_label.",
)
@click.option("--tie-type", help="edges: one tie type for every row, e.g. OWNS.")
@click.option("--source-kind", help="edges: kind of the source entities, e.g. Person.")
@click.option("--target-kind", help="edges: kind of the target entities.")
@click.option(
    "--source-kind-column",
    help="edges: column with each source's kind, or a wording of --mapping (wins where filled).",
)
@click.option("--target-kind-column", help="edges: column with each target's kind.")
@click.option(
    "--property",
    "properties",
    multiple=True,
    metavar="COLUMN",
    help="edges: a column to carry as a tie property of that name, e.g. share (repeatable).",
)
@click.option(
    "--rename",
    "renames",
    multiple=True,
    metavar="OLD=NEW",
    help="edges: rename a column before the other options read it, e.g. 'Source(s)=sources' "
    "(repeatable).",
)
@click.option(
    "--mapping",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="edges: YAML or CSV mapping the file's relation wordings to tie types (reversed where "
    "they run target to source, like 'owned by') and its kind wordings to kinds.",
)
@click.option(
    "--fold-names",
    is_flag=True,
    help="edges: one node for names that differ only in case or punctuation "
    "('INVESCO LTD.', 'INVESCO, LTD.'), the most used as name, the others as aliases.",
)
@output_options
@pass_app
def load(
    app: AppContext,
    /,
    paths: tuple[Path, ...],
    source_format: str,
    dataset: str | None,
    replace: bool,
    dry_run: bool,
    commit_every: int | None,
    bulk: bool,
    skip_invalid: bool,
    max_errors: int | None,
    fmt: str,
    **columns: Any,
) -> None:
    """Load a dataset: validate it, then write it in one transaction (all or nothing).

    With no PATH, loads the curated dataset shipped with the package. A load makes the
    dataset equal to its input: rows added, changed and removed are created, updated and
    deleted, and loading the same files twice changes nothing. Other datasets are never
    touched: an id one of them holds, or an entity its ties hang on, is refused.

    One transaction holds the whole load in server memory, about 6 KB per row at commit:
    a 1g heap takes about 100k rows. Bigger loads (more than 250,000 rows, or any with
    --commit-every) are staged: written beside the graph in batches and checked, then
    published in bounded transactions; queries refuse to answer while one publishes, and
    a load stopped while publishing is finished by the next. --bulk is fastest into an
    empty local server.

    \b
      explorer load                               the curated dataset
      explorer load backup/                       every dataset and judgement of a backup
                                                  (explorer export --to csv -o backup/)
      explorer load --from ftm entities.ftm.json  OpenSanctions / Aleph entities
      explorer load --from cow alliance_v4.1_by_member.csv alliance_v4.1_by_dyad.csv states2016.csv
      explorer load --from sipri trade-register.csv --dry-run
      explorer load --bulk --from ftm default.ftm.json  a first load of millions of rows
      explorer load --from edges stakes.csv --source-column owner --target-id-column company \\
          --tie-type OWNS --source-kind Person --target-kind Organization --property share
    """
    mapping = edge_mapping(columns) if IMPORTERS[source_format].mapped else None
    with progress_bar() as advance:
        try:
            loaded = app.explorer.load(
                paths,
                fmt=source_format,
                dataset=dataset,
                replace=replace,
                dry_run=dry_run,
                commit_every=commit_every,
                bulk=bulk,
                skip_invalid=skip_invalid,
                mapping=mapping,
                progress=advance,
                say=partial(click.echo, err=True),
            )
        except InputError as err:
            raise input_error(err, max_errors) from err
    print_report(loaded, fmt)


@contextmanager
def progress_bar() -> Iterator[RowsDone]:
    """A bar on a terminal's stderr, drawn from the first report of rows written."""
    with ExitStack() as stack:
        bars: list[ProgressBar[int]] = []

        def advance(done: int, total: int) -> None:
            if not bars:
                bar = click.progressbar(
                    length=total, label="loading", file=sys.stderr, hidden=not sys.stderr.isatty()
                )
                bars.append(stack.enter_context(bar))
            bars[0].update(done - bars[0].pos)

        yield advance


def print_report(loaded: Loaded, fmt: str) -> None:
    """Counts per label and tie type on stdout (by dataset, for a backup of several), one
    summary line per dataset on stderr."""
    several = len(loaded.reports) > 1
    rows = [
        {"dataset": report.dataset, **row} if several else row
        for report in loaded.reports
        for row in report_rows(report)
    ]
    columns = ["dataset"] * several + ["what", "name", "created", "updated", "deleted"]
    if rows or fmt != "table":  # an unchanged reload is said in one line below, not an empty table
        write_rows(rows, columns, fmt, sys.stdout)
    for report in loaded.reports:
        click.echo(summary(report), err=True)
    if loaded.judgements:
        verb = "would restore" if loaded.report.dry_run else "restored"
        click.echo(f"{verb} {loaded.judgements} judgement(s)", err=True)


def summary(report: LoadReport) -> str:
    """One line: rows written of the dataset, in how many transactions and seconds."""
    verb = "would load" if report.dry_run else "loaded"
    chunks = f" in {report.transactions} transactions" if report.transactions > 1 else ""
    unchanged = "" if report.changed else " (nothing changed)"
    took = f"{report.seconds:.1f} s{unchanged}"
    return f"{verb} {report.rows} rows of {report.dataset}{chunks} in {took}"


def report_rows(report: LoadReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for what, created, updated, deleted in (
        ("node", report.nodes_created, report.nodes_updated, report.nodes_deleted),
        ("tie", report.ties_created, report.ties_updated, report.ties_deleted),
    ):
        for name in sorted(created + updated + deleted):  # a Counter sum keeps counts above 0
            counts = {"created": created[name], "updated": updated[name], "deleted": deleted[name]}
            rows.append({"what": what, "name": name, **counts})
    return rows
