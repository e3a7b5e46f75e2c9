"""`explorer load --bulk` against neo4j-admin database import run by hand on the same files.

    .venv/bin/python benchmarks/bulk.py                    # 1M ties
    .venv/bin/python benchmarks/bulk.py --sizes 100000,1000000

For each size, on a fresh local server: the bulk path end to end (import files written,
server stopped, neo4j-admin import, server started, constraints and indexes created), then
by hand: the same tool on the same files, already written, with the server stopped and
started around it, as one would type it. Sizes count ties; the graph also holds ties/4
entities.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from common import BENCH_PASSWORD, local_instance, memory_for

from explorer.bulk import bulk_load
from explorer.settings import Settings
from loader import synthetic
from loader.bulk import IMPORT_OPTIONS, write_import_files
from loader.importers.base import ImportResult


def phases(marks: list[tuple[str, float]], started: float, ended: float) -> str:
    """'writing 3.1 s, stopping 9.8 s, ...' from the times each step was announced."""
    ends = [t for _, t in marks[1:]] + [ended]
    starts = [started] + [t for _, t in marks[1:]]
    names = [what.split()[0] for what, _ in marks]
    return ", ".join(f"{n} {e - s:.1f} s" for n, s, e in zip(names, starts, ends, strict=True))


def measure(size: int) -> list[str]:
    result = ImportResult(list(synthetic.nodes(size)), list(synthetic.ties(size)), {}, "syn")
    rows = len(result.nodes) + len(result.ties)
    heap, pagecache = memory_for(size)
    with (
        local_instance(heap, pagecache) as instance,
        tempfile.TemporaryDirectory(prefix="explorer-bulk-bench-") as home,
    ):
        settings = Settings(uri=instance.bolt_uri, password=BENCH_PASSWORD)
        marks: list[tuple[str, float]] = []
        started = time.perf_counter()
        bulk_load(instance, settings, result, lambda m: marks.append((m, time.perf_counter())))
        bulk = time.perf_counter() - started
        bulk_note = phases(marks, started, started + bulk)

        files = write_import_files(result.nodes, result.ties, "syn", Path(home))
        started = time.perf_counter()
        instance.stop()
        stopped = time.perf_counter()
        instance.import_full(*IMPORT_OPTIONS, *files.arguments)
        imported = time.perf_counter()
        instance.start(configure=False)
        by_hand = time.perf_counter() - started
    hand_note = (
        f"stopping {stopped - started:.1f} s, importing {imported - stopped:.1f} s, "
        f"starting {started + by_hand - imported:.1f} s"
    )
    return [
        f"{size:>9,} --bulk    {rows:>10,} {bulk:>8.1f} {rows / bulk:>9,.0f}  {bulk_note}",
        f"{size:>9,} by hand   {rows:>10,} {by_hand:>8.1f} {rows / by_hand:>9,.0f}  {hand_note}",
        f"{'':>9} --bulk / by hand: {by_hand / bulk:.2f}x the speed; the difference is writing "
        "the files and creating the constraints and indexes",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000000", help="tie counts, comma separated")
    args = parser.parse_args()
    print(f"{'ties':>9} {'contender':<9} {'rows':>10} {'seconds':>8} {'rows/s':>9}  phases")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        for line in measure(size):
            print(line, flush=True)


if __name__ == "__main__":
    main()
