"""A backup restores: an export of many datasets, with judgements, loads back as the same graph.

`explorer export --to csv -o DIR` of several datasets writes their records as seed files with
`datasets.csv` and `judgements.csv`; `explorer load DIR` into an empty database gives a graph
with the same content hash (every node and tie, all properties but `loaded_at`) and the same
`explorer datasets` listing (but `loaded_at`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, CliRunnerFor, empty, graph_hash

from explorer.db import Database

COW = FIXTURES / "importers" / "cow"
SIPRI = FIXTURES / "importers" / "sipri" / "export.csv"
STAKES = "owner,company,share,since\nNew Holding Ltd,gazprombank,10.5,2010\n"
EDGES = (
    "--from", "edges", "--source-column", "owner", "--target-id-column", "company",
    "--tie-type", "OWNS", "--source-kind", "Organization", "--target-kind", "Organization",
    "--property", "share", "--property", "since",
)  # fmt: skip


def ok(cli: CliRunnerFor, *args: str) -> str:
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def listed(cli: CliRunnerFor) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ok(cli, "datasets", "--format", "json"))
    return [{k: v for k, v in row.items() if k != "loaded_at"} for row in rows]


def restored(cli: CliRunnerFor, database: Database, folder: Path) -> tuple[str, str]:
    """Export to `folder`, empty the database, load the folder; the output of the load."""
    ok(cli, "export", "--to", "csv", "-o", str(folder))
    empty(database)
    result = cli("load", str(folder), "--format", "json")
    assert result.exit_code == 0, result.output
    return result.stdout, result.stderr


def combined(cli: CliRunnerFor, tmp_path: Path) -> None:
    """Curated, SIPRI, COW, an edge list on curated ids, and one merge judgement."""
    ok(cli, "load")
    ok(cli, "load", "--from", "sipri", str(SIPRI))
    ok(cli, "load", "--from", "cow", *(str(COW / f) for f in ("members.csv", "spells.csv")))
    stakes = tmp_path / "stakes.csv"
    stakes.write_text(STAKES, "utf-8")
    ok(cli, "load", str(stakes), *EDGES)
    ok(cli, "merge", "edges-new-holding-ltd", "gazprombank", "--note", "same bank")


def test_a_csv_backup_of_the_combined_graph_restores_it(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    combined(cli, tmp_path)
    before, datasets = graph_hash(database), listed(cli)
    assert len(datasets) == 4

    stdout, stderr = restored(cli, database, tmp_path / "backup")

    assert graph_hash(database) == before
    assert listed(cli) == datasets
    assert {row["dataset"] for row in json.loads(stdout)} == {d["name"] for d in datasets}
    assert "restored 1 judgement(s)" in stderr


def test_a_backup_keeps_each_records_provenance(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    combined(cli, tmp_path)
    ask = "MATCH (r:Record {id: $id}) RETURN r.dataset AS dataset, r.record AS record"
    before = database.run(ask, {"id": "edges-new-holding-ltd"}).rows
    restored(cli, database, tmp_path / "backup")
    assert database.run(ask, {"id": "edges-new-holding-ltd"}).rows == before
    assert before == [{"dataset": "edges", "record": "stakes.csv:2"}]


def test_the_real_datasets_make_one_graph_that_answers_across_them_and_restores(
    cli: CliRunnerFor, database: Database, shared_dir: Path, tmp_path: Path
) -> None:
    """Issue 12's "done when": curated + COW + SIPRI + FtM from ../shared/realdata give one
    Russia, `links Russia India` answers from several datasets, curated examples answer as
    before, and a CSV backup of it all restores the same graph."""
    real = shared_dir / "realdata"
    cow = ("alliance_v4.1_by_member.csv", "alliance_v4.1_by_dyad.csv", "states2016.csv")
    ok(cli, "load")
    examples = [("owners", "Atomstroyeksport"), ("members", "CSTO"), ("timeline", "Sechin")]
    curated_only = [ok(cli, *example) for example in examples]
    ok(cli, "load", "--from", "cow", *(str(real / "cow" / f) for f in cow))
    ok(cli, "load", "--from", "sipri", *map(str, (real / "sipri").glob("*.csv")))
    ok(cli, "load", "--from", "ftm", *map(str, (real / "opensanctions").glob("*.ftm.json")))
    russia = "MATCH (n:State {name: 'Russia'}) RETURN n.id AS id, n.datasets AS datasets"
    assert database.run(russia).rows == [{"id": "russia", "datasets": ["cow", "seed", "sipri"]}]
    twins = "MATCH (n:State) WITH n.name AS name, count(*) AS n WHERE n > 1 RETURN name"
    assert database.run(twins).rows == []
    routes = json.loads(ok(cli, "links", "Russia", "India", "--format", "json"))
    assert {"seed", "sipri", "cow"} <= {
        tie["dataset"] for r in routes for step in r["steps"] for tie in step
    }
    assert [ok(cli, *example) for example in examples] == curated_only
    before, datasets = graph_hash(database), listed(cli)

    restored(cli, database, tmp_path / "backup")

    assert graph_hash(database) == before
    assert listed(cli) == datasets


def backup_of_two(cli: CliRunnerFor, database: Database, tmp_path: Path) -> Path:
    ok(cli, "load")
    ok(cli, "load", "--from", "sipri", str(SIPRI))
    folder = tmp_path / "backup"
    ok(cli, "export", "--to", "csv", "-o", str(folder))
    empty(database)
    return folder


def refused(cli: CliRunnerFor, database: Database, folder: Path) -> str:
    result = cli("load", str(folder))
    assert result.exit_code == 1
    assert database.run("MATCH (n) RETURN count(n) AS n").rows == [{"n": 0}]
    return result.output


def test_a_backup_naming_a_dataset_without_rows_is_refused(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    folder = backup_of_two(cli, database, tmp_path)
    with (folder / "datasets.csv").open("a", encoding="utf-8") as out:
        out.write("ghost,1,ghost.csv,3,2,9\n")
    assert f"{folder / 'datasets.csv'}:4: nodes: 3 nodes and 2 ties" in refused(
        cli, database, folder
    )


def test_a_backup_with_an_unknown_verdict_is_refused(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    folder = backup_of_two(cli, database, tmp_path)
    (folder / "judgements.csv").write_text(
        "a,b,verdict,at,note\nrussia,sipri-russia,maybe,,\n", "utf-8"
    )
    output = refused(cli, database, folder)
    assert f"{folder / 'judgements.csv'}:2: verdict: 'maybe' is not one of" in output


def test_an_ftm_export_of_two_datasets_keeps_both_names(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli, "load")
    ok(cli, "load", "--from", "sipri", str(SIPRI))
    datasets = [d["name"] for d in listed(cli)]
    lines = tmp_path / "graph.ftm.json"
    ok(cli, "export", "--to", "ftm", "-o", str(lines))
    empty(database)
    ok(cli, "load", "--from", "ftm", str(lines))
    assert [d["name"] for d in listed(cli)] == datasets == ["seed", "sipri"]


def test_a_dry_run_of_a_backup_reports_every_dataset_and_writes_nothing(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    folder = backup_of_two(cli, database, tmp_path)
    result = cli("load", str(folder), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would load" in result.stderr and "rows of seed" in result.stderr
    assert "rows of sipri" in result.stderr
    assert database.run("MATCH (n) RETURN count(n) AS n").rows == [{"n": 0}]


@pytest.mark.parametrize("option", ["--commit-every", "--bulk"])
def test_a_backup_is_restored_in_one_transaction_only(
    cli: CliRunnerFor, database: Database, tmp_path: Path, option: str
) -> None:
    folder = backup_of_two(cli, database, tmp_path)
    args = [option, "1000"] if option == "--commit-every" else [option]
    result = cli("load", str(folder), *args)
    assert result.exit_code == 2
    assert "several datasets are loaded in one transaction" in result.output
