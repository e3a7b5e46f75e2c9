"""The FtM importer maps entities, relations and sanctions onto the schema and counts the rest."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import ftm
from loader.importers.base import ImportResult
from loader.records import Node, Tie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "ftm"
SMALL = FIXTURES / "small.ftm.json"
ZALA = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "realdata"
    / "opensanctions"
    / "yente_zala_entities.ftm.json"
)
ZAKHAROV, CST = "ftm-NK-aU5ybkbRFJucf8YMwsJvDw", "ftm-NK-abdzbEBkqyT29GyREbiURZ"


@pytest.fixture(scope="module")
def zala() -> ImportResult:
    if not ZALA.is_file():
        pytest.skip("needs ../shared/realdata")
    return ftm.read([ZALA])


@pytest.fixture(scope="module")
def small() -> ImportResult:
    return ftm.read([SMALL])


def nodes_by_id(result: ImportResult) -> dict[str, Node]:
    return {node.id: node for node in result.nodes}


def ties_by_id(result: ImportResult) -> dict[str, Tie]:
    return {tie.id: tie for tie in result.ties}


def problems_of(paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        ftm.read(paths)
    return [str(problem) for problem in caught.value.problems]


def test_real_export_maps_people_companies_sanctions_and_their_ties(zala: ImportResult) -> None:
    assert Counter(node.kind for node in zala.nodes) == {
        "Sanction": 41,
        "Organization": 11,
        "Person": 6,
    }
    assert Counter(tie.type for tie in zala.ties) == {
        "SANCTIONS": 41,
        "OWNS": 14,
        "RELATIVE_OF": 4,
        "LEADS": 3,
    }
    assert zala.skipped == {"Address": 11, "Passport": 1}


def test_real_export_listing_many_sources_per_line_is_opensanctions_dated_by_last_seen(
    zala: ImportResult,
) -> None:
    assert (zala.dataset, zala.version) == ("opensanctions", "2026-04-29T12:53:04")
    assert zala.files == [str(ZALA)]


def test_real_export_keeps_three_ownership_records_of_one_pair_as_three_ties(
    zala: ImportResult,
) -> None:
    stakes = [t for t in zala.ties if (t.type, t.source, t.target) == ("OWNS", ZAKHAROV, CST)]
    assert sorted(tie.props["share"] for tie in stakes) == [48.0, 50.0, 51.0]
    assert len({tie.id for tie in stakes}) == 3


def test_real_ownership_without_percentage_has_no_share(zala: ImportResult) -> None:
    owns = [tie for tie in zala.ties if tie.type == "OWNS"]
    assert sum("share" not in tie.props for tie in owns) == 4


def test_real_export_keeps_country_codes_and_writes_no_state_ids(zala: ImportResult) -> None:
    codes = Counter(tuple(node.props.get("country_codes", ())) for node in zala.nodes)
    assert codes[("ru",)] == 9
    assert codes[("gb", "ru")] == 2
    assert not any("country" in n.props or "nationality" in n.props for n in zala.nodes)


def test_real_export_stays_on_the_schema(zala: ImportResult) -> None:
    assert schema_problems(zala) == []


def test_fixture_stays_on_the_schema(small: ImportResult) -> None:
    assert schema_problems(small) == []


def test_entity_schemata_become_people_and_categorised_organizations(
    small: ImportResult,
) -> None:
    nodes = nodes_by_id(small)
    assert nodes["ftm-p1"].kind == nodes["ftm-p2"].kind == "Person"
    categories = {key: nodes[f"ftm-{key}"].props["category"] for key in ("c1", "g1", "l1", "o1")}
    assert categories == {"c1": "company", "g1": "government", "l1": "other", "o1": "other"}
    assert {nodes[f"ftm-{key}"].kind for key in categories} == {"Organization"}


def test_first_name_is_the_name_and_other_names_and_aliases_are_aliases(
    small: ImportResult,
) -> None:
    person = nodes_by_id(small)["ftm-p1"].props
    assert person["name"] == "Ivan Petrov"
    assert person["aliases"] == ["Иван Петров", "Vanya", "IP", "Ivan Sidorov"]
    assert (person["born"], person["position"]) == ("1969", "Chairman")
    assert nodes_by_id(small)["ftm-c1"].props["abbreviation"] == "ACM"


def test_entity_without_name_is_named_by_its_caption(small: ImportResult) -> None:
    assert nodes_by_id(small)["ftm-p2"].props == {
        "name": "Pyotr Petrov",
        "aliases": [],
        "dataset": "opensanctions",
        "record": "p2",
    }


def test_country_codes_are_kept_as_given_and_not_as_state_ids(small: ImportResult) -> None:
    nodes = nodes_by_id(small)
    person = nodes["ftm-p1"].props
    assert (person["country_codes"], person["nationality_codes"]) == (["ru"], ["ru"])
    assert nodes["ftm-o1"].props["country_codes"] == ["gb", "ru"]
    assert nodes["ftm-san-1"].props["country_codes"] == ["us"]
    assert not any("country" in n.props or "nationality" in n.props for n in small.nodes)


def test_relations_become_ties_with_their_own_properties(small: ImportResult) -> None:
    ties = ties_by_id(small)
    expected = {
        "ftm-own-1": ("OWNS", "ftm-p1", "ftm-c1"),
        "ftm-own-2": ("OWNS", "ftm-p1", "ftm-c1"),
        "ftm-dir-1": ("LEADS", "ftm-p1", "ftm-c1"),
        "ftm-mem-1": ("MEMBER_OF", "ftm-c1", "ftm-o1"),
        "ftm-fam-1": ("RELATIVE_OF", "ftm-p1", "ftm-p2"),
        "ftm-ass-1": ("ASSOCIATE_OF", "ftm-p1", "ftm-p2"),
        "ftm-emp-1": ("WORKS_FOR", "ftm-p2", "ftm-g1"),
        "ftm-unk-1": ("AFFILIATED_WITH", "ftm-l1", "ftm-o1"),
        "ftm-san-1-sanctions": ("SANCTIONS", "ftm-san-1", "ftm-c1"),
    }
    assert {tie_id: (t.type, t.source, t.target) for tie_id, t in ties.items()} == expected
    assert ties["ftm-own-1"].props == {
        "dataset": "opensanctions",
        "record": "own-1",
        "sources": ["opensanctions"],
        "share": 25.5,
        "since": "2015-11-25",
        "until": "2023-03-02",
        "raw_label": "shareholder",
    }
    assert ties["ftm-dir-1"].props["role"] == "CEO"
    assert ties["ftm-mem-1"].props["role"] == "founding member"
    assert ties["ftm-fam-1"].props["relationship"] == "son"
    assert ties["ftm-ass-1"].props["raw_label"] == "business partner"
    assert ties["ftm-emp-1"].props["role"] == "adviser"
    assert ties["ftm-unk-1"].props["raw_label"] == "partner"


def test_ownership_without_percentage_has_no_share_and_dates_lose_their_time(
    small: ImportResult,
) -> None:
    props = ties_by_id(small)["ftm-own-2"].props
    assert "share" not in props
    assert props["since"] == "2024-01-01"


def test_sanction_becomes_a_node_listed_at_its_earliest_date(small: ImportResult) -> None:
    assert nodes_by_id(small)["ftm-san-1"] == Node(
        "ftm-san-1",
        "Sanction",
        {
            "name": "OFAC: RUSSIA-EO14024",
            "aliases": [],
            "dataset": "opensanctions",
            "record": "san-1",
            "authority": "OFAC",
            "program": "RUSSIA-EO14024",
            "listed": "2022-03-01",
            "country_codes": ["us"],
        },
    )


def test_unmapped_schemata_unresolvable_relations_and_repeats_are_counted_not_dropped(
    small: ImportResult,
) -> None:
    assert small.skipped == {
        "Address": 1,
        "Passport": 1,
        "duplicate id": 1,
        "Directorship: Organization -> Organization": 1,
        "Ownership: end not in input": 1,
        "Ownership: end missing": 1,
        "Sanction: end not in input": 1,
    }
    assert "ftm-san-2" not in nodes_by_id(small)


def test_every_node_and_tie_carries_its_dataset_and_record(small: ImportResult) -> None:
    records: list[Node | Tie] = [*small.nodes, *small.ties]
    for record in records:
        assert record.props["dataset"] == "opensanctions"
        assert record.props["record"] == record.id.removeprefix("ftm-").removesuffix("-sanctions")
    assert all(tie.props["sources"] == ["opensanctions"] for tie in small.ties)


def test_dataset_name_can_be_given_for_other_ftm_sources() -> None:
    result = ftm.read([SMALL], dataset="aleph")
    assert result.dataset == "aleph"
    records: list[Node | Tie] = [*result.nodes, *result.ties]
    assert {record.props["dataset"] for record in records} == {"aleph"}


def test_lines_that_all_name_one_dataset_alone_load_under_its_name(tmp_path: Path) -> None:
    lines = [json.loads(line) for line in SMALL.read_text("utf-8").splitlines() if line.strip()]
    named = tmp_path / "sdn.ftm.json"
    named.write_text(
        "".join(json.dumps(line | {"datasets": ["us_ofac_sdn"]}) + "\n" for line in lines)
    )
    result = ftm.read([named])
    assert (result.dataset, result.version) == ("us_ofac_sdn", None)
    records: list[Node | Tie] = [*result.nodes, *result.ties]
    assert {record.props["dataset"] for record in records} == {"us_ofac_sdn"}


def test_a_file_without_dataset_names_is_opensanctions_of_no_version(small: ImportResult) -> None:
    assert (small.dataset, small.version, small.files) == ("opensanctions", None, [str(SMALL)])


def test_reading_twice_gives_the_same_ids() -> None:
    first, second = ftm.read([SMALL]), ftm.read([SMALL])
    assert [tie.id for tie in first.ties] == [tie.id for tie in second.ties]
    assert [node.id for node in first.nodes] == [node.id for node in second.nodes]


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.ftm.json"]) == [
        f"{FIXTURES}/absent.ftm.json: no such file"
    ]


def test_truncated_and_malformed_lines_are_all_reported_with_file_and_line() -> None:
    path = FIXTURES / "broken.ftm.json"
    assert problems_of([path]) == [
        f"{path}:2: invalid JSON: Unterminated string starting at: column 58",
        f"{path}:3: schema: missing or not a string",
        f"{path}:4: name: not a list of strings",
    ]


def test_text_that_is_not_utf8_is_reported_at_its_line() -> None:
    path = FIXTURES / "latin1.ftm.json"
    assert problems_of([path]) == [f"{path}:2: not UTF-8 text (byte 0xe9)"]


def test_percentage_that_is_not_a_number_is_reported_at_its_field() -> None:
    path = FIXTURES / "bad_percentage.ftm.json"
    expected = f"{path}:1: percentage: 'about half' is not a plain decimal number"
    assert problems_of([path]) == [expected]


def test_problems_of_several_files_are_reported_together() -> None:
    problems = problems_of([FIXTURES / "absent.ftm.json", FIXTURES / "latin1.ftm.json"])
    assert len(problems) == 2
