"""Loads against a real Neo4j: idempotent, exact updates, all or nothing."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, CliRunnerFor, graph_hash
from harness import running_local

from explorer.db import Database, translate_errors
from explorer.loading import load_input, read_input
from loader import synthetic
from loader.errors import ExplorerError
from loader.importers.base import ImportResult
from loader.load import load

MINI = FIXTURES / "mini_seed"


def counts(db: Database) -> tuple[int, int]:
    n = db.run("MATCH (n:Record) RETURN count(n) AS n").rows[0]["n"]
    ties = "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r:LINKED RETURN count(r) AS n"
    r = db.run(ties).rows[0]["n"]
    return n, r


def test_loading_the_same_files_twice_changes_nothing(
    cli: CliRunnerFor, database: Database
) -> None:
    first = cli("load", str(MINI), "--format", "json")
    assert first.exit_code == 0, first.output
    before = graph_hash(database)
    second = cli("load", str(MINI), "--format", "json")
    assert second.exit_code == 0
    assert json.loads(second.stdout) == []
    assert "nothing changed" in second.stderr
    assert graph_hash(database) == before


def test_a_changed_row_updates_exactly_that_tie(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    data = tmp_path / "mini_seed"
    shutil.copytree(MINI, data)
    assert cli("load", str(data)).exit_code == 0
    ties = list(csv.DictReader((data / "ties.csv").open(encoding="utf-8")))
    ties[0]["note"] = "edited by an analyst"
    with (data / "ties.csv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ties[0]))
        writer.writeheader()
        writer.writerows(ties)
    result = cli("load", str(data), "--format", "json")
    assert json.loads(result.stdout) == [
        {"what": "tie", "name": ties[0]["type"], "created": 0, "updated": 1, "deleted": 0}
    ]
    notes = database.run(
        "MATCH ()-[r]->() WHERE r.note = 'edited by an analyst' RETURN count(r) AS n"
    )
    assert notes.rows == [{"n": 1}]


def test_dry_run_reports_but_writes_nothing(cli: CliRunnerFor, database: Database) -> None:
    result = cli("load", str(MINI), "--dry-run", "--format", "json")
    assert result.exit_code == 0
    assert sum(row["created"] for row in json.loads(result.stdout)) > 0
    assert counts(database) == (0, 0)


def test_invalid_files_are_reported_and_nothing_is_written(
    cli: CliRunnerFor, database: Database
) -> None:
    result = cli("load", str(FIXTURES / "broken_seed"))
    assert result.exit_code == 1
    assert "nothing was written" in result.output
    assert "ties.csv:3: type: unknown tie type 'OWNZ'" in result.output
    assert counts(database) == (0, 0)


def test_an_id_taken_by_another_dataset_is_refused_whole(
    cli: CliRunnerFor, database: Database
) -> None:
    assert cli("load", str(MINI)).exit_code == 0
    before = graph_hash(database)
    result = cli("load", str(MINI), "--dataset", "someone-else")
    assert result.exit_code == 1
    assert "already belongs to dataset 'mini_seed'" in result.output
    assert graph_hash(database) == before


def test_a_load_deletes_what_its_input_no_longer_has(database: Database) -> None:
    nodes = list(synthetic.nodes(200))
    ties = list(synthetic.ties(200))
    load_input(database, ImportResult(nodes, ties, {}, "syn"))
    report = load_input(database, ImportResult(nodes[:10], [], {}, "syn"))
    assert report.nodes_deleted.total() == len(nodes) - 10
    assert report.ties_deleted.total() == len(ties)
    assert counts(database) == (10, 0)


def test_a_tie_to_an_unknown_entity_is_refused(database: Database) -> None:
    nodes = list(synthetic.nodes(100))
    ties = list(synthetic.ties(100))
    ties[-1].target = "nobody-at-all"
    with pytest.raises(Exception, match="no entity with id 'nobody-at-all'"):
        load_input(database, ImportResult(nodes, ties, {}, "syn"))
    assert counts(database) == (0, 0)


def transaction_memory_limit(db: Database) -> float:
    """The server's cap on all transactions' memory, in bytes (e.g. '716.80MiB')."""
    value = db.run(
        "SHOW SETTINGS YIELD name, value "
        "WHERE name = 'dbms.memory.transaction.total.max' RETURN value"
    ).rows[0]["value"]
    number, unit = float(value.rstrip("KMGTiB")), value.lstrip("0123456789.")
    return number * 1024 ** ["B", "KiB", "MiB", "GiB", "TiB"].index(unit)


def test_a_single_transaction_load_beyond_the_servers_memory_is_refused_whole(
    database: Database,
) -> None:
    limit = transaction_memory_limit(database)
    if not 0 < limit <= 2 * 1024**3:
        pytest.skip(f"the server allows {limit / 1024**3:.1f} GiB per load: too much to fill fast")
    size = int(limit / 2500)  # a tie and its share of entities take about 2.5-6 KB
    # Streams of unknown length are loaded in one transaction (lists this long are staged).
    with pytest.raises(ExplorerError) as refused, translate_errors(database.settings):
        load(database.driver, database.settings.database, "syn", synthetic.nodes(size),
             synthetic.ties(size))  # fmt: skip
    assert "transaction.total.max" in refused.value.message
    assert refused.value.hint and refused.value.hint.startswith("nothing was written")
    assert counts(database) == (0, 0)


def test_a_server_killed_mid_load_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    with running_local(tmp_path / "neo4j") as instance:
        from neo4j import GraphDatabase

        driver = GraphDatabase.driver(instance.bolt_uri, auth=("neo4j", instance.password or ""))
        load(driver, "neo4j", "before", list(synthetic.nodes(40)), [])

        def crash(rows: int) -> None:
            if rows >= 10_000:
                instance.kill()

        with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises when the server dies
            load(
                driver,
                "neo4j",
                "syn",
                synthetic.nodes(40_000),
                synthetic.ties(40_000),
                progress=crash,
            )
        driver.close()
        instance.start()
        with GraphDatabase.driver(
            instance.bolt_uri, auth=("neo4j", instance.password or "")
        ) as fresh:
            records, _, _ = fresh.execute_query(
                "MATCH (n:Record) RETURN n.dataset AS d, count(*) AS n", database_="neo4j"
            )
        assert [(r["d"], r["n"]) for r in records] == [("before", 10)]


def test_the_shipped_dataset_loads_with_every_tie_sourced(database: Database) -> None:
    report = load_input(database, read_input("seed", []))
    assert report.nodes_created.total() > 150
    unsourced = database.run(
        "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r:LINKED AND size(coalesce(r.sources, [])) = 0 "
        "RETURN count(r) AS n"
    )
    assert unsourced.rows == [{"n": 0}]
