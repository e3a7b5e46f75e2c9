"""One registry of property types: every reader reads text, and checks values, the same way."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from explorer.cli import main
from loader.errors import InputError, ParamError
from loader.importers import edges
from loader.importers.base import Row
from loader.importers.edges import EdgeMapping
from loader.schema import Property, load_schema
from loader.seed import read_seed
from loader.types import TYPES
from queries.binding import bind
from queries.library import parse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SEED_FILES = ("sources.csv", "entities.csv", "ties.csv")
NOT_A_DATE = "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
NOT_A_NUMBER = "is not a plain decimal number"
# Text the seed reader refused while the edges importer and query binding let it through.
DISAGREEING = [("date", "2020-02-31"), ("number", "nan"), ("number", "inf"), ("number", "1e3")]


def prop(kind: str) -> Property:
    return Property("p", kind, "", values=("bank", "company") if kind == "enum" else ())


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("integer", "1990", 1990),
        ("integer", "-3", -3),
        ("number", "49.8", 49.8),
        ("number", "80", 80.0),
        ("boolean", "Yes", True),
        ("boolean", "0", False),
        ("date", "2013", "2013"),
        ("date", "2013-09", "2013-09"),
        ("date", "2012-02-29", "2012-02-29"),
        ("list", " a | b ||c ", ["a", "b", "c"]),
        ("enum", "bank", "bank"),
        ("text", "Any words, even 1,200.", "Any words, even 1,200."),
        ("entity", "russia", "russia"),
    ],
)
def test_a_well_formed_cell_becomes_a_typed_value(kind: str, text: str, value: Any) -> None:
    result = prop(kind).parse(text)
    assert (result, type(result)) == (value, type(value))


@pytest.mark.parametrize(
    ("kind", "text", "message"),
    [
        ("integer", "1,990", "'1,990' is not an integer"),
        ("integer", "2.0", "'2.0' is not an integer"),
        ("integer", "١٢", "'١٢' is not an integer"),
        ("number", "1,200.5", f"'1,200.5' {NOT_A_NUMBER}"),
        ("number", "1e3", f"'1e3' {NOT_A_NUMBER}"),
        ("number", "nan", f"'nan' {NOT_A_NUMBER}"),
        ("number", "inf", f"'inf' {NOT_A_NUMBER}"),
        ("boolean", "maybe", "'maybe' is not a boolean (true/false/yes/no/1/0)"),
        ("boolean", "ture", "'ture' is not a boolean (true/false/yes/no/1/0)"),
        ("date", "2013-00", f"'2013-00' {NOT_A_DATE}"),
        ("date", "2005-13", f"'2005-13' {NOT_A_DATE}"),
        ("date", "2013-02-30", f"'2013-02-30' {NOT_A_DATE}"),
        ("date", "2020-02-31", f"'2020-02-31' {NOT_A_DATE}"),
        ("date", "2013/02/01", f"'2013/02/01' {NOT_A_DATE}"),
        ("date", "yesterday", f"'yesterday' {NOT_A_DATE}"),
        ("date", "0000", f"'0000' {NOT_A_DATE}"),
        ("enum", "Bank", "'Bank' is not one of bank, company"),
        ("list", "|", "'|' is not a list of values separated by |"),
        ("entity", " ", "' ' is not an entity id"),
    ],
)
def test_a_malformed_cell_is_refused_with_what_was_expected(
    kind: str, text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        prop(kind).parse(text)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("integer", 3),
        ("number", 2),
        ("number", 0.5),
        ("boolean", False),
        ("date", "2012-02-29"),
        ("list", ["a"]),
        ("enum", "company"),
        ("string", ""),
    ],
)
def test_a_typed_value_of_the_type_passes_the_check(kind: str, value: Any) -> None:
    prop(kind).check(value)


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("integer", True),
        ("integer", 3.0),
        ("number", math.nan),
        ("number", math.inf),
        ("number", "3"),
        ("boolean", 1),
        ("date", "2020-02-31"),
        ("date", 2020),
        ("list", ["a", 1]),
        ("list", "a"),
        ("enum", "Bank"),
        ("string", 5),
        ("entity", ""),
    ],
)
def test_a_typed_value_of_another_type_fails_the_check(kind: str, value: Any) -> None:
    with pytest.raises(ValueError, match=r" is not "):
        prop(kind).check(value)


def test_every_schema_type_is_in_the_registry_and_every_reference_names_kinds() -> None:
    schema = load_schema()
    declared = [
        *schema.entity_properties.values(),
        *schema.tie_properties.values(),
        *(p for kind in schema.kinds.values() for p in kind.properties.values()),
        *(p for tie in schema.ties.values() for p in tie.properties.values()),
    ]
    assert {p.type for p in declared} <= set(TYPES)
    assert all(
        p.kinds and set(p.kinds) <= set(schema.kinds) for p in declared if p.type == "entity"
    )
    nationality = schema.node_property("Person", "nationality")
    assert nationality is not None
    assert (nationality.type, nationality.kinds) == ("entity", ("State",))


@pytest.mark.parametrize(("kind", "text"), DISAGREEING)
def test_the_seed_reader_refuses_the_text(tmp_path: Path, kind: str, text: str) -> None:
    seed = {name: (FIXTURES / "mini_seed" / name).read_text("utf-8") for name in SEED_FILES}
    seed["ties.csv"] += f",OWNS,gazprom,iran,memo,,{text if kind == 'date' else ''},,,,,"
    seed["ties.csv"] += f"{text if kind == 'number' else ''},,,,\n"
    for name, content in seed.items():
        (tmp_path / name).write_text(content, "utf-8")
    line = seed["ties.csv"].count("\n")
    column = "since" if kind == "date" else "share"
    expected = NOT_A_DATE if kind == "date" else NOT_A_NUMBER
    with pytest.raises(InputError) as caught:
        read_seed(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        f"ties.csv:{line}: {column}: {text!r} {expected}"
    ]


@pytest.mark.parametrize(("kind", "text"), DISAGREEING)
def test_the_edges_importer_refuses_the_text(tmp_path: Path, kind: str, text: str) -> None:
    column = "since" if kind == "date" else "share"
    path = tmp_path / "edges.csv"
    path.write_text(f"owner,asset,{column}\nAcme Holdings,Acme Bank,{text}\n", "utf-8")
    mapping = EdgeMapping(
        "owner", "asset", fixed_type="OWNS", source_kind="Organization",
        target_kind="Organization", properties=[column],
    )  # fmt: skip
    with pytest.raises(InputError) as caught:
        edges.read([path], mapping)
    expected = NOT_A_DATE if kind == "date" else NOT_A_NUMBER
    assert [str(p) for p in caught.value.problems] == [f"{path}:2: {column}: {text!r} {expected}"]


@pytest.mark.parametrize(("kind", "text"), DISAGREEING)
def test_query_binding_refuses_the_same_text(kind: str, text: str) -> None:
    query = parse(f"// name: q\n// Q.\n// param x: {kind}\nRETURN $x\n", Path("q.cypher"))
    with pytest.raises(ParamError, match=f"^{re.escape(f'$x: {text!r} is not')}"):
        bind(query, {"x": text})


@pytest.mark.parametrize(("kind", "text"), DISAGREEING)
def test_importer_rows_refuse_the_same_text(kind: str, text: str) -> None:
    row = Row(Path("f.csv"), 4, {"c": text})
    with pytest.raises(InputError, match=f"^f.csv:4: c: {re.escape(repr(text))} is not"):
        row.typed("c", kind)


def test_query_binding_refuses_a_misspelt_boolean() -> None:
    query = parse("// name: q\n// Q.\n// param flag: boolean\nRETURN $flag\n", Path("q.cypher"))
    message = "$flag: 'ture' is not a boolean (true/false/yes/no/1/0)"
    with pytest.raises(ParamError, match=f"^{re.escape(message)}$"):
        bind(query, {"flag": "ture"})
    assert bind(query, {"flag": "No"}) == {"flag": False}
    assert bind(query, {"flag": True}) == {"flag": True}


@pytest.mark.parametrize("date", ["2000-02-31", "2005-13"])
@pytest.mark.parametrize("verb", [["links", "a", "b"], ["neighbors", "a"], ["members", "a"]])
def test_an_impossible_as_of_date_is_misuse(verb: list[str], date: str) -> None:
    result = CliRunner().invoke(main, [*verb, "--as-of", date])
    assert result.exit_code == 2
    message = f"'{date}' is not a real date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    assert f"Invalid value for '--as-of': {message}" in result.output
