"""`explorer cypher` against a real server: rows, formats, read-only by default, errors."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import CliRunnerFor
from harness import free_port

from explorer.cli import main
from explorer.db import Database


def test_prints_rows_as_json(cli: CliRunnerFor) -> None:
    result = cli("cypher", "RETURN 1 AS x", "--format", "json")
    assert result.exit_code == 0
    assert result.output == '[{"x": 1}]\n'


def test_takes_parameters_as_json_or_text(cli: CliRunnerFor) -> None:
    result = cli(
        "cypher",
        "RETURN $n + 1 AS n, $s AS s",
        "-p",
        "n",
        "41",
        "-p",
        "s",
        "abc",
        "--format",
        "json",
    )
    assert json.loads(result.output) == [{"n": 42, "s": "abc"}]


def test_reads_the_query_from_stdin(cli: CliRunnerFor) -> None:
    result = cli("cypher", "--format", "csv", input="UNWIND [1, 2] AS i RETURN i")
    assert result.output == "i\n1\n2\n"


def test_refuses_writes_without_the_write_flag(cli: CliRunnerFor, database: Database) -> None:
    result = cli("cypher", "CREATE (:Probe)")
    assert result.exit_code == 1
    assert "pass --write" in result.output
    assert database.run("MATCH (n:Probe) RETURN count(n) AS n").rows == [{"n": 0}]


def test_writes_with_the_write_flag(cli: CliRunnerFor, database: Database) -> None:
    assert cli("cypher", "CREATE (:Probe)", "--write").exit_code == 0
    assert database.run("MATCH (n:Probe) RETURN count(n) AS n").rows == [{"n": 1}]


def test_reports_a_syntax_error_in_one_message_with_its_position(cli: CliRunnerFor) -> None:
    result = cli("cypher", "RETRN 1")
    assert result.exit_code == 1
    assert "line 1, column 1" in result.output
    assert "Traceback" not in result.output


def test_wrong_credentials_give_one_line_and_exit_1(cli: CliRunnerFor) -> None:
    s = cli.settings
    result = CliRunner().invoke(
        main, ["--uri", s.uri, "--password", "wrong-password", "cypher", "RETURN 1"]
    )
    assert result.exit_code == 1
    assert result.output == (
        f"Error: Neo4j at {s.uri} refused the credentials of user 'neo4j'; "
        "set NEO4J_USER and NEO4J_PASSWORD, or pass --user and --password\n"
    )


def test_a_dead_server_gives_one_line_naming_the_uri_and_how_to_start_one() -> None:
    uri = f"bolt://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(main, ["--uri", uri, "cypher", "RETURN 1"])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: cannot reach Neo4j at {uri}; "
        "start one with `explorer server start`, or `docker compose up -d`\n"
    )


def test_writes_may_batch_themselves_in_transactions(cli: CliRunnerFor, database: Database) -> None:
    assert (
        cli("cypher", "UNWIND range(1, 30) AS i CREATE (:Probe {i: i})", "--write").exit_code == 0
    )
    result = cli(
        "cypher",
        "MATCH (n:Probe) CALL (n) { DELETE n } IN TRANSACTIONS OF 10 ROWS RETURN count(*) AS n",
        "--write",
        "--format",
        "json",
    )
    assert result.stdout == '[{"n": 30}]\n'
    assert database.run("MATCH (n:Probe) RETURN count(n) AS n").rows == [{"n": 0}]
