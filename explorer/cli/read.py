"""`explorer read`: mentions of known entities and candidate ties in new documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, write_rows

SHOWN = {
    "mentions": ("file", "id", "name", "surface", "start", "end", "sentence"),
    "ties": ("file", "type", "source", "target", "score", "trigger", "evidence"),
    "names": ("file", "name", "count"),
}


@click.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--show",
    type=click.Choice(list(SHOWN)),
    default="mentions",
    show_default=True,
    help="What to list: mentions of known entities, candidate ties, or capitalised "
    "names that match no entity (candidates for new entities, never created).",
)
@click.option(
    "--entities",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read names from this entities.csv instead of the graph (no server needed).",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="Leave out candidate ties scored lower (0 to 1).",
)
@click.option(
    "--review-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write a review folder: the --base seed folder plus the documents' sources, "
    "mentions and candidate ties (ids read-...), and the documents, to prune and load.",
)
@click.option(
    "--base",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The seed folder the review folder extends. Default: the shipped dataset.",
)
@output_options
@pass_app
def read(
    app: AppContext,
    files: tuple[Path, ...],
    show: str,
    entities: Path | None,
    min_score: float,
    review_dir: Path | None,
    base: Path | None,
    fmt: str,
) -> None:
    """Find, in new plain-text, Markdown or HTML documents, the mentions of entities already in
    the graph and candidate ties between them, each with its verbatim evidence, for review.

    Names and aliases match folded for case, diacritics and Cyrillic script, with possessives
    and simple inflections, the longest first; offsets count characters of the file as read.
    A sentence naming two entities and a trigger word of a tie type (schema.yaml, `triggers`)
    gives a candidate tie. Nothing is written to the graph: with --review-dir, delete or edit
    the rows you reject in DIR/ties.csv, then `explorer validate DIR --sources-dir
    DIR/documents` and `explorer load DIR --dataset seed`.

    \b
    Examples:
      explorer read README.md
      explorer read README.md --show ties --format json
      explorer read README.md --entities loader/data/entities.csv --show names
      explorer read README.md --review-dir review/
    """
    from explorer.reading.run import read_documents

    done = read_documents(app.settings, list(files), entities=entities, min_score=min_score,
                          review_dir=review_dir, base=base)  # fmt: skip
    rows: list[dict[str, Any]] = getattr(done, show)
    write_rows(rows, SHOWN[show], fmt, sys.stdout)
    if done.review:
        r = done.review
        click.echo(
            f"{r.directory}: {r.sources} source(s), {r.mentions} mention(s), {r.ties} candidate "
            f"tie(s) added as read-* rows ({r.left_out} left out: an end not in the base); "
            f"next: explorer validate {r.directory} --sources-dir {r.directory}/documents",
            err=True,
        )
