"""`explorer load` refuses option combinations that cannot mean anything, before any work."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from explorer.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bulk", "--dry-run"], "--bulk makes a new database"),
        (["--bulk", "--replace"], "--bulk makes a new database"),
        (["--dry-run", "--commit-every", "5000"], "cannot --commit-every"),
        (["--commit-every", "10"], "10 is not in the range x>=1000"),
        (["--max-errors", "0"], "0 is not in the range x>=1"),
        (["--skip-invalid"], "--skip-invalid: the seed format loads all or nothing"),
    ],
)
def test_contradictory_load_options_are_a_usage_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["--uri", "bolt://127.0.0.1:1", "load", *args])
    assert result.exit_code == 2
    assert message in result.stderr


def load_broken(tmp_path: Path, lines: int, *options: str) -> tuple[Path, Result]:
    """`explorer load --from ftm` of a file of `lines` broken lines (read before connecting)."""
    path = tmp_path / "broken.ftm.json"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"name": ["Bro\n' * lines)
    args = ["--uri", "bolt://127.0.0.1:1", "load", "--from", "ftm", str(path), *options]
    return path, CliRunner().invoke(main, args)


def test_every_problem_of_the_input_is_listed_by_default(tmp_path: Path) -> None:
    path, result = load_broken(tmp_path, 25)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: 25 problem(s), nothing was written:"
    assert lines[1:] == [
        f"{path}:{n}: invalid JSON: Unterminated string starting at: column 58"
        for n in range(1, 26)
    ]


def test_max_errors_lists_the_first_problems_and_counts_the_others(tmp_path: Path) -> None:
    path, result = load_broken(tmp_path, 25, "--max-errors", "2")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 25 problem(s), nothing was written:",
        f"{path}:1: invalid JSON: Unterminated string starting at: column 58",
        f"{path}:2: invalid JSON: Unterminated string starting at: column 58",
        "... and 23 more (--max-errors to see more)",
    ]
