"""A load that breaks the schema is refused whole, whatever its format: nothing is written."""

from __future__ import annotations

from conftest import FIXTURES, CliRunnerFor, graph_hash

from explorer.db import Database

OFF_SCHEMA = FIXTURES / "importers" / "ftm" / "off_schema.ftm.json"


def test_an_ftm_load_off_the_schema_writes_nothing(cli: CliRunnerFor, database: Database) -> None:
    assert cli("load", str(FIXTURES / "mini_seed")).exit_code == 0
    before = graph_hash(database)
    result = cli("load", "--from", "ftm", str(OFF_SCHEMA))
    assert result.exit_code == 1, result.output
    for line, field in [(2, "born"), (3, "share"), (5, "type"), (6, "name"), (7, "a`b")]:
        assert f"{OFF_SCHEMA}:{line}: {field}: " in result.stderr
    assert graph_hash(database) == before
