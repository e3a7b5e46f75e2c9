"""`explorer export` and the path verbs' html pages, on the curated dataset."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CliRunnerFor

from explorer.cli import main
from explorer.db import Database
from explorer.loading import load_input, read_input
from loader import synthetic
from loader.importers.base import ImportResult

STARTS = {
    "graphml": "<?xml version='1.0' encoding='utf-8'?>\n<graphml",
    "gexf": "<?xml version='1.0' encoding='utf-8'?>\n<gexf",
    "ftm": '{"id": ',
    "cypher": "// Recreates ",
    "csv": "id,type,source,source_name,target,target_name,",
    "html": "<!DOCTYPE html>",
}


@pytest.fixture
def seeded(database: Database) -> Database:
    load_input(database, read_input("seed", []))
    return database


def ftm_records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line)["explorer"] for line in text.splitlines()]


def page_graph(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    assert found is not None
    graph: dict[str, Any] = json.loads(unescape(found.group(1)))
    return graph


@pytest.mark.parametrize("fmt", sorted(STARTS))
def test_every_format_is_written_to_stdout(cli: CliRunnerFor, seeded: Database, fmt: str) -> None:
    result = cli("export", "--to", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(STARTS[fmt])
    assert re.fullmatch(r"exported 1\d\d entities and \d+ ties\n", result.stderr)


def test_an_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["export", "--to", "pdf"])
    assert result.exit_code == 2
    assert "'pdf' is not one of 'graphml', 'gexf', 'ftm', 'cypher', 'csv', 'html'" in result.output


@pytest.mark.parametrize(
    "args",
    [["--dataset", "seed", "--cypher", "RETURN 1"], ["-p", "id", "csto"]],
    ids=["two sources", "parameters without a query"],
)
def test_conflicting_options_are_usage_errors(args: list[str]) -> None:
    assert CliRunner().invoke(main, ["export", *args]).exit_code == 2


def test_a_dataset_export_holds_only_what_that_dataset_loaded(
    cli: CliRunnerFor, seeded: Database
) -> None:
    nodes = list(synthetic.nodes(100))
    load_input(seeded, ImportResult(nodes, [], {}, "syn"))
    result = cli("export", "--to", "ftm", "--dataset", "syn")
    assert result.exit_code == 0
    records = ftm_records(result.stdout)
    assert sorted(r["id"] for r in records) == sorted(n.id for n in nodes)
    assert {r["props"]["dataset"] for r in records} == {"syn"}


def test_a_named_query_export_holds_its_routes_with_whole_entities(
    cli: CliRunnerFor, seeded: Database
) -> None:
    result = cli("export", "--to", "ftm", "--query", "paths", "-p", "a", "gazprombank",
                 "-p", "b", "rosatom", "-p", "types", "OWNS,AFFILIATED_WITH")  # fmt: skip
    assert result.exit_code == 0, result.output
    records = ftm_records(result.stdout)
    nodes = {r["id"]: r for r in records if "kind" in r}
    ties = [r for r in records if "type" in r]
    assert set(nodes) == {"gazprombank", "atomstroyeksport", "rosatom"}
    assert nodes["gazprombank"]["kind"] == "Organization"
    assert nodes["gazprombank"]["props"]["category"] == "bank"  # read whole, not just the name
    assert {(t["type"], t["source"], t["target"]) for t in ties} == {
        ("OWNS", "gazprombank", "atomstroyeksport"),
        ("AFFILIATED_WITH", "rosatom", "atomstroyeksport"),  # as stored
    }
    assert all("_hash" not in t["props"] for t in ties)


def test_relationships_returned_alone_come_with_their_ends(
    cli: CliRunnerFor, seeded: Database
) -> None:
    cypher = "MATCH (:Entity {id: $id})-[r:OWNS]->() RETURN r"
    result = cli("export", "--to", "ftm", "--cypher", cypher, "-p", "id", "gazprom")
    assert result.exit_code == 0, result.output
    records = ftm_records(result.stdout)
    ends = {(r["source"], r["target"]) for r in records if "type" in r}
    assert ("gazprom", "gazprombank") in ends
    kinds = {r["id"]: r["kind"] for r in records if "kind" in r}
    assert kinds["gazprom"] == kinds["gazprombank"] == "Organization"
    assert {end for pair in ends for end in pair} <= set(kinds)


def test_a_query_without_nodes_or_ties_says_there_is_nothing_to_export(
    cli: CliRunnerFor, seeded: Database
) -> None:
    result = cli("export", "--query", "members", "-p", "id", "csto")
    assert result.exit_code == 0
    assert "nothing to export" in result.stderr


def test_an_unknown_dataset_is_refused_with_the_close_one(
    cli: CliRunnerFor, seeded: Database, tmp_path: Path
) -> None:
    result = cli("export", "--to", "csv", "--dataset", "sed", "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "no entity or tie of dataset 'sed'; did you mean seed?" in result.stderr
    assert not (tmp_path / "out").exists()


def test_links_as_html_is_a_page_of_the_routes(cli: CliRunnerFor, seeded: Database) -> None:
    result = cli("links", "Gazprombank", "Rosatom", "--format", "html")
    assert result.exit_code == 0, result.output
    assert "<title>Links between Gazprombank and Rosatom</title>" in result.stdout
    graph = page_graph(result.stdout)
    ids = {node["id"] for node in graph["nodes"]}
    assert {"gazprombank", "rosatom", "atomstroyeksport"} <= ids
    assert len(ids) == len(graph["nodes"])
    assert {(e["from"], e["to"]) for e in graph["edges"]} >= {("gazprombank", "rosatom")}


def test_neighbors_as_html_is_a_page_around_the_centre(cli: CliRunnerFor, seeded: Database) -> None:
    result = cli("neighbors", "Putin", "--via", "FRIEND_OF", "--format", "html")
    assert result.exit_code == 0, result.output
    graph = page_graph(result.stdout)
    assert "vladimir-putin" in {node["id"] for node in graph["nodes"]}
    assert graph["edges"]
    assert all("vladimir-putin" in (e["from"], e["to"]) for e in graph["edges"])


def test_verbs_that_return_no_paths_have_no_html_format() -> None:
    result = CliRunner().invoke(main, ["find", "putin", "--format", "html"])
    assert result.exit_code == 2
