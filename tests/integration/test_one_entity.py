"""The same actor in several datasets is one entity: sure matches at load, judgements by hand,
reversible, every verb and named query seeing one entity."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import FIXTURES, CliRunnerFor, empty, graph_hash, ok, rows

from explorer.db import Database

SIPRI = FIXTURES / "importers" / "sipri" / "export.csv"


def sipri_with_india(tmp_path: Path) -> Path:
    """The SIPRI fixture (Latin-1, as SIPRI writes it), plus a Russian delivery to India."""
    lines = SIPRI.read_bytes().splitlines(keepends=True)
    peru = next(line for line in lines if line.startswith(b"Peru,Russia,"))
    path = tmp_path / "sipri.csv"
    path.write_bytes(b"".join([*lines, peru.replace(b"Peru,", b"India,", 1)]))
    return path


def states_named(database: Database, name: str) -> list[dict[str, Any]]:
    return database.run(
        "MATCH (n:State {name: $name}) RETURN n.id AS id, n.datasets AS datasets ORDER BY id",
        {"name": name},
    ).rows


def load_leaders(cli: CliRunnerFor, tmp_path: Path) -> None:
    path = tmp_path / "leaders.csv"
    path.write_text("leader,state\nPutin,russia\nBashar al-Assad,syria\n", "utf-8")
    ok(cli("load", "--from", "edges", str(path), "--dataset", "leaders", "--source-column",
           "leader", "--target-id-column", "state", "--tie-type", "LEADS",
           "--source-kind", "Person", "--target-kind", "State"))  # fmt: skip


def test_curated_and_sipri_states_are_one_entity_with_both_datasets(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    ok(cli("load", "--from", "sipri", str(sipri_with_india(tmp_path))))
    assert states_named(database, "Russia") == [{"id": "russia", "datasets": ["seed", "sipri"]}]
    found = rows(cli("find", "Russia", "--limit", "1", "--format", "json"))
    assert (found[0]["id"], found[0]["datasets"]) == ("russia", ["seed", "sipri"])
    routes = rows(cli("links", "Russia", "India", "--format", "json"))
    datasets = {tie["dataset"] for route in routes for step in route["steps"] for tie in step}
    assert {"seed", "sipri"} <= datasets


def test_a_historical_state_is_never_merged_into_its_successor(
    cli: CliRunnerFor, database: Database
) -> None:
    ok(cli("load"))
    ok(cli("load", "--from", "sipri", str(SIPRI)))
    assert states_named(database, "Soviet Union") == [
        {"id": "soviet-union", "datasets": ["seed", "sipri"]}
    ]
    assert states_named(database, "Russia") == [{"id": "russia", "datasets": ["seed", "sipri"]}]


def test_any_record_id_names_its_entity_in_verbs_and_named_queries(
    cli: CliRunnerFor, tmp_path: Path
) -> None:
    ok(cli("load"))
    ok(cli("load", "--from", "sipri", str(sipri_with_india(tmp_path))))
    ok(cli("links", "russia", "sipri-india"))
    by_record = rows(
        cli("query", "arms_recipients", "-p", "id", "sipri-russia", "--format", "json")
    )
    by_name = rows(cli("query", "arms_recipients", "-p", "id", "Russia", "--format", "json"))
    assert (
        by_record
        == by_name
        == rows(cli("query", "arms_recipients", "-p", "id", "russia", "--format", "json"))
    )
    assert {"Peru", "India"} <= {row["recipient"] for row in by_record}


def test_merge_makes_an_ambiguous_name_one_entity_and_split_restores_the_graph(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    load_leaders(cli, tmp_path)
    ambiguous = cli("links", "Putin", "Assad")
    assert ambiguous.exit_code == 1
    assert "'Putin' names 2 entities" in ambiguous.output
    before = graph_hash(database)
    ok(cli("merge", "vladimir-putin", "leaders-putin"))
    ok(cli("links", "Putin", "Assad"))
    [entity] = database.run(
        "MATCH (n:Person {name: 'Vladimir Putin'}) RETURN n.id AS id, n.records AS records"
    ).rows
    assert entity == {
        "id": "vladimir-putin",
        "records": ["vladimir-putin", "leaders-putin"],
    }
    ok(cli("split", "leaders-putin"))
    assert graph_hash(database) == before


def test_not_the_same_blocks_a_merge_through_a_third_record(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text("a,b\nIvan Petrov,Ivan Petrov Jr\nIvan Petrov Sr,Ivan Petrov Jr\n", "utf-8")
    ok(cli("load", "--from", "edges", str(path), "--dataset", "people", "--source-column", "a",
           "--target-column", "b", "--tie-type", "ASSOCIATE_OF", "--source-kind", "Person",
           "--target-kind", "Person"))  # fmt: skip
    ids = ["people-ivan-petrov", "people-ivan-petrov-jr", "people-ivan-petrov-sr"]
    ok(cli("merge", ids[0], ids[1]))
    ok(cli("judge", ids[0], ids[2], "not_same"))
    blocked = cli("merge", ids[1], ids[2])
    assert blocked.exit_code == 1
    assert "were judged not the same" in blocked.output
    through = cli("judge", ids[1], ids[2], "same")
    assert through.exit_code == 1
    assert "'not the same' judgement" in through.output
    entities = database.run(
        "MATCH (n:Person) RETURN n.id AS id, n.records AS records ORDER BY id"
    ).rows
    assert entities == [
        {"id": ids[0], "records": ids[:2]},
        {"id": ids[2], "records": [ids[2]]},
    ]


def test_dropping_a_dataset_keeps_the_entities_other_datasets_hold(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    sipri = str(sipri_with_india(tmp_path))
    ok(cli("load"))
    ok(cli("load", "--from", "sipri", sipri))
    ok(cli("drop", "seed"))
    assert states_named(database, "Russia") == [{"id": "sipri-russia", "datasets": ["sipri"]}]
    [arms] = rows(cli("neighbors", "sipri-russia", "--format", "json"))
    assert (arms["type"], arms["total"]) == ("SUPPLIED_ARMS_TO", 2)
    ok(cli("load"))
    assert states_named(database, "Russia") == [
        {"id": "sipri-russia", "datasets": ["seed", "sipri"]}
    ]
    assert len(rows(cli("neighbors", "Russia", "--format", "json"))) > 5


def test_the_dataset_loaded_first_gives_an_entity_its_id_and_name(
    cli: CliRunnerFor, database: Database
) -> None:
    ok(cli("load", "--from", "sipri", str(SIPRI)))
    ok(cli("load"))
    assert states_named(database, "Russia") == [
        {"id": "sipri-russia", "datasets": ["seed", "sipri"]}
    ]
    ok(cli("links", "russia", "Peru"))


def test_resolve_proposes_explained_pairs_and_review_keeps_each_answer(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    path = tmp_path / "leaders.csv"
    path.write_text("leader,state\nPutin Vladimir,russia\nIgor Setchin,russia\n", "utf-8")
    ok(cli("load", "--from", "edges", str(path), "--dataset", "leaders", "--source-column",
           "leader", "--target-id-column", "state", "--tie-type", "LEADS",
           "--source-kind", "Person", "--target-kind", "State"))  # fmt: skip
    proposed = rows(cli("resolve", "--format", "json"))
    pairs = [(row["a"], row["b"]) for row in proposed]
    putin = ("leaders-putin-vladimir", "vladimir-putin")
    sechin = ("igor-sechin", "leaders-igor-setchin")
    assert putin in pairs and sechin in pairs
    assert all(row["reasons"] for row in proposed)
    answers = {putin: "s", sechin: "u"}
    typed = "".join(answers.get(pair, "k") + "\n" for pair in pairs)
    reviewed = ok(cli("review", input=typed))
    assert "Putin Vladimir" in reviewed.stdout
    judged = rows(cli("judgements", "--format", "json"))
    assert [(j["a"], j["b"], j["verdict"]) for j in judged] == [
        ("igor-sechin", "leaders-igor-setchin", "unsure"),
        ("leaders-putin-vladimir", "vladimir-putin", "same"),
    ]
    [entity] = database.run(
        "MATCH (:Record {id: 'leaders-putin-vladimir'})-[:RECORD_OF]->(e) RETURN e.id AS id"
    ).rows
    assert entity == {"id": "vladimir-putin"}
    again = [(row["a"], row["b"]) for row in rows(cli("resolve", "--format", "json"))]
    assert putin not in again and sechin not in again


def test_a_judgement_outlives_dropping_and_reloading_its_dataset(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    load_leaders(cli, tmp_path)
    ok(cli("merge", "vladimir-putin", "leaders-putin"))
    ok(cli("drop", "leaders"))
    load_leaders(cli, tmp_path)
    ok(cli("links", "Putin", "Assad"))
    ask = "MATCH (:Record {id: 'leaders-putin'})-[:RECORD_OF]->(e) RETURN e.id AS id"
    assert database.run(ask).rows == [{"id": "vladimir-putin"}]


def test_judgements_kept_in_a_file_come_back_after_rebuilding_the_database(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    load_leaders(cli, tmp_path)
    ok(cli("merge", "vladimir-putin", "leaders-putin", "--note", "same man"))
    merged = graph_hash(database)
    kept = tmp_path / "judgements.csv"
    kept.write_text(ok(cli("judgements", "--format", "csv")).stdout, "utf-8")
    empty(database)
    ok(cli("load"))
    load_leaders(cli, tmp_path)
    ok(cli("judgements", "--apply", str(kept)))
    assert graph_hash(database) == merged
    kept.write_text("a,b,verdict\nputin,leaders-putin,maybe\n", "utf-8")
    refused = cli("judgements", "--apply", str(kept))
    assert refused.exit_code == 1
    assert f"{kept}:2: verdict: 'maybe' is not one of" in refused.output
