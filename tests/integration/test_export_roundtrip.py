"""Exports of the curated graph, read back into an empty database, give the same graph.

Each test loads the curated dataset, exports it, empties the database, imports the export
and compares node, relationship and property counts and a content hash of every node and
relationship. Only what a round trip legitimately changes is left out of the comparison:

- `record` (the file and line a row came from): a CSV folder export writes its rows in a
  new order, so reloading it gives new line numbers;
- `_hash` (the loader's content hash of a row, derived from `record` and `dataset`; not
  shown by `explorer.values` anyway): changes with `record`.

The Cypher script is a full dump: it recreates the whole graph, records and judgements too,
with the same content hash.

`dataset` is kept: the CSV folder is loaded as dataset `seed`, as the original; the FtM
lines name their dataset themselves, so they load back as `seed` with no `--dataset`.
The FtM export carries our records whole, so nothing at all is left out for it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import networkx as nx
import pytest
from conftest import FIXTURES, CliRunnerFor, empty, graph_hash

from explorer.db import Database
from explorer.loading import load_input, read_input

Snapshot = tuple[int, int, int, str]


@pytest.fixture
def seeded(database: Database) -> Database:
    load_input(database, read_input("seed", []))
    return database


def snapshot(db: Database, ignored: frozenset[str] = frozenset()) -> Snapshot:
    """Node, relationship and property counts, and a hash of all of them, less `ignored`."""
    nodes = db.run("MATCH (n:Entity) RETURN labels(n) AS labels, properties(n) AS props").rows
    ties = db.run(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT r:LINKED "
        "RETURN a.id AS a, type(r) AS type, properties(r) AS props, b.id AS b"
    ).rows
    for row in nodes + ties:
        row["props"] = {k: v for k, v in row["props"].items() if k not in ignored}
        row["labels"] = sorted(row.get("labels", []))
    properties = sum(len(row["props"]) for row in nodes + ties)
    text = json.dumps(sorted(json.dumps(row, sort_keys=True) for row in nodes + ties))
    return len(nodes), len(ties), properties, hashlib.sha256(text.encode()).hexdigest()


def export(cli: CliRunnerFor, fmt: str, out: Path) -> None:
    result = cli("export", "--to", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output


def test_a_csv_folder_export_loads_back_as_the_same_graph(
    cli: CliRunnerFor, seeded: Database, tmp_path: Path
) -> None:
    ignored = frozenset({"record", "_hash"})
    before = snapshot(seeded, ignored)
    export(cli, "csv", tmp_path / "backup")
    assert sorted(p.name for p in (tmp_path / "backup").iterdir()) == [
        "entities.csv",
        "sources.csv",
        "ties.csv",
    ]
    empty(seeded)
    result = cli("load", str(tmp_path / "backup"), "--dataset", "seed")
    assert result.exit_code == 0, result.output
    assert snapshot(seeded, ignored) == before


def test_an_ftm_export_loads_back_as_exactly_the_same_graph(
    cli: CliRunnerFor, seeded: Database, tmp_path: Path
) -> None:
    before = snapshot(seeded)
    export(cli, "ftm", tmp_path / "graph.ftm.json")
    empty(seeded)
    result = cli("load", "--from", "ftm", str(tmp_path / "graph.ftm.json"))  # keeps `seed`
    assert result.exit_code == 0, result.output
    assert "skipped" not in result.stderr
    assert snapshot(seeded) == before


def test_the_cypher_script_recreates_the_same_graph_records_judgements_and_all(
    cli: CliRunnerFor, seeded: Database, tmp_path: Path
) -> None:
    sipri = FIXTURES / "importers" / "sipri" / "export.csv"
    assert cli("load", "--from", "sipri", str(sipri)).exit_code == 0
    assert cli("merge", "hezbollah", "sipri-hezbollah-lebanon").exit_code == 0
    before = graph_hash(seeded)
    export(cli, "cypher", tmp_path / "graph.cypher")
    empty(seeded)
    # String literals in the script escape their newlines, so ";\n" only ends statements.
    script = (tmp_path / "graph.cypher").read_text("utf-8")
    for statement in filter(str.strip, script.split(";\n")):
        seeded.run(statement, write=True)
    assert graph_hash(seeded) == before
    loaded_at = "MATCH (d:Dataset) RETURN d.name AS name, d.loaded_at AS at ORDER BY name"
    assert all(row["at"] for row in seeded.run(loaded_at).rows)


def test_a_graphml_export_reads_in_networkx_with_every_node_and_tie(
    cli: CliRunnerFor, seeded: Database, tmp_path: Path
) -> None:
    nodes, ties, _, _ = snapshot(seeded)
    export(cli, "graphml", tmp_path / "graph.graphml")
    graph = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, ties)
    assert graph.nodes["gazprombank"]["kind"] == "Organization"
