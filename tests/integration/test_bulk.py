"""`--bulk`: neo4j-admin import into an empty local server gives the graph a load would."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import graph_hash, wrong_links
from harness import can_run_local, running_local

from explorer.bulk import bulk_load, local_instance
from explorer.db import Database
from explorer.loading import load_input, read_input
from explorer.server.instance import Instance
from explorer.settings import Settings
from loader.errors import ExplorerError


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Instance, Settings]]:
    if why := can_run_local():
        pytest.skip(f"--bulk needs a local server: {why}")
    home = tmp_path_factory.mktemp("bulk") / "neo4j"
    with running_local(home) as instance:
        yield instance, Settings(uri=instance.bolt_uri, password=instance.password or "")


def test_bulk_import_gives_the_graph_a_transactional_load_gives(
    server: tuple[Instance, Settings], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    instance, settings = server
    monkeypatch.chdir(tmp_path)
    seed = read_input("seed", [])
    with Database(settings) as db:
        load_input(db, seed)
        loaded = graph_hash(db)
        db.run("MATCH (n) DETACH DELETE n", write=True)
    said: list[str] = []
    report = bulk_load(local_instance(settings, instance.home), settings, seed, said.append)
    assert report.rows == len(seed.nodes) + len(seed.ties)
    assert said[-2:] == [
        "creating constraints and indexes ...",
        "grouping records that share strong keys ...",
    ]
    with Database(settings) as db:
        assert graph_hash(db) == loaded
        assert wrong_links(db) == []
        again = load_input(db, seed)
    assert not again.changed
    assert list(tmp_path.iterdir()) == [], "neo4j-admin's report stays in its scratch folder"


def test_bulk_refuses_a_database_that_holds_anything(server: tuple[Instance, Settings]) -> None:
    instance, settings = server
    seed = read_input("seed", [])
    with Database(settings) as db:
        load_input(db, seed)
    with pytest.raises(ExplorerError, match=r"holds \d+ nodes"):
        bulk_load(instance, settings, seed, print)


def test_bulk_refuses_a_server_that_is_not_the_local_one(
    server: tuple[Instance, Settings], tmp_path: Path
) -> None:
    _, settings = server
    with pytest.raises(ExplorerError, match="needs the local server"):
        local_instance(settings, tmp_path)
