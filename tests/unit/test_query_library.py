"""Named query files: headers parsed, parameters checked against use, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.errors import ParamError, QueryFileError
from queries.binding import bind
from queries.library import parse
from queries.registry import library, read_dir

HEADER = "// name: demo\n// A demo query.\n"


def parse_text(text: str) -> object:
    return parse(text, Path("demo.cypher"))


def test_the_packaged_queries_parse_and_declare_what_they_use() -> None:
    queries = library()
    assert {"direct", "paths", "neighbors", "find", "common", "owners", "members"} <= set(queries)
    assert all(q.description for q in queries.values())


def test_a_header_gives_name_description_and_typed_parameters() -> None:
    query = parse(
        HEADER
        + "// param id: string  The id.\n// param n: integer = 5  How many.\n"
        + "MATCH (x {id: $id}) RETURN x LIMIT $n\n",
        Path("q.cypher"),
    )
    assert query.name == "demo"
    assert query.description == "A demo query."
    assert query.describe()["params"] == [
        {"name": "id", "type": "string", "required": True, "description": "The id."},
        {
            "name": "n",
            "type": "integer",
            "required": False,
            "description": "How many.",
            "default": 5,
        },
    ]


def test_an_undeclared_parameter_is_reported_with_file_and_line() -> None:
    with pytest.raises(QueryFileError, match=r"demo.cypher:4: \$limit is used but not declared"):
        parse_text(HEADER + "MATCH (n)\nRETURN n LIMIT $limit\n")


def test_a_declared_but_unused_parameter_is_reported_at_its_declaration() -> None:
    with pytest.raises(QueryFileError, match=r"demo.cypher:3: \$id is declared but never used"):
        parse_text(HEADER + "// param id: string\nMATCH (n) RETURN n\n")


def test_parameters_in_strings_and_comments_do_not_count_as_used() -> None:
    with pytest.raises(QueryFileError, match=r"\$id is declared but never used"):
        parse_text(HEADER + "// param id: string\nRETURN '$id' AS s // $id\n")


def test_a_file_without_a_name_header_is_refused() -> None:
    with pytest.raises(
        QueryFileError, match=r"demo.cypher:1: first line must be `// name: <query-name>`"
    ):
        parse_text("MATCH (n) RETURN n\n")


def test_an_unknown_parameter_type_is_refused() -> None:
    with pytest.raises(QueryFileError, match=r"demo.cypher:3: parameter \$x: unknown type 'float'"):
        parse_text(HEADER + "// param x: float\nRETURN $x\n")


def test_two_files_with_one_name_are_refused(tmp_path: Path) -> None:
    for file in ("a.cypher", "b.cypher"):
        (tmp_path / file).write_text(HEADER + "RETURN 1\n", "utf-8")
    with pytest.raises(QueryFileError, match="also defined in"):
        read_dir(tmp_path)


def test_user_queries_come_from_explorer_queries_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.cypher").write_text("// name: mine\n// Mine.\nRETURN 1 AS one\n", "utf-8")
    monkeypatch.setenv("EXPLORER_QUERIES_PATH", str(tmp_path))
    assert "mine" in library()
    assert "paths" in library(), "the packaged queries stay available"


def test_binding_fills_defaults_and_coerces_types() -> None:
    query = parse(
        HEADER
        + "// param id: string\n// param n: integer = 5\n// param types: list = []\n"
        + "RETURN $id, $n, $types\n",
        Path("q.cypher"),
    )
    assert bind(query, {"id": "x", "n": "7", "types": "A,B"}) == {
        "id": "x",
        "n": 7,
        "types": ["A", "B"],
    }
    assert bind(query, {"id": "x"}) == {"id": "x", "n": 5, "types": []}


def test_binding_names_missing_and_unknown_parameters() -> None:
    query = parse(HEADER + "// param id: string  The id.\nRETURN $id\n", Path("q.cypher"))
    with pytest.raises(ParamError, match=r"needs \$id \(string\): The id."):
        bind(query, {})
    with pytest.raises(ParamError, match="has no parameter 'idd' \\(it takes: id\\)"):
        bind(query, {"idd": "x"})


def test_binding_refuses_a_bad_integer_and_a_bad_date() -> None:
    query = parse(
        HEADER + "// param n: integer\n// param d: date = null\nRETURN $n, $d\n", Path("q.cypher")
    )
    with pytest.raises(ParamError, match=r"^\$n: 'many' is not an integer$"):
        bind(query, {"n": "many"})
    with pytest.raises(ParamError, match=r"^\$d: 'yesterday' is not a date \(YYYY, YYYY-MM"):
        bind(query, {"n": 1, "d": "yesterday"})
    with pytest.raises(ParamError, match=r"^\$d: '2000-02-31' is not a date"):
        bind(query, {"n": 1, "d": "2000-02-31"})
