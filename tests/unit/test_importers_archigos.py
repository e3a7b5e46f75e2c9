"""The Archigos importer makes leaders' spells LEADS ties to the States COW and the seed make."""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import IMPORTERS, archigos, cow
from loader.importers.base import ImportResult
from loader.keys import strong_keys
from loader.records import Node, Tie
from loader.seed import default_data_dir, read_seed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "archigos"
LEADERS = FIXTURES / "leaders.csv"
REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"
REAL = REALDATA / "archigos" / "archigos.csv"
DATASET = "archigos"
PUTIN = "archigos-8220a9b0-1e42-11e4-b4cd-db5882bf8def"
BERLUSCONI = "archigos-8219cbb6-1e42-11e4-b4cd-db5882bf8def"
MANNING = "archigos-81e36e90-1e42-11e4-b4cd-db5882bf8def"
TATSAK = "archigos-82445541-1e42-11e4-b4cd-db5882bf8def"


@pytest.fixture(scope="module")
def real() -> ImportResult:
    if not REAL.is_file():
        pytest.skip("needs ../shared/realdata")
    return archigos.read([REAL])


@pytest.fixture(scope="module")
def small() -> ImportResult:
    return archigos.read([LEADERS])


def nodes_by_id(result: ImportResult) -> dict[str, Node]:
    return {node.id: node for node in result.nodes}


def ties_by_id(result: ImportResult) -> dict[str, Tie]:
    return {tie.id: tie for tie in result.ties}


def state_key(node: Node) -> str | None:
    return strong_keys(node.kind, node.props).get("state")


def curated_state_key(state_id: str) -> str | None:
    return next(state_key(n) for n in read_seed(default_data_dir()).nodes if n.id == state_id)


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        archigos.read(paths)
    return [str(problem) for problem in caught.value.problems]


def test_archigos_is_a_registered_input_format() -> None:
    assert IMPORTERS["archigos"].reader() is archigos.read


def test_real_file_gives_a_tie_per_row_and_a_person_per_leader(real: ImportResult) -> None:
    with REAL.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == len(real.ties) == len({tie.id for tie in real.ties}) == 3409
    assert Counter(node.kind for node in real.nodes) == {"Person": 2802, "State": 191}
    assert {tie.props["record"] for tie in real.ties} == {
        f"archigos.csv:{line}" for line in range(2, 3411)
    }
    assert real.skipped == {}
    assert real.notes == {archigos.CROSSES_CODES: 2, archigos.OTHER_BIRTH_YEAR: 9}
    assert (real.dataset, real.version, real.files) == (DATASET, None, [str(REAL)])


def states_led_by(result: ImportResult, *leaders: str) -> dict[str, Node]:
    """The State each of the named leaders leads (the last spell's, for several)."""
    nodes = nodes_by_id(result)
    return {
        nodes[tie.source].props["name"]: nodes[tie.target]
        for tie in result.ties
        if nodes[tie.source].props["name"] in leaders
    }


def test_real_russian_leaders_lead_the_state_keyed_as_curated_russia(
    real: ImportResult,
) -> None:
    led = states_led_by(real, "Yeltsin", "Putin", "Medvedev")
    # Archigos 4.1 codes Putin as Russia's effective leader through Medvedev's presidency.
    assert sorted(led) == ["Putin", "Yeltsin"]
    assert {state_key(state) for state in led.values()} == {curated_state_key("russia")}


def test_real_soviet_leaders_lead_the_soviet_union_and_the_tsars_the_empire(
    real: ImportResult,
) -> None:
    led = states_led_by(real, "Nicholas II", "Lenin", "Stalin", "Gorbachev")
    assert state_key(led["Stalin"]) == state_key(led["Gorbachev"]) == state_key(led["Lenin"])
    assert state_key(led["Stalin"]) == curated_state_key("soviet-union")
    assert led["Nicholas II"].props["name"] == "Russian Empire"
    assert state_key(led["Nicholas II"]) == curated_state_key("russian-empire")


def test_real_states_with_a_cow_code_share_the_key_of_cows_state(real: ImportResult) -> None:
    cow_states = cow.read([REALDATA / "cow" / "states2016.csv"]).nodes
    cow_keys = {node.props["cow_code"]: state_key(node) for node in cow_states}
    coded = [node for node in real.nodes if "cow_code" in node.props]
    assert len(coded) == 184
    assert {n.id: state_key(n) for n in coded} == {
        n.id: cow_keys[n.props["cow_code"]] for n in coded
    }


def test_real_file_stays_on_the_schema(real: ImportResult) -> None:
    assert schema_problems(real) == []


def test_fixture_stays_on_the_schema(small: ImportResult) -> None:
    assert schema_problems(small) == []


def test_row_becomes_a_leads_tie_with_dates_role_and_how_the_spell_ended(
    small: ImportResult,
) -> None:
    assert ties_by_id(small)["archigos-spell-USA-1881-1"] == Tie(
        "archigos-spell-USA-1881-1",
        "LEADS",
        "archigos-81dcf24a-1e42-11e4-b4cd-db5882bf8def",
        "archigos-cow-2",
        {
            "dataset": DATASET,
            "record": "leaders.csv:2",
            "sources": [DATASET],
            "since": "1881-03-04",
            "until": "1881-09-19",
            "role": archigos.ROLE,
            "note": "Archigos: entry Regular; exit Irregular"
            " (Assassination by Unsupported Individual)",
        },
    )


def test_leader_still_in_office_has_no_until_and_the_note_keeps_the_end_date(
    small: ImportResult,
) -> None:
    tie = ties_by_id(small)["archigos-spell-RUS-2000"]
    assert (tie.source, tie.props["since"], "until" in tie.props) == (PUTIN, "2000-01-01", False)
    assert tie.props["note"] == "Archigos: entry Regular; exit Still in Office (as of 2015-12-31)"


def test_leader_is_a_person_with_name_and_birth_year_and_no_gender(small: ImportResult) -> None:
    nodes = nodes_by_id(small)
    assert nodes[PUTIN] == Node(
        PUTIN,
        "Person",
        {
            "name": "Putin",
            "aliases": [],
            "dataset": DATASET,
            "record": "leaders.csv:12",
            "born": "1952",
        },
    )
    assert "born" not in nodes[TATSAK].props


def test_leader_with_two_spells_is_one_person_with_two_ties(small: ImportResult) -> None:
    spells = [tie for tie in small.ties if tie.source == BERLUSCONI]
    assert [tie.props["since"] for tie in spells] == ["1994-05-11", "2001-06-11"]
    assert {tie.target for tie in spells} == {"archigos-cow-325"}
    assert sum(node.id == BERLUSCONI for node in small.nodes) == 1


def test_spells_giving_another_birth_year_keep_the_first_and_are_counted(
    small: ImportResult,
) -> None:
    assert nodes_by_id(small)[MANNING].props["born"] == "1946"
    assert small.notes[archigos.OTHER_BIRTH_YEAR] == 1


def test_state_carries_cows_code_name_and_the_obsid_letters(small: ImportResult) -> None:
    russia = nodes_by_id(small)["archigos-cow-365"]
    assert russia == Node(
        "archigos-cow-365",
        "State",
        {
            "name": "Russia",
            "aliases": ["RUS"],
            "dataset": DATASET,
            "record": "leaders.csv:11",
            "cow_code": 365,
        },
    )
    assert state_key(russia) == curated_state_key("russia") == "RUS"


def test_gw_260_after_unification_is_cows_germany_and_before_it_west_germany(
    small: ImportResult,
) -> None:
    ties, nodes = ties_by_id(small), nodes_by_id(small)
    hitler, kohl = ties["archigos-spell-GMY-1933"], ties["archigos-spell-GFR-1982"]
    schroder = ties["archigos-spell-GFR-1998"]
    assert (hitler.target, schroder.target, kohl.target) == (
        "archigos-cow-255",
        "archigos-cow-255",
        "archigos-cow-260",
    )
    assert state_key(nodes["archigos-cow-255"]) == curated_state_key("germany") == "DEU"
    assert state_key(nodes["archigos-cow-260"]) == "historical:west-germany"
    assert small.notes[archigos.CROSSES_CODES] == 1  # Kohl, in office at unification


def test_serbia_has_no_cow_code_and_states_cow_lacks_stand_alone(small: ImportResult) -> None:
    nodes = nodes_by_id(small)
    serbia, tibet = nodes["archigos-gw-340"], nodes["archigos-gw-711"]
    assert ("cow_code" in serbia.props, state_key(serbia)) == (False, "SRB")
    assert (tibet.props["name"], "cow_code" in tibet.props, state_key(tibet)) == (
        "Tibet",
        False,
        None,
    )


def test_gw_table_notes_every_code_that_differs_from_cow() -> None:
    text = resources.files("loader").joinpath("data", "gleditsch_ward.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    differing = {row["gwcode"] for row in rows if row["cow_code"] != row["gwcode"] or row["from"]}
    assert sorted(differing, key=int) == ["260", "340", "365", "563", "564", "678", "711", "815"]
    assert {row["gwcode"] for row in rows if row["note"]} == differing
    assert all(row["note"] for row in rows if row["gwcode"] in differing)


def test_bad_rows_are_all_reported_at_their_field() -> None:
    path = FIXTURES / "bad_rows.csv"
    assert problems_of([path]) == [
        f"{path}:2: enddate: '1999-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}:3: startdate: empty",
        f"{path}:4: gwcode: unknown Gleditsch-Ward code 999 (loader/data/gleditsch_ward.csv)",
        f"{path}:5: gwcode: 'RUS' is not an integer",
        f"{path}:6: enddate: 1933-01-30 is before the startdate 1945-04-30",
        f"{path}:7: leader: empty",
    ]


def test_repeated_obsid_is_refused_naming_the_first_row(tmp_path: Path) -> None:
    path = tmp_path / "twice.csv"
    lines = LEADERS.read_text("utf-8").splitlines()
    path.write_text("\n".join([*lines[:3], lines[2]]) + "\n", "utf-8")
    assert problems_of([path]) == [f"{path}:4: obsid: TRI-1991 is the obsid of twice.csv:3 too"]


def test_file_with_missing_columns_names_them(tmp_path: Path) -> None:
    path = tmp_path / "leaders.csv"
    path.write_text("leader,gwcode,startdate\nPutin,365,2000-01-01\n", "utf-8")
    assert problems_of([path]) == [
        f"{path}:1: missing columns: obsid, leadid, yrborn, enddate, entry, exit, exitcode"
        " (columns present: leader, gwcode, startdate)"
    ]


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.csv"]) == [f"{FIXTURES}/absent.csv: no such file"]
