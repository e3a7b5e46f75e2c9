"""`--skip-invalid` / `skip_invalid=True`: the valid lines of an input load, the others are
named with file and line; without it the input is refused whole."""

from __future__ import annotations

from conftest import FIXTURES, CliRunnerFor

from explorer import Explorer
from explorer.db import Database

PARTLY = FIXTURES / "importers" / "ftm" / "partly_invalid.ftm.json"


def entity_ids(db: Database) -> list[str]:
    return [row["id"] for row in db.run("MATCH (n:Record) RETURN n.id AS id ORDER BY id").rows]


def test_without_skip_invalid_nothing_loads_and_both_lines_are_named(
    cli: CliRunnerFor, database: Database
) -> None:
    result = cli("load", "--from", "ftm", str(PARTLY))
    assert result.exit_code == 1
    assert "2 problem(s), nothing was written" in result.stderr
    assert f"{PARTLY}:3: invalid JSON" in result.stderr
    assert f"{PARTLY}:5: percentage:" in result.stderr
    assert entity_ids(database) == []


def test_skip_invalid_loads_the_valid_lines_and_lists_the_others_on_stderr(
    cli: CliRunnerFor, database: Database
) -> None:
    result = cli("load", "--from", "ftm", str(PARTLY), "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "skipped 2 record(s): invalid (--skip-invalid)" in result.stderr
    assert f"  {PARTLY}:3: invalid JSON" in result.stderr
    assert f"  {PARTLY}:5: percentage: 'about half'" in result.stderr
    assert entity_ids(database) == ["ftm-c1", "ftm-o1", "ftm-p1"]


def test_the_api_names_the_lines_left_out(database: Database) -> None:
    with Explorer(database.settings) as explorer:
        loaded = explorer.load(PARTLY, fmt="ftm", skip_invalid=True)
    assert [(problem.file, problem.line) for problem in loaded.invalid] == [
        (str(PARTLY), 3),
        (str(PARTLY), 5),
    ]
    assert loaded.skipped == {"invalid (--skip-invalid)": 2}
