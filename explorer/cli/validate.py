"""`explorer validate`: check seed-format files against the schema, without a database."""

from __future__ import annotations

from pathlib import Path

import click

from explorer.loading import validate_seed


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
    checked = validate_seed(path, sources_dir)
    for problem in checked.problems:
        click.echo(str(problem))
    if checked.problems:
        raise click.ClickException(f"{len(checked.problems)} problem(s) in {checked.directory}")
    evidence = (
        f"evidence checked against {checked.documents}"
        if checked.documents
        else "evidence not checked: no documents folder"
    )
    click.echo(f"{checked.directory}: valid ({evidence})", err=True)
