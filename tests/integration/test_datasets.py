"""Datasets own their nodes and ties: a load makes its dataset equal to its input and never
touches another; `explorer datasets` lists them and `explorer drop` removes one whole."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from conftest import FIXTURES, CliRunnerFor, graph_hash, ok

from explorer.db import Database
from explorer.loading import load_input
from loader import synthetic
from loader.errors import InputError
from loader.importers.base import ImportResult
from loader.seed import default_data_dir

MINI = FIXTURES / "mini_seed"
STAKES = [
    "--dataset", "stakes", "--source-column", "owner", "--source-id-column", "owner_id",
    "--target-id-column", "asset",
    "--tie-type", "OWNS", "--source-kind", "Person", "--target-kind", "Organization",
]  # fmt: skip


def copy_of(folder: Path, tmp_path: Path, name: str) -> Path:
    return Path(shutil.copytree(folder, tmp_path / name))


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write_rows(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


def edit_ties(folder: Path, keep: Any, change: Any = lambda row: row) -> None:
    """Rewrite ties.csv: rows for which keep(row) is false go, `change` edits the others."""
    header, *rows = rows_of(folder / "ties.csv")
    cells = [dict(zip(header, row, strict=True)) for row in rows]
    edited = [[change(c)[h] for h in header] for c in cells if keep(c)]
    write_rows(folder / "ties.csv", [header, *edited])


def is_loan(row: dict[str, str]) -> bool:
    return (row["type"], row["source"], row["target"]) == ("LENT_TO", "gazprombank", "rosatom")


def loans(db: Database) -> list[dict[str, Any]]:
    return db.run(
        "MATCH (:Entity {id: 'gazprombank'})-[r:LENT_TO]->(:Entity {id: 'rosatom'}) "
        "RETURN r.id AS id, r.since AS since, r.dataset AS dataset"
    ).rows


def load_stakes(cli: CliRunnerFor, tmp_path: Path, lines: str, *more: str) -> Result:
    path = tmp_path / "stakes.csv"
    path.write_text("owner,owner_id,asset" + (",id" if more else "") + "\n" + lines, "utf-8")
    return cli("load", "--from", "edges", str(path), *STAKES, *more)


def report(result: Result) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(ok(result).stdout)
    return rows


def test_an_edge_list_cannot_take_over_a_tie_of_another_dataset(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    [loan] = loans(database)
    before = graph_hash(database)
    path = tmp_path / "edges.csv"
    path.write_text(f"source,target,id\nrussia,gazprom,{loan['id']}\n", "utf-8")
    result = cli(
        "load", "--from", "edges", str(path), "--tie-type", "LENT_TO", "--source-id-column",
        "source", "--target-id-column", "target",
        "--source-kind", "State", "--target-kind", "Organization", "--property", "id",
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:2: id: tie id {loan['id']!r} already belongs to dataset 'seed'" in result.output
    assert graph_hash(database) == before
    links = json.loads(ok(cli("links", "Gazprombank", "Rosatom", "--format", "json")).stdout)
    direct = [t for row in links if row["hops"] == 1 for t in row["steps"][0]]
    assert [(t["type"], t["from"], t["to"]) for t in direct] == [
        ("LENT_TO", "gazprombank", "rosatom")
    ]


def test_an_edited_since_leaves_exactly_the_edited_tie(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    seed = copy_of(default_data_dir(), tmp_path, "seed")
    ok(cli("load", str(seed)))
    edit_ties(seed, lambda row: True, lambda row: {**row, "since": "2012"} if is_loan(row) else row)
    result = cli("load", str(seed), "--format", "json")
    assert report(result) == [
        {"what": "tie", "name": "LENT_TO", "created": 1, "updated": 0, "deleted": 1}
    ]
    assert [loan["since"] for loan in loans(database)] == ["2012"]


def test_removing_a_row_removes_its_tie(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    mini = copy_of(MINI, tmp_path, "mini")
    ok(cli("load", str(mini)))
    edit_ties(mini, lambda row: not is_loan(row))
    rows = report(cli("load", str(mini), "--format", "json"))
    assert {"what": "tie", "name": "LENT_TO", "created": 0, "updated": 0, "deleted": 1} in rows
    assert loans(database) == []


def test_an_end_moved_under_the_same_tie_id_moves_the_tie(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load", str(MINI)))
    ok(load_stakes(cli, tmp_path, ",putin,gazprom,putin-stake\n", "--property", "id"))
    rows = report(
        load_stakes(
            cli, tmp_path, ",putin,rosatom,putin-stake\n", "--property", "id", "--format", "json"
        )
    )
    assert rows == [{"what": "tie", "name": "OWNS", "created": 0, "updated": 1, "deleted": 0}]
    owned = database.run("MATCH (:Entity {id: 'putin'})-[:OWNS]->(b) RETURN b.id AS id").rows
    assert owned == [{"id": "rosatom"}]


def test_an_unchanged_reload_writes_nothing(cli: CliRunnerFor, database: Database) -> None:
    ok(cli("load", str(MINI)))
    recorded = database.run("MATCH (d:Dataset) RETURN properties(d) AS d").rows
    before = graph_hash(database)
    again = cli("load", str(MINI), "--format", "json")
    assert report(again) == []
    assert "nothing changed" in again.stderr
    assert graph_hash(database) == before
    assert database.run("MATCH (d:Dataset) RETURN properties(d) AS d").rows == recorded
    assert [row["d"]["name"] for row in recorded] == ["mini_seed"]


def test_a_load_that_would_remove_an_entity_another_datasets_ties_hang_on_is_refused(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    mini = copy_of(MINI, tmp_path, "mini")
    ok(cli("load", str(mini)))
    ok(load_stakes(cli, tmp_path, ",putin,gazprom\n"))
    before = graph_hash(database)
    header, *entities = rows_of(mini / "entities.csv")
    write_rows(mini / "entities.csv", [header, *(e for e in entities if e[0] != "putin")])
    edit_ties(mini, lambda row: row["source"] != "putin")
    result = cli("load", str(mini))
    assert result.exit_code == 1
    assert "1 entities no longer in the input ('putin'...) carry 1 ties of dataset 'stakes'" in (
        result.output
    )
    assert "explorer drop stakes" in result.output
    assert graph_hash(database) == before


def test_datasets_lists_each_dataset_with_its_counts(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    ok(load_stakes(cli, tmp_path, ",vladimir-putin,gazprom\nIvan Petrov,,rosatom\n"))
    listed = {row["name"]: row for row in report(cli("datasets", "--format", "json"))}
    assert list(listed) == ["seed", "stakes"]
    seed = database.run(
        "MATCH (n:Record {dataset: 'seed'}) RETURN count(n) AS nodes, "
        "COUNT { (:Entity)-[r {dataset: 'seed'}]->(:Entity) } AS ties"
    ).rows[0]
    assert (listed["seed"]["nodes"], listed["seed"]["ties"]) == (seed["nodes"], seed["ties"])
    stakes = listed["stakes"]
    assert (stakes["nodes"], stakes["ties"], stakes["files"]) == (
        1, 2, [str(tmp_path / "stakes.csv")],
    )  # fmt: skip
    assert stakes["loaded_at"] and listed["seed"]["loaded_at"]


def test_datasets_of_a_graph_loaded_before_datasets_were_recorded_are_listed(
    cli: CliRunnerFor, database: Database
) -> None:
    ok(cli("load", str(MINI)))
    database.run("MATCH (d:Dataset) DELETE d", write=True)
    [row] = report(cli("datasets", "--format", "json"))
    assert (row["name"], row["nodes"], row["ties"], row["loaded_at"]) == (
        "mini_seed", 11, 9, None,
    )  # fmt: skip


def test_dropping_an_edge_list_leaves_the_graph_as_it_was_before_it(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load"))
    before = graph_hash(database)
    ok(load_stakes(cli, tmp_path, ",vladimir-putin,gazprom\nIvan Petrov,,rosatom\n"))
    dropped = cli("drop", "stakes", "--format", "json")
    assert report(dropped) == [
        {"dataset": "stakes", "what": "node", "name": "Person", "deleted": 1},
        {"dataset": "stakes", "what": "tie", "name": "OWNS", "deleted": 2},
    ]
    assert dropped.stderr.strip() == "dropped stakes: 1 entities and 2 ties"
    assert graph_hash(database) == before


def test_dropping_seed_reports_the_edge_lists_ties_that_went_with_it(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    ok(cli("load", str(MINI), "--dataset", "seed"))
    ok(load_stakes(cli, tmp_path, ",putin,gazprom\nIvan Petrov,,rosatom\n"))
    dropped = cli("drop", "seed", "--format", "json")
    went = [row for row in report(dropped) if row["dataset"] == "stakes"]
    assert went == [{"dataset": "stakes", "what": "tie", "name": "OWNS", "deleted": 2}]
    assert "; 2 ties of dataset 'stakes' went with its entities" in dropped.stderr
    [stakes] = report(cli("datasets", "--format", "json"))
    assert (stakes["name"], stakes["nodes"], stakes["ties"]) == ("stakes", 1, 0)
    recorded = database.run("MATCH (d:Dataset {name: 'stakes'}) RETURN d.ties AS ties").rows
    assert recorded == [{"ties": 0}]


def test_dropping_an_unknown_dataset_names_the_close_ones(cli: CliRunnerFor) -> None:
    ok(cli("load", str(MINI), "--dataset", "seed"))
    result = cli("drop", "seeed")
    assert result.exit_code == 1
    assert "Error: no dataset named 'seeed'; did you mean seed?" in result.output


@pytest.mark.parametrize("options", [["--replace"], ["--dry-run"]])
def test_replace_is_the_default_and_a_dry_run_deletes_nothing(
    cli: CliRunnerFor, database: Database, tmp_path: Path, options: list[str]
) -> None:
    mini = copy_of(MINI, tmp_path, "mini")
    ok(cli("load", str(mini)))
    before = graph_hash(database)
    edit_ties(mini, lambda row: not is_loan(row))
    rows = report(cli("load", str(mini), *options, "--format", "json"))
    assert {"what": "tie", "name": "LENT_TO", "created": 0, "updated": 0, "deleted": 1} in rows
    assert (graph_hash(database) == before) == (options == ["--dry-run"])


def test_a_tie_on_an_entity_that_left_the_input_is_refused(database: Database) -> None:
    nodes, ties = list(synthetic.nodes(100)), list(synthetic.ties(100))
    load_input(database, ImportResult(nodes, ties, {}, "syn"))
    before = graph_hash(database)
    gone = ties[0].source
    kept = [node for node in nodes if node.id != gone]
    with pytest.raises(InputError, match=f"entity '{gone}' of this dataset is no longer in"):
        load_input(database, ImportResult(kept, ties, {}, "syn"))
    assert graph_hash(database) == before
