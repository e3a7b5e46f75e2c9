"""The `--help` examples of the commands that resolve entities run, in order, on the curated
data with the Archigos leaders beside it (what they are written for), each answering."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CliRunnerFor, empty, help_examples

from explorer.db import Database
from explorer.loading import load_input, read_input
from explorer.settings import Settings

LEADERS = (
    Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "archigos" / "leaders.csv"
)
# In the order a user takes them: look, decide, undo, judge, and drop the second dataset.
COMMANDS = ("resolve", "review", "merge", "split", "judge", "drop")


@pytest.fixture(scope="module")
def two_datasets(neo4j_settings: Settings) -> Iterator[Settings]:
    with Database(neo4j_settings) as db:
        empty(db)
        load_input(db, read_input("seed", []))
        load_input(db, read_input("archigos", [LEADERS]))
    yield neo4j_settings


def examples() -> list[list[str]]:
    return [shlex.split(text)[1:] for name in COMMANDS for text in help_examples(name)]


def test_every_resolution_command_has_an_example() -> None:
    assert {e[0] for e in examples()} == set(COMMANDS)


@pytest.mark.parametrize("args", examples(), ids=" ".join)
def test_a_help_example_of_a_resolution_command_answers(
    two_datasets: Settings, args: list[str]
) -> None:
    result = CliRunnerFor(two_datasets)(*args, input="q\n")
    assert result.exit_code == 0, f"{args}\n{result.output}"
    if "--format" in args:
        assert json.loads(result.stdout), args
    assert result.output.strip() and "(0 rows)" not in result.output, args
    assert "nothing to review" not in result.output, args
