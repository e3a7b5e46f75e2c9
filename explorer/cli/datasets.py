"""`explorer datasets` and `explorer drop`: list the datasets loaded, remove one whole."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows

if TYPE_CHECKING:
    from loader.drop import DropReport

COLUMNS = ["name", "version", "files", "loaded_at", "nodes", "ties"]


@click.command()
@output_options
@pass_app
def datasets(app: AppContext, fmt: str) -> None:
    """The datasets loaded: name, version, files, when, and their entities and ties.

    \b
      explorer datasets
      explorer datasets --format json
    """
    write_rows(app.explorer.datasets().rows, COLUMNS, fmt, sys.stdout)


@click.command()
@click.argument("dataset")
@output_options
@pass_app
def drop(app: AppContext, dataset: str, fmt: str) -> None:
    """Remove DATASET whole, in one transaction: its ties, its entities and its record.

    Ties of other datasets that hang on its entities go with them: each is counted, by
    dataset and tie type, in the rows and the summary line.

    \b
      explorer drop archigos
    """
    report = app.explorer.drop(dataset)
    write_rows(drop_rows(report), ["dataset", "what", "name", "deleted"], fmt, sys.stdout)
    click.echo(summary(report), err=True)


def drop_rows(report: DropReport) -> list[dict[str, Any]]:
    """One row per kind and tie type deleted, the other datasets' ties last."""
    counts = [(report.dataset, "node", report.nodes), (report.dataset, "tie", report.ties)]
    counts += [(other, "tie", ties) for other, ties in sorted(report.others.items())]
    return [
        {"dataset": dataset, "what": what, "name": name, "deleted": counter[name]}
        for dataset, what, counter in counts
        for name in sorted(counter)
    ]


def summary(report: DropReport) -> str:
    went = "".join(
        f"; {ties.total()} ties of dataset {other!r} went with its entities"
        for other, ties in sorted(report.others.items())
    )
    return (
        f"dropped {report.dataset}: {report.nodes.total()} entities and "
        f"{report.ties.total()} ties{went}"
    )
