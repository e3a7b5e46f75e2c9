"""The error contract against a real Neo4j: every user error is one line (and at most one
hint), exit 1; nothing a user types or points at makes a traceback reach them; and what a
message says was written is true."""

from __future__ import annotations

import csv
import json
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES, CliRunnerFor

from explorer.cli import main
from explorer.db import Database
from explorer.loading import load_input
from explorer.settings import Settings
from loader.importers.base import ImportResult
from loader.records import Node
from loader.report import LoadReport

BIG = "x" * (200 * 1024)  # over the csv module's default 128 KiB field limit
IMPORTERS = FIXTURES / "importers"


def lines_of(result: Result) -> list[str]:
    assert "Traceback" not in result.output
    return result.stderr.strip().splitlines()


def counts(db: Database) -> tuple[int, int]:
    n = db.run("MATCH (n:Record) RETURN count(n) AS n").rows[0]["n"]
    ties = "MATCH (:Entity)-[r]->(:Entity) WHERE NOT r:LINKED RETURN count(r) AS n"
    r = db.run(ties).rows[0]["n"]
    return n, r


@pytest.fixture
def seeded(cli: CliRunnerFor) -> CliRunnerFor:
    loaded = cli("load")
    assert loaded.exit_code == 0, loaded.output
    return cli


# query files: a broken one in EXPLORER_QUERIES_PATH does not break the packaged verbs


def test_find_works_beside_a_broken_query_file_and_warns_once(
    seeded: CliRunnerFor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.cypher").write_bytes(b"// name: mine\n\xff\n")
    monkeypatch.setenv("EXPLORER_QUERIES_PATH", str(tmp_path))
    result = seeded("find", "putin", "--format", "csv")
    assert result.exit_code == 0
    assert lines_of(result) == [
        f"warning: {tmp_path / 'mine.cypher'}:2: not UTF-8 text (byte 0xff) (query file skipped)"
    ]
    assert "vladimir-putin" in result.stdout


# Lucene: typed text is text, whatever operators it spells


def test_find_takes_lucene_operators_as_plain_text(seeded: CliRunnerFor) -> None:
    names = ["Not Guilty", "Guilty Co", "Bosnia and Herzegovina", "Herzegovina Bank"]
    made = seeded(
        "cypher", "--write",
        "UNWIND $names AS name CREATE (:Entity {id: toLower(replace(name, ' ', '-')), "
        "name: name, kind: 'Organization', aliases: []})",
        "-p", "names", json.dumps(names),
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    for text, first in (
        ("NOT Guilty", "not-guilty"),
        ("Bosnia AND Herzegovina", "bosnia-and-herzegovina"),
    ):
        found = seeded("find", text, "--format", "json")
        assert found.exit_code == 0 and lines_of(found) == []
        assert json.loads(found.stdout)[0]["id"] == first, text
    for symbols in ("&&", "||"):  # matched every name, score 0
        assert json.loads(seeded("find", symbols, "--format", "json").stdout) == []


def test_a_lucene_parse_error_is_one_line(seeded: CliRunnerFor) -> None:
    result = seeded("query", "find", "-p", "search", "(")
    assert result.exit_code == 1
    [line] = lines_of(result)
    assert line.startswith(
        "Error: Neo4j: Failed to invoke procedure `db.index.fulltext.queryNodes`"
    )


def test_a_multi_line_server_error_is_one_line(cli: CliRunnerFor) -> None:
    result = cli("cypher", "MATCH (n RETURN n")
    assert result.exit_code == 1
    [line] = lines_of(result)
    assert line.startswith("Error: Neo4j: Invalid input 'RETURN'")


def test_a_query_past_the_time_limit_is_stopped_on_the_server_with_advice(
    cli: CliRunnerFor, database: Database
) -> None:
    endless = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"
    result = cli("--timeout", "1", "cypher", endless)
    assert result.exit_code == 1
    assert lines_of(result) == [
        "Error: Neo4j stopped the query when it ran past the time limit (--timeout); narrow it "
        "(a smaller --depth or --max-hops, --via TYPE, a lower --limit or --cap), or allow more "
        "time: explorer --timeout 120 ..."
    ]
    running = database.run(
        "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery = $q", {"q": endless}
    )
    assert running.rows == []


def test_a_time_limit_that_is_not_a_number_of_seconds_is_refused(cli: CliRunnerFor) -> None:
    assert cli("--timeout", "-1", "find", "Putin").exit_code == 2
    refused = CliRunner().invoke(main, ["find", "Putin"], env={"EXPLORER_TIMEOUT": "soon"})
    assert refused.exit_code == 2
    assert "'soon' is not a valid float" in refused.output


# a refused write: the hint names an option of the command that failed, or none


def test_cypher_that_writes_is_refused_with_the_write_option_as_hint(cli: CliRunnerFor) -> None:
    result = cli("cypher", "CREATE (n:Entity) RETURN n")
    assert result.exit_code == 1
    assert lines_of(result) == [
        "Error: the query writes, and it ran in a read transaction, so nothing was written; "
        "pass --write to allow it"
    ]


def test_export_and_named_queries_that_write_are_refused_without_a_write_hint(
    cli: CliRunnerFor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "scribble.cypher").write_text(
        "// name: scribble\n// Writes.\nCREATE (n:Entity) RETURN n\n", "utf-8"
    )
    monkeypatch.setenv("EXPLORER_QUERIES_PATH", str(tmp_path))
    refused = "Error: the query writes, and it ran in a read transaction, so nothing was written"
    for args in (["query", "scribble"], ["export", "--cypher", "CREATE (n:Entity) RETURN n"]):
        result = cli(*args)
        assert result.exit_code == 1
        assert lines_of(result) == [refused]


# export: a path that cannot be written is one line naming it


@pytest.mark.parametrize(
    ("fmt", "where", "why"),
    [
        ("csv", "file", "File exists"),
        ("graphml", "folder", "Is a directory"),
        ("graphml", "/proc/nope/x.graphml", "No such file or directory"),
    ],
)
def test_an_export_path_that_cannot_be_written_is_one_line(
    seeded: CliRunnerFor, tmp_path: Path, fmt: str, where: str, why: str
) -> None:
    (tmp_path / "file").write_text("taken", "utf-8")
    (tmp_path / "folder").mkdir()
    target = tmp_path / where
    result = seeded("export", "--to", fmt, "-o", str(target))
    assert result.exit_code == 1
    [line] = lines_of(result)
    assert line.startswith("Error: cannot write ")
    assert f": {why}; give a path where a new file can be written" in line


# CSV cells over 128 KiB load in every CSV reader


def _with_big_cell(source: Path, target: Path, line: int, column: int) -> Path:
    rows = list(csv.reader(source.read_text("latin-1").splitlines()))  # SIPRI's encoding
    rows[line][column] = BIG
    with target.open("w", encoding="latin-1", newline="") as out:
        csv.writer(out).writerows(rows)
    return target


def test_csv_cells_over_128_kib_load_in_every_csv_reader(cli: CliRunnerFor, tmp_path: Path) -> None:
    cow = IMPORTERS / "cow"
    for name in ("members.csv", "pairs.csv", "codes.csv"):
        shutil.copy(cow / name, tmp_path / name)
    _with_big_cell(cow / "spells.csv", tmp_path / "spells.csv", 1, 11)
    sipri = IMPORTERS / "sipri" / "export.csv"
    header = next(
        i
        for i, r in enumerate(csv.reader(sipri.open(encoding="latin-1")))
        if r[:1] == ["Recipient"]
    )
    _with_big_cell(sipri, tmp_path / "sipri.csv", header + 1, 12)
    (tmp_path / "edges.csv").write_text(f"owner,asset,note\nAcme,Widget Co,{BIG}\n", "utf-8")
    loads = [
        ["cow", *(str(tmp_path / n) for n in ("members.csv", "pairs.csv", "spells.csv",
                                               "codes.csv"))],
        ["sipri", str(tmp_path / "sipri.csv")],
        ["edges", str(tmp_path / "edges.csv"), "--source-column", "owner", "--target-column",
         "asset", "--tie-type", "OWNS", "--source-kind", "Organization", "--target-kind",
         "Organization"],
    ]  # fmt: skip
    for fmt, *args in loads:
        result = cli("load", "--dry-run", "--from", fmt, *args)
        assert result.exit_code == 0, result.output
        assert lines_of(result)[-1].startswith("would load "), fmt


# a staged load (--commit-every) checks everything before it publishes anything


def _edge_list(path: Path, rows: int, last_target: str, last_target_id: str = "") -> Path:
    lines = [f"Person {i},Company {i}," for i in range(rows)]
    lines.append(f"Person 0,{last_target},{last_target_id}")
    path.write_text("owner,asset,asset_id\n" + "\n".join(lines) + "\n", "utf-8")
    return path


EDGES = ["--from", "edges", "--source-column", "owner", "--target-column", "asset",
         "--target-id-column", "asset_id",
         "--tie-type", "OWNS", "--source-kind", "Person", "--target-kind", "Organization",
         "--commit-every", "1000"]  # fmt: skip


def test_a_staged_load_refuses_a_name_the_server_could_not_index_at_its_line(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    edges = _edge_list(tmp_path / "edges.csv", 1500, "Company " + "z" * 40_000)
    result = cli("load", *EDGES, str(edges))
    assert result.exit_code == 1
    first, *problems = lines_of(result)
    assert first == "Error: 2 problem(s), nothing was written:"
    assert problems == [
        f"{edges}:1502: id: 40,014 bytes long: Neo4j indexes take at most 8,000",
        f"{edges}:1502: name: 40,008 bytes long: Neo4j indexes take at most 8,000",
    ]
    assert counts(database) == (0, 0)
    _edge_list(edges, 1500, "Company 1")
    rerun = cli("load", *EDGES, str(edges))
    assert rerun.exit_code == 0, rerun.output
    assert counts(database) == (3000, 1501)


def test_a_staged_load_with_bad_input_writes_nothing(
    cli: CliRunnerFor, database: Database, tmp_path: Path
) -> None:
    edges = _edge_list(tmp_path / "edges.csv", 1500, "", "nobody-here")
    result = cli("load", *EDGES, str(edges))
    assert result.exit_code == 1
    assert "committed" not in result.output
    assert counts(database) == (0, 0)


# concurrent loads: a deadlock between them is retried, not shown


def _orgs(numbers: list[int], version: str) -> list[Node]:
    return [
        Node(f"org-{i}", "Organization", {"name": f"Org {i}", "description": version})
        for i in numbers
    ]


def test_two_loads_that_deadlock_both_land(neo4j_settings: Settings, database: Database) -> None:
    """Each load holds its first batch (5000 nodes) and then needs a node of the other's
    first batch: one of them is the deadlock's victim. Nothing of it was committed, so it
    starts over once the other is done."""
    load_input(database, ImportResult(_orgs(list(range(10_000)), "v1"), [], {}, "orgs"))
    # Each loads the whole dataset (a load makes it equal to its input), in its own order.
    orders = [[*range(10_000)], [*range(5000, 10_000), *range(5000)]]
    both_hold_their_first_batch = threading.Barrier(2, timeout=60)
    results: list[LoadReport | BaseException] = []

    def load(order: list[int]) -> None:
        waited = False

        def first_batch_held(rows: int) -> None:
            nonlocal waited
            if not waited:
                waited = True
                both_hold_their_first_batch.wait()

        with Database(neo4j_settings) as db:
            try:
                nodes = _orgs(order, "v2")
                results.append(
                    load_input(db, ImportResult(nodes, [], {}, "orgs"), progress=first_batch_held)
                )
            except BaseException as err:  # reported below, in the test's thread
                results.append(err)

    threads = [threading.Thread(target=load, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert [type(r) for r in results] == [LoadReport, LoadReport], results
    updated = "MATCH (n:Entity) WHERE n.description = 'v2' RETURN count(n) AS n"
    assert database.run(updated).rows == [{"n": 10_000}]
