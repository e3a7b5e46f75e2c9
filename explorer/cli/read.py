"""`explorer read`: mentions of known entities and candidate ties in new documents."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, printable, write_rows

if TYPE_CHECKING:
    from explorer.reading.triage import Pending
    from loader.schema import Schema

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
    gives a candidate tie. Nothing is written to the graph: with --review-dir, decide the
    candidates with `explorer review DIR` (or edit DIR/ties.csv), then `explorer validate DIR
    --sources-dir DIR/documents` and `explorer load DIR --dataset seed`.

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
            f"next: explorer review {r.directory}, or prune {r.directory}/ties.csv in a "
            f"spreadsheet, then explorer validate {r.directory} --sources-dir "
            f"{r.directory}/documents",
            err=True,
        )


ANSWERS = "[a]ccept  [r]eject  [t]ype  [f]lip ends  s[k]ip  [q]uit"


def _shown(number: int, of: int, tie: Pending) -> str:
    row = tie.row
    props = "  ".join(
        f"{k} {row[k]}" for k in ("since", "share", "amount", "currency") if row.get(k)
    )
    return printable(
        f"\n{number}/{of}  {row['type']}  {tie.source.name} -> {tie.target.name}  "
        f'({row.get("note", "")})\n  "{row["evidence"]}"' + (f"\n  {props}" if props else "")
    )


def _answer(schema: Schema, tie: Pending) -> str:
    """The analyst's answer; flipping only where the schema allows the tie the other way."""
    from explorer.reading.triage import allowed_types

    while True:
        answer: str = click.prompt(ANSWERS, type=click.Choice(list("artfkq")), show_choices=False)
        if answer != "f" or tie.row["type"] in allowed_types(schema, tie.target, tie.source):
            return answer
        click.echo(f"a {tie.row['type']} tie may not run the other way", err=True)


def review_folder(folder: Path) -> None:
    """Walk through the candidate ties of a review folder, each decision written at once."""
    from explorer.reading.triage import allowed_types, decide, pending
    from loader.schema import load_schema

    schema = load_schema()
    found = pending(folder, schema)
    if not found:
        click.echo(f"nothing to review: {folder} has no candidate tie left undecided")
        return
    for number, tie in enumerate(found, 1):
        click.echo(_shown(number, len(found), tie))
        answer = _answer(schema, tie)
        if answer == "q":
            break
        if answer == "t":
            types = allowed_types(schema, tie.source, tie.target)
            tie_type = click.prompt(
                "type", type=click.Choice(types, case_sensitive=False), show_choices=True
            )
            decide(folder, tie.row["id"], accept=True, tie_type=tie_type.upper())
        elif answer in "arf":
            decide(folder, tie.row["id"], accept=answer != "r", swap=answer == "f")
    left = len(pending(folder, schema))
    click.echo(
        f"{left} candidate(s) left undecided (they load as speculative unless reviewed or "
        f"deleted); next: explorer validate {folder} --sources-dir {folder}/documents",
        err=True,
    )
