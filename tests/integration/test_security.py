"""Each attack of issue 11 fails against a local server, fresh or upgraded from an old folder.

The session's server is started by tests/harness.py through `Instance`, so it runs the
config `explorer server start` writes; the `upgraded` server is an instance folder as an
older version left it (fixed password, `unrestricted=apoc.*`), started by the CLI.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner, Result
from conftest import CliRunnerFor
from harness import docker_answers, free_port

from explorer.api import Explorer
from explorer.cli import main
from explorer.db import Database
from explorer.server.credentials import OLD_DEFAULT_PASSWORD, accepted, password_file
from explorer.server.instance import Instance
from explorer.server.provision import provision
from explorer.settings import Settings
from loader.errors import ExplorerError

READ_FILE = "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line"
PWNED = "MATCH (n:Pwned) RETURN count(n) AS n"
SMALL = ("--heap", "1g", "--pagecache", "256m")


def our_config_or_skip() -> None:
    if os.environ.get("NEO4J_TEST_URI") or docker_answers():
        pytest.skip("checks the config of `explorer server start`, not that of another server")


def http_port(db: Database) -> int:
    rows = db.run(
        "SHOW SETTINGS YIELD name, value WHERE name = 'server.http.listen_address' RETURN value"
    ).rows
    return int(rows[0]["value"].rsplit(":", 1)[1])


def apoc_write(settings: Settings, port: int) -> str:
    """A read query that asks APOC to POST a write to the server's own HTTP API."""
    token = base64.b64encode(f"{settings.user}:{settings.password}".encode()).decode()
    body = json.dumps({"statements": [{"statement": "CREATE (:Pwned)"}]}).replace("'", "\\'")
    return (
        f"CALL apoc.load.jsonParams('http://127.0.0.1:{port}/db/neo4j/tx/commit', "
        f"{{Authorization: 'Basic {token}', `Content-Type`: 'application/json'}}, '{body}') "
        "YIELD value RETURN value"
    )


def named_query(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "attack.cypher").write_text(f"// name: attack\n// An attack.\n{text}\n", "utf-8")
    return folder


@dataclass(frozen=True)
class Target:
    settings: Settings
    http_port: int


@pytest.fixture
def target(database: Database) -> Target:
    our_config_or_skip()
    return Target(database.settings, http_port(database))


def attempts(target: Target, query: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run `query` as `explorer cypher`, as `Explorer().cypher` and as a named query: each
    must fail with a one-line error."""
    cli = CliRunnerFor(target.settings)
    result = cli("cypher", query)
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    with Explorer(target.settings) as ex, pytest.raises(ExplorerError):
        ex.cypher(query)
    monkeypatch.setenv("EXPLORER_QUERIES_PATH", str(named_query(tmp_path / "q", query)))
    result = cli("query", "attack")
    assert result.exit_code == 1 and result.output.startswith("Error: ")


def test_a_query_cannot_read_a_file_outside_import(
    target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts(target, READ_FILE, tmp_path, monkeypatch)
    result = CliRunnerFor(target.settings)("cypher", "--write", READ_FILE)
    assert result.exit_code == 1 and "root:" not in result.output


def test_a_query_cannot_fetch_a_url(target: Target) -> None:
    url = f"http://127.0.0.1:{target.http_port}/"
    result = CliRunnerFor(target.settings)("cypher", f"LOAD CSV FROM '{url}' AS l RETURN l")
    assert result.exit_code == 1 and "blocked" in result.output


def test_apoc_cannot_write_from_a_read(
    target: Target, database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts(target, apoc_write(target.settings, target.http_port), tmp_path, monkeypatch)
    assert database.run(PWNED).rows == [{"n": 0}]


def test_a_cross_origin_post_is_refused(target: Target) -> None:
    s = target.settings
    request = urllib.request.Request(
        f"http://127.0.0.1:{target.http_port}/db/neo4j/tx/commit",
        data=json.dumps({"statements": [{"statement": "RETURN 1"}]}).encode(),
        headers={
            "Origin": "http://evil.example",
            "Content-Type": "application/json",
            "Authorization": "Basic "
            + base64.b64encode(f"{s.user}:{s.password}".encode()).decode(),
        },
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 404
    assert refused.value.headers.get("Access-Control-Allow-Origin") in (None, "")


def test_routing_and_discovery_advertise_the_configured_ports(
    target: Target, database: Database
) -> None:
    bolt = urlparse(target.settings.uri).port
    assert bolt != 7687
    table = database.run("CALL dbms.routing.getRoutingTable({}, 'neo4j') YIELD servers").rows
    addresses = {a for server in table[0]["servers"] for a in server["addresses"]}
    assert addresses == {f"127.0.0.1:{bolt}"}
    with urllib.request.urlopen(f"http://127.0.0.1:{target.http_port}/", timeout=10) as answer:
        discovery = json.load(answer)
    assert discovery["bolt_direct"] == f"bolt://127.0.0.1:{bolt}"
    assert discovery["bolt_routing"] == f"neo4j://127.0.0.1:{bolt}"


def test_neo4j_scheme_reaches_the_server_on_its_own_port(target: Target) -> None:
    bolt = urlparse(target.settings.uri).port
    routed = replace(target.settings, uri=f"neo4j://127.0.0.1:{bolt}")
    with Explorer(routed) as ex:
        assert ex.cypher("RETURN 1 AS one").rows == [{"one": 1}]


def test_a_fresh_server_has_a_random_password_that_no_one_types(tmp_path: Path) -> None:
    our_config_or_skip()
    home, bolt, http = tmp_path / "neo4j", free_port(), free_port()
    server = CliServer(home, bolt, http, start=None)
    ports = ["--bolt-port", str(bolt), "--http-port", str(http)]
    started = server.run("server", "start", *ports, *SMALL)
    try:
        assert started.exit_code == 0, started.output
        kept = password_file(home)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
        assert len(kept.read_text("utf-8").strip()) >= 32
        result = server.run("cypher", "RETURN 1 AS one", "--format", "json")
        assert result.exit_code == 0, result.output
    finally:
        Instance(home).stop()


@dataclass(frozen=True)
class CliServer:
    """A local server in its own folder, driven through the CLI as a user would."""

    home: Path
    bolt_port: int
    http_port: int
    start: Result | None

    def run(self, *args: str) -> Result:
        env = {"EXPLORER_SERVER_DIR": str(self.home), "NEO4J_PASSWORD": None}
        uri = f"bolt://127.0.0.1:{self.bolt_port}"
        return CliRunner().invoke(main, ["--uri", uri, *args], env=env, catch_exceptions=False)


def old_folder(home: Path, bolt_port: int, http_port: int) -> None:
    """An instance folder as older versions left it."""
    dist = provision()
    for sub in ("conf", "data", "logs", "run", "import"):
        (home / sub).mkdir(parents=True)
    old = Instance(home)
    old.conf_file.write_text(
        f"server.directories.lib={dist / 'lib'}\n"
        f"server.directories.plugins={dist / 'plugins'}\n"
        "server.default_listen_address=127.0.0.1\n"
        f"server.bolt.listen_address=127.0.0.1:{bolt_port}\n"
        f"server.http.listen_address=127.0.0.1:{http_port}\n"
        "server.https.enabled=false\n"
        "dbms.security.auth_enabled=true\n"
        "dbms.security.procedures.unrestricted=apoc.*\n"
        "server.memory.heap.max_size=1g\n"
        "server.memory.pagecache.size=256m\n",
        "utf-8",
    )
    old.set_initial_password(dist, OLD_DEFAULT_PASSWORD)


def warm_up(uri: str, password: str) -> None:
    """The first query of a server just started can take seconds (its query engine warms
    up), which a short timeout would stop: run one without a timeout."""
    from neo4j import GraphDatabase, Query

    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        driver.execute_query(Query("MATCH (n) RETURN count(n)", timeout=0), database_="neo4j")


@pytest.fixture(scope="module")
def upgraded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CliServer]:
    our_config_or_skip()
    home, bolt, http = tmp_path_factory.mktemp("old") / "neo4j", free_port(), free_port()
    old_folder(home, bolt, http)
    server = CliServer(home, bolt, http, start=None)
    ports = ["--bolt-port", str(bolt), "--http-port", str(http)]
    start = server.run("server", "start", *ports, *SMALL, "--tx-timeout", "8s")
    try:
        warm_up(f"bolt://127.0.0.1:{bolt}", password_file(home).read_text("utf-8").strip())
        yield replace(server, start=start)
    finally:
        Instance(home).stop()


def test_an_old_folder_gets_a_random_password_on_its_next_start(upgraded: CliServer) -> None:
    assert upgraded.start is not None and upgraded.start.exit_code == 0, upgraded.start
    kept = password_file(upgraded.home)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    uri = f"bolt://127.0.0.1:{upgraded.bolt_port}"
    assert not accepted(uri, OLD_DEFAULT_PASSWORD)
    assert accepted(uri, kept.read_text("utf-8").strip())
    status = upgraded.run("server", "status", "--bolt-port", str(upgraded.bolt_port))
    assert f"password: {kept}" in status.output


def test_the_cli_finds_the_password_without_being_told(upgraded: CliServer) -> None:
    result = upgraded.run("cypher", "RETURN 1 AS one", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"one": 1}]


def test_an_upgraded_folder_refuses_the_attacks(upgraded: CliServer) -> None:
    assert "root:" not in upgraded.run("cypher", READ_FILE).output
    password = password_file(upgraded.home).read_text("utf-8").strip()
    attack = apoc_write(Settings(password=password), upgraded.http_port)
    assert upgraded.run("cypher", attack).exit_code == 1
    assert upgraded.run("cypher", PWNED, "--format", "json").output == '[{"n": 0}]\n'


def test_a_runaway_query_is_stopped_by_the_timeout_with_one_line(upgraded: CliServer) -> None:
    result = upgraded.run("cypher", "UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN x")
    assert result.exit_code == 1
    assert result.output.startswith("Error: Neo4j stopped the query: it ran longer than")
    assert len(result.output.splitlines()) == 1


def test_a_load_is_not_stopped_by_the_timeout(upgraded: CliServer) -> None:
    result = upgraded.run("load")
    assert result.exit_code == 0, result.output
