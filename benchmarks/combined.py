"""Many datasets, one graph: the real files loaded together, and verbs across them.

    .venv/bin/python benchmarks/combined.py                # needs ../shared/realdata
    .venv/bin/python benchmarks/combined.py --uri          # NEO4J_URI (deletes everything)

Loads the curated data, the COW files, the SIPRI register and the OpenSanctions FtM file
one after another (as an analyst would), then times `links Russia India`, `neighbors Russia`
and `find Russia` on the combined graph. Baselines, in the same process: each dataset loaded
alone into an empty database (what matching records into a graph already holding others
costs), and the same verbs on the curated data alone. A first pass, not timed, warms the server.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import add_server_arguments, median, neo4j, refuse_foreign_data, wipe

from explorer.api import Explorer
from explorer.settings import Settings

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
VERBS: dict[str, Callable[[Explorer], Any]] = {
    "links Russia India": lambda ex: ex.links("Russia", "India"),
    "neighbors Russia": lambda ex: ex.neighbors("Russia"),
    "find Russia": lambda ex: ex.find("Russia"),
}


def datasets(real: Path) -> list[tuple[str, str, list[Path]]]:
    """(name, format, files) in the order an analyst would load them."""
    return [
        ("seed", "seed", []),
        ("cow", "cow", sorted((real / "cow").glob("*.csv"))),
        ("sipri", "sipri", sorted((real / "sipri").glob("*.csv"))),
        ("ftm", "ftm", sorted((real / "opensanctions").glob("*.json"))),
    ]


def load(ex: Explorer, fmt: str, files: list[Path]) -> float:
    started = time.perf_counter()
    ex.load(files, fmt=fmt)
    return time.perf_counter() - started


def timed(ex: Explorer, runs: int) -> dict[str, float]:
    """Median seconds of each verb, warm (one unmeasured run first)."""
    found: dict[str, float] = {}
    for name, verb in VERBS.items():
        verb(ex)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            verb(ex)
            times.append(time.perf_counter() - started)
        found[name] = median(times)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_server_arguments(parser)
    parser.add_argument("--realdata", type=Path, default=REALDATA)
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each verb")
    parser.add_argument("--allow-wipe", action="store_true")
    args = parser.parse_args()
    if not args.realdata.is_dir():
        raise SystemExit(f"no real data at {args.realdata}: this benchmark needs ../shared")
    with neo4j(args.uri, 100_000, args.heap, args.pagecache) as (driver, settings):
        refuse_foreign_data(driver, settings.database, args.uri, args.allow_wipe)
        run(driver, settings, args.realdata, args.runs)


def run(driver: Any, settings: Settings, real: Path, runs: int) -> None:
    print("# warming up: every dataset loaded once, not timed", flush=True)
    with Explorer(settings) as ex:
        for _, fmt, files in datasets(real):
            load(ex, fmt, files)
    alone: dict[str, float] = {}
    for name, fmt, files in datasets(real):
        wipe(driver, settings.database)
        with Explorer(settings) as ex:
            alone[name] = load(ex, fmt, files)
    wipe(driver, settings.database)
    together: dict[str, float] = {}
    with Explorer(settings) as ex:
        for name, fmt, files in datasets(real):
            together[name] = load(ex, fmt, files)
            if name == "seed":
                curated = timed(ex, runs)
        combined = timed(ex, runs)
        shared = ex.cypher("MATCH (e:Entity) WHERE size(e.datasets) > 1 RETURN count(e) AS n").rows[
            0
        ]["n"]
        russia = ex.find("Russia", limit=1).rows[0]
    print("\nload            alone (s)   after the others (s)   ratio")
    for name, seconds in alone.items():
        ratio = together[name] / seconds
        print(f"{name:<14} {seconds:>10.2f} {together[name]:>22.2f} {ratio:>7.2f}")
    print(f"\nentities holding records of 2+ datasets: {shared}")
    behind = ", ".join(russia["datasets"])
    print(f"find Russia: {russia['name']} ({russia['id']}), datasets {behind}")
    print(f"\nverb (median of {runs}, warm)   curated only (s)   all four (s)")
    for name in VERBS:
        print(f"{name:<26} {curated[name]:>17.3f} {combined[name]:>14.3f}")


if __name__ == "__main__":
    main()
