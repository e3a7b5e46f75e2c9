"""Every load is checked against the schema, whatever its format, and refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from explorer.loading import read_input
from loader.check import problems
from loader.errors import InputError
from loader.importers import edges
from loader.importers.base import ImportResult
from loader.importers.edges import EdgeMapping
from loader.records import Node, Origin, Tie
from loader.seed import read_seed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OFF_SCHEMA = FIXTURES / "importers" / "ftm" / "off_schema.ftm.json"


def result_of(nodes: list[Node], ties: list[Tie]) -> ImportResult:
    return ImportResult(nodes=nodes, ties=ties, skipped={}, dataset="test")


def test_an_ftm_file_off_the_schema_is_refused_with_every_problem_at_its_line() -> None:
    with pytest.raises(InputError) as caught:
        read_input("ftm", [OFF_SCHEMA])
    assert [str(problem) for problem in caught.value.problems] == [
        f"{OFF_SCHEMA}:2: born: 'yesterday' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        " (record p1)",
        f"{OFF_SCHEMA}:3: share: not a property of Person (record p2)",
        f"{OFF_SCHEMA}:5: type: OWNS cannot run from Organization to Person (record t1)",
        f"{OFF_SCHEMA}:6: name: missing required value (record p3)",
        f"{OFF_SCHEMA}:7: a`b: not a plain identifier (a letter or _, then letters, digits or _)"
        " (record p4)",
    ]


def test_records_without_an_origin_are_named_by_kind_and_id() -> None:
    drifted = result_of(
        [
            Node("a", "Person", {"name": "A", "colour": "red", "born": "1 May 1970"}),
            Node("b", "Planet", {"name": "B"}),
            Node("c", "State", {"aliases": []}),
        ],
        [Tie("t", "OWNS", "a", "c", {"sources": ["x"], "share": "half"})],
    )
    assert [str(problem) for problem in problems(drifted)] == [
        "OWNS 't': type: OWNS cannot run from Person to State",
        "OWNS 't': share: 'half' is not a plain decimal number",
        "Person 'a': colour: not a property of Person",
        "Person 'a': born: '1 May 1970' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "Planet 'b': kind: unknown kind 'Planet'",
        "State 'c': name: missing required value",
    ]


def test_a_reference_to_a_loaded_entity_of_the_wrong_kind_is_refused() -> None:
    here = Origin("f.json", 2, "p")
    nodes = [
        Node("p", "Person", {"name": "P", "nationality": "acme", "sources": ["acme"]}, here),
        Node("acme", "Organization", {"name": "Acme"}),
    ]
    assert [str(problem) for problem in problems(result_of(nodes, []))] == [
        "f.json:2: nationality: 'acme' is of kind Organization, not State (record p)",
        "f.json:2: sources: 'acme' is of kind Organization, not Source (record p)",
    ]


def test_ends_and_references_not_in_the_load_are_left_to_the_writer() -> None:
    nodes = [Node("p", "Person", {"name": "P", "nationality": "russia"})]
    ties = [Tie("t", "OWNS", "p", "gazprom", {"sources": ["x"], "share": 50})]
    assert problems(result_of(nodes, ties)) == []


def test_a_number_that_is_not_finite_is_refused() -> None:
    ties = [Tie("t", "OWNS", "a", "b", {"sources": ["x"], "share": float("nan")})]
    assert [str(problem) for problem in problems(result_of([], ties))] == [
        "OWNS 't': share: nan is not a plain decimal number"
    ]


def test_the_origin_is_where_the_record_was_read_and_never_a_property(tmp_path: Path) -> None:
    seed = read_seed(FIXTURES / "mini_seed")
    first = seed.nodes[0]
    assert first.origin == Origin(str(FIXTURES / "mini_seed" / "sources.csv"), 2)
    assert "origin" not in first.props
    assert first == Node(first.id, first.kind, first.props)
    path = tmp_path / "e.csv"
    path.write_text("from,to\nAnn,Acme\n", "utf-8")
    mapping = EdgeMapping("from", "to", fixed_type="WORKS_FOR", source_kind="Person",
                          target_kind="Organization")  # fmt: skip
    result = edges.read([path], mapping)
    assert {record.origin for record in [*result.nodes, *result.ties]} == {Origin(str(path), 2)}


def test_a_tie_end_in_the_load_of_a_kind_the_type_refuses_is_named_alone() -> None:
    nodes = [Node("acme", "Organization", {"name": "Acme"})]
    ties = [Tie("t", "FRIEND_OF", "acme", "ann", {"sources": ["x"]})]
    assert [str(problem) for problem in problems(result_of(nodes, ties))] == [
        "FRIEND_OF 't': type: FRIEND_OF cannot run from Organization"
    ]
