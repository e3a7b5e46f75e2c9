"""Our FtM load against OpenSanctions' own Neo4j loader, followthemoney-graph (ftmg).

    .venv/bin/python benchmarks/ftm_peer.py                          # real file, 1M statements
    .venv/bin/python benchmarks/ftm_peer.py --statements 100000 --rounds 3
    .venv/bin/python benchmarks/ftm_peer.py --statements 0           # the real file only

Both run end to end as a user runs them, each its own process from start to finish:
`explorer load --from ftm FILE` and `ftmg load CONFIG --source FILE` (ftmg's default
configuration: every FtM schema a node, no property values made nodes). They load the same
files into the same throwaway local server, in turns (the first of a round alternates),
each into an empty database: every node, constraint and index is deleted before each run,
so each pays for its own schema. The files: OpenSanctions' yente test file (../shared, when
present) and a synthetic file of about --statements FtM statements (see ftm_synth; a
statement is one property value, plus one per entity for its schema and id).

ftmg lives in a venv of its own outside the repository (it needs Python 3.12 or later), made
on first use with followthemoney-graph==0.1.0 (PEER_VERSION). It is no dependency of ours.

Counted after each load: FtM entities that became nodes (ours: :Record nodes, one per FtM
entity it loads, each in an :Entity; ftmg: its :Entity nodes) and relationships between
entities (ours: all but RECORD_OF and LINKED; ftmg: all). ftmg makes a node of every schema;
ours skips those it has no kind for (Vessel, BankAccount...), so entities are also compared on
the FtM ids both load. When ours is slower on a file, both loaders run once more with their
phases timed, and those are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString

import ftm_synth
from common import (
    BENCH_PASSWORD,
    add_server_arguments,
    explorer_bin,
    local_instance,
    memory_for,
    neo4j,
    open_driver,
    refuse_foreign_data,
    wipe,
)

from explorer.settings import Settings

if TYPE_CHECKING:
    from neo4j import Driver

REPO = Path(__file__).resolve().parent.parent
REAL_FILE = REPO.parent / "shared/realdata/opensanctions/yente_zala_entities.ftm.json"
PEER_VENV = REPO.parent / "venvs/ftmg"
PEER = "followthemoney-graph"
PEER_VERSION = "0.1.0"
WARM_UP_STATEMENTS = 5_000
NO_TIME_LIMIT = "0s"  # db.transaction.timeout: the stock Neo4j's

# -- the peer's venv -------------------------------------------------------------------------


def python_312() -> str | None:
    """A Python 3.12 or later on PATH or under pyenv, the oldest first: the one ftmg's
    dependencies (pyicu...) most likely have wheels for."""
    found = [shutil.which(f"python3.{minor}") for minor in (12, 13, 14)]
    pyenv = sorted(Path.home().glob(".pyenv/versions/3.1[2-9].*/bin/python"))
    for candidate in [*filter(None, found), *map(str, pyenv)]:
        check = [candidate, "-c", "import sys; sys.exit(sys.version_info < (3, 12))"]
        if subprocess.run(check, capture_output=True, check=False).returncode == 0:
            return candidate
    return None


def peer_command(venv: Path, python: str) -> str:
    pip = shlex.quote(str(venv / "bin/pip"))
    made = f"{shlex.quote(python)} -m venv {shlex.quote(str(venv))}"
    return f"{made} && {pip} install {PEER}=={PEER_VERSION}"


def peer(venv: Path, python: str | None) -> Path:
    """The peer's `ftmg`, its venv made first when missing; exit 1 saying how when that fails."""
    ftmg = venv / "bin/ftmg"
    if ftmg.exists():
        return ftmg
    base = python or python_312()
    command = peer_command(venv, base or "python3.12")
    if base is None:
        raise SystemExit(f"ftmg needs Python >= 3.12, none found; make its venv with:\n{command}")
    print(f"# making ftmg's venv: {command}", flush=True)
    done = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not ftmg.exists():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"making ftmg's venv failed ({tail}); make it with:\n{command}")
    return ftmg


def peer_versions(ftmg: Path) -> str:
    names = ("followthemoney-graph", "followthemoney", "neo4j")
    code = f"from importlib.metadata import version as v\nfor p in {names}: print(p, v(p))"
    python = ftmg.parent / "python"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=False)
    return ", ".join(done.stdout.strip().splitlines())


def peer_config(directory: Path, settings: Settings) -> Path:
    """ftmg's CONFIG: the server, and nothing else (its defaults)."""
    if settings.database != "neo4j":
        raise SystemExit("ftmg writes to the default database only: use NEO4J_DATABASE=neo4j")
    config = directory / "ftmg.yml"
    db = {"url": settings.uri, "username": settings.user, "password": settings.password}
    config.write_text(json.dumps({"db": db}), encoding="utf-8")  # JSON is YAML
    return config


# -- the server -----------------------------------------------------------------------------


@contextmanager
def server(args: argparse.Namespace, statements: int) -> Iterator[tuple[Driver, Settings]]:
    """The --uri server, else a throwaway local one as common.local_instance makes it, sized
    for as many ties as the biggest file has statements, but with the stock Neo4j's
    transaction time limit (none) rather than `explorer server start`'s 60 s: ftmg sets no
    limit of its own, and its transactions of 100,000 rows outlasted 60 s at 1M statements
    here (2026-11-30: "The transaction has not completed within the timeout").
    (Our loads ask for no limit, which overrides the server's.)"""
    if args.uri is not None:
        with neo4j(args.uri, statements) as found:
            yield found
        return
    heap, pagecache = memory_for(statements)
    heap, pagecache = args.heap or heap, args.pagecache or pagecache
    with local_instance(heap, pagecache, tx_timeout=NO_TIME_LIMIT) as instance:
        settings = Settings(uri=instance.bolt_uri, password=BENCH_PASSWORD)
        driver = open_driver(settings)
        try:
            yield driver, settings
        finally:
            driver.close()


# -- the input files -------------------------------------------------------------------------


@dataclass
class Survey:
    """An FtM file as counted here: statements, entities by schema, and the ids of the
    entities of the schemata our loader makes nodes of."""

    path: Path
    label: str
    statements: int = 0
    schemata: Counter[str] = field(default_factory=Counter)
    ours_ids: list[str] = field(default_factory=list)


def survey(path: Path, label: str) -> Survey:
    from loader.schema import load_schema

    kinds = load_schema().ftm_kinds
    found = Survey(path, label)
    with path.open(encoding="utf-8") as lines:
        for line in filter(str.strip, lines):
            entity = json.loads(line)
            values = (entity.get("properties") or {}).values()
            found.statements += 1 + sum(len(v) if isinstance(v, list) else 1 for v in values)
            found.schemata[entity["schema"]] += 1
            if entity["schema"] in kinds:
                found.ours_ids.append(str(entity["id"]))
    return found


# -- one load, end to end --------------------------------------------------------------------


@dataclass
class Run:
    tool: str
    seconds: float
    cpu: float  # the process's user + system CPU seconds
    entities: int = 0
    shared: int = 0  # of the entities, those of FtM ids both loaders load
    relationships: int = 0
    all_nodes: int = 0  # in the database, of any label
    all_relationships: int = 0
    detail: str = ""
    error: str = ""


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(tool: str, command: list[str], env: dict[str, str] | None = None) -> Run:
    cpu, started = child_cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    run = Run(tool, time.perf_counter() - started, child_cpu() - cpu)
    if done.returncode != 0:
        tail = [line for line in done.stderr.splitlines() if line.strip()][-3:]
        run.error = f"exit {done.returncode}: " + " | ".join(tail)[-400:]
    else:
        run.detail = "; ".join(re.findall(r"^(skipped .*|note: .*|loaded .*)$", done.stderr, re.M))
    return run


def ours_env(settings: Settings) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": settings.uri,
        "NEO4J_USER": settings.user,
        "NEO4J_PASSWORD": settings.password,
        "NEO4J_DATABASE": settings.database,
    }


def count(driver: Driver, database: str, query: LiteralString, **params: Any) -> int:
    records, _, _ = driver.execute_query(query, params, database_=database)
    found: int = records[0]["n"]
    return found


def count_all(driver: Driver, database: str, run: Run) -> Run:
    run.all_nodes = count(driver, database, "MATCH (n) RETURN count(n) AS n")
    run.all_relationships = count(driver, database, "MATCH ()-[r]->() RETURN count(r) AS n")
    return run


SHARED: LiteralString = "MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n"
OUR_SHARED: LiteralString = "MATCH (n:Record) WHERE n.id IN $ids RETURN count(n) AS n"


def run_ours(driver: Driver, settings: Settings, data: Survey) -> Run:
    command = [explorer_bin(), "load", "--from", "ftm", str(data.path), "--format", "json"]
    run = timed("ours", command, ours_env(settings))
    db = settings.database
    run.entities = count(driver, db, "MATCH (n:Record) RETURN count(n) AS n")
    run.shared = count(driver, db, OUR_SHARED, ids=[f"ftm-{ident}" for ident in data.ours_ids])
    run.relationships = count(
        driver, db, "MATCH ()-[r]->() WHERE NOT r:RECORD_OF|LINKED RETURN count(r) AS n"
    )
    grouped = count(driver, db, "MATCH (n:Entity) RETURN count(n) AS n")
    if grouped != run.entities:
        run.detail += f"; {run.entities:,} records in {grouped:,} entities"
    return count_all(driver, db, run)


def run_ftmg(driver: Driver, database: str, ftmg: Path, config: Path, data: Survey) -> Run:
    run = timed("ftmg", [str(ftmg), "load", str(config), "--source", str(data.path)])
    run.entities = count(driver, database, "MATCH (n:Entity) RETURN count(n) AS n")
    run.shared = count(driver, database, SHARED, ids=data.ours_ids)
    run.relationships = count(driver, database, "MATCH ()-[r]->() RETURN count(r) AS n")
    return count_all(driver, database, run)


# -- phases: where each loader's time goes ---------------------------------------------------

STAGED = "staged load (stage, check, publish)"
# (module, attribute, label): the loader's steps, timed in a run of `explorer load` in this
# process; `Writer.*` are the steps of one load transaction, some nested in others.
OUR_PHASES = [
    ("explorer.loading", "read_input", "read and map the file"),
    ("loader.load", "create_schema", "create constraints and indexes"),
    ("loader.load", "link_if_unlinked", "check links"),
    ("loader.load", "resume", "finish dead staged loads"),
    ("loader.load", "load_staged", STAGED),
    ("loader.writer.Writer", "read_existing", "read what the dataset held"),
    ("loader.writer.Writer", "nodes", "write records and entities"),
    ("loader.writer", "regroup", "  of which: group records into entities"),
    ("loader.writer.Writer", "ties", "write ties"),
    ("loader.writer", "refuse_missing_ends", "  of which: check tie ends"),
    ("loader.writer.Writer", "prune", "delete what the input no longer has"),
    ("loader.writer", "relink", "  of which (and in commit): link pairs"),
    ("loader.writer.Writer", "record_dataset", "write the :Dataset node"),
    ("loader.writer.Writer", "commit", "commit"),
]
WRITER_STEPS = {label for where, _, label in OUR_PHASES if where.endswith("Writer")}
# ftmg's steps, timed the same way in its own venv's Python.
PEER_PHASES = """
import json, sys, time
started = time.perf_counter()
from ftmg import cli
imported = time.perf_counter()
spent = {}
def timer(name, fn):
    def timed(*args, **kwargs):
        t = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
    return timed
for name in ("create_indexes", "load_entities", "prune_unused_unique_constraints"):
    setattr(cli, name, timer(name, getattr(cli, name)))
try:
    cli.cli(["load", sys.argv[1], "--source", sys.argv[2]], standalone_mode=False)
finally:
    spent["imports"] = imported - started
    spent["all in process"] = time.perf_counter() - started
    print(json.dumps(spent))
"""
PEER_LABELS = {
    "imports": "imports",
    "create_indexes": "create 50 unique constraints",
    "load_entities": "load (pass 1 nodes, pass 2 relationships)",
    "prune_unused_unique_constraints": "count labels, drop unused constraints",
}


def _owner(load: Callable[[str], Any], where: str) -> Any:
    """The module named `where`, else the class `where` names in its module."""
    try:
        return load(where)
    except ModuleNotFoundError:
        module, _, cls = where.rpartition(".")
        return getattr(load(module), cls)


@contextmanager
def phase_timers(phases: list[tuple[str, str, str]]) -> Iterator[dict[str, float]]:
    """Seconds spent in each of `phases`, while the block runs (calls nest: inner ones count
    in their callers too)."""
    import importlib

    spent: dict[str, float] = {}
    undo: list[tuple[Any, str, Any]] = []

    def timer(label: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - started

        return wrapped

    for where, name, label in phases:
        owner = _owner(importlib.import_module, where)
        undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, timer(label, getattr(owner, name)))
    try:
        yield spent
    finally:
        for owner, name, original in reversed(undo):
            setattr(owner, name, original)


def phases_child(path: str) -> None:
    """Hidden `--phases-child FILE`: `explorer load --from ftm FILE` in this process, its
    steps timed; JSON on the last line of stdout."""
    started = time.perf_counter()
    from explorer import cli

    imported = time.perf_counter()
    with phase_timers(OUR_PHASES) as spent:
        try:
            cli.main(["load", "--from", "ftm", path, "--format", "json"], standalone_mode=False)
        finally:
            spent["imports"] = imported - started
            spent["all in process"] = time.perf_counter() - started
            print("\n" + json.dumps(spent))


def our_phases(settings: Settings, data: Survey) -> tuple[float, dict[str, float]]:
    command = [sys.executable, __file__, "--phases-child", str(data.path)]
    started = time.perf_counter()
    done = subprocess.run(command, env=ours_env(settings), capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def peer_phases(ftmg: Path, config: Path, data: Survey) -> tuple[float, dict[str, float]]:
    command = [str(ftmg.parent / "python"), "-c", PEER_PHASES, str(config), str(data.path)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, json.loads(done.stdout.strip().splitlines()[-1])


def phase_lines(tool: str, wall: float, spent: dict[str, float], labels: list[str]) -> list[str]:
    """The steps timed, in order; nested ones indented (a staged load's transaction steps are
    those of its publishing, inside it)."""
    inside = spent["all in process"]
    lines = [f"  {tool}: {wall:.2f} s wall, of which {wall - inside:.2f} s starting Python"]
    staged = spent.get(STAGED, 0.0) > 0
    accounted = 0.0
    for label in labels:
        nested = label.startswith(" ") or (staged and label in WRITER_STEPS)
        if spent.get(label):
            lines.append(f"    {spent[label]:8.2f} s  {'  ' * nested}{label.strip()}")
            accounted += 0 if nested else spent[label]
    lines.append(f"    {inside - accounted:8.2f} s  the rest (connecting, reporting...)")
    return lines


def profile(
    driver: Driver, settings: Settings, ftmg: Path, config: Path, data: Survey
) -> list[str]:
    """One more run of each with its steps timed."""
    lines = [f"phases on {data.label} (one more run of each, steps timed):"]
    wipe(driver, settings.database)
    wall, spent = our_phases(settings, data)
    labels = ["imports"] + [label for _, _, label in OUR_PHASES]
    lines += phase_lines("ours", wall, spent, labels)
    wipe(driver, settings.database)
    wall, spent = peer_phases(ftmg, config, data)
    named = {PEER_LABELS.get(step, step): seconds for step, seconds in spent.items()}
    lines += phase_lines("ftmg", wall, named, list(PEER_LABELS.values()))
    wipe(driver, settings.database)
    return lines


# -- the comparison --------------------------------------------------------------------------


@dataclass
class Compared:
    data: Survey
    ours: list[Run]
    theirs: list[Run]

    def ratio(self) -> float:
        """ftmg's seconds over ours, the median of the rounds' ratios."""
        pairs = zip(self.ours, self.theirs, strict=True)
        return statistics.median(t.seconds / o.seconds for o, t in pairs)


def compare(
    driver: Driver, settings: Settings, ftmg: Path, config: Path, data: Survey, rounds: int
) -> Compared:
    """`rounds` rounds of both loaders, each on an empty database; who goes first alternates."""
    database = settings.database
    compared = Compared(data, [], [])
    for i in range(rounds):
        runners: list[Callable[[], Run]] = [
            lambda: run_ours(driver, settings, data),
            lambda: run_ftmg(driver, database, ftmg, config, data),
        ]
        for runner in runners if i % 2 == 0 else runners[::-1]:
            wipe(driver, database)
            run = runner()
            (compared.ours if run.tool == "ours" else compared.theirs).append(run)
            said = f"{run.seconds:.2f} s" if not run.error else f"FAILED: {run.error}"
            print(f"#   {data.label} round {i + 1}: {run.tool} {said}", flush=True)
    wipe(driver, database)
    return compared


def middle(runs: list[Run]) -> Run:
    return sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]


def table(results: list[Compared]) -> list[str]:
    lines = [
        "| file | statements | ours s | ftmg s | ftmg/ours | entities ours/ftmg "
        "| relationships ours/ftmg |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for result in results:
        ours, theirs = middle(result.ours), middle(result.theirs)
        ftmg_s = f"{theirs.seconds:.2f}" if not theirs.error else "failed"
        ratio = f"{result.ratio():.2f}x" if not theirs.error else "-"
        lines.append(
            f"| {result.data.label} | {result.data.statements:,} | {ours.seconds:.2f} "
            f"| {ftmg_s} | {ratio} | {ours.entities:,}/{theirs.entities:,} "
            f"| {ours.relationships:,}/{theirs.relationships:,} |"
        )
    return lines


def notes(result: Compared) -> list[str]:
    ours, theirs = middle(result.ours), middle(result.theirs)
    label = result.data.label
    rounds = ", ".join(
        f"{o.seconds:.1f}/{t.seconds:.1f}" for o, t in zip(result.ours, result.theirs, strict=True)
    )
    lines = [
        f"{label}: rounds (s, ours/ftmg): {rounds}; client CPU ours {ours.cpu:.1f} s, "
        f"ftmg {theirs.cpu:.1f} s",
        f"{label}: schemata in the file: "
        + ", ".join(f"{s} {n:,}" for s, n in result.data.schemata.most_common()),
    ]
    if ours.detail:
        none = "" if "skipped" in ours.detail else " (it skipped no record)"
        lines.append(f"{label}: ours said: {ours.detail}{none}")
    if theirs.error:
        lines.append(f"{label}: ftmg FAILED: {theirs.error}")
        return lines
    others = theirs.entities - theirs.shared
    lines.append(
        f"{label}: entities of the FtM ids both load, ours/ftmg: {ours.shared:,}/"
        f"{theirs.shared:,} (ftmg's other {others:,} are of schemata ours skips)"
    )
    lines.append(
        f"{label}: all nodes and relationships in the database, ours/ftmg: "
        f"{ours.all_nodes:,}/{theirs.all_nodes:,} and "
        f"{ours.all_relationships:,}/{theirs.all_relationships:,} (ours: a :Record and an "
        ":Entity per FtM entity, joined by RECORD_OF, and a :Dataset node)"
    )
    ok = ours.shared >= theirs.shared and ours.relationships >= theirs.relationships
    lines.append(
        f"{label}: ours makes no fewer entities (of the ids both load) and relationships: "
        f"{'yes' if ok else 'NO'}"
    )
    return lines


def inputs(args: argparse.Namespace, scratch: Path) -> list[tuple[Survey, int]]:
    """The files to compare, each with its rounds."""
    found: list[tuple[Survey, int]] = []
    if args.real.exists():
        found.append((survey(args.real, args.real.name), args.rounds or 3))
    else:
        print(f"# {args.real} is absent: the real file is skipped", flush=True)
    if args.statements:
        path = scratch / f"synthetic-{args.statements}.ftm.json"
        print(f"# writing {args.statements:,} synthetic statements (seed {args.seed})", flush=True)
        ftm_synth.write(path, args.statements, args.seed)
        found.append((survey(path, f"synthetic (seed {args.seed})"), args.rounds or 1))
    return found


def warm_up(driver: Driver, settings: Settings, ftmg: Path, config: Path, scratch: Path) -> None:
    """Both loaders once on a small file, so neither pays for the server's cold start."""
    path = scratch / "warm-up.ftm.json"
    ftm_synth.write(path, WARM_UP_STATEMENTS, seed=1)
    data = survey(path, "warm-up")
    for runner in (run_ours, lambda d, s, x: run_ftmg(d, s.database, ftmg, config, x)):
        wipe(driver, settings.database)
        run = runner(driver, settings, data)
        if run.error:
            print(f"# warm-up: {run.tool} FAILED: {run.error}", flush=True)
    wipe(driver, settings.database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--statements", type=int, default=1_000_000, help="synthetic file size (0: none)"
    )
    parser.add_argument(
        "--rounds", type=int, help="rounds per file (default: 3 for the real file, 1 else)"
    )
    parser.add_argument("--seed", type=int, default=15, help="of the synthetic file")
    parser.add_argument("--real", type=Path, default=REAL_FILE, help="a real FtM file")
    parser.add_argument("--peer-venv", type=Path, default=PEER_VENV, help="ftmg's venv")
    parser.add_argument("--peer-python", help="Python >= 3.12 to make ftmg's venv with")
    parser.add_argument("--phases", action="store_true", help="time both loaders' steps always")
    parser.add_argument("--allow-wipe", action="store_true", help="wipe a non-empty --uri db")
    parser.add_argument("--phases-child", help=argparse.SUPPRESS)
    add_server_arguments(parser)
    args = parser.parse_args()
    if args.phases_child:
        phases_child(args.phases_child)
        return
    ftmg = peer(args.peer_venv, args.peer_python)
    print(f"# peer: {peer_versions(ftmg)} ({ftmg})", flush=True)
    with tempfile.TemporaryDirectory(prefix="explorer-ftm-peer-") as tmp:
        scratch = Path(tmp)
        files = inputs(args, scratch)
        biggest = max((data.statements for data, _ in files), default=0)
        results: list[Compared] = []
        lines: list[str] = []
        with server(args, biggest) as (driver, settings):
            refuse_foreign_data(driver, settings.database, args.uri, args.allow_wipe)
            print(f"# Neo4j at {settings.uri}; warming up both loaders ...", flush=True)
            config = peer_config(scratch, settings)
            warm_up(driver, settings, ftmg, config, scratch)
            for data, rounds in files:
                result = compare(driver, settings, ftmg, config, data, rounds)
                results.append(result)
                slower = not middle(result.theirs).error and result.ratio() < 1
                if args.phases or slower:
                    lines += profile(driver, settings, ftmg, config, data)
        print("\n".join(table(results)))
        print("\n".join(line for result in results for line in notes(result)))
        print("\n".join(lines))


if __name__ == "__main__":
    main()
