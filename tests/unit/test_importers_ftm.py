"""The FtM importer maps entities, relations and sanctions onto the schema and counts the rest."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from rigour.text.scripts import is_latin

from loader import ftm_countries
from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import ftm
from loader.importers.base import ImportResult
from loader.records import Node, Tie
from loader.schema import load_schema

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


def oracle(path: Path) -> list[EntityProxy]:
    """The entities followthemoney reads from `path`, as it reads input it has not cleaned."""
    lines = read_lines(path)
    return [model.get_proxy(line, cleaned=False) for line in lines]


def read_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def assert_reads_all_followthemoney_reads(path: Path, result: ImportResult) -> None:
    """Every entity followthemoney reads is a node, the record of a tie, or counted (the
    first line of an id is read, the others counted as repeats)."""
    proxies = oracle(path)
    nodes = nodes_by_id(result)
    entities = set(load_schema().ftm_kinds) - set(load_schema().ftm_ties)
    records = {str(r.props["record"]) for r in [*result.nodes, *result.ties]}
    seen: set[str | None] = {None}
    for proxy in proxies:
        name = proxy.schema.name
        if proxy.id in seen:
            continue
        seen.add(proxy.id)
        if name in entities:
            node = nodes[f"ftm-{proxy.id}"]
            names = [node.props["name"], *node.props["aliases"]]
            assert set(names_of(proxy)) <= set(names), proxy.id
        else:
            reasons = [r for r in result.skipped if r == name or r.startswith(f"{name}:")]
            assert proxy.id in records or reasons, proxy.id
    counted = len(records) + sum(result.skipped.values())
    assert counted == len(proxies)


def names_of(proxy: EntityProxy) -> list[str]:
    """The names of `proxy`: the values of the FtM properties its kind pairs with `name`."""
    ftm_kind = load_schema().kinds[load_schema().ftm_kinds[proxy.schema.name]].ftm
    assert ftm_kind is not None
    return [v for ours, theirs in ftm_kind.properties if ours == "name" for v in proxy.get(theirs)]


def assert_names_follow_captions(proxies: list[EntityProxy], names: dict[str, str]) -> None:
    """Ours is FtM's caption when at most one name is in Latin script, else Latin as FtM's is."""
    for proxy in proxies:
        assert proxy.id is not None
        ours, theirs = names[proxy.id], proxy.caption
        if sum(map(is_latin, names_of(proxy))) <= 1:
            assert ours == theirs, proxy.id
        else:
            assert is_latin(ours) and is_latin(theirs), proxy.id


def test_real_export_maps_every_record_people_companies_addresses_passports_sanctions(
    zala: ImportResult,
) -> None:
    assert Counter(node.kind for node in zala.nodes) == {
        "Sanction": 41,
        "Organization": 11,
        "Address": 11,
        "Person": 6,
        "Identification": 1,
    }
    assert Counter(tie.type for tie in zala.ties) == {
        "SANCTIONS": 41,
        "OWNS": 14,
        "LOCATED_AT": 11,
        "RELATIVE_OF": 4,
        "LEADS": 3,
        "IDENTIFIES": 1,
    }
    assert zala.skipped == {}
    assert zala.notes == {"addressEntity: end not in input": 16}


def test_real_export_names_an_address_by_its_caption_and_its_other_full_forms_as_aliases(
    zala: ImportResult,
) -> None:
    address = nodes_by_id(zala)["ftm-NK-oPoYieLmcZgkCCnJGPRhBN"]
    assert address.props["name"] == "P.O. Box 9050, UR, Izhevsk, Russian Federation, 426011"
    assert address.props["aliases"] == [
        "P.O. Box 9050, Izhevsk, Russian Federation, 426011",
        "PO Box 9050, UR, Izhevsk, RUSSIAN FEDERATION, 426011",
    ]
    assert (address.props["city"], address.props["postal_code"]) == ("UR, Izhevsk", "426011")
    assert address.props["country_codes"] == ["ru"]


def test_real_export_ties_a_passport_to_its_holder_and_a_person_to_her_address(
    zala: ImportResult,
) -> None:
    ties = {tie.id: (tie.type, tie.source, tie.target) for tie in zala.ties}
    passport = "ftm-gb-fcdo-217caa5aa607244044b49706d04d8d6c5ec992bd"
    holder = "ftm-NK-aU5ybkbRFJucf8YMwsJvDw"
    assert ties[f"{passport}-identifies"] == ("IDENTIFIES", passport, holder)
    address = "ftm-addr-a300b5bf407e387d2cf1f1a2f74b8178edde276e"
    assert ties[f"{holder}-located-at"] == ("LOCATED_AT", holder, address)


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
    assert codes[("ru",)] == 9 + 6  # people and companies, and addresses
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


def test_latin_caption_is_the_name_and_other_names_and_aliases_are_aliases(
    small: ImportResult,
) -> None:
    person = nodes_by_id(small)["ftm-p1"].props
    assert person["name"] == "Ivan Petrov"
    assert person["aliases"] == ["Иван Петров", "Vanya", "IP", "Ivan Sidorov"]
    assert (person["born"], person["position"]) == ("1969", ["Chairman"])
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
        "ftm-pass-1-identifies": ("IDENTIFIES", "ftm-pass-1", "ftm-p1"),
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
        "Vessel": 1,
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
        own_id = re.sub("-(sanctions|identifies)$", "", record.id.removeprefix("ftm-"))
        assert record.props["record"] == own_id
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
        f"{path}:4: id: not a string or a whole number",
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


def test_properties_given_as_one_value_read_as_followthemoney_reads_them() -> None:
    path = FIXTURES / "scalars.ftm.json"
    result = ftm.read([path])
    assert_reads_all_followthemoney_reads(path, result)
    nodes, ties = nodes_by_id(result), ties_by_id(result)
    king = nodes["ftm-sa-king"].props
    assert king["name"] == "Salman bin Abdulaziz Al Saud"
    assert (king["position"], king["born"]) == (["King of Saudi Arabia"], "1935-12-31")
    assert (king["country_codes"], king["wikidata"]) == (["sa"], "Q367825")
    assert nodes["ftm-sa-son"].props["position"] == ["Crown Prince", "Prime Minister"]
    assert nodes["ftm-42"].props["name"] == "Aramco"
    assert (ties["ftm-own-42"].source, ties["ftm-own-42"].target) == ("ftm-sa-son", "ftm-42")
    assert (ties["ftm-own-42"].props["share"], ties["ftm-own-42"].props["since"]) == (4.5, "2019")
    assert ties["ftm-fam-1"].props["relationship"] == "son"
    assert nodes["ftm-sa-null"].props["name"] == "Empty Person"
    assert result.skipped == {"no id": 1}


def test_real_export_reads_every_entity_followthemoney_reads(zala: ImportResult) -> None:
    assert_reads_all_followthemoney_reads(ZALA, zala)


def test_fixture_reads_every_entity_followthemoney_reads(small: ImportResult) -> None:
    assert_reads_all_followthemoney_reads(SMALL, small)


def test_every_position_is_kept_once_in_order() -> None:
    path = FIXTURES / "positions.ftm.json"
    person = ftm.read([path]).nodes[0].props
    assert person["position"] == oracle(path)[0].get("position")
    assert len(person["position"]) == 3


def test_display_name_is_latin_where_followthemoney_captions_in_latin() -> None:
    path = FIXTURES / "scripts.ftm.json"
    names = {node.props["record"]: node.props["name"] for node in ftm.read([path]).nodes}
    assert names == {
        "king": "Salman bin Abdulaziz Al Saud",
        "prince": "Mohammed bin Salman",
        "minister": "Adel al-Jubeir",
        "scholar": "عبد العزيز آل الشيخ",
        "fund": "Public Investment Fund",
    }
    assert_names_follow_captions(oracle(path), names)


def test_real_display_names_are_latin_where_followthemoney_captions_in_latin(
    zala: ImportResult,
) -> None:
    names = {str(node.props["record"]): str(node.props["name"]) for node in zala.nodes}
    entities = set(load_schema().ftm_kinds) - set(load_schema().ftm_ties)
    assert_names_follow_captions([p for p in oracle(ZALA) if p.schema.name in entities], names)


def test_country_codes_and_names_become_the_codes_followthemoney_gives() -> None:
    path = FIXTURES / "countries.ftm.json"
    nodes = nodes_by_id(ftm.read([path]))
    for proxy in oracle(path):
        props = nodes[f"ftm-{proxy.id}"].props
        assert props.get("country_codes", []) == proxy.get("country"), proxy.id
        assert props.get("nationality_codes", []) == proxy.get("nationality", quiet=True), proxy.id
    assert nodes["ftm-c"].props["country_codes"] == ["suhh", "ru", "ir"]


def test_values_that_name_no_country_are_left_out_and_noted() -> None:
    result = ftm.read([FIXTURES / "countries.ftm.json"])
    assert result.notes == {
        "country: not a country code or name, left out": 1,
        "nationality: not a country code or name, left out": 1,
    }
    assert "nationality_codes" not in nodes_by_id(result)["ftm-d"].props


@pytest.mark.parametrize("value", ["ru", "RU", "rus", "Russia", "SU", "suhh", "USSR", "GB-SCT"])
def test_a_country_value_reads_as_followthemoney_reads_it(value: str) -> None:
    assert ftm_countries.country_code(value) == registry.country.clean_text(value)


def test_dataset_is_the_name_every_line_listing_datasets_lists() -> None:
    result = ftm.read([FIXTURES / "datasets.ftm.json"])
    assert (result.dataset, result.version) == ("sa_peps", "2026-01-03T00:00:00")
    records: list[Node | Tie] = [*result.nodes, *result.ties]
    assert {record.props["dataset"] for record in records} == {"sa_peps"}


def test_lines_listing_no_dataset_in_common_are_opensanctions(tmp_path: Path) -> None:
    lines = read_lines(FIXTURES / "datasets.ftm.json")
    lines[1]["datasets"] = ["wd_peps", "ru_rupep"]
    lines[2]["datasets"] = ["ru_rupep"]
    path = tmp_path / "collection.ftm.json"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    assert ftm.read([path]).dataset == "opensanctions"


@pytest.mark.parametrize("name", ["empty.ftm.json", "blank.ftm.json"])
def test_a_file_with_no_lines_is_refused_as_an_empty_csv_file_is(name: str) -> None:
    path = FIXTURES / name
    assert problems_of([path]) == [f"{path}: empty file: nothing to load"]


def test_properties_that_are_not_an_object_are_read_as_none_and_noted(tmp_path: Path) -> None:
    path = tmp_path / "odd.ftm.json"
    line = {"id": "p9", "schema": "Person", "caption": "Nine", "properties": ["Nine"]}
    path.write_text(json.dumps(line) + "\n")
    result = ftm.read([path])
    assert_reads_all_followthemoney_reads(path, result)
    assert result.nodes[0].props["name"] == "Nine"
    assert result.notes == {"properties: not an object, read as none": 1}
