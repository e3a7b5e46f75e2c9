"""The Cypher script: literals escaped exactly, labels only from the schema, batched MERGEs."""

from __future__ import annotations

import io

import pytest
from test_export_sample import sample_nodes, sample_ties

from explorer.export.cypher import BATCH, CONSTRAINT, write_cypher
from explorer.export.literals import key, literal, map_literal
from loader.records import Node, Tie


def _script(nodes: list[Node], ties: list[Tie]) -> str:
    out = io.StringIO()
    write_cypher(nodes, ties, out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('O\'Brien "Holdings" \\ Partners', "'O\\'Brien \"Holdings\" \\\\ Partners'"),
        ("line one\nline two\r\tend", "'line one\\nline two\\r\\tend'"),
        ("bell\x07 nul\x00", "'bell\\u0007 nul\\u0000'"),
        ("</script> Gerhard Schröder", "'</script> Gerhard Schröder'"),
        ("\\'", "'\\\\\\''"),
        (["a", "b'c"], "['a', 'b\\'c']"),
        (365, "365"),
        (-2, "-2"),
        (51.0, "51.0"),
        (1e16, "1e16"),
        (2.5e-07, "2.5e-07"),
        (True, "true"),
        (False, "false"),
        (None, "null"),
        ([], "[]"),
    ],
)
def test_values_become_exact_cypher_literals(value: object, expected: str) -> None:
    assert literal(value) == expected


def test_map_keys_are_backquoted_unless_plain_identifiers() -> None:
    assert map_literal({"name": "x", "odd key": 1, "a`b": True}) == (
        "{name: 'x', `odd key`: 1, `a``b`: true}"
    )
    assert key("cow_code") == "cow_code"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 2**63, object()])
def test_values_cypher_cannot_hold_raise_value_error(value: object) -> None:
    with pytest.raises(ValueError):
        literal(value)


def test_the_constraint_comes_before_any_data() -> None:
    lines = _script(sample_nodes(), sample_ties()).splitlines()
    statements = [line for line in lines if line and not line.startswith("//")]
    assert statements[0] == CONSTRAINT
    assert CONSTRAINT == (
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;"
    )


def test_nodes_are_merged_on_id_with_their_kind_label_and_literal_props() -> None:
    script = _script(sample_nodes(), [])
    assert (
        "MERGE (n:Entity {id: row.id})\nSET n:Person, n += row.props, n.kind = 'Person';" in script
    )
    assert (
        "{id: 'putin', props: {name: 'Vladimir Putin', aliases: ['V. V. Putin', 'Путин'], "
        "born: '1952-10-07', sources: ['memo']}}"
    ) in script
    assert "props: {name: 'O\\'Brien \"Holdings\" \\\\ Partners', category: 'bank'}" in script
    assert "cow_code: 365" in script
    assert "defense: true" in script


def test_ties_are_merged_between_matched_ends() -> None:
    script = _script(sample_nodes(), sample_ties())
    assert (
        "{id: 'friend-1', s: 'putin', t: 'schroeder', props: {sources: ['memo'], evidence: "
        "['He called him \\'a flawless democrat\\'\\nin an interview', 'close']}}"
    ) in script
    assert (
        "MATCH (a:Entity {id: row.s}), (b:Entity {id: row.t})\n"
        "MERGE (a)-[r:FRIEND_OF {id: row.id}]->(b)\nSET r += row.props;"
    ) in script


def test_each_kind_and_tie_type_gets_its_own_statement() -> None:
    script = _script(sample_nodes(), sample_ties())
    statements = [s for s in script.split(";\n") if s.strip()]
    assert len(statements) == 1 + 6 + 6  # the constraint, 6 kinds, 6 tie types
    assert script.endswith(";\n")


def test_each_row_stays_on_one_line_even_when_a_value_has_newlines() -> None:
    rows = [
        line for line in _script(sample_nodes(), sample_ties()).splitlines() if line[:3] == "  {"
    ]
    assert len(rows) == len(sample_nodes()) + len(sample_ties())
    assert all(row.endswith(("}", "},")) for row in rows)


def test_rows_are_sent_in_batches_of_five_hundred() -> None:
    people = [Node(f"p{i}", "Person", {"name": f"P {i}"}) for i in range(2 * BATCH + 1)]
    script = _script(people, [])
    assert script.count("UNWIND [") == 3
    assert script.count("SET n:Person, n += row.props, n.kind = 'Person';") == 3


def test_a_kind_outside_the_schema_raises_value_error() -> None:
    spy = Node("x", "Person) DETACH DELETE n //", {"name": "x"})
    with pytest.raises(ValueError, match="unknown node kind"):
        _script([spy], [])


def test_a_tie_type_outside_the_schema_raises_value_error() -> None:
    bribe = Tie("t", "BRIBED", "putin", "schroeder", {})
    with pytest.raises(ValueError, match="unknown tie type 'BRIBED'"):
        _script(sample_nodes(), [bribe])
