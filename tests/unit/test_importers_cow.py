"""The COW importer recognises its files by header and maps states, alliances and allied pairs."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import cow
from loader.importers.base import ImportResult
from loader.records import Node, Tie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "cow"
ALL = [FIXTURES / name for name in ("members.csv", "pairs.csv", "spells.csv", "codes.csv")]
REAL = Path(__file__).resolve().parents[3] / "shared" / "realdata" / "cow"
REAL_FILES = (
    "alliance_v4.1_by_member.csv",
    "alliance_v4.1_by_dyad.csv",
    "states2016.csv",
    "COW-country-codes.csv",
)


@pytest.fixture(scope="module")
def real() -> ImportResult:
    if not REAL.is_dir():
        pytest.skip("needs ../shared/realdata")
    return cow.read([REAL / name for name in REAL_FILES])


@pytest.fixture(scope="module")
def small() -> ImportResult:
    return cow.read(ALL)


def nodes_by_id(result: ImportResult) -> dict[str, Node]:
    return {node.id: node for node in result.nodes}


def ties_by_id(result: ImportResult) -> dict[str, Tie]:
    return {tie.id: tie for tie in result.ties}


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        cow.read(paths)
    return [str(problem) for problem in caught.value.problems]


def test_real_files_give_every_state_alliance_membership_and_pair(real: ImportResult) -> None:
    assert Counter(node.kind for node in real.nodes) == {"Agreement": 414, "State": 217}
    assert Counter((tie.type, "until" in tie.props) for tie in real.ties) == {
        ("ALLIED_WITH", True): 1623,
        ("ALLIED_WITH", False): 1596,
        ("PARTY_TO", True): 862,
        ("PARTY_TO", False): 359,
    }
    assert real.skipped == {"ALLIED_WITH: duplicate row": 3}
    assert (real.dataset, real.version) == ("cow", "4.1")
    assert real.files == [str(REAL / name) for name in REAL_FILES]


def test_version_comes_from_the_file_name_without_a_version_column(tmp_path: Path) -> None:
    members = (FIXTURES / "members.csv").read_text("utf-8").replace(",version", ",edition")
    named = tmp_path / "alliance_v4.2_by_member.csv"
    named.write_text(members, "utf-8")
    result = cow.read([named])
    assert (result.dataset, result.version) == ("cow", "4.2")


def test_a_state_list_alone_has_no_version(small: ImportResult) -> None:
    assert small.version == "4.1"
    assert cow.read([FIXTURES / "spells.csv"]).version is None


def test_real_russia_is_one_state_under_its_cow_code(real: ImportResult) -> None:
    russia = nodes_by_id(real)["cow-365"]
    assert (russia.kind, russia.props["name"], russia.props["aliases"]) == (
        "State",
        "Russia",
        ["RUS"],
    )
    assert russia.props["cow_code"] == 365


def test_real_tie_ids_are_unique(real: ImportResult) -> None:
    assert len({tie.id for tie in real.ties}) == len(real.ties)


def test_real_files_stay_on_the_schema(real: ImportResult) -> None:
    assert schema_problems(real) == []


def test_fixture_stays_on_the_schema(small: ImportResult) -> None:
    assert schema_problems(small) == []


def test_files_are_recognised_by_header_whatever_their_name_or_order(
    small: ImportResult,
) -> None:
    shuffled = cow.read(list(reversed(ALL)))
    assert ties_by_id(shuffled) == ties_by_id(small)
    assert {node.id for node in shuffled.nodes} == {node.id for node in small.nodes}


def test_state_spells_merge_into_one_state_with_abbreviations_as_aliases(
    small: ImportResult,
) -> None:
    cuba = nodes_by_id(small)["cow-40"]
    assert cuba == Node(
        "cow-40",
        "State",
        {
            "name": "Cuba",
            "aliases": ["CUB"],
            "dataset": "cow",
            "record": "spells.csv:4",
            "cow_code": 40,
        },
    )


def test_country_codes_with_bare_cr_line_ends_are_read(small: ImportResult) -> None:
    turkey = nodes_by_id(small)["cow-640"]
    assert (turkey.props["name"], turkey.props["record"]) == ("Turkey", "codes.csv:5")


def test_state_named_only_by_alliance_rows_takes_its_name_from_them() -> None:
    russia = nodes_by_id(cow.read([FIXTURES / "members.csv"]))["cow-365"]
    assert russia.props == {
        "name": "Russia",
        "aliases": [],
        "dataset": "cow",
        "record": "members.csv:2",
        "cow_code": 365,
    }


def test_alliance_becomes_an_agreement_flagged_when_any_row_sets_a_flag(
    small: ImportResult,
) -> None:
    assert nodes_by_id(small)["cow-alliance-7"].props == {
        "name": "COW alliance 7",
        "aliases": [],
        "dataset": "cow",
        "record": "7",
        "description": "Type I: Defense Pact",
        "category": "alliance",
        "signed": "1815-11-20",
        "defense": True,
        "neutrality": False,
        "nonaggression": True,
        "entente": False,
    }


def test_each_membership_spell_is_a_party_to_tie_open_while_in_force(
    small: ImportResult,
) -> None:
    britain = {
        tie.id: (tie.props["since"], tie.props.get("until"), tie.props["record"])
        for tie in small.ties
        if tie.type == "PARTY_TO" and tie.source == "cow-200"
    }
    assert britain == {
        "cow-party-7-200-1816-01-01-1870-12-31": ("1816-01-01", "1870-12-31", "members.csv:3"),
        "cow-party-7-200-1880-01-01": ("1880-01-01", None, "members.csv:4"),
    }
    assert all(
        tie.target.startswith("cow-alliance-") for tie in small.ties if tie.type == "PARTY_TO"
    )


def test_dyad_rows_become_allied_with_ties_naming_their_agreement(small: ImportResult) -> None:
    allied = {tie.id: tie for tie in small.ties if tie.type == "ALLIED_WITH"}
    assert set(allied) == {
        "cow-allied-7-200-365-1816-01-01-1870-12-31",
        "cow-allied-7-200-365-1880-01-01",
        "cow-allied-9-365-640-1833-07-08-1841-07-08",
    }
    turkey = allied["cow-allied-9-365-640-1833-07-08-1841-07-08"]
    assert (turkey.source, turkey.target) == ("cow-365", "cow-640")
    assert turkey.props == {
        "dataset": "cow",
        "record": "pairs.csv:5",
        "sources": ["cow"],
        "agreement": "cow-alliance-9",
        "since": "1833-07-08",
        "until": "1841-07-08",
    }


def test_repeated_dyad_row_is_counted_not_loaded_twice(small: ImportResult) -> None:
    assert small.skipped == {"ALLIED_WITH: duplicate row": 1}


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.csv"]) == [f"{FIXTURES}/absent.csv: no such file"]


def test_file_with_missing_columns_names_them_and_the_columns_present() -> None:
    path = FIXTURES / "bad_member.csv"
    assert problems_of([path]) == [
        f"{path}:1: missing columns: all_st_day, all_st_month, mem_st_day, mem_st_month,"
        " mem_end_day, mem_end_month, mem_end_year (columns present: version4id, ccode,"
        " state_name, all_st_year, ss_type, mem_st_year, defense, neutrality, nonaggression,"
        " entente)"
    ]


def test_file_of_another_dataset_is_refused_with_its_columns_and_the_expected_ones() -> None:
    path = FIXTURES / "leaders.csv"
    dates = "{0}_day, {0}_month, {0}_year".format
    flags = "defense, neutrality, nonaggression, entente"
    assert problems_of([path]) == [
        f"{path}:1: not a COW alliance or state file (columns present: leader, gwcode, startdate;"
        " expected: a state list: stateabb, ccode, statenme;"
        f" a by_member file: version4id, ccode, state_name, {dates('all_st')}, ss_type,"
        f" {dates('mem_st')}, {dates('mem_end')}, {flags};"
        " a by_dyad file: version4id, ccode1, state_name1, ccode2, state_name2,"
        f" {dates('dyad_st')}, {dates('dyad_end')}, {flags})"
    ]


def test_bad_codes_dates_and_flags_are_all_reported_at_their_field() -> None:
    path = FIXTURES / "bad_values.csv"
    assert problems_of([path]) == [
        f"{path}:2: ccode2: 'RUS' is not an integer",
        f"{path}:3: dyad_st_day: not a date: 1816-2-31",
        f"{path}:4: defense: not 0, 1 or empty: 'yes'",
    ]


def test_truncated_row_is_reported_not_read_as_empty_values() -> None:
    path = FIXTURES / "truncated.csv"
    assert problems_of([path]) == [f"{path}:2: 4 fields where the header has 15"]


def test_text_that_is_not_utf8_is_reported_at_its_line() -> None:
    path = FIXTURES / "latin1.csv"
    assert problems_of([path]) == [f"{path}:3: not UTF-8 text (byte 0xf4)"]
