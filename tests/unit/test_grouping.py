"""Which records are one entity, what it is called, and what it says."""

from __future__ import annotations

from loader.entities import entity_props
from loader.grouping import group

RUS = {"state": "RUS"}


def test_records_sharing_a_strong_key_are_one_entity() -> None:
    assert group({"russia": RUS, "cow-365": RUS, "india": {"state": "IND"}}) == {
        "russia": "russia",
        "cow-365": "russia",
        "india": "india",
    }


def test_a_same_judgement_joins_and_a_not_same_one_blocks_a_join_through_a_third_record() -> None:
    keys = {"a": {}, "b": {}, "c": {}}
    assigned = group(keys, same=[("a", "b"), ("b", "c")], not_same=[("a", "c")])
    assert assigned == {"a": "a", "b": "a", "c": "c"}


def test_not_same_also_keeps_apart_records_sharing_a_key() -> None:
    assert group({"russia": RUS, "cow-365": RUS}, not_same=[("cow-365", "russia")]) == {
        "russia": "russia",
        "cow-365": "cow-365",
    }


def test_the_entity_takes_the_id_of_the_dataset_loaded_first_whatever_the_input_order() -> None:
    ranks = {"sipri-russia": 1, "russia": 2, "cow-365": 3}
    keys = {ident: RUS for ident in ("russia", "cow-365", "sipri-russia")}
    reversed_keys = dict(reversed(keys.items()))
    for given in (keys, reversed_keys):
        assert set(group(given, rank=ranks.__getitem__).values()) == {"sipri-russia"}
    assert set(group(keys).values()) == {"russia"}  # unranked: the shortest id


def test_an_entity_says_what_its_first_record_says_with_every_name_and_list_joined() -> None:
    seed = {"id": "russia", "dataset": "seed", "kind": "State", "name": "Russia",
            "aliases": ["Russian Federation"], "sources": ["s1"], "iso3": "RUS",
            "record": "entities.csv:3", "_hash": "x", "_key_state": "RUS"}  # fmt: skip
    cow = {"id": "cow-365", "dataset": "cow", "kind": "State", "name": "Russia (COW)",
           "aliases": ["RUS"], "sources": ["cow"], "cow_code": 365}  # fmt: skip
    props = entity_props([cow, seed], {"seed": 1, "cow": 2})
    assert props == {
        "id": "russia",
        "kind": "State",
        "name": "Russia",
        "aliases": ["Russian Federation", "Russia (COW)", "RUS"],
        "sources": ["s1", "cow"],
        "iso3": "RUS",
        "cow_code": 365,
        "datasets": ["cow", "seed"],
        "records": ["russia", "cow-365"],
    }
