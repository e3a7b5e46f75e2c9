"""CLI start-up: `explorer --help` against `python -c "import click"`, in the same run.

    .venv/bin/python benchmarks/cli_startup.py

Also says whether `--help` imports the Neo4j driver or pandas, which it should not need.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys

from common import explorer_bin, verdict, wall

TARGET_SECONDS = 0.3
HEAVY = ("neo4j", "pandas")
HELP_IN_PROCESS = (
    "import sys; sys.argv = ['explorer', '--help']; from explorer.cli import main; main()"
)


def heavy_imports() -> dict[str, tuple[int, float]]:
    """For each heavy package `--help` imports: how many of its modules, and their cumulative s."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", HELP_IN_PROCESS],
        capture_output=True,
        text=True,
        check=False,
    )
    # import time: self [us] | cumulative | imported package
    line = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)$")
    found: dict[str, tuple[int, float]] = {}
    for raw in done.stderr.splitlines():
        if not (match := line.match(raw)):
            continue
        module = match[4]
        top = module.split(".")[0]
        if top in HEAVY:
            count, seconds = found.get(top, (0, 0.0))
            # a package's top-level entry carries the cumulative time of its whole import
            extra = int(match[2]) / 1e6 if module == top else 0.0
            found[top] = (count + 1, seconds + extra)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    help_cmd = [explorer_bin(), "--help"]
    click_cmd = [sys.executable, "-c", "import click"]
    wall(help_cmd, 2)  # warm the file cache
    wall(click_cmd, 2)
    helps: list[float] = []
    clicks: list[float] = []
    for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
        helps += wall(help_cmd, 1)
        clicks += wall(click_cmd, 1)
    help_s, click_s = statistics.median(helps), statistics.median(clicks)
    met = verdict(help_s < TARGET_SECONDS)
    print(f"{'command':<28} {'median s':>9} {'min s':>7} {'max s':>7}   ({args.runs} runs each)")
    for name, times in (("explorer --help", helps), ('python -c "import click"', clicks)):
        print(f"{name:<28} {statistics.median(times):>9.3f} {min(times):>7.3f} {max(times):>7.3f}")
    print(
        f"explorer --help / import click: {help_s / click_s:.2f}x; over the baseline "
        f"{help_s - click_s:+.3f} s; target < {TARGET_SECONDS} s: {met}"
    )
    heavy = heavy_imports()
    for name in HEAVY:
        if name in heavy:
            count, seconds = heavy[name]
            print(f"`explorer --help` imports {name}: YES ({count} modules, {seconds:.3f} s)")
        else:
            print(f"`explorer --help` imports {name}: no")


if __name__ == "__main__":
    main()
