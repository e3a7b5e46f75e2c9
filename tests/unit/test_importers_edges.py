"""The edge-list importer reads analysts' spreadsheets by a mapping, checked against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import edges
from loader.importers.base import ImportResult
from loader.importers.edges import EdgeMapping
from loader.records import Node, Tie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "edges"
TIES = FIXTURES / "ties.csv"
MAPPING = EdgeMapping(
    source="from",
    target="to",
    type_column="relation",
    source_kind="Organization",
    source_kind_column="from_kind",
    target_kind="Organization",
    target_kind_column="to_kind",
    target_name="to_name",
    properties=["since", "share", "role", "sources", "id"],
)


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return edges.read([TIES], MAPPING)


def ties_by_id(result: ImportResult) -> dict[str, Tie]:
    return {tie.id: tie for tie in result.ties}


def problems_of(paths: list[Path], mapping: EdgeMapping = MAPPING) -> list[str]:
    with pytest.raises(InputError) as caught:
        edges.read(paths, mapping)
    return [str(problem) for problem in caught.value.problems]


def test_edge_list_stays_on_the_schema(result: ImportResult) -> None:
    assert schema_problems(result) == []


def test_names_become_namespaced_nodes_once_each(result: ImportResult) -> None:
    assert [(node.id, node.kind) for node in result.nodes] == [
        ("edges-vladimir-putin", "Person"),
        ("edges-gazprom-pjsc", "Organization"),
        ("edges-sibur", "Organization"),
        ("edges-rosneft", "Organization"),
        ("edges-igor-sechin", "Person"),
    ]


def test_name_column_names_the_node_and_keeps_the_cell_as_alias(result: ImportResult) -> None:
    assert result.nodes[1] == Node(
        "edges-gazprom-pjsc",
        "Organization",
        {
            "name": "Gazprom",
            "aliases": ["Gazprom PJSC"],
            "dataset": "edges",
            "record": "ties.csv:2",
        },
    )


def test_cells_that_look_like_ids_point_at_existing_nodes_without_making_one(
    result: ImportResult,
) -> None:
    located = ties_by_id(result)["edges|edges-rosneft|LOCATED_IN|cow-365"]
    assert (located.source, located.target) == ("edges-rosneft", "cow-365")
    assert "cow-365" not in {node.id for node in result.nodes}


def test_type_cells_read_in_any_case_with_spaces(result: ImportResult) -> None:
    assert [tie.type for tie in result.ties] == [
        "LEADS",
        "OWNS",
        "LOCATED_IN",
        "WORKS_FOR",
        "OWNS",
    ]


def test_carried_columns_are_typed_by_the_schema(result: ImportResult) -> None:
    owns = ties_by_id(result)["edges|edges-gazprom-pjsc|OWNS|edges-sibur|2011-05"]
    assert owns.props == {
        "dataset": "edges",
        "record": "ties.csv:3",
        "sources": ["edges", "doc-1", "doc-2"],
        "since": "2011-05",
        "share": 25.5,
    }


def test_tie_ids_come_from_the_id_column_or_from_ends_type_and_since(
    result: ImportResult,
) -> None:
    assert list(ties_by_id(result)) == [
        "edges|edges-vladimir-putin|LEADS|edges-gazprom-pjsc|2000",
        "edges|edges-gazprom-pjsc|OWNS|edges-sibur|2011-05",
        "edges|edges-rosneft|LOCATED_IN|cow-365",
        "sechin-rosneft",
        "edges|edges-gazprom-pjsc|OWNS|edges-sibur|2019",
    ]


def test_fixed_type_and_dataset_name_apply_to_every_row(tmp_path: Path) -> None:
    path = tmp_path / "owners.csv"
    path.write_text("owner,asset\nAcme Holding,Widget Co\n", "utf-8")
    mapping = EdgeMapping(
        "owner", "asset", fixed_type="OWNS", source_kind="Organization", target_kind="Organization"
    )
    result = edges.read([path], mapping, dataset="desk-2024")
    assert result.ties == [
        Tie(
            "desk-2024|desk-2024-acme-holding|OWNS|desk-2024-widget-co",
            "OWNS",
            "desk-2024-acme-holding",
            "desk-2024-widget-co",
            {"dataset": "desk-2024", "record": "owners.csv:2", "sources": ["desk-2024"]},
        )
    ]
    assert result.dataset == "desk-2024"


def test_every_bad_row_is_reported_at_its_line_and_column() -> None:
    path = FIXTURES / "bad_rows.csv"
    assert problems_of([path]) == [
        f"{path}:2: relation: unknown tie type 'ownz'",
        f"{path}:3: relation: OWNS does not allow Organization -> State",
        f"{path}:4: share: 'lots' is not a plain decimal number",
        f"{path}:5: since: '13/05/2020' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}:6: from_kind: unknown kind 'Persn'",
        f"{path}:7: from: empty",
        f"{path}:9: same ends, type and since as bad_rows.csv:8",
        f"{path}:10: from: edges-acme is Person here but Organization at bad_rows.csv:8",
        f"{path}:11: role: not a property of OWNS in the schema",
    ]


def test_wrong_columns_are_named_with_the_columns_present() -> None:
    path = FIXTURES / "other_columns.csv"
    assert problems_of([path]) == [
        f"{path}:1: missing columns: relation, from, from_kind, to, to_kind, to_name, since,"
        " share, role, sources, id (columns present: source, target, type)"
    ]


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.csv"]) == [f"{FIXTURES}/absent.csv: no such file"]


def test_text_that_is_not_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("from,to,relation\nJosé,Acme,owns\n".encode("latin-1"))
    mapping = EdgeMapping(
        "from", "to", type_column="relation", source_kind="Person", target_kind="Organization"
    )
    assert problems_of([path], mapping) == [f"{path}:2: not UTF-8 text (byte 0xe9)"]


def person_to_company(**options: Any) -> EdgeMapping:
    return EdgeMapping(
        "a", "b", **({"source_kind": "Person", "target_kind": "Organization"} | options)
    )


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "give exactly one of type_column and fixed_type"),
        ({"type_column": "t", "fixed_type": "OWNS"}, "give exactly one of type_column and"),
        ({"fixed_type": "OWNZ"}, "unknown tie type 'OWNZ'"),
        ({"fixed_type": "OWNS", "source_kind": None}, "a: give a default kind or a kind column"),
        ({"fixed_type": "OWNS", "target_kind": "Planet"}, "b: unknown kind 'Planet'"),
        ({"fixed_type": "OWNS", "properties": ["record"]}, "record: set by the importer"),
    ],
)
def test_inconsistent_mapping_is_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        person_to_company(**options)


def test_inserting_a_row_leaves_every_other_tie_id_unchanged(
    result: ImportResult, tmp_path: Path
) -> None:
    rows = TIES.read_text("utf-8").splitlines(keepends=True)
    inserted = "Rosneft,Sibur,owns,,,,2020,5,,,\n"
    longer = tmp_path / "ties.csv"
    longer.write_text("".join([*rows[:3], inserted, *rows[3:]]), "utf-8")
    ids = [tie.id for tie in edges.read([longer], MAPPING).ties]
    assert [tie_id for tie_id in ids if tie_id != "edges|edges-rosneft|OWNS|edges-sibur|2020"] == [
        tie.id for tie in result.ties
    ]


def test_an_edge_list_names_its_files_and_has_no_version(result: ImportResult) -> None:
    assert (result.dataset, result.version, result.files) == ("edges", None, [str(TIES)])
