"""The README's examples run, against a real Neo4j loaded with the curated dataset."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import CliRunnerFor

from explorer.db import Database
from explorer.loading import load_input, read_input

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


@pytest.fixture
def loaded(database: Database) -> Database:
    load_input(database, read_input("seed", []))
    return database


def test_every_console_example_runs(cli: CliRunnerFor, loaded: Database) -> None:
    commands = [
        line.strip()[2:]
        for block in blocks("console")
        for line in block.splitlines()
        if line.strip().startswith("$ ")
    ]
    assert "explorer load --commit-every 50000 --format json" in commands  # in a list item
    assert commands
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "explorer"
        result = cli(*args[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert result.stdout.strip(), command


def test_the_python_example_runs(
    loaded: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    s = loaded.settings
    for name, value in (
        ("NEO4J_URI", s.uri),
        ("NEO4J_USER", s.user),
        ("NEO4J_PASSWORD", s.password),
    ):
        monkeypatch.setenv(name, value)
    (code,) = blocks("python")
    exec(compile(code, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "[1, 2" in out
    assert "'Russia'" in out
    assert "China" in out


def test_the_questions_the_curated_data_answers_are_answered(
    cli: CliRunnerFor, loaded: Database
) -> None:
    table = README.split("Four questions the curated data answers")[1].split("\n\n")[1]
    commands = re.findall(r"^\|[^|]+\| `(explorer [^`]+)`", table, flags=re.M)
    assert len(commands) == 4
    for command in commands:
        result = cli(*shlex.split(command)[1:])
        assert result.exit_code == 0, f"{command}\n{result.output}"
        assert result.stdout.strip() and "(0 rows)" not in result.stdout, command
    arms = cli(*shlex.split(commands[2])[1:], "--format", "csv").stdout
    assert "China" in arms and "12490" in arms.replace(",", "")
    period = 'members "Collective Security Treaty" --since 1995 --until 2005'
    assert f"`explorer {period}`" in README
    assert "Uzbekistan" in cli(*shlex.split(period)).stdout
