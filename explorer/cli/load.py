"""`explorer load` and `explorer validate`."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import Any

import click

from explorer.bulk import bulk_load, local_instance
from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows
from explorer.loading import FORMATS, load_input, read_input
from loader.errors import ExplorerError, InputError
from loader.importers.base import ImportResult
from loader.importers.edges import EdgeMapping
from loader.report import LoadReport

MAX_SHOWN = 20


def input_error(err: InputError) -> ExplorerError:
    """All problems, one per line; the count leads so a long list still reads."""
    shown = [str(p) for p in err.problems[:MAX_SHOWN]]
    more = len(err.problems) - len(shown)
    lines = "\n".join(shown + ([f"... and {more} more"] if more > 0 else []))
    return ExplorerError(f"{len(err.problems)} problem(s), nothing was written:\n{lines}")


def report_rows(report: LoadReport) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for what, created, updated in (
        ("node", report.nodes_created, report.nodes_updated),
        ("tie", report.ties_created, report.ties_updated),
    ):
        for name in sorted(n for n in set(created) | set(updated) if created[n] or updated[n]):
            rows.append(
                {"what": what, "name": name, "created": created[name], "updated": updated[name]}
            )
    return rows


def edge_mapping(columns: dict[str, Any]) -> EdgeMapping:
    """The edges importer's column mapping from the --*-column options."""
    try:
        return EdgeMapping(
            source=columns["source_column"], target=columns["target_column"],
            type_column=columns["type_column"], fixed_type=columns["tie_type"],
            source_kind=columns["source_kind"], target_kind=columns["target_kind"],
            source_kind_column=columns["source_kind_column"],
            target_kind_column=columns["target_kind_column"],
            properties=list(columns["properties"]),
        )  # fmt: skip
    except ValueError as err:
        raise click.UsageError(f"edges mapping: {err}") from err


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "source_format",
    type=click.Choice(FORMATS),
    default="seed",
    show_default=True,
    help="Input format: seed (our CSV folders), ftm (FollowTheMoney JSON lines), cow (Correlates "
    "of "
    "War alliances), sipri (SIPRI trade register CSV), edges (a generic edge list).",
)
@click.option(
    "--dataset", help="Dataset name written on every node and tie (default: from the format)."
)
@click.option("--replace", is_flag=True, help="First remove everything this dataset loaded before.")
@click.option("--dry-run", is_flag=True, help="Do the whole load, report it, and roll it back.")
@click.option(
    "--commit-every",
    type=click.IntRange(min=1000),
    metavar="ROWS",
    help="Commit every ROWS rows instead of once, for loads bigger than the server's "
    "transaction memory. Not all or nothing: after an error, what was committed stays, and "
    "running the same command again writes only the rest.",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="First load into an empty local server (explorer server start), through neo4j-admin "
    "database import: the fastest way in for millions of rows. Stops and restarts the server.",
)
@click.option(
    "--source-column",
    default="source",
    show_default=True,
    help="edges: column of the tie's source.",
)
@click.option(
    "--target-column",
    default="target",
    show_default=True,
    help="edges: column of the tie's target.",
)
@click.option(
    "--type-column", help="edges: column holding each row's tie type ('supplied arms to' works)."
)
@click.option("--tie-type", help="edges: one tie type for every row, e.g. OWNS.")
@click.option("--source-kind", help="edges: kind of the source entities, e.g. Person.")
@click.option("--target-kind", help="edges: kind of the target entities.")
@click.option(
    "--source-kind-column", help="edges: column with each source's kind (wins where filled)."
)
@click.option("--target-kind-column", help="edges: column with each target's kind.")
@click.option(
    "--property",
    "properties",
    multiple=True,
    metavar="COLUMN",
    help="edges: a column to carry as a tie property of that name, e.g. share (repeatable).",
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
    fmt: str,
    **columns: Any,
) -> None:
    """Load a dataset: validate it, then write it in one transaction (all or nothing).

    With no PATH, loads the curated dataset shipped with the package. Loading the same
    files twice changes nothing; a changed file updates exactly what changed.

    One transaction holds the whole load in server memory, about 6 KB per row at commit:
    a 1g heap takes about 100k rows, `explorer server start --heap 12g` 1.25M. For bigger
    loads, use --commit-every, or --bulk into an empty local server.

    \b
      explorer load                               the curated dataset
      explorer load --from ftm entities.ftm.json  OpenSanctions / Aleph entities
      explorer load --from cow alliance_v4.1_by_member.csv alliance_v4.1_by_dyad.csv states2016.csv
      explorer load --from sipri trade-register.csv --dry-run
      explorer load --bulk --from ftm default.ftm.json  a first load of millions of rows
      explorer load --from edges stakes.csv --source-column owner --target-column company \\
          --tie-type OWNS --source-kind Person --target-kind Organization --property share
    """
    if dry_run and commit_every:
        raise click.UsageError("--dry-run writes nothing, so it cannot --commit-every")
    if bulk and (replace or dry_run or commit_every):
        raise click.UsageError(
            "--bulk makes a new database: no --replace, --dry-run or --commit-every"
        )
    if source_format != "seed" and not paths:
        raise click.UsageError(f"--from {source_format} needs the files to read")
    mapping = edge_mapping(columns) if source_format == "edges" else None
    try:
        result = read_input(source_format, list(paths), dataset, mapping)
    except InputError as err:
        raise input_error(err) from err
    for reason, count in sorted(result.skipped.items()):
        click.echo(f"skipped {count} record(s): {reason}", err=True)
    try:
        if bulk:
            say = partial(click.echo, err=True)
            report = bulk_load(local_instance(app.settings), app.settings, result, say)
        else:
            report = _in_transactions(app, result, replace, dry_run, commit_every)
    except InputError as err:
        raise input_error(err) from err
    rows = report_rows(report)
    if rows or fmt != "table":  # an unchanged reload is said in one line below, not an empty table
        write_rows(rows, ["what", "name", "created", "updated"], fmt, sys.stdout)
    verb = "would load" if dry_run else "loaded"
    deleted = (
        f", deleted {report.deleted_nodes} nodes and {report.deleted_ties} ties" if replace else ""
    )
    chunks = f" in {report.transactions} transactions" if report.transactions > 1 else ""
    click.echo(
        f"{verb} {report.rows} rows of {result.dataset}{chunks} in {report.seconds:.1f} s{deleted}"
        + ("" if report.changed else " (nothing changed)"),
        err=True,
    )


def _in_transactions(
    app: AppContext,
    result: ImportResult,
    replace: bool,
    dry_run: bool,
    commit_every: int | None,
) -> LoadReport:
    with click.progressbar(
        length=len(result.nodes) + len(result.ties),
        label=f"loading {result.dataset}",
        file=sys.stderr,
        hidden=not sys.stderr.isatty(),
    ) as bar:
        done = 0

        def advance(rows: int) -> None:
            nonlocal done
            bar.update(rows - done)
            done = rows

        return load_input(
            app.explorer.db,
            result,
            replace=replace,
            dry_run=dry_run,
            commit_every=commit_every,
            progress=advance,
        )
