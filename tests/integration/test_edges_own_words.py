"""The README's edge list in its own words loads as the README says (issue 15)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from conftest import CliRunnerFor

from explorer.db import Database

ROOT = Path(__file__).resolve().parents[2]
SECTION = (ROOT / "README.md").read_text("utf-8").split("**An edge list in its own words.**")[1]


def readme_example() -> tuple[list[str], list[str]]:
    """The section's command, as arguments, and the lines it shows the load saying."""
    found = re.search(r"```sh\n(explorer load .*?)```\n\n```text\n(.*?)```", SECTION, re.S)
    assert found, "the README's edges example: a sh block, then a text block of its notes"
    command, said = found.groups()
    return shlex.split(command.replace("\\\n", " "))[1:], said.splitlines()


def test_the_readme_edge_list_loads_with_the_notes_it_shows(
    cli: CliRunnerFor, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    args, said = readme_example()
    monkeypatch.chdir(ROOT)
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("note:")] == said
    owners = database.run(
        "MATCH (a:Entity)-[r:OWNS]->(:Entity {name: 'Northern Rail Holdings'}) "
        "WHERE r.raw_label = 'owned by' RETURN a.name AS owner"
    ).rows
    assert owners == [{"owner": "Aurora Capital Partners"}]
    invesco = database.run(
        "MATCH (n:Entity) WHERE n.name STARTS WITH 'INVESCO' RETURN n.name AS name ORDER BY name"
    ).rows
    assert invesco == [{"name": "INVESCO LTD."}, {"name": "INVESCO, LTD."}]
