"""`explorer load` refuses option combinations that cannot mean anything, before any work."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from explorer.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--bulk", "--dry-run"], "--bulk makes a new database"),
        (["--bulk", "--replace"], "--bulk makes a new database"),
        (["--dry-run", "--commit-every", "5000"], "cannot --commit-every"),
        (["--commit-every", "10"], "10 is not in the range x>=1000"),
    ],
)
def test_contradictory_load_options_are_a_usage_error(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["--uri", "bolt://127.0.0.1:1", "load", *args])
    assert result.exit_code == 2
    assert message in result.stderr
