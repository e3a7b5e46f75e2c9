"""Load throughput: the loader against a hand-written UNWIND/MERGE baseline and naive writes.

    .venv/bin/python benchmarks/load.py                              # 10k and 100k ties
    .venv/bin/python benchmarks/load.py --sizes 1000000 --rounds 1   # 1M ties, staged
    .venv/bin/python benchmarks/load.py --uri --allow-wipe           # NEO4J_URI; WIPES IT

Contenders: the loader (one transaction; staged above loader.staging.STAGE_ABOVE rows, as
`explorer load` does, on the server's default heap), the loader staged and published every
10k rows (`explorer load --commit-every`), the baseline and naive writes. Each starts on an empty
database with no schema, against the same server, in the same run; the loader runs in a
fresh subprocess so its peak RSS is its own. Sizes count ties;
each graph also holds ties/4 entities, and rows are entities + ties.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any, LiteralString

from explorer.cli import import_driver_alone

import_driver_alone()  # as `explorer load` imports it (so its RSS is the loader's)

from common import (  # noqa: E402
    add_server_arguments,
    neo4j,
    open_driver,
    refuse_foreign_data,
    verdict,
    wipe,
)
from neo4j.exceptions import Neo4jError  # noqa: E402

from explorer.settings import Settings  # noqa: E402
from loader import synthetic  # noqa: E402
from loader.load import create_schema, load  # noqa: E402
from loader.records import Node, Tie  # noqa: E402
from loader.schema import load_schema  # noqa: E402
from loader.staging import PUBLISH_EVERY, STAGE_ABOVE  # noqa: E402
from loader.writer import BATCH_SIZE, batched  # noqa: E402

if TYPE_CHECKING:
    from neo4j import Driver

DATASET = "synthetic"
TARGET_VS_BASELINE = 0.9
TARGET_VS_NAIVE = 30.0
TARGET_RSS_MB = 300.0
CHUNK = 10_000  # rows per transaction of the chunked loader run
RSS_TARGET_SIZE = 1_000_000


@dataclass
class Run:
    contender: str
    rows: int
    seconds: float
    note: str = ""

    @property
    def rate(self) -> float:
        return self.rows / self.seconds if self.seconds else 0.0


# -- the loader, in a subprocess -------------------------------------------------------------


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def loader_child(size: int, commit_every: int | None) -> None:
    """Hidden `--only-loader SIZE`: one load into the server named by NEO4J_*; JSON on stdout."""
    settings = Settings.from_env()
    driver = open_driver(settings)
    rss_before = max_rss_mb()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    marks: list[tuple[int, float]] = []
    started = time.perf_counter()
    create_schema(driver, settings.database)  # what load() does first; timed apart
    schema_seconds = time.perf_counter() - started
    try:
        report = load(
            driver,
            settings.database,
            DATASET,
            synthetic.nodes(size),
            synthetic.ties(size),
            commit_every=commit_every or staged(size),
            progress=lambda rows: marks.append((rows, time.perf_counter())),
        )
    except Exception as err:  # report how far it got, and at what memory
        failure = {
            "error": f"{type(err).__name__}: {err}"[:400],
            "rows_reached": marks[-1][0] if marks else 0,
            "seconds": time.perf_counter() - started,
            "rss_peak_mb": max_rss_mb(),
        }
        print(json.dumps(failure))
        raise SystemExit(1) from err
    ended = time.perf_counter()
    driver.close()
    nodes = synthetic.node_count(size)
    node_end = next((t for rows, t in marks if rows >= nodes), started)
    tie_end = marks[-1][1] if marks else ended
    counts = (report.nodes_created, report.ties_created, report.nodes_updated, report.ties_updated)
    created_nodes, created_ties, updated_nodes, updated_ties = (c.total() for c in counts)
    result = {
        "rows": report.rows,
        "seconds": ended - started,
        "schema_seconds": schema_seconds,
        "nodes_seconds": node_end - started - schema_seconds,
        "ties_seconds": tie_end - node_end,
        "commit_seconds": ended - tie_end,
        "cpu_seconds": resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu_before,
        "created": created_nodes + created_ties,
        "updated": updated_nodes + updated_ties,
        "changed": report.changed,
        "rss_before_mb": rss_before,
        "rss_peak_mb": max_rss_mb(),
    }
    print(json.dumps(result))


def staged(size: int) -> int | None:
    """The transaction size a load of `size` ties gets from a list input (the streams here
    are loaded in one transaction otherwise): bigger loads are staged."""
    return PUBLISH_EVERY if size + synthetic.node_count(size) > STAGE_ABOVE else None


def run_loader(size: int, settings: Settings, commit_every: int | None = None) -> dict[str, Any]:
    env = {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }
    command = [sys.executable, __file__, "--only-loader", str(size)]
    if commit_every:
        command += ["--child-commit-every", str(commit_every)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    try:
        result: dict[str, Any] = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"error": f"exit {done.returncode}: {tail[0][:300]}"}
    return result


# -- the hand-written baseline ---------------------------------------------------------------


def baseline_schema(driver: Driver, database: str) -> None:
    driver.execute_query(
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        database_=database,
    )
    for rel in load_schema().ties:
        driver.execute_query(
            f"CREATE CONSTRAINT tie_id_{rel.lower()} IF NOT EXISTS "
            f"FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE",
            database_=database,
        )


def node_row(node: Node) -> dict[str, Any]:
    props = {**node.props, "id": node.id, "kind": node.kind, "dataset": DATASET}
    return {"id": node.id, "props": props}


def tie_row(tie: Tie) -> dict[str, Any]:
    props = {**tie.props, "id": tie.id, "dataset": DATASET}
    return {"id": tie.id, "s": tie.source, "t": tie.target, "props": props}


def baseline_nodes(driver: Driver, database: str, nodes: Iterable[Node]) -> None:
    for batch in batched(nodes, BATCH_SIZE):
        for kind, group in groupby(sorted(batch, key=lambda n: n.kind), key=lambda n: n.kind):
            driver.execute_query(
                f"UNWIND $rows AS row MERGE (n:Entity {{id: row.id}}) SET n += row.props, n:{kind}",
                rows=[node_row(n) for n in group],
                database_=database,
            )


def baseline_ties(driver: Driver, database: str, ties: Iterable[Tie]) -> None:
    for batch in batched(ties, BATCH_SIZE):
        for rel, group in groupby(sorted(batch, key=lambda t: t.type), key=lambda t: t.type):
            driver.execute_query(
                "UNWIND $rows AS row "
                "MATCH (a:Entity {id: row.s}) MATCH (b:Entity {id: row.t}) "
                f"MERGE (a)-[r:{rel} {{id: row.id}}]->(b) SET r += row.props",
                rows=[tie_row(t) for t in group],
                database_=database,
            )


def cpu_seconds() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_utime


def run_baseline(driver: Driver, database: str, size: int) -> Run:
    cpu = cpu_seconds()
    started = time.perf_counter()
    baseline_schema(driver, database)
    schema = time.perf_counter() - started
    baseline_nodes(driver, database, synthetic.nodes(size))
    nodes = time.perf_counter() - started - schema
    baseline_ties(driver, database, synthetic.ties(size))
    seconds = time.perf_counter() - started
    note = (
        f"schema {schema:.1f} s, nodes {nodes:.1f} s, ties {seconds - schema - nodes:.1f} s, "
        f"client CPU {cpu_seconds() - cpu:.1f} s"
    )
    return Run("baseline", synthetic.node_count(size) + size, seconds, note)


# -- naive writes: one transaction per row ---------------------------------------------------


def run_naive(driver: Driver, database: str, size: int, sample: int) -> Run:
    """Time `sample` single-row writes (entities and ties 1:4 as in the graph), extrapolated."""
    node_total = synthetic.node_count(size)
    sample = min(sample, node_total + size)
    node_sample = max(1, sample // 5)
    tie_sample = sample - node_sample
    baseline_schema(driver, database)
    nodes = list(synthetic.nodes(size))
    started = time.perf_counter()
    for node in nodes[:node_sample]:
        row = node_row(node)
        driver.execute_query(
            f"MERGE (n:Entity {{id: $id}}) SET n += $props, n:{node.kind}",
            id=row["id"],
            props=row["props"],
            database_=database,
        )
    node_seconds = time.perf_counter() - started
    baseline_nodes(driver, database, nodes[node_sample:])  # untimed: the ties need their ends
    ties = list(islice(synthetic.ties(size), tie_sample))
    started = time.perf_counter()
    for tie in ties:
        row = tie_row(tie)
        driver.execute_query(
            "MATCH (a:Entity {id: $s}) MATCH (b:Entity {id: $t}) "
            f"MERGE (a)-[r:{tie.type} {{id: $id}}]->(b) SET r += $props",
            s=row["s"],
            t=row["t"],
            id=row["id"],
            props=row["props"],
            database_=database,
        )
    tie_seconds = time.perf_counter() - started
    estimate = node_total * node_seconds / node_sample + size * tie_seconds / max(1, tie_sample)
    note = f"{sample} rows timed ({node_seconds + tie_seconds:.1f} s), extrapolated"
    return Run("naive", node_total + size, estimate, note)


# -- the run ---------------------------------------------------------------------------------


def loader_run(result: dict[str, Any], contender: str = "loader") -> Run:
    note = (
        f"schema {result['schema_seconds']:.1f} s, nodes {result['nodes_seconds']:.1f} s, "
        f"ties {result['ties_seconds']:.1f} s, commit {result['commit_seconds']:.1f} s, "
        f"client CPU {result['cpu_seconds']:.1f} s"
    )
    return Run(contender, result["rows"], result["seconds"], note)


def failed(size: int, result: dict[str, Any]) -> str:
    reached = (
        f" after {result['rows_reached']:,} rows, {result['seconds']:.0f} s, client peak RSS "
        f"{result['rss_peak_mb']:.0f} MB"
        if "rows_reached" in result
        else ""
    )
    return f"{size:>9,} loader    FAILED{reached}: {result['error']}"


def middle(runs: list[Run]) -> Run:
    """The run of median seconds (the upper middle of an even count)."""
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def measure(
    driver: Driver, settings: Settings, size: int, sample: int, rounds: int, commit_every: int
) -> list[str]:
    """Loader, chunked loader and baseline alternate for `rounds` rounds, each on an empty
    database."""
    database = settings.database
    loads: list[Run] = []
    chunks: list[Run] = []
    bases: list[Run] = []
    first: dict[str, Any] = {}
    again: dict[str, Any] = {}
    late_failure: dict[str, Any] = {}
    for i in range(rounds):
        wipe(driver, database)
        result = run_loader(size, settings)
        if "error" in result:
            late_failure = result if first else {}
            first = first or result
            wipe(driver, database)
            bases.append(run_baseline(driver, database, size))
            break
        loads.append(loader_run(result))
        if i == 0:
            first = result
            with Busiest(driver, database) as busiest:
                again = run_loader(size, settings)
            again["busiest"] = busiest.top(3)
        if commit_every:
            wipe(driver, database)
            chunked = run_loader(size, settings, commit_every)
            if "error" not in chunked:
                chunks.append(loader_run(chunked, "chunked"))
        wipe(driver, database)
        bases.append(run_baseline(driver, database, size))
    wipe(driver, database)
    naive = run_naive(driver, database, size, sample)
    wipe(driver, database)
    base = middle(bases)

    def row(run: Run, note: str = "") -> str:
        return (
            f"{size:>9,} {run.contender:<9} {run.rows:>10,} {run.seconds:>8.2f} "
            f"{run.rate:>8,.0f} {run.rate / base.rate:>7.2f}x  {note or run.note}"
        )

    lines = [failed(size, f) for f in (first, late_failure) if "error" in f]
    if not loads:
        return [*lines, row(base), row(naive)]
    loader = middle(loads)
    paired = list(zip(loads, bases, strict=False))
    vs_base = statistics.median(b.seconds / a.seconds for a, b in paired)
    vs_naive = loader.rate / naive.rate
    lines += [row(loader)]
    if chunks:
        paired_chunks = zip(chunks, bases, strict=False)
        chunk_vs_base = statistics.median(b.seconds / a.seconds for a, b in paired_chunks)
        lines.append(
            row(
                middle(chunks),
                f"--commit-every {commit_every}: {chunk_vs_base:.2f}x "
                f"the baseline (median of rounds); {middle(chunks).note}",
            )
        )
    lines += [row(base), row(naive)]
    if rounds > 1:
        lines.append(
            f"{'':>9} rounds (seconds, loader/baseline): "
            + ", ".join(f"{a.seconds:.1f}/{b.seconds:.1f}" for a, b in paired)
        )
    base_ok, naive_ok = vs_base >= TARGET_VS_BASELINE, vs_naive >= TARGET_VS_NAIVE
    lines.append(
        f"{'':>9} loader/baseline {vs_base:.2f}x (median of rounds; target >= "
        f"{TARGET_VS_BASELINE}x: {verdict(base_ok)}); loader/naive {vs_naive:.1f}x "
        f"(target >= {TARGET_VS_NAIVE:.0f}x: {verdict(naive_ok)})"
    )
    rss = first["rss_peak_mb"]
    rss_target = (
        f"target <= {TARGET_RSS_MB:.0f} MB at 1M ties: {verdict(rss <= TARGET_RSS_MB)}"
        if size >= RSS_TARGET_SIZE
        else f"target <= {TARGET_RSS_MB:.0f} MB applies at 1M ties"
    )
    lines.append(
        f"{'':>9} loader peak RSS {rss:.0f} MB (after imports and connect: "
        f"{first['rss_before_mb']:.0f} MB; {rss_target})"
    )
    if "error" in again:
        lines.append(f"{'':>9} idempotent reload FAILED: {again['error']}")
    else:
        nothing = again["created"] == 0 and again["updated"] == 0 and not again["changed"]
        lines.append(
            f"{'':>9} idempotent reload {again['seconds']:.2f} s "
            f"({again['seconds'] / first['seconds']:.2f}x the first load; "
            f"nodes {again['nodes_seconds']:.1f} s, ties {again['ties_seconds']:.1f} s), "
            f"created {again['created']}, updated {again['updated']}: "
            f"{'nothing written' if nothing else 'WROTE SOMETHING'}"
        )
        for seconds, statement in again["busiest"]:
            lines.append(f"{'':>11} reload ran {seconds:5.1f} s: {statement}")
    return lines


class Busiest:
    """Which statements the server runs most of the time, sampled twice a second while the
    block runs, with their status (running, or blocked on a lock): an unchanged reload of
    100k ties has sometimes taken 3-7 times its usual time (2026-11-30: 299 s in the one
    statement that writes the ASSOCIATE_OF ties, 1 in 4 reloads), and this names it, and
    gives the plan the server would now use for it."""

    EVERY = 0.5
    SHOWN: LiteralString = (
        "SHOW TRANSACTIONS YIELD currentQuery, status WHERE currentQuery <> '' "
        "AND NOT currentQuery STARTS WITH 'SHOW' RETURN currentQuery, status"
    )

    def __init__(self, driver: Driver, database: str) -> None:
        self.driver, self.database = driver, database
        self.seen: Counter[tuple[str, str]] = Counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Busiest:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def _sample(self) -> None:
        while not self.stop.wait(self.EVERY):
            records, _, _ = self.driver.execute_query(self.SHOWN, database_=self.database)
            for record in records:
                self.seen[(record["currentQuery"], record["status"])] += 1

    def top(self, n: int) -> list[tuple[float, str]]:
        """The `n` statements seen most, each with its seconds, status and (past 30 s) plan."""
        found = []
        for (text, status), count in self.seen.most_common(n):
            seconds = count * self.EVERY
            said = f"{' '.join(text.split())[:100]} [{status}]"
            if seconds > 30:
                said += f" plan: {self._plan(text)}"
            found.append((seconds, said))
        return found

    def _plan(self, text: str) -> str:
        """The operators of the plan the server now gives `text` (run with no rows)."""
        try:
            summary = self.driver.execute_query(
                "EXPLAIN " + text,
                {"rows": [], "dataset": DATASET, "ids": [], "chunk": 1},
                database_=self.database,
            ).summary
        except Neo4jError as err:
            return f"not explained: {err.message}"
        return " <- ".join(_operators(summary.plan or {}))


def _operators(plan: dict[str, Any]) -> list[str]:
    """A plan's operators, depth first, each with its identifiers' index details if any."""
    args = plan.get("args", {})
    here = f"{plan.get('operatorType', '?')}({args.get('Details', '')})"[:90]
    return [here, *(op for child in plan.get("children", []) for op in _operators(child))]


def warm_up(driver: Driver, database: str) -> None:
    """Compile the statements and warm the server's JIT so the first contender is not taxed."""
    wipe(driver, database)
    load(driver, database, DATASET, synthetic.nodes(2000), synthetic.ties(2000))
    wipe(driver, database)
    run_baseline(driver, database, 2000)
    wipe(driver, database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="tie counts, comma separated")
    parser.add_argument("--naive-sample", type=int, default=2000, help="rows of naive writes")
    parser.add_argument("--rounds", type=int, default=3, help="loader/baseline rounds per size")
    parser.add_argument("--allow-wipe", action="store_true", help="wipe a non-empty --uri db")
    parser.add_argument(
        "--commit-every",
        type=int,
        default=CHUNK,
        help="rows per transaction of the chunked loader run (0: skip that run)",
    )
    parser.add_argument("--only-loader", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-commit-every", type=int, help=argparse.SUPPRESS)
    add_server_arguments(parser)
    args = parser.parse_args()
    if args.only_loader is not None:
        loader_child(args.only_loader, args.child_commit_every)
        return
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    with neo4j(args.uri, max(sizes), args.heap, args.pagecache) as (driver, settings):
        refuse_foreign_data(driver, settings.database, args.uri, args.allow_wipe)
        print(f"# Neo4j at {settings.uri}; batch size {BATCH_SIZE}; warming up ...", flush=True)
        warm_up(driver, settings.database)
        print(
            f"{'ties':>9} {'contender':<9} {'rows':>10} {'seconds':>8} {'rows/s':>8} "
            f"{'vs base':>8}  note"
        )
        for size in sizes:
            for line in measure(
                driver, settings, size, args.naive_sample, args.rounds, args.commit_every
            ):
                print(line, flush=True)


if __name__ == "__main__":
    main()
