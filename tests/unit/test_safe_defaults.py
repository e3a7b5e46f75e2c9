"""Safe by default, without a server: the config written, the password file, the output."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.cli.context import AppContext
from explorer.cli.output import write_rows
from explorer.server.credentials import new_password, password_file, store_password
from explorer.server.instance import Instance
from explorer.settings import Settings
from loader.errors import ExplorerError

OLD_CONF = """\
server.directories.lib=/cache/neo4j/lib
server.directories.plugins=/cache/neo4j/plugins
server.default_listen_address=127.0.0.1
server.bolt.listen_address=127.0.0.1:7711
server.http.listen_address=127.0.0.1:7712
server.https.enabled=false
dbms.security.auth_enabled=true
dbms.security.procedures.unrestricted=apoc.*
dbms.usage_report.enabled=false
server.memory.heap.initial_size=512m
server.memory.heap.max_size=3g
server.memory.pagecache.size=700m
"""
SAFE = (
    "server.http_enabled_modules=BROWSER",
    "server.bolt.advertised_address=127.0.0.1:7711",
    "server.http.advertised_address=127.0.0.1:7712",
    "dbms.security.http_access_control_allow_origin=http://127.0.0.1:7712",
    "dbms.security.procedures.allowlist=apoc.coll.*,apoc.map.*,apoc.text.*",
    "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
    "db.transaction.timeout=60s",
)
EVIL = "Evil\x1b[2J\x1b[31mRED\x9b\x7f"


def conf(instance: Instance, dist: Path) -> str:
    instance.write_config(dist)
    return instance.conf_file.read_text("utf-8")


def test_the_config_confines_files_urls_procedures_and_http(tmp_path: Path) -> None:
    text = conf(Instance(tmp_path, bolt_port=7711, http_port=7712), tmp_path / "dist")
    assert all(line in text.splitlines() for line in SAFE)
    assert f"server.directories.import={tmp_path / 'import'}" in text
    assert "unrestricted" not in text


def test_the_http_api_and_the_timeout_are_the_users_choice(tmp_path: Path) -> None:
    chosen = Instance(tmp_path, http_api=True, tx_timeout="5m")
    text = conf(chosen, tmp_path / "dist")
    assert "server.http_enabled_modules=TRANSACTIONAL_ENDPOINTS,QUERY_API_ENDPOINTS,BROWSER" in text
    assert "db.transaction.timeout=5m" in text


def test_an_old_instance_conf_is_upgraded_on_the_next_start(tmp_path: Path) -> None:
    """`explorer server start` writes the config anew; a restart that keeps the choices of
    the conf written last (as --bulk does) keeps ports and memory but not the old settings."""
    for instance in (Instance(tmp_path, bolt_port=7711, http_port=7712), Instance(tmp_path)):
        (tmp_path / "conf").mkdir(exist_ok=True)
        instance.conf_file.write_text(OLD_CONF, "utf-8")
        restarted = instance.as_configured()
        text = conf(restarted, tmp_path / "dist").splitlines()
        assert all(line in text for line in SAFE)
        assert "dbms.security.procedures.unrestricted=apoc.*" not in text
        assert "server.memory.heap.max_size=3g" in text
        assert "server.memory.pagecache.size=700m" in text


def test_a_new_password_never_starts_like_an_option_of_neo4j_admin() -> None:
    passwords = [new_password() for _ in range(2000)]
    assert not any(p.startswith("-") for p in passwords)
    assert len(set(passwords)) == 2000 and {len(p) for p in passwords} == {32}


def test_the_instance_folder_and_password_file_are_the_owners_only(tmp_path: Path) -> None:
    home = tmp_path / "neo4j"
    home.mkdir(mode=0o755)
    password_file(home).write_text("old\n", "utf-8")
    password_file(home).chmod(0o644)
    store_password(home, "s3cret")
    Instance(home).write_config(tmp_path / "dist")
    assert stat.S_IMODE(password_file(home).stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert password_file(home).read_text("utf-8") == "s3cret\n"


def test_the_cli_and_the_api_find_the_local_servers_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLORER_SERVER_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    store_password(tmp_path, "s3cret")
    assert Settings.from_env().password == "s3cret"
    cli = AppContext.from_options("neo4j://localhost:7999", "neo4j", None, "neo4j")
    assert cli.settings.password == "s3cret"
    monkeypatch.setenv("NEO4J_PASSWORD", "given")
    assert Settings.from_env().password == "given"


def test_the_local_password_is_never_sent_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXPLORER_SERVER_DIR", str(tmp_path))
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abcd.databases.neo4j.io")
    store_password(tmp_path, "s3cret")
    assert Settings.from_env().password == ""
    remote = AppContext.from_options("bolt://db.example.org", "neo4j", None, "neo4j")
    assert remote.settings.password == ""


def test_server_status_says_where_the_password_is(tmp_path: Path) -> None:
    store_password(tmp_path, "s3cret")
    result = CliRunner().invoke(
        main, ["server", "status", "--bolt-port", "1"], env={"EXPLORER_SERVER_DIR": str(tmp_path)}
    )
    assert result.output.splitlines()[1] == f"password: {tmp_path / 'password'}"


def written(fmt: str, value: str = EVIL) -> str:
    out = io.StringIO()
    write_rows([{"name": value, "aliases": [value]}], ["name", "aliases"], fmt, out)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
def test_no_format_writes_a_terminal_control_character(fmt: str) -> None:
    text = written(fmt)
    assert not {c for c in text if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0} - {"\n"}


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_escape_sequences_are_shown_escaped(fmt: str) -> None:
    assert "Evil\\x1b[2J\\x1b[31mRED\\x9b\\x7f" in written(fmt)


def test_json_keeps_the_data_exactly() -> None:
    assert json.loads(written("json"))[0]["name"] == EVIL


def test_a_table_keeps_lines_and_csv_keeps_tabs() -> None:
    assert "first\nsecond" in written("table", "first\nsecond")
    assert "a\tb" in written("csv", "a\tb")
    assert "a\\x09b" in written("table", "a\tb")


def test_markdown_cells_cannot_end_early() -> None:
    assert "a \\| b" in written("markdown", "a | b")


def test_queries_keep_the_servers_time_limit_unless_the_environment_sets_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("EXPLORER_TIMEOUT", raising=False)
    assert Settings.from_env().timeout is None
    monkeypatch.setenv("EXPLORER_TIMEOUT", "120")
    assert Settings.from_env().timeout == 120.0
    monkeypatch.setenv("EXPLORER_TIMEOUT", "soon")
    with pytest.raises(ExplorerError, match="number of seconds, 0 for none: not 'soon'"):
        Settings.from_env()
