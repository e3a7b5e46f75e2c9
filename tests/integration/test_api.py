"""The Python API does what the CLI does: load, validate, the verbs and export."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from explorer.api import Explorer
from explorer.db import Database
from loader.validate import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN = FIXTURES / "broken_seed"
SMALL_FTM = FIXTURES / "importers" / "ftm" / "small.ftm.json"


@pytest.fixture
def ex(database: Database) -> Iterator[Explorer]:
    with Explorer(database.settings) as explorer:
        yield explorer


@pytest.fixture
def seeded(ex: Explorer) -> Explorer:
    ex.load()
    return ex


def test_load_of_the_shipped_dataset_makes_links_answer(ex: Explorer) -> None:
    loaded = ex.load()
    assert loaded.report.dataset == "seed"
    assert loaded.report.nodes_created["Person"] > 0
    routes = ex.links("Gazprombank", "Rosatom")
    assert [row["hops"] for row in routes.rows][:2] == [1, 2]


def test_load_reports_progress_and_the_records_it_skipped(ex: Explorer) -> None:
    seen: list[tuple[int, int]] = []
    notes: list[str] = []
    loaded = ex.load(
        [SMALL_FTM],
        fmt="ftm",
        progress=lambda done, total: seen.append((done, total)),
        say=notes.append,
    )
    assert loaded.skipped["Vessel"] == 1
    assert "skipped 1 record(s): Vessel" in notes
    assert seen[-1] == (loaded.report.rows, loaded.report.rows)


def test_a_dry_run_load_writes_nothing(ex: Explorer) -> None:
    loaded = ex.load(dry_run=True)
    assert loaded.report.rows > 0
    assert ex.cypher("MATCH (n) RETURN count(n) AS n").rows == [{"n": 0}]


def test_validate_returns_every_problem_of_a_broken_folder(ex: Explorer) -> None:
    problems = ex.validate(BROKEN, sources_dir=BROKEN / "docs")
    expected = validate(BROKEN, BROKEN / "docs")
    assert len(problems) == len(expected) > 30
    assert f"{BROKEN / 'ties.csv'}:3: type: unknown tie type 'OWNZ'" in map(str, problems)


def test_export_writes_graphml_to_a_path(seeded: Explorer, tmp_path: Path) -> None:
    output = tmp_path / "out" / "influence.graphml"
    nodes, ties = seeded.export("graphml", output=output)
    assert output.read_text("utf-8").startswith("<?xml version='1.0' encoding='utf-8'?>\n<graphml")
    assert len(nodes) > 100
    assert ties


def test_export_of_a_query_goes_to_a_stream(seeded: Explorer) -> None:
    out = io.StringIO()
    params = {"a": "gazprombank", "b": "rosatom", "types": ["OWNS", "AFFILIATED_WITH"]}
    nodes, ties = seeded.export("ftm", query="paths", params=params, output=out)
    assert {node.id for node in nodes} == {"gazprombank", "atomstroyeksport", "rosatom"}
    assert len(ties) == 2
    assert out.getvalue().count("\n") == len(nodes) + len(ties)
