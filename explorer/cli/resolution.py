"""`explorer resolve`, `review`, `merge`, `judge`, `split` and `judgements`: one actor
across datasets, proposed by the matcher and decided by the analyst."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, printable, write_rows
from loader.errors import ExplorerError
from loader.judgements import VERDICTS

if TYPE_CHECKING:
    from explorer.api import Explorer
    from loader.entities import Regrouped
    from loader.resolve import Candidate

JUDGEMENT_COLUMNS = ["a", "b", "verdict", "at", "note"]
CANDIDATE_COLUMNS = ["score", "a", "a_name", "a_dataset", "b", "b_name", "b_dataset", "reasons"]
ANSWERS = {"s": "same", "n": "not_same", "u": "unsure"}
_kinds = click.option(
    "--kind",
    "kinds",
    multiple=True,
    default=("Person", "Organization"),
    show_default=True,
    help="Kinds of records to match (repeat for several).",
)
_minimum = click.option(
    "--min", "minimum", type=click.FloatRange(0, 1), default=0.7, show_default=True,
    help="Lowest score proposed.",
)  # fmt: skip


@click.command()
@_kinds
@_minimum
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True)
@output_options
@pass_app
def resolve(app: AppContext, kinds: tuple[str, ...], minimum: float, limit: int, fmt: str) -> None:
    """Propose pairs of records that may be the same actor, best first, each score explained
    (names, transliterations, word order, birth dates, countries). Nothing is merged: decide
    with `explorer review`, or `explorer merge` / `explorer judge`.

    \b
      explorer resolve
      explorer resolve --kind Person --min 0.9 --format json
    """
    found = app.explorer.candidates(kinds=kinds, minimum=minimum)[:limit]
    names = _names(app.explorer, found)
    rows = [
        {
            "score": round(c.score, 2),
            "a": c.a,
            "a_name": names[c.a][0],
            "a_dataset": names[c.a][1],
            "b": c.b,
            "b_name": names[c.b][0],
            "b_dataset": names[c.b][1],
            "reasons": "; ".join(c.reasons),
        }
        for c in found
    ]
    write_rows(rows, CANDIDATE_COLUMNS, fmt, sys.stdout)


@click.command()
@click.argument(
    "folder", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path)
)
@_kinds
@_minimum
@pass_app
def review(app: AppContext, folder: Path | None, kinds: tuple[str, ...], minimum: float) -> None:
    """Walk through the proposed pairs of records: same, not the same, unsure, skip, quit.
    With FOLDER, a review folder of `explorer read --review-dir DIR`, walk through its
    candidate ties instead: accept, reject, accept with another type or the ends flipped,
    skip, quit (`explorer review DIR`).

    Each answer but skip is kept at once (a judgement in the graph; a row of FOLDER/ties.csv
    accepted as reported, or deleted), so quitting loses nothing and the next review starts
    with what is left.

    \b
      explorer review
      explorer review --kind Person --min 0.8
    """
    if folder is not None:
        from explorer.cli.read import review_folder

        review_folder(folder)
        return
    found = app.explorer.candidates(kinds=kinds, minimum=minimum)
    if not found:
        click.echo("nothing to review: no pair scores that high, or every pair is judged")
        return
    choice = click.Choice(["s", "n", "u", "k", "q"])
    for number, candidate in enumerate(found, 1):
        click.echo(_pair(app.explorer, candidate, f"{number}/{len(found)}"))
        answer = click.prompt(
            "[s]ame  [n]ot the same  [u]nsure  s[k]ip  [q]uit", type=choice, show_choices=False
        )
        if answer == "q":
            break
        if answer in ANSWERS:
            try:
                app.explorer.judge(candidate.a, candidate.b, ANSWERS[answer])
            except ExplorerError as err:  # kept apart by an earlier "not the same"
                click.echo(f"not merged: {err}", err=True)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--note", help="Why: kept with the judgement.")
@pass_app
def merge(app: AppContext, a: str, b: str, note: str | None) -> None:
    """Make entities A and B (names or ids) one entity: the same actor.

    The judgement is kept in the graph, outlives reloads of either dataset, and goes
    with `explorer export`; `explorer split` undoes it.

    After `explorer load --from archigos archigos.csv` beside the curated data:

    \b
      explorer merge "Vladimir Putin" archigos-8220a9b0-1e42-11e4-b4cd-db5882bf8def
    """
    click.echo(_said(app.explorer.merge(a, b, note=note), "merged"), err=True)


@click.command()
@click.argument("a")
@click.argument("b")
@click.argument("verdict", type=click.Choice(VERDICTS))
@click.option("--note", help="Why: kept with the judgement.")
@pass_app
def judge(app: AppContext, a: str, b: str, verdict: str, note: str | None) -> None:
    """Judge records A and B (ids, or names of entities): the same actor or not.

    same merges their entities; not_same keeps them apart, even through a third record;
    unsure only remembers that the pair was seen (`explorer review` skips it).

    After `explorer load --from archigos archigos.csv` beside the curated data:

    \b
      explorer judge archigos-8220a9b0-1e42-11e4-b4cd-db5882bf8def vladimir-putin same
      explorer judge archigos-cow-365 soviet-union not_same --note "365 from 1991 is Russia"
    """
    click.echo(_said(app.explorer.judge(a, b, verdict, note=note), "judged"), err=True)


@click.command()
@click.argument("record")
@pass_app
def split(app: AppContext, record: str) -> None:
    """Take RECORD (the id one dataset gave it) out of the entity it is part of.

    Undoes `explorer merge`, and keeps the record apart from records it shares a
    strong key with (a "not the same" judgement).

    \b
      explorer split archigos-8220a9b0-1e42-11e4-b4cd-db5882bf8def
    """
    click.echo(_said(app.explorer.split(record), "split"), err=True)


@click.command()
@click.option(
    "--apply",
    "path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Re-apply the judgements of this CSV file (as --format csv writes them).",
)
@output_options
@pass_app
def judgements(app: AppContext, path: Path | None, fmt: str) -> None:
    """The judgements made on pairs of records: same, not_same or unsure.

    Keep them in a file you can version and share; after rebuilding the database from the
    datasets' files, --apply puts them back (`explorer load` of an export folder does too).

    \b
      explorer judgements
      explorer judgements --format csv > judgements.csv
      explorer judgements --apply judgements.csv
    """
    if path is not None:
        click.echo(_said(app.explorer.apply_judgements(path), "applied"), err=True)
    rows = [dataclasses.asdict(j) for j in app.explorer.judgements()]
    write_rows(rows, JUDGEMENT_COLUMNS, fmt, sys.stdout)


def _names(explorer: Explorer, found: list[Candidate]) -> dict[str, tuple[str, str]]:
    ids = sorted({i for c in found for i in (c.a, c.b)})
    rows = explorer.cypher(
        "UNWIND $ids AS id MATCH (r:Record {id: id}) RETURN id, r.name AS name, r.dataset AS d",
        {"ids": ids},
    ).rows
    return {r["id"]: (r["name"], r["d"]) for r in rows}


def _pair(explorer: Explorer, candidate: Candidate, where: str) -> str:
    """Both records side by side, the fields either has, then the score and its reasons."""
    from tabulate import tabulate

    from explorer.matching import SHOWN, sides

    found = sides(explorer.db, candidate.a, candidate.b)
    a, b = found.get(candidate.a, {}), found.get(candidate.b, {})
    table = [
        [field, *(printable(_text(side.get(field))) for side in (a, b))]
        for field in ("id", *SHOWN)
        if a.get(field) is not None or b.get(field) is not None
    ]
    reasons = "\n".join(f"  {printable(r)}" for r in candidate.reasons)
    return (
        f"\n{where}  score {candidate.score:.2f}\n"
        f"{tabulate(table, headers=['', 'A', 'B'], tablefmt='simple')}\n{reasons}"
    )


def _text(value: object) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _said(done: Regrouped, what: str) -> str:
    return f"{what}: {done.moved} record(s) moved, {len(done.entities)} entity(ies) rewritten"
