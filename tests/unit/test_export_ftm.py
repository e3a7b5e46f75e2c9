"""FollowTheMoney lines: valid FtM entities that also carry our records whole."""

from __future__ import annotations

import io
import json
import re
from typing import Any

import pytest
from test_export_sample import sample_nodes, sample_ties

from explorer.export.ftm import ftm_id, write_ftm
from loader.records import Node, Tie


def _lines(nodes: list[Node], ties: list[Tie]) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_ftm(nodes, ties, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def _by_id() -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in _lines(sample_nodes(), sample_ties())}


def _records(lines: list[dict[str, Any]]) -> tuple[list[Node], list[Tie]]:
    """What our importer does with the `explorer` key: rebuild the records exactly."""
    nodes, ties = [], []
    for line in lines:
        ours = line["explorer"]
        if "kind" in ours:
            nodes.append(Node(ours["id"], ours["kind"], ours["props"]))
        else:
            ends = ours["source"], ours["target"]
            ties.append(Tie(ours["id"], ours["type"], *ends, ours["props"]))
    return nodes, ties


def test_our_records_come_back_whole_from_the_explorer_key() -> None:
    nodes, ties = _records(_lines(sample_nodes(), sample_ties()))
    assert nodes == sample_nodes()
    assert ties == sample_ties()
    assert type(ties[0].props["share"]) is float and type(nodes[5].props["cow_code"]) is int


def test_ids_ftm_would_refuse_get_a_stable_safe_form_and_come_back_unchanged() -> None:
    nodes = [Node("state_duma", "Organization", {"name": "State Duma"}), *sample_nodes()]
    ties = [Tie("state_duma|MEMBER_OF|breakout", "MEMBER_OF", "state_duma", "breakout", {})]
    lines = _lines(nodes, ties)
    assert lines[0]["id"] == ftm_id("state_duma") == _lines(nodes, ties)[0]["id"]
    assert re.fullmatch(r"state-duma-[0-9a-f]{12}", lines[0]["id"])
    assert lines[-1]["id"].startswith("state-duma-MEMBER-OF-breakout-")
    assert lines[-1]["properties"]["member"] == [lines[0]["id"]]
    assert lines[-1]["properties"]["organization"] == ["breakout"]
    assert _records(lines) == (nodes, ties)


def test_a_record_of_a_dataset_names_it_in_ftm_datasets() -> None:
    nodes = [Node("russia", "State", {"name": "Russia", "dataset": "seed"}), *sample_nodes()[:1]]
    lines = _lines(nodes, [])
    assert lines[0]["datasets"] == ["seed"]
    assert "datasets" not in lines[1]


def test_kinds_map_to_ftm_schemata() -> None:
    schemata = {key: line["schema"] for key, line in _by_id().items()}
    assert schemata["putin"] == "Person"
    assert schemata["gazprom"] == "Company"
    assert schemata["breakout"] == "Organization"
    assert schemata["russia"] == "PublicBody"
    assert schemata["cst"] == "Contract"
    assert schemata["memo"] == "Document"


def test_a_state_is_a_public_body_with_the_national_government_topic() -> None:
    assert _by_id()["russia"]["properties"] == {"name": ["Russia"], "topics": ["gov.national"]}


def test_node_properties_become_lists_of_strings() -> None:
    lines = _by_id()
    assert lines["putin"]["properties"] == {
        "name": ["Vladimir Putin"],
        "alias": ["V. V. Putin", "Путин"],
        "birthDate": ["1952-10-07"],
    }
    assert lines["cst"]["properties"]["title"] == ["Collective Security Treaty"]
    assert lines["cst"]["properties"]["contractDate"] == ["1992-05-15"]


def test_ties_map_to_ftm_relations_with_stable_ids() -> None:
    lines = _by_id()
    assert lines["own-1"]["schema"] == "Ownership"
    assert lines["own-1"]["properties"] == {
        "summary": ["51 percent owned"],
        "percentage": ["51.0"],
        "owner": ["gazprom"],
        "asset": ["obrien"],
    }
    assert lines["leads-1"]["schema"] == "Directorship"
    assert lines["leads-1"]["properties"]["role"] == ["president"]
    assert lines["leads-1"]["properties"]["startDate"] == ["2012"]
    # FtM's Associate reads back as ASSOCIATE_OF, so a friendship is an UnknownLink
    assert lines["friend-1"]["schema"] == "UnknownLink"
    assert lines["friend-1"]["properties"]["role"] == ["FRIEND_OF"]


def test_other_tie_types_become_unknown_links_with_the_type_as_role() -> None:
    arms = _by_id()["arms-1"]
    assert arms["schema"] == "UnknownLink"
    assert arms["properties"] == {"role": ["SUPPLIED_ARMS_TO"], "subject": ["russia"],
                                  "object": ["breakout"]}  # fmt: skip


def test_a_sanction_names_the_entities_its_sanctions_ties_reach() -> None:
    sanction = Node("s1", "Sanction", {"authority": "OFAC", "program": "RUSSIA-EO14024"})
    ties = [Tie("st", "SANCTIONS", "s1", "gazprom", {"sources": ["memo"]})]
    line = _lines([sanction], ties)[0]
    assert line["schema"] == "Sanction"
    assert line["properties"]["entity"] == ["gazprom"]


def test_an_entity_names_its_address_and_a_passport_its_holder_as_ftm_references() -> None:
    address = Node("a1", "Address", {"name": "1 Tverskaya St, Moscow", "city": "Moscow"})
    passport = Node("p1", "Identification", {"name": "Passport 7501", "number": "7501"})
    ties = [
        Tie("at", "LOCATED_AT", "gazprom", "a1", {"sources": ["memo"]}),
        Tie("id", "IDENTIFIES", "p1", "putin", {"sources": ["memo"]}),
    ]
    lines = {line["id"]: line for line in _lines([*sample_nodes(), address, passport], ties)}
    assert lines["gazprom"]["properties"]["addressEntity"] == ["a1"]
    assert lines["a1"]["schema"] == "Address"
    assert lines["a1"]["properties"] == {"full": ["1 Tverskaya St, Moscow"], "city": ["Moscow"]}
    assert lines["p1"]["schema"] == "Identification"
    assert lines["p1"]["properties"] == {"holder": ["putin"], "number": ["7501"]}


def test_an_unknown_kind_raises_value_error() -> None:
    with pytest.raises(ValueError, match="unknown node kind 'Spy'"):
        _lines([Node("x", "Spy", {"name": "x"})], [])


def test_followthemoney_accepts_every_line_unchanged() -> None:
    ftm = pytest.importorskip("followthemoney", reason="followthemoney validates FtM lines")
    extra = Node("s1", "Sanction", {"program": "RUSSIA-EO14024", "listed": "2022-02-24"})
    facility = Node("plant", "Facility", {"name": "Bushehr", "category": "power_plant"})
    address = Node("a1", "Address", {"name": "1 Tverskaya St", "postal_code": "125009"})
    passport = Node("p1", "Identification", {"number": "7501", "issued": "2015-03-01"})
    ties = [
        *sample_ties(),
        Tie("s1|SANCTIONS|gazprom", "SANCTIONS", "s1", "gazprom", {}),
        Tie("at", "LOCATED_AT", "gazprom", "a1", {}),
        Tie("id", "IDENTIFIES", "p1", "putin", {}),
    ]
    for line in _lines([*sample_nodes(), extra, facility, address, passport], ties):
        assert ftm.types.registry.entity.validate(line["id"]), line["id"]
        schema = ftm.model.get(line["schema"])
        assert schema is not None, line["schema"]
        assert set(line["properties"]) <= set(schema.properties), line["id"]
        proxy = ftm.model.get_proxy(line, cleaned=False)
        cleaned = {name: sorted(values) for name, values in proxy.to_dict()["properties"].items()}
        assert cleaned == {n: sorted(v) for n, v in line["properties"].items()}, line["id"]
        assert proxy.to_dict()["explorer"] == line["explorer"]
