"""The analysts' verbs: links, neighbors, find, common, owners, members, timeline, brokers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast

import click

from explorer.api import Claims, Explorer
from explorer.cli.context import AppContext, pass_app
from explorer.cli.output import output_options, printable, write_rows, write_text
from explorer.cli.params import DATE
from explorer.db import Rows
from explorer.graph import rows_to_graph
from explorer.names import Entity
from explorer.present import (
    details,
    doubts,
    explain,
    group_key,
    route,
    sources,
    span,
    tie_about,
    tie_key,
    ties_of,
)
from loader.schema import load_schema

F = TypeVar("F", bound=Callable[..., Any])


def claims_options(func: F) -> F:
    """--as-of, --since, --until, --undated and --min-confidence: which ties count, by date and
    by grade, given to the command as one `claims` argument (the API's verbs' keywords)."""

    @functools.wraps(func)
    def command(
        *args: Any,
        as_of: str | None,
        since: str | None,
        until: str | None,
        undated: bool,
        min_confidence: str | None,
        **kwargs: Any,
    ) -> Any:
        chosen = Claims(
            as_of=as_of, since=since, until=until, undated=undated, min_confidence=min_confidence
        )
        return func(*args, claims=chosen, **kwargs)

    grades = load_schema().grades
    options = (
        click.option(
            "--as-of",
            type=DATE,
            metavar="DATE",
            help="Only ties valid at DATE (YYYY, YYYY-MM or YYYY-MM-DD); ties with no dates "
            "are left out (and counted) unless --undated.",
        ),
        click.option(
            "--since", type=DATE, metavar="DATE", help="Only ties valid at some time from DATE on."
        ),
        click.option(
            "--until", type=DATE, metavar="DATE", help="Only ties valid at some time up to DATE."
        ),
        click.option(
            "--undated", is_flag=True, help="With a date or period, keep ties with no dates."
        ),
        click.option(
            "--min-confidence",
            type=click.Choice(grades),
            metavar="GRADE",
            help=f"Only ties graded at least this firmly; grades, firmest first: "
            f"{', '.join(grades)}. Default: every grade, each shown.",
        ),
    )
    for option in reversed(options):
        option(command)
    return cast(F, command)


def when(claims: Claims) -> str | None:
    """The date or period asked for, in words (`at 1980`, `from 1990 to 2000`), if any."""
    if claims.get("as_of"):
        return f"at {claims['as_of']}"
    since, until = claims.get("since"), claims.get("until")
    if since and until:
        return f"from {since} to {until}"
    return f"from {since} on" if since else (f"up to {until}" if until else None)


def say_undated(ex: Explorer, names: Sequence[str], via: Sequence[str], claims: Claims) -> None:
    """On stderr: how many ties of the entities named have no dates, which an answer at a
    date or in a period leaves out."""
    asked = when(claims)
    if asked is None or claims.get("undated"):
        return
    left = ex.undated([ex.resolve(name).id for name in names], via)
    if left:
        click.echo(
            f"{left} {'tie' if left == 1 else 'ties'} of {' and '.join(names)} "
            f"{'has' if left == 1 else 'have'} no dates and {'is' if left == 1 else 'are'} "
            f"left out {asked}; --undated keeps {'it' if left == 1 else 'them'}",
            err=True,
        )


def via_option(func: F) -> F:
    return click.option(
        "--via",
        multiple=True,
        metavar="TYPE",
        help="Follow only this tie type (repeatable), e.g. --via OWNS --via LENT_TO.",
    )(func)


_DIRECTIONS = {"out": "->", "in": "<-", "both": "-"}


def neighbour_list(row: dict[str, Any]) -> str:
    """`India [152, 1980-2024, 44,443.5 SIPRI TIV (m)]; ...; and 108 more` for one group."""
    names = []
    for found in row["shown"]:
        if found["count"] == 1:
            about = tie_about(found["ties"][0])
        else:
            doubt = doubts(found["ties"], found.get("grades"))
            about = ", ".join(filter(None, [str(found["count"]), details(found), doubt]))
        via = ", ".join(v["name"] for v in found["via"][:2])
        more_via = len(found["via"]) - 2
        via += f" and {more_via} more" if more_via > 0 else ""
        names.append(
            found["entity"]["name"]
            + (f" [{about}]" if about else "")
            + (f" via {via}" if via else "")
        )
    more = row["total"] - len(row["shown"])
    return "; ".join(names) + (f"; and {more} more" if more else "")


def stakes_of(stakes: list[dict[str, Any]]) -> dict[str, Any]:
    """An ownership chain's stakes in words, link by link (`51% since 2010`), and sources."""
    said = []
    for stake in stakes:
        share = "?" if stake.get("share") is None else f"{stake['share']:g}%"
        dates = span(stake.get("since"), stake.get("until"))
        said.append(f"{share} {dates}".strip() if dates else share)
    cited = [s for stake in stakes for s in stake.get("sources") or []]
    return {"stakes": " > ".join(said), "sources": list(dict.fromkeys(cited))}


def total(row: dict[str, Any]) -> str:
    """An owner's total effective stake over its chains: `39.84 (2 chains)`, flagged above 100%."""
    share, chains = row["total_share"], row["chains"]
    said = "?" if share is None else f"{share:.4g}"
    notes = [f"{chains} chains"] if chains > 1 else []
    notes += (
        ["over 100%: a holding counted twice, or stakes of different dates"]
        if (share is not None and share > 100)
        else []
    )
    return said + (f" ({'; '.join(notes)})" if notes else "")


def group_keys(groups: list[dict[str, Any]]) -> list[str]:
    """Each group of parallel ties in words: `OWNS 49.8%`, or `152 SUPPLIED_ARMS_TO 1980-2024`."""
    return [group_key(g["type"], g) for g in groups]


def _print(rows: Rows, fmt: str) -> None:
    write_rows(rows.rows, rows.keys, fmt, sys.stdout)


def print_page(rows: list[dict[str, Any]], title: str, centre: Entity | None = None) -> None:
    """The entities and ties in `rows` as a self-contained interactive HTML page."""
    from explorer.export.html import write_html

    write_html(*rows_to_graph(rows, centre), sys.stdout, title=title)


def print_paths(result: Rows, fmt: str, show_explain: bool) -> None:
    """Paths: JSON as returned; for people, one route per line with its sources; a page."""
    if fmt == "json" or not result.rows:
        _print(result, fmt) if fmt == "json" else click.echo("no connection found", err=True)
        return
    if fmt == "html":
        first, last = result.rows[0]["nodes"][0], result.rows[0]["nodes"][-1]
        print_page(result.rows, f"Links between {first['name']} and {last['name']}")
        return
    if show_explain:
        for row in result.rows:
            write_text(printable(f"{route(row)}\n{explain(row)}\n"), sys.stdout)
        return
    rows = [
        {"hops": r["hops"], "route": route(r), "sources": sources(ties_of(r))} for r in result.rows
    ]
    write_rows(rows, ["hops", "route", "sources"], fmt, sys.stdout)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--max-hops",
    type=click.IntRange(1, 6),
    default=4,
    show_default=True,
    help="Longest route, in steps between entities.",
)
@click.option(
    "--limit",
    type=click.IntRange(1, 25),
    default=5,
    show_default=True,
    help="How many routes (the direct ties count as one).",
)
@via_option
@click.option("--exclude", multiple=True, metavar="NAME", help="Avoid this entity (repeatable).")
@claims_options
@click.option(
    "--explain", "show_explain", is_flag=True, help="Write each route in words with its citations."
)
@output_options(graph=True)
@pass_app
def links(
    app: AppContext,
    a: str,
    b: str,
    max_hops: int,
    limit: int,
    via: tuple[str, ...],
    exclude: tuple[str, ...],
    claims: Claims,
    show_explain: bool,
    fmt: str,
) -> None:
    """How A and B are connected: the shortest routes, the direct ties first.

    A and B are names, aliases or ids. Each route is a different sequence of entities; the
    ties between two entities on it (e.g. one per arms transfer) make one step, counted and
    summed in the table and listed whole in JSON. Routes never pass through source documents.

    \b
      explorer links Gazprombank Rosatom
      explorer links Putin Assad --as-of 2006 --explain
      explorer links Russia India --via SUPPLIED_ARMS_TO --format json
      explorer links Gazprombank Rosatom --format html > links.html
    """
    ex: Explorer = app.explorer
    result = ex.links(
        a,
        b,
        max_hops=max_hops,
        limit=limit,
        via=via,
        exclude=exclude,
        **claims,
    )
    say_undated(ex, [a, b], via, claims)
    print_paths(result, fmt, show_explain)


@click.command()
@click.argument("x")
@click.option(
    "--depth", type=click.IntRange(1, 3), default=1, show_default=True, help="How many ties out."
)
@click.option(
    "--cap",
    type=click.IntRange(1, 1000),
    default=25,
    show_default=True,
    help="Entities shown per tie type and direction (and ties listed per entity in JSON).",
)
@via_option
@claims_options
@output_options(graph=True)
@pass_app
def neighbors(
    app: AppContext,
    x: str,
    depth: int,
    cap: int,
    via: tuple[str, ...],
    claims: Claims,
    fmt: str,
) -> None:
    """The entities around X, grouped by distance, tie type and direction.

    Each entity appears once per group, at its nearest distance, with its ties summed up
    (how many, the years, amounts per unit) and, beyond distance 1, whom it is reached
    through. Very connected entities stay readable: each group shows at most --cap
    entities, those with most ties first, and says how many more there are.

    \b
      explorer neighbors Putin
      explorer neighbors Russia --via SUPPLIED_ARMS_TO --cap 10
      explorer neighbors Putin --depth 2 --format html > putin.html
    """
    ex: Explorer = app.explorer
    result = ex.neighbors(
        x,
        depth=depth,
        cap=cap,
        via=via,
        **claims,
    )
    say_undated(ex, [x], via, claims)
    if fmt == "json":
        _print(result, fmt)
        return
    if fmt == "html":
        centre = ex.resolve(x)
        print_page(result.rows, f"Around {centre.name}", centre)
        return
    rows = [
        {
            "distance": row["distance"],
            "tie": row["type"],
            "direction": _DIRECTIONS[row["direction"]],
            "total": row["total"],
            "entities": neighbour_list(row),
        }
        for row in result.rows
    ]
    write_rows(rows, ["distance", "tie", "direction", "total", "entities"], fmt, sys.stdout)


@click.command()
@click.argument("text")
@click.option(
    "--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="How many matches."
)
@output_options
@pass_app
def find(app: AppContext, text: str, limit: int, fmt: str) -> None:
    """Search names and aliases, fuzzily, ignoring case and diacritics.

    \b
      explorer find schroder
      explorer find "rosneft" --format json
    """
    ex: Explorer = app.explorer
    _print(ex.find(text, limit=limit), fmt)


@click.command()
@click.argument("a")
@click.argument("b")
@via_option
@claims_options
@output_options
@pass_app
def common(
    app: AppContext,
    a: str,
    b: str,
    via: tuple[str, ...],
    claims: Claims,
    fmt: str,
) -> None:
    """Entities tied to both A and B, with the ties on each side.

    Parallel ties are summed up per tie type (how many, the years, amounts per unit); JSON
    lists the latest ten of each.

    \b
      explorer common Putin Assad
      explorer common Russia China --format json
    """
    ex: Explorer = app.explorer
    result = ex.common(a, b, via=via, **claims)
    say_undated(ex, [a, b], via, claims)
    if fmt != "json":
        result = Rows(
            ["name", "kind", "ties_a", "ties_b", "sources"],
            [
                {
                    **r,
                    "ties_a": group_keys(r["ties_a"]),
                    "ties_b": group_keys(r["ties_b"]),
                    "sources": list(
                        dict.fromkeys(s for g in r["ties_a"] + r["ties_b"] for s in g["sources"])
                    ),
                }
                for r in result.rows
            ],
        )
    _print(result, fmt)


@click.command()
@click.argument("x")
@click.option(
    "--max-depth", type=click.IntRange(1, 6), default=6, show_default=True, help="Longest chain."
)
@claims_options
@output_options
@pass_app
def owners(
    app: AppContext,
    x: str,
    max_depth: int,
    claims: Claims,
    fmt: str,
) -> None:
    """Direct and indirect owners of X, each with its shortest chain and the stake along it.

    \b
      explorer owners Atomstroyeksport
      explorer owners Atomstroyeksport --as-of 2012 --undated
    """
    ex: Explorer = app.explorer
    result = ex.owners(x, max_depth=max_depth, **claims)
    say_undated(ex, [x], ("OWNS",), claims)
    if fmt != "json":
        rows = [{**r, **stakes_of(r["stakes"]), "total": total(r)} for r in result.rows]
        keys = ["name", "kind", "depth", "effective_share", "chain", "stakes", "total", "sources"]
        result = Rows(keys, rows)
    _print(result, fmt)


@click.command()
@click.argument("x")
@claims_options
@output_options
@pass_app
def members(
    app: AppContext,
    x: str,
    claims: Claims,
    fmt: str,
) -> None:
    """Members or parties of an organization, agreement or faction.

    \b
      explorer members CSTO
      explorer members CSTO --as-of 2005
    """
    ex: Explorer = app.explorer
    _print(ex.members(x, **claims), fmt)
    say_undated(ex, [x], ("MEMBER_OF", "PARTY_TO"), claims)


@click.command()
@click.argument("x")
@via_option
@click.option(
    "--limit",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="How many ties at most, the earliest first.",
)
@claims_options
@output_options
@pass_app
def timeline(
    app: AppContext,
    x: str,
    via: tuple[str, ...],
    limit: int,
    claims: Claims,
    fmt: str,
) -> None:
    """X's ties in date order; undated ties last.

    \b
      explorer timeline Putin
      explorer timeline Russia --via SUPPLIED_ARMS_TO --limit 20
    """
    ex: Explorer = app.explorer
    result = ex.timeline(x, via=via, limit=limit, **claims)
    say_undated(ex, [x], via, claims)
    if len(result.rows) == limit:
        click.echo(
            f"the first {limit} ties shown; --limit N shows more, --via TYPE narrows", err=True
        )
    if fmt != "json":
        rows = [
            {
                **r,
                "tie": tie_key(r["details"]),
                "direction": "->" if r["outgoing"] else "<-",
                "sources": r["details"].get("sources"),
            }
            for r in result.rows
        ]
        result = Rows(["since", "until", "tie", "direction", "other", "sources"], rows)
    _print(result, fmt)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "--max-hops",
    type=click.IntRange(2, 6),
    default=4,
    show_default=True,
    help="Longest route, in ties.",
)
@via_option
@claims_options
@output_options
@pass_app
def brokers(
    app: AppContext,
    a: str,
    b: str,
    max_hops: int,
    via: tuple[str, ...],
    claims: Claims,
    fmt: str,
) -> None:
    """The intermediaries the routes between A and B depend on.

    Counts, for each entity inside the shortest routes, how many routes pass through it;
    `cut_point` marks one that every route needs; `sources` are those of its ties on them.

    \b
      explorer brokers Gazprombank Rosatom
    """
    ex: Explorer = app.explorer
    chosen = ex.brokers(
        a,
        b,
        max_hops=max_hops,
        via=via,
        **claims,
    )
    say_undated(ex, [a, b], via, claims)
    _print(chosen, fmt)


@click.command()
@output_options
@pass_app
def stats(app: AppContext, fmt: str) -> None:
    """How many entities of each kind and ties of each type, per dataset."""
    ex: Explorer = app.explorer
    _print(ex.stats(), fmt)


VERBS = (links, neighbors, find, common, owners, members, timeline, brokers, stats)
