"""Fixtures: a real Neo4j for integration tests, an empty database for each test."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result
from harness import neo4j_for_tests

from explorer.api import Explorer
from explorer.cli import main
from explorer.db import Database
from explorer.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def graph_hash(db: Database) -> str:
    """A content hash of every node and tie with all their properties (labels sorted: their
    order follows the order in which the database first saw them), but when a dataset was
    loaded."""
    nodes = db.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").rows
    for node in nodes:
        node["l"].sort()
        node["p"].pop("loaded_at", None)
    ties = db.run(
        "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b"
    ).rows
    text = json.dumps(sorted(json.dumps(x, sort_keys=True) for x in nodes + ties))
    return hashlib.sha256(text.encode()).hexdigest()


# Every pair of entities and tie type whose lead is not exactly the tie of lowest id, or
# whose lead's marks do not list the pair's types.
WRONG_LINKS = """
MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT r:RECORD_OF|LINKED
WITH CASE WHEN a.id <= b.id THEN [a, b] ELSE [b, a] END AS pair, r
WITH pair, type(r) AS type, collect(r) AS ties
ORDER BY type
WITH pair, collect({type: type, ties: ties}) AS groups
WITH pair, [g IN groups | g.type] AS types, [g IN groups | size(g.ties)] AS counts,
     [g IN groups | size([t IN g.ties WHERE startNode(t) = pair[0]])] AS forward,
     [g IN groups | CASE WHEN all(t IN g.ties WHERE t.since IS NOT NULL)
      THEN reduce(m = head(g.ties).since, t IN g.ties |
                  CASE WHEN t.since < m THEN t.since ELSE m END)
      ELSE '0' END] AS starts,
     [g IN groups | CASE WHEN all(t IN g.ties WHERE t.until IS NOT NULL)
      THEN reduce(m = head(g.ties).until, t IN g.ties |
                  CASE WHEN t.until > m THEN t.until ELSE m END)
      ELSE '9' END] AS ends
OPTIONAL MATCH (x)-[l:LINKED]->(y) WHERE x = pair[0] AND y = pair[1]
WITH pair, types, counts, forward, starts, ends, collect(l) AS links
WHERE size(links) <> 1 OR links[0].types <> types OR links[0].counts <> counts
   OR links[0].forward <> forward OR links[0].starts <> starts OR links[0].ends <> ends
RETURN [n IN pair | n.id] AS pair, types, size(links) AS links
UNION ALL
MATCH (a)-[l:LINKED]->(b) WHERE a.id > b.id OR NOT EXISTS { (a)-[r]-(b) WHERE NOT r:LINKED }
RETURN [a.id, b.id] AS pair, [] AS types, 1 AS links
"""


def ok(result: Result) -> Result:
    """The result of a CLI call that must succeed (its output shown when it did not)."""
    assert result.exit_code == 0, result.output
    return result


def rows(result: Result) -> list[dict[str, Any]]:
    """The rows of a successful `--format json` CLI call."""
    found: list[dict[str, Any]] = json.loads(ok(result).stdout)
    return found


def wrong_links(db: Database) -> list[dict[str, Any]]:
    """Pairs of tied entities without one right LINKED, and LINKED without ties or from the
    end of higher id."""
    return db.run(WRONG_LINKS).rows


INTEGRATION = Path(__file__).resolve().parent / "integration"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that needs a server, so `pytest -m "not integration"` runs without one."""
    for item in items:
        uses_server = "neo4j_settings" in getattr(item, "fixturenames", ())
        if uses_server or INTEGRATION in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.integration)


def _unavailable(reason: str) -> None:
    if os.environ.get("EXPLORER_REQUIRE_NEO4J") == "1":
        pytest.fail(f"EXPLORER_REQUIRE_NEO4J=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def neo4j_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of a real Neo4j 5.26, shared by the whole session."""
    try:
        with neo4j_for_tests(tmp_path_factory.mktemp("neo4j")) as (settings, where):
            print(f"\nintegration tests use {where}")
            yield settings
    except LookupError as err:
        _unavailable(str(err))


def empty(db: Database) -> None:
    """Remove every node, constraint and index, so each test starts from nothing."""
    db.run("MATCH (n) DETACH DELETE n", write=True)
    for row in db.run("SHOW CONSTRAINTS YIELD name").rows:
        db.run("DROP CONSTRAINT $name", {"name": row["name"]}, write=True)
    for row in db.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").rows:
        db.run("DROP INDEX $name", {"name": row["name"]}, write=True)


@pytest.fixture
def database(neo4j_settings: Settings) -> Iterator[Database]:
    """An empty database on the session's server."""
    with Database(neo4j_settings) as db:
        empty(db)
        yield db


@pytest.fixture(scope="module")
def seeded(neo4j_settings: Settings) -> Iterator[Settings]:
    """The curated dataset, loaded once per module, for tests that only read it."""
    from explorer.loading import load_input, read_input

    with Database(neo4j_settings) as db:
        empty(db)
        load_input(db, read_input("seed", []))
    yield neo4j_settings


@pytest.fixture
def seeded_cli(seeded: Settings) -> CliRunnerFor:
    """Runs `explorer ...` against the curated dataset (see `seeded`)."""
    return CliRunnerFor(seeded)


@pytest.fixture
def seeded_ex(seeded: Settings) -> Iterator[Explorer]:
    """The Python API on the curated dataset (see `seeded`)."""
    with Explorer(seeded) as explorer:
        yield explorer


def help_examples(path: str) -> list[str]:
    """The examples in the `--help` of `explorer PATH` (`links`, `browser query`): each line
    that starts with `explorer `, without the description two spaces after it."""
    command: click.Command = main
    for name in path.split():
        assert isinstance(command, click.Group)
        command = command.commands[name]
    lines = (line.strip().split("  ")[0] for line in (command.help or "").splitlines())
    return [line for line in lines if line.startswith("explorer ")]


def as_json(run: CliRunnerFor, *args: str) -> Any:
    """What `explorer ARGS --format json` prints, parsed; it must exit 0."""
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def shared_dir() -> Path:
    """../shared beside the checkout; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture
def cli(database: Database) -> CliRunnerFor:
    """Runs `explorer ...` in-process against the test database."""
    return CliRunnerFor(database.settings)


class CliRunnerFor:
    """Invoke the CLI with the connection options of given settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, *args: str, input: str | None = None) -> Result:
        s = self.settings
        options = [
            "--uri",
            s.uri,
            "--user",
            s.user,
            "--password",
            s.password,
            "--database",
            s.database,
        ]
        return CliRunner().invoke(main, [*options, *args], input=input, catch_exceptions=False)
