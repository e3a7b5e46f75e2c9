"""Every table fits COLUMNS=100, on the curated dataset against a real Neo4j."""

from __future__ import annotations

import pytest
from click.testing import CliRunner, Result

from explorer.cli import main
from explorer.settings import Settings

WIDTH = 100
COMMANDS = [
    ["links", "Gazprombank", "Rosatom"],
    ["neighbors", "Russia"],
    ["neighbors", "Russia", "--depth", "2"],
    ["neighbors", "Putin", "--depth", "2"],
    ["find", "Putin"],
    ["common", "Russia", "China"],
    ["owners", "Atomstroyeksport"],
    ["members", "CSTO"],
    ["timeline", "Putin"],
    ["timeline", "Russia"],
    ["brokers", "Gazprombank", "Rosatom"],
    ["stats"],
    ["schema"],
    ["queries"],
    ["datasets"],
]


def table(settings: Settings, args: list[str], columns: str | None) -> Result:
    s = settings
    options = ["--uri", s.uri, "--user", s.user, "--password", s.password, "--database", s.database]
    result = CliRunner().invoke(main, [*options, *args], env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    return result


def too_long(text: str) -> list[str]:
    return [line for line in text.splitlines() if len(line) > WIDTH]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_table_line_is_wider_than_columns(seeded: Settings, args: list[str]) -> None:
    shown = table(seeded, args, str(WIDTH)).stdout
    assert "(0 rows)" not in shown, "a table of no rows proves nothing"
    assert too_long(shown) == []


@pytest.mark.parametrize("args", [["neighbors", "Russia"], ["schema"], ["datasets"]], ids=" ".join)
def test_wide_and_a_pipe_without_columns_show_every_cell_whole(
    seeded: Settings, args: list[str]
) -> None:
    whole = table(seeded, args, None).stdout
    assert too_long(whole)
    assert "…" not in whole
    wide = table(seeded, [*args, "--wide"], str(WIDTH)).stdout
    assert wide == whole
