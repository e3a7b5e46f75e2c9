"""`explorer validate`: check seed-format files against the schema, without a database."""

from __future__ import annotations

from pathlib import Path

import click

from explorer.loading import check_seed_dir
from loader.seed import default_data_dir
from loader.validate import find_sources_dir


@click.command()
@click.argument(
    "path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@click.option(
    "--sources-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the cited documents; every evidence fragment must occur in its document. "
    "Default: ../shared/seeds when present.",
)
def validate(path: Path | None, sources_dir: Path | None) -> None:
    """Check a dataset folder (sources.csv, entities.csv, ties.csv) against the schema.

    Reports every problem at once as `file:line: field: problem` and exits 1 if there are
    any: unknown kinds or tie types, ends of the wrong kind, duplicate ids, dangling
    references, malformed dates or numbers, ties without a source, and evidence that does
    not occur verbatim in the cited document. With no PATH, checks the shipped dataset.
    """
    directory = path or default_data_dir()
    documents = sources_dir or find_sources_dir()
    problems = check_seed_dir(directory, documents)
    for problem in problems:
        click.echo(str(problem))
    checked = (
        f" (evidence checked against {documents})"
        if documents
        else " (evidence not checked: no documents folder)"
    )
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {directory}")
    click.echo(f"{directory}: valid{checked}", err=True)
