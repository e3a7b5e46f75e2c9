"""Query latency: the Python API against the same Cypher run by hand, and a cold CLI call.

    .venv/bin/python benchmarks/queries.py                 # 100k ties, local server
    .venv/bin/python benchmarks/queries.py --uri           # NEO4J_URI (loads dataset `synthetic`)

The synthetic graph is loaded once with the loader. Each verb then runs through `Explorer`
and as raw `driver.execute_query` of the same query text, interleaved, in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, LiteralString

from common import add_server_arguments, explorer_bin, neo4j, percentile, verdict, wall

from explorer.api import Explorer
from explorer.names import fuzzy
from explorer.settings import Settings
from loader import synthetic
from loader.load import load
from loader.schema import load_schema
from queries.registry import library

if TYPE_CHECKING:
    from neo4j import Driver

TARGET_RATIO = 1.5
TARGET_CLI_SECONDS = 1.0
HUB, MID, NAME = "syn-0", "syn-500", "Person 42"
# `(resolve)` is not a verb: it shows what one name costs the API (each verb resolves its names).
TARGETED = ("links", "neighbors", "find")

# Copied from queries/direct.cypher, paths.cypher, neighbors.cypher and find.cypher (the text
# after the header); `check_copies` says if the files have moved on since.
DIRECT: LiteralString = """MATCH (a:Entity {id: $a})-[r]-(b:Entity {id: $b})
WHERE type(r) IN $types
  AND ($as_of IS NULL OR (
    (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
    AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
RETURN 1 AS hops,
       [a {.id, .name, .kind}, b {.id, .name, .kind}] AS nodes,
       [r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS ties
ORDER BY type(r), r.since"""

PATHS: LiteralString = """MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
MATCH p = SHORTEST 25 (a)
  ((x)-[r]-(y)
    WHERE type(r) IN $types AND NOT y.id IN $exclude AND NOT y:Source AND y.id <> $a AND x.id <> $b
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){2,6}
  (b)
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
WITH p ORDER BY length(p) LIMIT $limit
RETURN length(p) AS hops,
       [n IN nodes(p) | n {.id, .name, .kind}] AS nodes,
       [r IN relationships(p) | r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}] AS ties"""  # noqa: E501

NEIGHBORS: LiteralString = """MATCH (c:Entity {id: $id})
MATCH p = (c)
  ((x)-[r]-(y)
    WHERE type(r) IN $types AND NOT y:Source
      AND ($as_of IS NULL OR (
        (r.since IS NULL OR left(r.since, size($as_of)) <= left($as_of, size(r.since)))
        AND (r.until IS NULL OR left($as_of, size(r.until)) <= left(r.until, size($as_of)))))
  ){1,3}
  (n)
WHERE length(p) <= $depth AND n <> c
WITH n, length(p) AS hops, last(relationships(p)) AS r
WITH n, min(hops) AS distance, collect({hops: hops, r: r}) AS reached
UNWIND [x IN reached WHERE x.hops = distance | x.r] AS r
WITH DISTINCT distance, n, r
WITH distance, type(r) AS type,
     collect({entity: n {.id, .name, .kind}, tie: r {.*, type: type(r), from: startNode(r).id, to: endNode(r).id}}) AS found
RETURN distance, type, size(found) AS total, found[..$cap] AS shown
ORDER BY distance, total DESC, type"""  # noqa: E501

# What a hand-written script does to look up an entity by its id.
BY_ID: LiteralString = (
    "MATCH (n:Entity {id: $id}) RETURN n.id AS id, n.name AS name, n.kind AS kind"
)

FIND: LiteralString = (
    "CALL db.index.fulltext.queryNodes('entity_names', $search, {limit: $limit}) "
    "YIELD node, score "
    "RETURN node.id AS id, node.name AS name, node.kind AS kind, node.aliases AS aliases, "
    "round(score, 3) AS score ORDER BY score DESC, name"
)

Op = Callable[[], int]  # runs one query, returns how many rows came back


def check_copies() -> list[str]:
    """Names of the copied queries whose text (up to white space) the files no longer hold."""
    queries = library()
    copies = {"direct": DIRECT, "paths": PATHS, "neighbors": NEIGHBORS, "find": FIND}
    return [name for name, text in copies.items() if queries[name].text.split() != text.split()]


def raw_ops(driver: Driver, database: str) -> dict[str, Op]:
    types = list(load_schema().path_types)
    search = fuzzy(NAME)

    def run(query: LiteralString, **params: Any) -> int:
        records, _, _ = driver.execute_query(
            query, parameters_=params, database_=database, routing_="r"
        )
        return len(records)

    def links() -> int:
        direct = run(DIRECT, a=HUB, b=MID, types=types, as_of=None)
        routes = run(PATHS, a=HUB, b=MID, types=types, exclude=[], max_hops=4, limit=5, as_of=None)
        return direct + routes

    return {
        "links": links,
        "neighbors": lambda: run(NEIGHBORS, id=MID, types=types, depth=1, cap=25, as_of=None),
        "find": lambda: run(FIND, search=search, limit=10),
        "(resolve)": lambda: run(BY_ID, id=MID),
    }


def api_ops(explorer: Explorer) -> dict[str, Op]:
    return {
        "links": lambda: len(explorer.links(HUB, MID).rows),
        "neighbors": lambda: len(explorer.neighbors(MID).rows),
        "find": lambda: len(explorer.find(NAME).rows),
        "(resolve)": lambda: int(bool(explorer.resolve(MID))),
    }


def timed_ms(op: Op) -> float:
    started = time.perf_counter()
    op()
    return (time.perf_counter() - started) * 1000


def compare(api: Op, raw: Op, reps: int) -> tuple[list[float], list[float]]:
    """Interleaved timings, alternating which goes first, after three warm-up calls each."""
    for _ in range(3):
        api()
        raw()
    api_ms: list[float] = []
    raw_ms: list[float] = []
    for i in range(reps):
        if i % 2:
            raw_ms.append(timed_ms(raw))
            api_ms.append(timed_ms(api))
        else:
            api_ms.append(timed_ms(api))
            raw_ms.append(timed_ms(raw))
    return api_ms, raw_ms


def cli_cold(settings: Settings, runs: int) -> None:
    command = [
        explorer_bin(),
        *("--uri", settings.uri, "--user", settings.user, "--password", settings.password),
        *("--database", settings.database, "links", HUB, MID),
    ]
    cli = wall(command, runs)
    python = wall([sys.executable, "-c", "pass"], runs)
    cli_s, python_s = statistics.median(cli), statistics.median(python)
    print(
        f"cold CLI `explorer links {HUB} {MID}`: median {cli_s:.2f} s of {runs} "
        f"(python -c pass: {python_s:.3f} s, {cli_s / python_s:.0f}x); "
        f"target <= {TARGET_CLI_SECONDS:.0f} s: {verdict(cli_s <= TARGET_CLI_SECONDS)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ties", type=int, default=100_000, help="size of the synthetic graph")
    parser.add_argument("--reps", type=int, default=30, help="timed calls per verb and side")
    parser.add_argument("--cli-runs", type=int, default=5, help="cold CLI calls")
    add_server_arguments(parser)
    args = parser.parse_args()
    if drifted := check_copies():
        print(f"# WARNING: the copies of {', '.join(drifted)} differ from queries/*.cypher")
    with neo4j(args.uri, args.ties, args.heap, args.pagecache) as (driver, settings):
        database = settings.database
        report = load(
            driver, database, "synthetic", synthetic.nodes(args.ties), synthetic.ties(args.ties)
        )
        driver.execute_query("CALL db.awaitIndexes(300)", database_=database)
        print(
            f"# {settings.uri}: loaded {report.rows:,} rows ({args.ties:,} ties) in "
            f"{report.seconds:.1f} s; {args.reps} calls per side, p50/p90 in ms"
        )
        print(
            f"{'verb':<10} {'api p50':>8} {'api p90':>8} {'raw p50':>8} {'raw p90':>8} "
            f"{'p50 ratio':>9} {'rows':>5}  target <= {TARGET_RATIO}x"
        )
        raw = raw_ops(driver, database)
        with Explorer(settings) as explorer:
            for verb, api in api_ops(explorer).items():
                api_rows, raw_rows = api(), raw[verb]()
                api_ms, raw_ms = compare(api, raw[verb], args.reps)
                ratio = statistics.median(api_ms) / statistics.median(raw_ms)
                rows = f"{api_rows}" if api_rows == raw_rows else f"{api_rows}!={raw_rows}"
                met = verdict(ratio <= TARGET_RATIO) if verb in TARGETED else "(no target)"
                print(
                    f"{verb:<10} {percentile(api_ms, 0.5):>8.1f} {percentile(api_ms, 0.9):>8.1f} "
                    f"{percentile(raw_ms, 0.5):>8.1f} {percentile(raw_ms, 0.9):>8.1f} "
                    f"{ratio:>8.2f}x {rows:>5}  {met}",
                    flush=True,
                )
        cli_cold(settings, args.cli_runs)


if __name__ == "__main__":
    main()
