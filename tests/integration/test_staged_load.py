"""Staged loads: checked beside the graph, published in bounded transactions, all or nothing,
finished by the next load when stopped while publishing."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from conftest import CliRunnerFor, graph_hash, wrong_links

from explorer.db import Database
from explorer.loading import load_input
from loader import staging, synthetic
from loader.errors import ExplorerError, InputError
from loader.importers.base import ImportResult
from loader.records import Node, Tie
from loader.schema import load_schema

SIZE = 1200
STAGING = "MATCH (n) WHERE n:Load OR n:LoadStage OR n:LoadLock RETURN count(n) AS n"


def first(size: int = SIZE) -> tuple[list[Node], list[Tie]]:
    return list(synthetic.nodes(size)), list(synthetic.ties(size))


def second() -> tuple[list[Node], list[Tie]]:
    """The first version with changes of every sort: rows changed, left out and added."""
    nodes, ties = first()
    for node in nodes[:100]:
        node.props["description"] = "changed"
    for tie in ties[:100]:
        tie.props["note"] = "changed"
    kept = nodes[: len(nodes) - 10]
    ids = {n.id for n in kept}
    return kept, [t for t in ties[200:] if t.source in ids and t.target in ids]


def quiet(_: int) -> None:
    """Progress nobody watches."""


def load(db: Database, version: tuple[list[Node], list[Tie]], **options: Any) -> Any:
    return load_input(db, ImportResult(*version, {}, "syn"), **options)


def staging_left(db: Database) -> int:
    return int(db.run(STAGING, write=True).rows[0]["n"])


@pytest.fixture
def expected(database: Database) -> str:
    """The graph that loading the first version, then the second, makes (one transaction each)."""
    load(database, first())
    load(database, second())
    found = graph_hash(database)
    database.run("MATCH (n) DETACH DELETE n", write=True)
    return found


def test_a_staged_load_lands_the_same_graph_as_one_transaction(
    database: Database, expected: str
) -> None:
    load(database, first(), commit_every=400)
    report = load(database, second(), commit_every=400)
    assert report.transactions > 1
    assert graph_hash(database) == expected
    assert wrong_links(database) == []
    assert staging_left(database) == 0


def test_a_staged_load_with_bad_input_changes_nothing_and_leaves_no_stage(
    database: Database,
) -> None:
    load(database, first())
    before = graph_hash(database)
    nodes, ties = second()
    ties[-1].target = "nobody-at-all"
    with pytest.raises(InputError, match="no entity with id 'nobody-at-all'"):
        load(database, (nodes, ties), commit_every=400)
    assert graph_hash(database) == before
    assert staging_left(database) == 0


def test_a_staged_load_refuses_a_name_too_long_for_the_indexes_naming_its_row(
    database: Database,
) -> None:
    nodes, ties = first()
    nodes[5].props["name"] = "z" * 9000
    with pytest.raises(InputError) as refused:
        load(database, (nodes, ties), commit_every=400)
    [problem] = refused.value.problems
    assert (problem.field, problem.message) == (
        "name",
        "9,000 bytes long: Neo4j indexes take at most 8,000",
    )
    assert graph_hash(database) == graph_hash_of_empty(database)


def graph_hash_of_empty(db: Database) -> str:
    assert db.run("MATCH (n) RETURN count(n) AS n", write=True).rows[0]["n"] == 0
    return graph_hash(db)


class Crash(BaseException):
    """The loading process dying: nothing of the loader runs after it."""


def crash_after(rows: int, monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    """Make the publish of ties stop after `rows` rows."""
    staged = staging._staged

    def stopping(driver: Any, database: str, load: str, part: str) -> Iterator[list[Any]]:
        for done, row in enumerate(staged(driver, database, load, part)):
            if part == "ties" and done == rows:
                raise exc
            yield row

    monkeypatch.setattr(staging, "_staged", stopping)


def test_a_load_stopped_while_publishing_blocks_readers_and_the_next_load_finishes_it(
    database: Database, expected: str, cli: CliRunnerFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(database, first())
    crash_after(600, monkeypatch, Crash())
    with pytest.raises(Crash):
        load(database, second(), commit_every=400)
    monkeypatch.undo()
    with pytest.raises(ExplorerError, match="'syn' is being published by a load"):
        database.run("MATCH (n:Entity) RETURN count(n) AS n")
    refused = cli("neighbors", "syn-0")
    assert refused.exit_code == 1
    assert "being published" in refused.output and "Traceback" not in refused.output
    [finished] = staging.resume(database.driver, database.settings.database, load_schema(), quiet)
    assert finished.dataset == "syn"
    assert graph_hash(database) == expected
    assert wrong_links(database) == []
    assert staging_left(database) == 0


def test_a_publish_the_server_refuses_leaves_the_dataset_marked_until_it_is_loaded_again(
    database: Database, expected: str, cli: CliRunnerFor, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(database, first())
    crash_after(600, monkeypatch, RuntimeError("refused"))
    with pytest.raises(RuntimeError) as refused:
        load(database, second(), commit_every=400)
    assert "queries refuse to answer" in " ".join(refused.value.__notes__)
    monkeypatch.undo()
    said = cli("stats")
    assert said.exit_code == 1
    assert "'syn' is half loaded" in said.output and "explorer drop syn" in said.output
    staging.resume(database.driver, database.settings.database, load_schema(), quiet)
    assert staging_left(database) > 2, "a failed publish is not retried: its stage stays"
    load(database, second())
    assert graph_hash(database) == expected
    assert staging_left(database) == 0


def test_a_stage_left_by_a_load_that_died_while_staging_is_deleted_by_the_next_load(
    database: Database,
) -> None:
    load(database, first())
    before = graph_hash(database)
    said = {"load": "dead", "dataset": "syn", "version": None, "files": []}
    database.run(staging.MARK, said, write=True)
    database.run(
        staging.STAGE, {"load": "dead", "seq": 1, "part": "nodes", "rows": "[]"}, write=True
    )
    load(database, first())
    assert staging_left(database) == 0
    assert graph_hash(database) == before


def test_the_stage_of_a_load_still_running_is_left_alone(database: Database) -> None:
    said = {"load": "alive", "dataset": "syn", "version": None, "files": []}
    database.run(staging.MARK, said, write=True)
    with (
        database.driver.session(database=database.settings.database) as session,
        session.begin_transaction() as holder,
    ):
        holder.run(staging.LOCK, load="alive").consume()
        staging.resume(database.driver, database.settings.database, load_schema(), quiet)
        assert staging_left(database) == 2
    staging.resume(database.driver, database.settings.database, load_schema(), quiet)
    assert staging_left(database) == 0
