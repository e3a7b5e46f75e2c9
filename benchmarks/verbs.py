"""Every verb on real shapes: through the API and as the same named query run by hand.

    .venv/bin/python benchmarks/verbs.py                    # SIPRI, then 1M synthetic ties
    .venv/bin/python benchmarks/verbs.py --only synthetic --ties 100000

Graphs: (a) the SIPRI trade register as `explorer load --format sipri` loads it (from
../shared/realdata/sipri), (b) the synthetic multigraph of `loader.synthetic.multi_ties`
(power-law degrees, pairs tied hundreds of times), bulk-imported. Each on a fresh local server
(or, with --uri, loaded into an existing one, which is emptied first).

Cases: `hubs`, the 10 entities with the most ties (for owners and members: the most incoming
OWNS, or MEMBER_OF and PARTY_TO; verbs on two entities pair each hub with the next), and
`pairs`, 10 random pairs of tied entities (fixed seed). For each verb and case: one warm-up
call per entity or pair and side, then `--reps` timed calls each, the API and the raw query
interleaved; a side stops early on an entity once it has spent --budget seconds on it. A
call past --timeout is stopped on the server and counted as failed; after a failed warm-up
that side is not timed again on that entity, and counts --reps failures. Targets (issue 13):
p95 <= 1 s warm through the API, and API/raw (ratio of medians) <= 1.5x.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString

from common import (
    BENCH_PASSWORD,
    add_server_arguments,
    explorer_bin,
    local_instance,
    open_driver,
    percentile,
    refuse_foreign_data,
    verdict,
    wall,
    wipe,
)
from neo4j import Query, RoutingControl
from neo4j.exceptions import Neo4jError

from explorer.api import Explorer
from explorer.bulk import bulk_load
from explorer.db import TIMED_OUT, Rows
from explorer.names import fuzzy
from explorer.server.instance import Instance
from explorer.settings import Settings
from loader import synthetic
from loader.errors import ExplorerError
from loader.importers.base import ImportResult
from loader.load import load
from loader.schema import load_schema
from queries.library import NamedQuery
from queries.registry import library

if TYPE_CHECKING:
    from neo4j import Driver

TARGET_P95_MS = 1000.0
TARGET_RATIO = 1.5
SIPRI_DIR = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "sipri"
PATH_TYPES = list(load_schema().path_types)
SYMMETRIC = [name for name, spec in load_schema().ties.items() if spec.symmetric]


@dataclass(frozen=True)
class Case:
    """What one call is about: entity ids `a` (and `b`, for verbs on two), and a name to find."""

    a: str
    b: str
    name: str


Params = Callable[[Case], dict[str, Any]]


def pair(**fixed: Any) -> Params:
    return lambda c: {"a": c.a, "b": c.b, **fixed}


def one(**fixed: Any) -> Params:
    return lambda c: {"id": c.a, **fixed}


# verb -> the named queries a hand-written script runs for it, with every parameter spelled
# out as that script would (the API's defaults). Adjust here when the library changes.
RAW: dict[str, list[tuple[str, Params]]] = {
    "links": [
        ("paths", pair(types=PATH_TYPES, exclude=[], max_hops=4, limit=5, since=None, until=None))
    ],
    "neighbors 1": [
        (
            "neighbors",
            one(types=PATH_TYPES, depth=1, cap=25, symmetric=SYMMETRIC, since=None, until=None),
        )
    ],
    "neighbors 2": [
        (
            "neighbors",
            one(types=PATH_TYPES, depth=2, cap=25, symmetric=SYMMETRIC, since=None, until=None),
        )
    ],
    "common": [("common", pair(types=PATH_TYPES, limit=50, cap=10))],
    # The API also reads owner_links and sums each owner's chains (explorer/ownership.py).
    "owners": [("owners", one(max_depth=6))],
    "members": [("members", one(since=None, until=None))],
    "timeline": [("timeline", one(types=PATH_TYPES, limit=200))],
    "brokers": [("brokers", pair(types=PATH_TYPES, max_hops=4, limit=20))],
    "find": [("find", lambda c: {"search": fuzzy(c.name), "limit": 10})],
}

API: dict[str, Callable[[Explorer, Case], Rows]] = {
    "links": lambda ex, c: ex.links(c.a, c.b),
    "neighbors 1": lambda ex, c: ex.neighbors(c.a, depth=1),
    "neighbors 2": lambda ex, c: ex.neighbors(c.a, depth=2),
    "common": lambda ex, c: ex.common(c.a, c.b),
    "owners": lambda ex, c: ex.owners(c.a),
    "members": lambda ex, c: ex.members(c.a),
    "timeline": lambda ex, c: ex.timeline(c.a),
    "brokers": lambda ex, c: ex.brokers(c.a, c.b),
    "find": lambda ex, c: ex.find(c.name),
}

# Which entities a verb is timed on: incoming ties of these types rank them (None: all ties).
RANKED_BY: dict[str, tuple[str, ...] | None] = {
    "owners": ("OWNS",),
    "members": ("MEMBER_OF", "PARTY_TO"),
}

TOP: LiteralString = """MATCH (e:Entity)
WITH e, CASE WHEN $types IS NULL THEN COUNT { (e)-[r]-() WHERE NOT r:RECORD_OF|LINKED }
             ELSE COUNT { (e)<-[r]-() WHERE type(r) IN $types } END AS degree
WHERE degree > 0
RETURN e.id AS id, e.name AS name, degree ORDER BY degree DESC, id LIMIT 10"""

TIED: LiteralString = """MATCH (e:Entity)
WHERE CASE WHEN $types IS NULL THEN EXISTS { (e)-[r]-() WHERE NOT r:RECORD_OF|LINKED }
           ELSE EXISTS { (e)<-[r]-() WHERE type(r) IN $types } END
RETURN e.id AS id, e.name AS name ORDER BY id"""

Op = Callable[[], int]  # one call; returns how many rows came back


@dataclass
class Side:
    """The timings of one side (API or raw) of one verb and case; failed calls are None."""

    ms: list[float | None] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    why: set[str] = field(default_factory=set)

    def quantile(self, share: float) -> float:
        """The `share` quantile in ms, inf when it falls on or next to a failed call."""
        if not self.ms:
            return math.inf
        failed = 1e12  # past any time limit: a quantile that touches a failure is a failure
        value = percentile([failed if m is None else m for m in self.ms], share)
        return math.inf if value >= 1e9 else value


def reason(err: Exception) -> str:
    """'timeout', else the server's error code, else the message."""
    cause = err if isinstance(err, Neo4jError) else err.__cause__
    if isinstance(cause, Neo4jError):
        return "timeout" if cause.code in TIMED_OUT else str(cause.code)
    return str(err)


def defaults(query: NamedQuery) -> dict[str, Any]:
    return {p.name: p.default for p in query.params if not p.required}


def drift(verb: str) -> list[str]:
    """How the RAW table and the library disagree on the verb's parameters."""
    notes, sample = [], Case("a", "b", "name")
    for name, params in RAW[verb]:
        declared, given = {p.name for p in library()[name].params}, set(params(sample))
        if declared - given:
            notes.append(f"{name}: ${', $'.join(sorted(declared - given))} left to defaults")
        if given - declared:
            notes.append(f"{name}: ${', $'.join(sorted(given - declared))} not declared")
    return notes


def raw_op(driver: Driver, database: str, timeout: float, verb: str, case: Case) -> Op:
    """The verb's named queries run by hand, each stopped on the server after `timeout` s."""
    queries = library()
    calls = [
        (Query(queries[name].text, timeout=timeout), defaults(queries[name]) | f(case))
        for name, f in RAW[verb]
    ]

    def op() -> int:
        rows = 0
        for query, parameters in calls:
            records, _, _ = driver.execute_query(
                query, parameters_=parameters, database_=database, routing_=RoutingControl.READ
            )
            rows += len(records)
        return rows

    return op


def api_op(explorer: Explorer, verb: str, case: Case) -> Op:
    return lambda: len(API[verb](explorer, case).rows)


def call(op: Op, side: Side) -> tuple[float | None, int]:
    """Milliseconds of one call (None when it failed) and its rows."""
    started = time.perf_counter()
    try:
        rows = op()
    except (ExplorerError, Neo4jError) as err:
        side.why.add(reason(err))
        return None, 0
    return (time.perf_counter() - started) * 1000, rows


def measure(ops: tuple[Op, Op], sides: tuple[Side, Side], reps: int, budget: float) -> bool:
    """One entity or pair: a warm-up call per side, then up to `reps` interleaved timed calls
    (fewer once a side has spent `budget` seconds on it; none after a failed warm-up, which
    counts as `reps` failures). False when the two sides' rows differ."""
    warm = [call(op, side) for op, side in zip(ops, sides, strict=True)]
    live = [ms is not None for ms, _ in warm]
    spent = [(ms or 0.0) / 1000 for ms, _ in warm]
    for k in range(2):
        if not live[k]:
            sides[k].ms.extend([None] * reps)
    for i in range(reps):
        for k in (1, 0) if i % 2 else (0, 1):
            if not live[k] or (i and spent[k] > budget):
                continue
            ms, rows = call(ops[k], sides[k])
            sides[k].ms.append(ms)
            sides[k].rows.append(rows)
            spent[k] += (ms or 0.0) / 1000
    return not all(live) or warm[0][1] == warm[1][1]


@dataclass
class Result:
    graph: str
    verb: str
    case: str
    api: Side = field(default_factory=Side)
    raw: Side = field(default_factory=Side)
    mismatched: int = 0  # entities or pairs on which the API and raw rows differ
    slow: list[str] = field(default_factory=list)  # names of those past the p95 target

    def ratio(self) -> float:
        api, raw = self.api.quantile(0.5), self.raw.quantile(0.5)
        return api / raw if math.isfinite(api) and math.isfinite(raw) and raw else math.nan

    def cells(self) -> list[str]:
        api95, ratio = self.api.quantile(0.95), self.ratio()
        failed = sum(m is None for m in self.api.ms), sum(m is None for m in self.raw.ms)
        rows = statistics.median(self.api.rows) if self.api.rows else 0
        why = ", ".join(sorted(self.api.why | self.raw.why))
        return [
            self.graph,
            self.verb,
            self.case,
            f"{len(self.api.ms)}" + (f" ({failed[0]}/{failed[1]} failed: {why})" if why else ""),
            ms(self.api.quantile(0.5)),
            ms(api95),
            ms(self.raw.quantile(0.5)),
            ms(self.raw.quantile(0.95)),
            "-" if math.isnan(ratio) else f"{ratio:.2f}x",
            f"{rows:g}" + (f" ({self.mismatched} differ)" if self.mismatched else ""),
            verdict(api95 <= TARGET_P95_MS),
            "-" if math.isnan(ratio) else verdict(ratio <= TARGET_RATIO),
        ]


HEADER = ["graph", "verb", "case", "calls", "API p50", "API p95", "raw p50", "raw p95"]
HEADER += ["API/raw", "rows", "p95 <= 1 s", "ratio <= 1.5x"]


def ms(value: float) -> str:
    return "timeout" if math.isinf(value) else f"{value:,.1f}"


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def entities(driver: Driver, database: str, query: LiteralString, types: Any) -> list[Case]:
    records, _, _ = driver.execute_query(
        query, parameters_={"types": types}, database_=database, routing_=RoutingControl.READ
    )
    return [Case(r["id"], r["id"], str(r["name"])) for r in records]


def cases(driver: Driver, database: str, types: Any, seed: int) -> dict[str, list[Case]]:
    """`hubs`: the 10 most tied entities (by incoming `types` when given), each paired with the
    next; `pairs`: 10 random pairs of such entities."""
    hubs = entities(driver, database, TOP, types)
    tied = entities(driver, database, TIED, types)
    picked = random.Random(seed).sample(tied, min(20, len(tied)))
    return {
        "hubs": [Case(h.a, hubs[(i + 1) % len(hubs)].a, h.name) for i, h in enumerate(hubs)],
        "pairs": [Case(a.a, b.a, a.name) for a, b in zip(picked[::2], picked[1::2], strict=False)],
    }


def hub_line(driver: Driver, database: str, types: Any) -> str:
    """The hubs with their degrees, for the record."""
    records, _, _ = driver.execute_query(
        TOP, parameters_={"types": types}, database_=database, routing_=RoutingControl.READ
    )
    ranked = f"incoming {'|'.join(types)}" if types else "ties"
    return f"by {ranked}: " + (
        ", ".join(f"{r['name']} ({r['degree']:,})" for r in records) or "none"
    )


@dataclass(frozen=True)
class Run:
    """How to time: calls per entity and side, their time limit, the time spent on one side
    of one entity before stopping early, and the seed of the random pairs."""

    reps: int
    timeout: float
    budget: float
    seed: int
    verbs: tuple[str, ...] = tuple(RAW)


@dataclass(frozen=True)
class Target:
    """What the verbs run against: the API, a driver for the raw queries, and the database."""

    explorer: Explorer
    driver: Driver
    database: str


def time_case(to: Target, result: Result, items: list[Case], run: Run) -> None:
    """Time `result.verb` on each entity or pair into `result`."""
    for item in items:
        api = api_op(to.explorer, result.verb, item)
        raw = raw_op(to.driver, to.database, run.timeout, result.verb, item)
        done = len(result.api.ms)
        result.mismatched += not measure((api, raw), (result.api, result.raw), run.reps, run.budget)
        if Side(result.api.ms[done:]).quantile(0.95) > TARGET_P95_MS:
            result.slow.append(item.name)


def say(line: str) -> None:
    print(line, flush=True)


def time_verbs(graph: str, settings: Settings, driver: Driver, run: Run) -> list[Result]:
    results: list[Result] = []
    chosen: dict[tuple[str, ...] | None, dict[str, list[Case]]] = {}
    with Explorer(settings, timeout=run.timeout) as explorer:
        to = Target(explorer, driver, settings.database)
        for verb, named in RAW.items():
            if verb not in run.verbs:
                continue
            if missing := [name for name, _ in named if name not in library()]:
                say(f"# {graph} {verb}: skipped, no query {', '.join(missing)}")
                continue
            for note in drift(verb):
                say(f"# {graph} {verb}: the RAW table is behind the query: {note}")
            ranked = RANKED_BY.get(verb)
            if ranked not in chosen:
                types = list(ranked) if ranked else None
                chosen[ranked] = cases(driver, settings.database, types, run.seed)
                say(f"# {graph} hubs {hub_line(driver, settings.database, types)}")
            for case, items in chosen[ranked].items():
                if not items:
                    say(f"# {graph} {verb} {case}: no entity has such ties, skipped")
                    continue
                results.append(Result(graph, verb, case))
                time_case(to, results[-1], items, run)
                say(" | ".join(results[-1].cells()))
    return results


def cli_cold(graph: str, settings: Settings, hubs: tuple[str, str], runs: int) -> str:
    command = [
        explorer_bin(),
        *("--uri", settings.uri, "--user", settings.user, "--password", settings.password),
        *("--database", settings.database, "links", *hubs),
    ]
    try:
        seconds = statistics.median(wall(command, runs))
    except subprocess.CalledProcessError as err:
        return f"{graph}: cold CLI `explorer links {' '.join(hubs)}` failed (exit {err.returncode})"
    return (
        f"{graph}: cold CLI `explorer links {' '.join(hubs)}`: median {seconds:.2f} s of {runs}; "
        f"target <= 1 s: {verdict(seconds <= 1.0)}"
    )


@contextmanager
def server(
    uri: str | None, heap: str, pagecache: str
) -> Iterator[tuple[Instance | None, Settings]]:
    """A fresh local server (and its Instance, for bulk imports), else the one at `uri`."""
    if uri is not None:
        env = Settings.from_env()
        yield None, Settings(uri=uri or env.uri, user=env.user, password=env.password)
        return
    with local_instance(heap, pagecache) as instance:
        yield instance, Settings(uri=instance.bolt_uri, password=BENCH_PASSWORD)


def load_synthetic(instance: Instance | None, settings: Settings, ties: int) -> str:
    nodes, made = synthetic.multi_nodes(ties), synthetic.multi_ties(ties)
    started = time.perf_counter()
    if instance is not None:
        result = ImportResult(list(nodes), list(made), {}, "multigraph")
        bulk_load(instance, settings, result, lambda note: say(f"# {note}"))
    else:
        driver = open_driver(settings)
        try:
            load(driver, settings.database, "multigraph", nodes, made, commit_every=50_000)
        finally:
            driver.close()
    return f"{ties:,} ties in {time.perf_counter() - started:.0f} s"


def load_sipri(settings: Settings) -> str:
    files = sorted(SIPRI_DIR.glob("*.csv"))
    started = time.perf_counter()
    with Explorer(settings) as explorer:
        explorer.load(files, fmt="sipri")
    return f"{', '.join(f.name for f in files)} in {time.perf_counter() - started:.0f} s"


def memory(graph: str, ties: int) -> tuple[str, str]:
    if graph == "synthetic" and ties >= 1_000_000:
        return "4g", "2g"
    if graph == "synthetic" and ties >= 100_000:
        return "2g", "1g"
    return "1g", "512m"


def bench(graph: str, args: argparse.Namespace, run: Run) -> tuple[list[Result], str]:
    """Load one graph on a fresh server, time every verb on it, and the cold CLI."""
    heap, pagecache = memory(graph, args.ties)
    with server(args.uri, args.heap or heap, args.pagecache or pagecache) as (instance, settings):
        if args.uri is not None:
            driver = open_driver(settings)
            try:
                refuse_foreign_data(driver, settings.database, args.uri, args.allow_wipe)
                wipe(driver, settings.database)
            finally:
                driver.close()
        say(f"# {graph}: loading ...")
        if graph == "synthetic":
            loaded = load_synthetic(instance, settings, args.ties)
        else:
            loaded = load_sipri(settings)
        driver = open_driver(settings)
        try:
            driver.execute_query("CALL db.awaitIndexes(300)", database_=settings.database)
            say(f"# {graph}: loaded {loaded}")
            results = time_verbs(graph, settings, driver, run)
            hubs = cases(driver, settings.database, None, run.seed)["hubs"]
        finally:
            driver.close()
        return results, cli_cold(graph, settings, (hubs[0].a, hubs[1].a), args.cli_runs)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ties", type=int, default=1_000_000, help="synthetic graph size")
    parser.add_argument("--only", choices=("sipri", "synthetic"), help="one graph only")
    parser.add_argument("--reps", type=int, default=5, help="timed calls per entity and side")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a call may run")
    parser.add_argument(
        "--budget", type=float, default=10.0, help="seconds per entity and side before stopping"
    )
    parser.add_argument("--seed", type=int, default=13, help="seed of the random pairs")
    parser.add_argument(
        "--verbs", help=f"comma-separated verbs to time (default all: {', '.join(RAW)})"
    )
    parser.add_argument("--cli-runs", type=int, default=3, help="cold CLI calls")
    parser.add_argument(
        "--allow-wipe", action="store_true", help="with --uri: empty a database that holds data"
    )
    add_server_arguments(parser)
    return parser.parse_args()


def main() -> None:
    args = arguments()
    verbs = tuple(v.strip() for v in args.verbs.split(",")) if args.verbs else tuple(RAW)
    if unknown := [v for v in verbs if v not in RAW]:
        raise SystemExit(f"no verb {', '.join(unknown)}; one of: {', '.join(RAW)}")
    run = Run(args.reps, args.timeout, args.budget, args.seed, verbs)
    graphs = [args.only] if args.only else ["sipri", "synthetic"]
    if "sipri" in graphs and not any(SIPRI_DIR.glob("*.csv")):
        print(f"# no SIPRI register in {SIPRI_DIR}: skipped", flush=True)
        graphs.remove("sipri")
    results: list[Result] = []
    cold: list[str] = []
    for graph in graphs:
        timed, line = bench(graph, args, run)
        results += timed
        cold.append(line)
    print(
        f"\n{run.reps} timed calls per entity or pair and side; times in ms; "
        f"time limit {run.timeout:g} s"
    )
    print(markdown([result.cells() for result in results]))
    print("\nPast p95 <= 1 s, by entity (the first of a pair):")
    for result in results:
        if result.slow:
            print(f"- {result.graph} {result.verb} {result.case}: {', '.join(result.slow)}")
    print("\n".join(cold))


if __name__ == "__main__":
    main()
