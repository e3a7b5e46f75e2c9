"""The local server's set-up, without starting one: versions, config, prerequisites."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.server import prerequisites
from explorer.server.instance import Instance
from explorer.server.paths import APOC_VERSION, BROWSER_VERSION, NEO4J_VERSION
from loader.errors import ExplorerError


def pom(name: str) -> str:
    return (resources.files("explorer.server") / "maven" / name).read_text("utf-8")


def test_the_maven_descriptors_pin_the_versions_the_code_expects() -> None:
    assert f"<neo4j.version>{NEO4J_VERSION}</neo4j.version>" in pom("server.pom.xml")
    assert f"<browser.version>{BROWSER_VERSION}</browser.version>" in pom("server.pom.xml")
    assert f"<apoc.version>{APOC_VERSION}</apoc.version>" in pom("apoc.pom.xml")
    assert NEO4J_VERSION.startswith("5.26.")


def test_the_config_listens_on_loopback_only_and_keeps_auth(tmp_path: Path) -> None:
    config = Instance(tmp_path, bolt_port=7700, http_port=7701).config(tmp_path / "dist")
    listen = [line for line in config.splitlines() if "listen_address" in line]
    assert listen and all("=127.0.0.1" in line for line in listen)
    assert "dbms.security.auth_enabled=true" in config
    assert "server.bolt.listen_address=127.0.0.1:7700" in config


def test_a_test_server_may_run_without_auth(tmp_path: Path) -> None:
    assert "dbms.security.auth_enabled=false" in Instance(tmp_path, auth=False).config(tmp_path)


@pytest.mark.parametrize(("output", "major"), [
    ('openjdk version "17.0.15" 2025-04-15', 17),
    ('java version "1.8.0_401"', 8),
    ('openjdk version "21" 2023-09-19', 21),
    ("no version here", None),
])  # fmt: skip
def test_java_versions_are_read_from_java_version_output(output: str, major: int | None) -> None:
    assert prerequisites.java_major(output) == major


def test_missing_java_says_so_and_points_to_docker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prerequisites.shutil, "which", lambda _: None)
    with pytest.raises(ExplorerError) as caught:
        prerequisites.require_java()
    assert "Java 17 or later is needed" in str(caught.value)
    assert "docker compose up -d" in str(caught.value)


def test_server_start_without_maven_says_so_and_points_to_docker(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(prerequisites.shutil, "which", lambda _: None)
    env = {"EXPLORER_CACHE": str(tmp_path / "cache"), "EXPLORER_SERVER_DIR": str(tmp_path / "home")}
    result = CliRunner().invoke(main, ["server", "start", "--bolt-port", "1"], env=env)
    assert result.exit_code == 1
    assert re.search(r"Error: Maven is needed .*docker compose up -d", result.output)


def test_status_of_a_server_that_is_not_there_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["server", "status", "--bolt-port", "1"], env={"EXPLORER_SERVER_DIR": str(tmp_path)}
    )
    assert result.exit_code == 1
    assert result.output.startswith("bolt://127.0.0.1:1 does not answer (no local server running")


def test_version_is_printed() -> None:
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("explorer, version ")
