"""Real public datasets through `explorer load --from ...` into a real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import FIXTURES, CliRunnerFor

from explorer.db import Database


def loaded(cli: CliRunnerFor, *args: str) -> dict[str, int]:
    result = cli("load", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return {row["name"]: row["created"] for row in json.loads(result.stdout)}


def test_opensanctions_entities_load_with_provenance_and_reload_idempotently(
    cli: CliRunnerFor, database: Database, shared_dir: Path
) -> None:
    path = str(shared_dir / "realdata" / "opensanctions" / "yente_zala_entities.ftm.json")
    created = loaded(cli, "--from", "ftm", path)
    assert created["OWNS"] == 14
    assert created["Sanction"] == 41
    assert (created["Address"], created["LOCATED_AT"], created["IDENTIFIES"]) == (11, 11, 1)
    assert loaded(cli, "--from", "ftm", path) == {}
    unsourced = database.run(
        "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r:LINKED "
        "AND (r.dataset IS NULL OR r.record IS NULL OR r.sources IS NULL) "
        "RETURN count(r) AS n"
    )
    assert unsourced.rows == [{"n": 0}]
    stakes = database.run(
        "MATCH (a)-[r:OWNS]->(b) WITH a, b, collect(r.share) AS shares WHERE size(shares) = 3 "
        "RETURN shares"
    )
    assert sorted(stakes.rows[0]["shares"]) == [48.0, 50.0, 51.0]
    russian = database.run(
        "MATCH (n:Record {dataset: 'opensanctions'}) WHERE 'ru' IN n.country_codes "
        "RETURN count(n) AS n"
    )
    assert russian.rows == [{"n": 11 + 6}]  # people and companies, and addresses


def test_cow_alliances_load_states_agreements_and_memberships(
    cli: CliRunnerFor, database: Database, shared_dir: Path
) -> None:
    cow = shared_dir / "realdata" / "cow"
    files = ("alliance_v4.1_by_member.csv", "alliance_v4.1_by_dyad.csv", "states2016.csv")
    created = loaded(cli, "--from", "cow", *(str(cow / f) for f in files))
    assert created == {"State": 217, "Agreement": 414, "PARTY_TO": 1221, "ALLIED_WITH": 3219}
    russia = database.run(
        "MATCH (:State {cow_code: 365})-[r:PARTY_TO]->(a:Agreement) RETURN count(a) AS n"
    )
    assert russia.rows[0]["n"] > 10


def test_the_sipri_register_loads_every_repairable_record(
    cli: CliRunnerFor, database: Database, shared_dir: Path
) -> None:
    register = (
        shared_dir / "realdata" / "sipri" / "sipri_trade_register_all_years_gen2025-03-13.csv"
    )
    created = loaded(cli, "--from", "sipri", str(register))
    assert created["SUPPLIED_ARMS_TO"] == 29146
    multi = database.run(
        "MATCH ()-[r:SUPPLIED_ARMS_TO]->() WHERE size(r.delivery_years) > 1 RETURN count(r) AS n"
    )
    assert multi.rows[0]["n"] > 0
    conditions = database.run(
        "MATCH ()-[r:SUPPLIED_ARMS_TO]->() WHERE r.tiv_ordered IS NOT NULL "
        "RETURN r.condition AS condition, count(r) AS n"
    )
    assert {row["condition"]: row["n"] for row in conditions.rows} == {
        "new": 21827,
        "second_hand": 6811,
        "second_hand_modernized": 508,
    }


def test_an_edge_list_ties_new_names_to_entities_already_loaded(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    assert cli("load", str(FIXTURES / "mini_seed")).exit_code == 0
    stakes = tmp_path / "stakes.csv"
    stakes.write_text("owner,company,share,since\nNew Holding Ltd,gazprombank,10.5,2010\n", "utf-8")
    created = loaded(
        cli, "--from", "edges", str(stakes), "--source-column", "owner",
        "--target-id-column", "company", "--tie-type", "OWNS", "--source-kind", "Organization",
        "--target-kind", "Organization",
        "--property", "share", "--property", "since",
    )  # fmt: skip
    assert created == {"Organization": 1, "OWNS": 1}
    tie = database.run(
        "MATCH (a)-[r:OWNS]->(:Entity {id: 'gazprombank'}) WHERE r.dataset = 'edges' "
        "RETURN a.name AS owner, r.share AS share"
    )
    assert tie.rows == [{"owner": "New Holding Ltd", "share": 10.5}]


def test_a_broken_import_writes_nothing_and_names_file_and_line(
    cli: CliRunnerFor, database: Database
) -> None:
    bad = FIXTURES / "importers" / "edges" / "bad_rows.csv"
    result = cli(
        "load", "--from", "edges", str(bad), "--source-column", "from", "--target-column", "to",
        "--type-column", "relation", "--source-kind", "Organization", "--target-kind", "Person",
    )  # fmt: skip
    assert result.exit_code == 1
    assert "bad_rows.csv:2: relation:" in result.output
    assert database.run("MATCH (n) RETURN count(n) AS n").rows == [{"n": 0}]
