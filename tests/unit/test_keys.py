"""Strong keys: States by ISO code (historical states apart), people and companies by their ids."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

import pytest

from loader.importers import cow, ftm, sipri
from loader.keys import strong_keys
from loader.records import Node
from loader.seed import default_data_dir, read_seed

REALDATA = Path(__file__).resolve().parents[3] / "shared" / "realdata"


def keys_of(node: Node) -> dict[str, str]:
    return strong_keys(node.kind, node.props)


def test_curated_cow_and_sipri_russia_give_one_key() -> None:
    curated = {"name": "Russia", "aliases": ["Russian Federation"], "iso3": "RUS"}
    from_cow = {"name": "Russia", "aliases": ["RUS"], "cow_code": 365}
    from_sipri = {"name": "Russia"}
    for props in (curated, from_cow, from_sipri):
        assert strong_keys("State", props) == {"state": "RUS"}


def test_soviet_union_is_its_own_historical_state_never_russia() -> None:
    curated = strong_keys("State", {"name": "Soviet Union", "aliases": ["USSR"], "iso3": "SUN"})
    from_sipri = strong_keys("State", {"name": "Soviet Union"})
    assert curated == from_sipri == {"state": "historical:soviet-union"}
    assert strong_keys("State", {"name": "Russian Empire"}) == {
        "state": "historical:russian-empire"
    }


def test_cow_yugoslavia_is_historical_and_sipri_serbia_is_serbia() -> None:
    assert strong_keys("State", {"name": "Yugoslavia", "cow_code": 345}) == {
        "state": "historical:yugoslavia"
    }
    assert strong_keys("State", {"name": "Serbia"}) == {"state": "SRB"}


@pytest.mark.parametrize(
    ("props", "key"),
    [
        ({"name": "Czechoslovakia", "cow_code": 315}, "historical:czechoslovakia"),
        ({"name": "Czechoslovakia"}, "historical:czechoslovakia"),
        ({"name": "East Germany (GDR)"}, "historical:east-germany"),
        ({"name": "German Federal Republic", "cow_code": 260}, "historical:west-germany"),
        ({"name": "Germany", "cow_code": 255}, "DEU"),
        ({"name": "Yemen Arab Republic (North Yemen)"}, "historical:north-yemen"),
        ({"name": "South Yemen"}, "historical:south-yemen"),
        ({"name": "Yemen"}, "YEM"),
        ({"name": "Republic of Vietnam", "cow_code": 817}, "historical:south-vietnam"),
        ({"name": "Korea", "cow_code": 730}, "historical:korean-empire"),
        ({"name": "Austria-Hungary", "cow_code": 300}, "historical:austria-hungary"),
        ({"name": "Northern Cyprus"}, "unrecognised:northern-cyprus"),
    ],
)
def test_states_without_a_code_of_their_own_never_take_a_successors_code(
    props: dict[str, object], key: str
) -> None:
    assert strong_keys("State", props) == {"state": key}


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("United States", "USA"),
        ("Korea, South", "KOR"),
        ("South Korea", "KOR"),
        ("Viet Nam", "VNM"),
        ("Türkiye", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("UAE", "ARE"),
    ],
)
def test_state_names_as_sources_spell_them_give_the_iso_code(name: str, iso3: str) -> None:
    assert strong_keys("State", {"name": name}) == {"state": iso3}


def test_historical_table_gives_each_name_and_code_one_state() -> None:
    text = (default_data_dir() / "historical_states.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    for column in ("names", "cow_codes", "iso3"):
        cells = [part.casefold() for row in rows for part in row[column].split("|") if part]
        assert len(cells) == len(set(cells)), column
    assert all(row["key"].startswith(("historical:", "unrecognised:")) for row in rows)


def test_unknown_state_name_gives_no_key() -> None:
    assert strong_keys("State", {"name": "Atlantis"}) == {}
    assert strong_keys("State", {"name": "Austria Hungary Serbia"}) == {}  # several matches


def test_identifiers_are_normalised_whatever_the_kind() -> None:
    props = {
        "name": "Rosatom",
        "wikidata": " q1140297 ",
        "inn": "7706 413348",
        "ogrn": "1077799032926",
        "lei": "253400jt3muf6dwxpq73",
    }
    assert strong_keys("Organization", props) == {
        "wikidata": "Q1140297",
        "inn": "7706413348",
        "ogrn": "1077799032926",
        "lei": "253400JT3MUF6DWXPQ73",
    }
    assert strong_keys("Person", {"name": "X", "inn": "184101937739"}) == {"inn": "184101937739"}


@pytest.mark.parametrize(
    ("scheme", "value"),
    [
        ("wikidata", "7747"),
        ("wikidata", "Q07747"),
        ("wikidata", "P31"),
        ("inn", "77064133"),
        ("inn", "77064133481"),
        ("inn", "770641334X"),
        ("ogrn", "10777990329"),
        ("lei", "253400JT3MUF6DWXPQ7"),
        ("lei", "253400JT3MUF6DWXPQ7-"),
        ("lei", ""),
    ],
)
def test_values_not_shaped_like_their_scheme_give_no_key(scheme: str, value: str) -> None:
    assert strong_keys("Organization", {"name": "X", scheme: value}) == {}


def test_ftm_import_maps_identifiers_onto_their_properties(tmp_path: Path) -> None:
    company = {
        "id": "c1",
        "schema": "Company",
        "properties": {
            "name": ["Rosatom"],
            "wikidataId": ["Q1140297"],
            "innCode": ["7706413348"],
            "ogrnCode": ["1077799032926"],
            "leiCode": ["253400JT3MUF6DWXPQ73"],
        },
    }
    person = {"id": "p1", "schema": "Person", "properties": {"name": ["X"], "innCode": ["1"]}}
    path = tmp_path / "ids.ftm.json"
    path.write_text("\n".join(json.dumps(line) for line in (company, person)), "utf-8")
    nodes = {node.id: node for node in ftm.read([path]).nodes}
    assert keys_of(nodes["ftm-c1"]) == {
        "wikidata": "Q1140297",
        "inn": "7706413348",
        "ogrn": "1077799032926",
        "lei": "253400JT3MUF6DWXPQ73",
    }
    assert (nodes["ftm-p1"].props["inn"], keys_of(nodes["ftm-p1"])) == ("1", {})


def test_curated_states_get_keys_matching_their_own_iso3() -> None:
    states = [node for node in read_seed(default_data_dir()).nodes if node.kind == "State"]
    wrong = {
        node.id: keys_of(node)
        for node in states
        if keys_of(node).get("state", "") not in (node.props.get("iso3"), f"historical:{node.id}")
    }
    assert not wrong
    assert {"soviet-union", "yugoslavia", "russian-empire"} <= {
        node.id for node in states if keys_of(node)["state"].startswith("historical:")
    }


@pytest.fixture(scope="module")
def real_states() -> list[Node]:
    if not REALDATA.is_dir():
        pytest.skip("needs ../shared/realdata")
    results = [
        sipri.read(sorted((REALDATA / "sipri").glob("*.csv"))),
        cow.read(sorted((REALDATA / "cow").glob("*.csv"))),
    ]
    return [node for result in results for node in result.nodes if node.kind == "State"]


def test_every_real_sipri_and_cow_state_gets_a_key(real_states: list[Node]) -> None:
    missing = [node.id for node in real_states if "state" not in keys_of(node)]
    assert len(real_states) > 400
    assert not missing, f"no key for {missing}"


def test_no_two_cow_codes_share_a_key(real_states: list[Node]) -> None:
    codes: dict[str, set[int]] = defaultdict(set)
    for node in real_states:
        if "cow_code" in node.props:
            codes[keys_of(node)["state"]].add(node.props["cow_code"])
    assert {key: found for key, found in codes.items() if len(found) > 1} == {}
