"""Our FtM export read back by our FtM importer gives the very same records."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_export_sample import sample_nodes, sample_ties

from explorer.export.ftm import write_ftm
from loader.errors import InputError
from loader.importers import ftm
from loader.records import Node, Tie
from loader.schema import load_schema


def every_kind() -> tuple[list[Node], list[Tie]]:
    """The export sample, plus a node of each kind it lacks and the ties FtM folds into them."""
    nodes = [
        *sample_nodes(),
        Node("csto", "InternationalOrganization", {"name": "CSTO", "founded": "2002"}),
        Node("bushehr", "Facility", {"name": "Bushehr", "category": "power_plant"}),
        Node("ofac-1", "Sanction", {"name": "OFAC: RUSSIA-EO14024", "listed": "2022-02-24"}),
        Node("milex-2001", "Statistic", {"name": "Milex 2001", "indicator": "milex",
                                         "year": 2001, "value": 7.3, "unit": "US$bn"}),
        Node("state_duma", "Organization", {"name": "State Duma", "category": "legislature",
                                            "dataset": "seed", "record": "entities.csv:9"}),
        Node("addr-1", "Address", {"name": "1 Tverskaya St, Moscow", "city": "Moscow",
                                   "aliases": ["Tverskaya 1"], "country_codes": ["ru"]}),
        Node("pass-1", "Identification", {"name": "Passport 750123456", "number": "750123456",
                                          "issued": "2015-03-01"}),
    ]  # fmt: skip
    ties = [
        *sample_ties(),
        Tie("sanctions-1", "SANCTIONS", "ofac-1", "gazprom", {"sources": ["memo"]}),
        Tie("stat-1", "STATISTIC_OF", "milex-2001", "russia", {"sources": ["memo"]}),
        Tie("state_duma|MEMBER_OF|csto", "MEMBER_OF", "state_duma", "csto", {"sources": []}),
        Tie("gazprom-at", "LOCATED_AT", "gazprom", "addr-1", {"sources": ["memo"]}),
        Tie("pass-1-holder", "IDENTIFIES", "pass-1", "putin", {"sources": ["memo"]}),
    ]
    return nodes, ties


def stamped(records: list[Node] | list[Tie], dataset: str) -> None:
    for record in records:
        record.props["dataset"] = dataset


def _read_back(nodes: list[Node], ties: list[Tie], tmp_path: Path) -> ftm.ImportResult:
    out = io.StringIO()
    write_ftm(nodes, ties, out)
    path = tmp_path / "graph.ftm.json"
    path.write_text(out.getvalue(), encoding="utf-8")
    return ftm.read([path])


def test_an_export_of_one_dataset_loads_back_under_its_name(tmp_path: Path) -> None:
    nodes, ties = every_kind()
    stamped(nodes, "seed")
    stamped(ties, "seed")
    result = _read_back(nodes, ties, tmp_path)
    assert result.dataset == "seed"
    assert {record.props["dataset"] for record in [*result.nodes, *result.ties]} == {"seed"}


def test_an_export_of_several_datasets_loads_back_under_all_their_names(tmp_path: Path) -> None:
    nodes, ties = every_kind()
    stamped(nodes, "seed")
    stamped(ties[:1], "cow")
    assert _read_back(nodes, ties, tmp_path).dataset == "cow+seed"


def test_the_sample_covers_every_kind() -> None:
    nodes, _ = every_kind()
    assert {node.kind for node in nodes} == set(load_schema().kinds)


def test_export_then_import_gives_back_identical_records(tmp_path: Path) -> None:
    nodes, ties = every_kind()
    result = _read_back(nodes, ties, tmp_path)
    assert result.nodes == nodes
    assert result.ties == ties
    assert result.skipped == {}


def test_values_keep_their_types_on_the_way_back(tmp_path: Path) -> None:
    result = _read_back(*every_kind(), tmp_path)
    statistic = next(node for node in result.nodes if node.kind == "Statistic")
    assert type(statistic.props["year"]) is int and type(statistic.props["value"]) is float
    assert next(node for node in result.nodes if node.kind == "Agreement").props["defense"] is True


@pytest.mark.parametrize(
    ("ours", "message"),
    [
        ({"id": "x", "kind": "Planet", "props": {}}, "unknown kind 'Planet'"),
        ({"id": "t", "type": "OWNZ", "source": "a", "target": "b"}, "unknown tie type 'OWNZ'"),
        ({"id": "t", "type": "OWNS", "source": "a"}, "not an object with id, type, source"),
        ({"id": "x", "kind": "Person", "props": {"name": {"en": "X"}}}, "props: not an object"),
        ("x", "not an object with id, type, source, target and props"),
    ],
)
def test_a_bad_explorer_record_is_a_problem_of_its_line(
    ours: object, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text(json.dumps({"id": "x", "schema": "Person", "explorer": ours}) + "\n", "utf-8")
    with pytest.raises(InputError) as caught:
        ftm.read([path])
    (problem,) = caught.value.problems
    assert problem.line == 1 and problem.field == "explorer" and message in problem.message
