"""`explorer read` against the curated data: mentions and candidate ties per document.

    .venv/bin/python benchmarks/read.py
    .venv/bin/python benchmarks/read.py --seeds ../shared/seeds --min-score 0.6

The five documents in ../shared/seeds are read against a gazetteer built from
loader/data/entities.csv (the same code path as the command's, no server). Mentions are
counted as the set of entities each document names, against its curated MENTIONS ties;
candidate ties as unordered pairs with a type, against the curated ties that cite the
document (MENTIONS left out). Statistic nodes are figures, not names: the ties to them
are left out of both. A page is 2,000 characters. Targets: mentions recall >= 95%
at precision >= 90%, ties recall >= 50% at precision >= 50%.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import defaultdict
from pathlib import Path

from explorer.reading.gazetteer import NOT_READ, Gazetteer, entries_from_csv
from explorer.reading.reader import read_file
from loader.seed import default_data_dir
from loader.validate import find_sources_dir

PAGE = 2000
Pair = tuple[str, str, str]


def _curated(data: Path) -> tuple[dict[str, str], dict[str, set[str]], dict[str, set[Pair]]]:
    """Each source's file, the entities it mentions, and the other ties citing it."""
    with (data / "sources.csv").open(encoding="utf-8", newline="") as file:
        files = {row["id"]: row["file"] for row in csv.DictReader(file)}
    mentions: dict[str, set[str]] = defaultdict(set)
    ties: dict[str, set[Pair]] = defaultdict(set)
    with (data / "entities.csv").open(encoding="utf-8", newline="") as file:
        unread = {row["id"] for row in csv.DictReader(file) if row["kind"] in NOT_READ}
    with (data / "ties.csv").open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["target"] in unread:
                continue
            if row["type"] == "MENTIONS":
                mentions[row["source"]].add(row["target"])
                continue
            a, b = sorted((row["source"], row["target"]))
            for source in row["sources"].split("|"):
                ties[source].add((row["type"], a, b))
    return files, mentions, ties


def _ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=Path, default=find_sources_dir())
    parser.add_argument("--min-score", type=float, default=0.5)  # the command's default
    args = parser.parse_args()
    if args.seeds is None or not args.seeds.is_dir():
        print("skipped: no seeds folder (../shared/seeds) beside the checkout")
        return 0
    data = default_data_dir()
    files, mentioned, tied = _curated(data)
    gazetteer = Gazetteer.build(entries_from_csv(data / "entities.csv"))
    header = (
        f"{'source':26} {'m.recall':>8} {'m.prec':>8} {'t.recall':>8} {'t.prec':>8} {'pages/s':>8}"
    )
    print(header)
    totals = [0] * 6  # mentions right, found, wanted; ties right, found, wanted
    chars, seconds = 0, 0.0
    for source, name in files.items():
        path = args.seeds / name
        if not path.is_file():
            print(f"{source:26} skipped: no {path}")
            continue
        began = time.perf_counter()
        reading = read_file(path, gazetteer)
        took = time.perf_counter() - began
        chars, seconds = chars + len(reading.text), seconds + took
        found = {m.id for m in reading.mentions}
        pairs = {
            (c.type, *sorted((c.source.id, c.target.id)))
            for c in reading.candidates
            if c.score >= args.min_score
        }
        wanted_m, wanted_t = mentioned[source], tied[source]
        counts = [len(found & wanted_m), len(found), len(wanted_m)]
        counts += [len(pairs & wanted_t), len(pairs), len(wanted_t)]
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        print(f"{source:26} {_ratio(counts[0], counts[2]):>8} {_ratio(counts[0], counts[1]):>8} "
              f"{_ratio(counts[3], counts[5]):>8} {_ratio(counts[3], counts[4]):>8} "
              f"{len(reading.text) / PAGE / took:8.0f}")  # fmt: skip
    print(f"{'all':26} {_ratio(totals[0], totals[2]):>8} {_ratio(totals[0], totals[1]):>8} "
          f"{_ratio(totals[3], totals[5]):>8} {_ratio(totals[3], totals[4]):>8} "
          f"{chars / PAGE / seconds if seconds else 0:8.0f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
