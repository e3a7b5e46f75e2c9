"""The SIPRI importer reads the trade register export, quirks and all, into arms-transfer ties."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import sipri
from loader.importers.base import ImportResult
from loader.records import Node, Tie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "sipri"
EXPORT = FIXTURES / "export.csv"
REAL = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "realdata"
    / "sipri"
    / "sipri_trade_register_all_years_gen2025-03-13.csv"
)
DATASET = "sipri"
YEARS = FIXTURES / "export_2025.csv", FIXTURES / "export_2026.csv"


@pytest.fixture(scope="module")
def real() -> ImportResult:
    if not REAL.is_file():
        pytest.skip("needs ../shared/realdata")
    return sipri.read([REAL])


@pytest.fixture(scope="module")
def small() -> ImportResult:
    return sipri.read([EXPORT])


def nodes_by_id(result: ImportResult) -> dict[str, Node]:
    return {node.id: node for node in result.nodes}


def tie_at(result: ImportResult, line: int) -> Tie:
    return next(tie for tie in result.ties if tie.props["record"].endswith(f".csv:{line}"))


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        sipri.read(paths)
    return [str(problem) for problem in caught.value.problems]


def test_real_export_gives_one_tie_per_record_and_counts_the_rest(real: ImportResult) -> None:
    assert len(real.ties) == 29146
    assert real.skipped == {sipri.UNIDENTIFIED: 369}
    assert real.notes[sipri.ONLY_IN_SKIPPED] == 12
    assert len(real.ties) + real.skipped["unidentified party"] == 29515
    assert Counter(node.kind for node in real.nodes) == {"State": 195, "Organization": 47}
    assert (real.dataset, real.version) == (DATASET, "2025-03-13")
    assert real.files == [str(REAL)]


def test_real_records_split_by_raw_newlines_are_rejoined(real: ImportResult) -> None:
    split = {line: tie_at(real, line) for line in (5432, 21488, 25178, 27955)}
    assert {line: (t.source, t.target) for line, t in split.items()} == {
        5432: ("sipri-united-states", "sipri-cote-d-ivoire"),
        21488: ("sipri-germany", "sipri-saudi-arabia"),
        25178: ("sipri-ukraine", "sipri-thailand"),
        27955: ("sipri-israel", "sipri-united-nations"),
    }
    assert split[25178].props["note"].endswith("redesign for other engines")
    assert (split[25178].props["tiv_per_unit"], split[25178].props["value"]) == (0.25, 3.25)
    assert split[5432].props["uncertain"] == ["year", "number_ordered"]


def test_real_non_state_parties_are_organizations_named_without_asterisks(
    real: ImportResult,
) -> None:
    nodes = nodes_by_id(real)
    hezbollah, nato = nodes["sipri-hezbollah-lebanon"], nodes["sipri-nato"]
    assert (hezbollah.kind, hezbollah.props["name"]) == ("Organization", "Hezbollah (Lebanon)")
    assert (nato.kind, nato.props["category"]) == ("Organization", "other")
    assert nodes["sipri-russia"].kind == "State"


def test_real_records_all_carry_a_condition_and_an_order_tiv(real: ImportResult) -> None:
    assert Counter(tie.props["condition"] for tie in real.ties) == {
        "new": 21827,
        "second_hand": 6811,
        "second_hand_modernized": 508,
    }
    assert all("tiv_ordered" in tie.props for tie in real.ties)


def test_real_tie_ids_are_unique_and_records_of_one_deal_are_numbered_and_counted(
    real: ImportResult,
) -> None:
    assert len({tie.id for tie in real.ties}) == len(real.ties)
    numbered = [tie for tie in real.ties if tie.id.count("-") == 3]  # sipri-transfer-<hash>-<n>
    assert real.notes[sipri.SHARED_KEY] == len(numbered) == 97


def test_real_export_stays_on_the_schema(real: ImportResult) -> None:
    assert schema_problems(real) == []


def test_fixture_stays_on_the_schema(small: ImportResult) -> None:
    assert schema_problems(small) == []


def test_record_becomes_a_tie_with_order_delivery_weapon_and_tiv(small: ImportResult) -> None:
    assert tie_at(small, 13) == Tie(
        "sipri-transfer-6e814c12f9943f7a",
        "SUPPLIED_ARMS_TO",
        "sipri-brazil",
        "sipri-afghanistan",
        {
            "dataset": DATASET,
            "record": "export.csv:13",
            "sources": [DATASET],
            "year": 2017,
            "since": "2017",
            "delivery_years": ["2018"],
            "status": "delivered",
            "weapon": "EMB-314 Super Tucano (trainer/combat aircraft)",
            "number_ordered": 6,
            "number_delivered": 6,
            "condition": "new",
            "tiv_per_unit": 4.5,
            "tiv_ordered": 27.0,
            "tiv_delivered": 27.0,
            "value": 27.0,
            "unit": "SIPRI TIV (m)",
            "note": "A-29B version",
        },
    )


def test_several_delivery_years_become_a_list(small: ImportResult) -> None:
    assert tie_at(small, 14).props["delivery_years"] == ["1979", "1980", "1981"]


def test_question_marks_in_blank_headed_columns_flag_the_column_before(
    small: ImportResult,
) -> None:
    assert tie_at(small, 14).props["uncertain"] == ["year", "number_ordered"]
    assert tie_at(small, 15).props["uncertain"] == ["year", "number_ordered", "number_delivered"]
    assert "uncertain" not in tie_at(small, 13).props


def test_starred_parties_become_organizations_and_others_states(small: ImportResult) -> None:
    nodes = nodes_by_id(small)
    kinds = {node_id: (node.kind, node.props["name"]) for node_id, node in nodes.items()}
    assert kinds["sipri-hezbollah-lebanon"] == ("Organization", "Hezbollah (Lebanon)")
    assert kinds["sipri-united-nations"] == ("Organization", "United Nations")
    assert kinds["sipri-libya-hor"] == ("Organization", "Libya HoR")
    assert kinds["sipri-iran"] == ("State", "Iran")
    assert nodes["sipri-iran"].props == {
        "name": "Iran",
        "aliases": [],
        "dataset": DATASET,
        "record": "export.csv:15",
    }


def test_records_with_an_unknown_party_are_counted_not_loaded(small: ImportResult) -> None:
    assert small.skipped["unidentified party"] == 1
    assert not any("unknown" in node.id for node in small.nodes)


def test_a_party_named_only_in_skipped_records_is_counted_as_not_loaded(
    small: ImportResult,
) -> None:
    assert small.skipped == {sipri.UNIDENTIFIED: 1}
    assert small.notes[sipri.ONLY_IN_SKIPPED] == 1
    assert "sipri-angola" not in nodes_by_id(small)


def test_a_party_of_a_skipped_record_that_another_record_loads_is_not_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "export.csv"
    also = "Angola,Russia,1995,,2,,Mi-8MT,transport helicopter,2,,1995,New,,3,6,6\n"
    path.write_text(EXPORT.read_text("latin-1") + also, "latin-1")
    result = sipri.read([path])
    assert result.skipped == {sipri.UNIDENTIFIED: 1}
    assert "sipri-angola" in nodes_by_id(result)


def test_record_broken_at_the_end_of_its_comment_is_rejoined(small: ImportResult) -> None:
    props = tie_at(small, 16).props
    assert props["note"] == "3-year lease; for use with UN peacekeeping forces in Mali"
    assert (props["tiv_per_unit"], props["tiv_delivered"]) == (3.0, 9.0)


def test_record_broken_inside_its_comment_is_rejoined_with_a_space(small: ImportResult) -> None:
    assert tie_at(small, 21).props["note"] == "Part of deal; delivery delayed"
    assert tie_at(small, 21).props["record"] == "export.csv:21"


def test_latin1_text_is_decoded(small: ImportResult) -> None:
    assert tie_at(small, 18).props["note"] == "Produced by Aérospatiale"


def test_record_without_tiv_has_no_value_or_unit(small: ImportResult) -> None:
    props = tie_at(small, 23).props
    assert not {"tiv_per_unit", "tiv_ordered", "tiv_delivered", "value", "unit"} & props.keys()


def test_status_column_becomes_the_condition_of_the_weapons(small: ImportResult) -> None:
    conditions = {line: tie_at(small, line).props["condition"] for line in (13, 20, 24)}
    assert conditions == {13: "new", 20: "second_hand", 24: "second_hand_modernized"}


def test_tiv_of_the_whole_order_is_kept_beside_the_tiv_delivered(small: ImportResult) -> None:
    props = tie_at(small, 21).props
    assert (props["tiv_ordered"], props["tiv_delivered"]) == (3.5, 3.25)


def test_unknown_status_fails_the_file_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = EXPORT.read_text("latin-1").replace(",New,A-29B version,", ",Leased,A-29B version,")
    path.write_text(text, "latin-1")
    assert problems_of([path]) == [
        f"{path}:13: status: not one of 'New', 'Second hand', 'Second hand but modernized':"
        " 'Leased'"
    ]


def test_utf8_resave_reads_the_same(small: ImportResult, tmp_path: Path) -> None:
    resaved = tmp_path / "export.csv"
    resaved.write_text(EXPORT.read_text("latin-1"), "utf-8")
    assert sipri.read([resaved]).ties == small.ties


def test_export_without_generation_date_has_no_version_but_the_same_ids(
    small: ImportResult, tmp_path: Path
) -> None:
    lines = EXPORT.read_text("latin-1").split("\n")
    bare = tmp_path / "bare.csv"
    bare.write_text("\n".join(lines[11:]), "latin-1")
    result = sipri.read([bare])
    assert (result.dataset, result.version) == ("sipri", None)
    assert [tie.id for tie in result.ties] == [tie.id for tie in small.ties]


def test_version_comes_from_the_file_name_when_the_preamble_has_no_date(tmp_path: Path) -> None:
    lines = EXPORT.read_text("latin-1").split("\n")
    bare = tmp_path / "sipri_trade_register_gen2026-03-09.csv"
    bare.write_text("\n".join(lines[11:]), "latin-1")
    assert sipri.read([bare]).version == "2026-03-09"


def test_exports_of_two_years_give_one_dataset_and_the_same_ids_to_the_same_deals() -> None:
    old, new = (sipri.read([path]) for path in YEARS)
    assert (old.dataset, old.version) == ("sipri", "2025-03-13")
    assert (new.dataset, new.version) == ("sipri", "2026-03-09")
    old_ids = {tie.props["record"].split(":")[1]: tie.id for tie in old.ties}
    new_ids = {tie.props["record"].split(":")[1]: tie.id for tie in new.ties}
    # 2026 inserts Chile at line 14 and a deal at the end; deliveries and comments move on
    moved = {"13": "13", "14": "15", "15": "16", "16": "17"}
    assert [new_ids[later] for later in moved.values()] == [old_ids[line] for line in moved]
    assert len(set(new_ids.values())) == 6


def test_records_of_one_deal_are_numbered_in_file_order_and_counted() -> None:
    result = sipri.read([YEARS[0]])
    first, second = (tie for tie in result.ties if tie.source == "sipri-germany")
    assert second.id == f"{first.id}-2"
    assert second.props["note"] == "Second order"
    assert result.notes == {sipri.SHARED_KEY: 1}


def test_inserting_a_record_leaves_every_other_tie_id_unchanged(
    small: ImportResult, tmp_path: Path
) -> None:
    lines = EXPORT.read_bytes().split(b"\n")
    inserted = b"Chile,France,1979,,2,,MM-38 Exocet,anti-ship missile,2,,1980,New,,0.3,0.6,0.6"
    longer = tmp_path / "export.csv"
    longer.write_bytes(b"\n".join([*lines[:14], inserted, *lines[14:]]))
    ids = [tie.id for tie in sipri.read([longer]).ties]
    assert len(ids) == len(small.ties) + 1
    assert set(ids) > {tie.id for tie in small.ties}


def test_records_that_cannot_be_repaired_fail_the_file_with_their_lines() -> None:
    path = FIXTURES / "broken.csv"
    incomplete = "where the header has 16, and the lines after it do not complete the record"
    assert problems_of([path]) == [
        f"{path}:14: 13 fields {incomplete}",
        f"{path}:16: 17 fields where the header has 16",
        f"{path}:17: 3 fields {incomplete}",
    ]


def test_missing_column_is_named_with_the_columns_present() -> None:
    path = FIXTURES / "missing_column.csv"
    assert problems_of([path]) == [
        f"{path}:12: missing columns: SIPRI TIV per unit (columns present: Recipient, Supplier,"
        " Year of order, Year of order ?, Number ordered, Number ordered ?, Weapon designation,"
        " Weapon description, Number delivered, Number delivered ?, Year(s) of delivery, status,"
        " Comments, SIPRI TIV for total order, SIPRI TIV of delivered weapons)"
    ]


def test_file_without_a_sipri_header_is_refused() -> None:
    path = FIXTURES.parent / "cow" / "members.csv"
    assert problems_of([path]) == [
        f"{path}: no header naming Recipient and Supplier in its first 30 lines"
    ]


def test_utf16_file_is_refused_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "utf16.csv"
    path.write_text(EXPORT.read_text("latin-1"), "utf-16")
    assert problems_of([path]) == [f"{path}:1: NUL byte: not a text file"]


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.csv"]) == [f"{FIXTURES}/absent.csv: no such file"]


def test_a_deal_with_no_deliveries_yet_is_ordered_not_delivered(tmp_path: Path) -> None:
    lines = EXPORT.read_bytes().split(b"\n")
    lines[12] = lines[12].replace(b",6,,2018,New,", b",,,,New,").replace(b",4.5,27,27", b",4.5,27,")
    pending = tmp_path / "export.csv"
    pending.write_bytes(b"\n".join(lines))
    tie = tie_at(sipri.read([pending]), 13)
    assert tie.props["status"] == "ordered" and "delivery_years" not in tie.props
    assert tie_at(sipri.read([EXPORT]), 14).props["status"] == "delivered"


def test_the_real_register_has_orders_and_deliveries(real: ImportResult) -> None:
    statuses = Counter(t.props["status"] for t in real.ties)
    assert set(statuses) == {"ordered", "delivered"} and statuses["delivered"] > statuses["ordered"]
