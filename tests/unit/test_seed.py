"""Reading the seed CSVs into Node and Tie records typed by the schema."""

from __future__ import annotations

from pathlib import Path

import pytest

import loader
from loader.errors import InputError
from loader.records import Node, Tie
from loader.seed import default_data_dir, read_seed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
MINI = FIXTURES / "mini_seed"


def nodes() -> dict[str, Node]:
    return {node.id: node for node in read_seed(MINI).nodes}


def ties() -> dict[str, Tie]:
    return {tie.id: tie for tie in read_seed(MINI).ties}


def test_every_row_of_the_mini_fixture_becomes_a_record() -> None:
    data = read_seed(MINI)
    assert (len(data.nodes), len(data.ties)) == (11, 9)


def test_source_rows_become_source_nodes_named_after_their_title() -> None:
    assert nodes()["brief"] == Node(
        "brief",
        "Source",
        {
            "title": "A brief on alliances",
            "name": "A brief on alliances",
            "publisher": "Test Press",
            "date": "2017",
            "file": "brief.txt",
            "dataset": "seed",
            "record": "sources.csv:3",
        },
    )


def test_entity_cells_are_coerced_by_their_schema_type() -> None:
    found = nodes()
    assert found["putin"] == Node(
        "putin",
        "Person",
        {
            "name": "Vladimir Putin",
            "sources": ["brief"],
            "born": "1952-10-07",
            "nationality": "russia",
            "position": ["President of Russia"],
            "dataset": "seed",
            "record": "entities.csv:9",
        },
    )
    assert found["russia"].props["cow_code"] == 365
    assert found["gazprombank"].props["aliases"] == ["GPB", "Gazprombank JSC"]
    assert found["cst"].props["defense"] is True


def test_tie_cells_are_coerced_by_their_schema_type() -> None:
    assert ties()["gazprombank|OWNS|atomstroyeksport"] == Tie(
        "gazprombank|OWNS|atomstroyeksport",
        "OWNS",
        "gazprombank",
        "atomstroyeksport",
        {
            "sources": ["memo"],
            "evidence": ["at one time owning a 49.8 percent stake in Atomstroyeksport"],
            "confidence": "reported",
            "note": "Stake held at one time.",
            "share": 49.8,
            "dataset": "seed",
            "record": "ties.csv:3",
        },
    )


def test_empty_cells_are_absent_not_zero() -> None:
    loan = ties()["gpb-loans-rosatom"].props
    assert not {"amount", "currency", "since"} & loan.keys()


def test_tie_ids_are_derived_from_ends_and_type_and_since_unless_given() -> None:
    assert set(ties()) == {
        "gazprom|OWNS|gazprombank",
        "gazprombank|OWNS|atomstroyeksport",
        "atomstroyeksport|SUBSIDIARY_OF|rosatom",
        "gpb-loans-rosatom",
        "atomstroyeksport|BUILT|bushehr|1995",
        "bushehr|LOCATED_IN|iran",
        "putin|LEADS|russia|2012",
        "russia|PARTY_TO|cst",
        "russia|SUPPORTS|iran",
    }


def test_a_quoted_multi_line_cell_keeps_its_newline_and_later_rows_keep_their_lines() -> None:
    found = ties()
    assert (
        found["gpb-loans-rosatom"].props["note"] == "Loans over several years;\namounts not given."
    )
    assert found["gpb-loans-rosatom"].props["record"] == "ties.csv:5"
    assert found["atomstroyeksport|BUILT|bushehr|1995"].props["record"] == "ties.csv:7"


def test_reading_a_broken_seed_raises_one_error_listing_every_cell_problem() -> None:
    with pytest.raises(InputError) as raised:
        read_seed(FIXTURES / "broken_seed")
    lines = str(raised.value).splitlines()
    assert len(lines) == len(raised.value.problems) == 19
    assert "sources.csv:1: url: missing column" in [line.split(" (")[0] for line in lines]
    assert "ties.csv:18: 16 cells for 15 columns" in lines


def test_default_data_dir_is_the_packaged_data_folder() -> None:
    assert default_data_dir() == Path(loader.__file__).parent / "data"
