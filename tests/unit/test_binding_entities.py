"""Binding values of entity parameters and required ones, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from loader.errors import ParamError
from queries.binding import bind, require_values, symmetric_types
from queries.library import parse
from queries.registry import is_packaged, library, read_file

QUERY = parse(
    "// name: demo\n// A demo query.\n// param id: entity  Id or name.\n"
    "// param as_of: date = null  A date.\nMATCH (x:Entity {id: $id}) RETURN x, $as_of\n",
    Path("demo.cypher"),
)


def test_an_entity_value_is_kept_as_text_for_the_api_to_resolve() -> None:
    assert bind(QUERY, {"id": "Collective Security Treaty Organization"})["id"] == (
        "Collective Security Treaty Organization"
    )
    assert bind(QUERY, {"id": 42})["id"] == "42", "-p id 42 reads 42 as JSON; the user typed text"


@pytest.mark.parametrize("value", [True, ["csto"], {"id": "csto"}])
def test_an_entity_value_that_is_no_id_nor_name_is_refused(value: object) -> None:
    with pytest.raises(ParamError, match=r"^\$id must be an id or a name, not "):
        bind(QUERY, {"id": value})


def test_null_for_a_required_parameter_is_refused_as_if_not_given() -> None:
    bound = bind(QUERY, {"id": None})
    with pytest.raises(ParamError, match=r"^query 'demo' needs \$id \(entity\): Id or name\.$"):
        require_values(QUERY, bound)
    require_values(QUERY, bind(QUERY, {"id": "csto", "as_of": None}))  # optional: null is fine


def test_symmetric_types_are_the_schemas_undirected_ones() -> None:
    assert "ALLIED_WITH" in symmetric_types()
    assert "OWNS" not in symmetric_types()


def test_shipped_queries_are_told_from_a_users(tmp_path: Path) -> None:
    assert is_packaged(library()["members"])
    mine = tmp_path / "members.cypher"
    mine.write_text("// name: members\n// Mine.\nRETURN 1 AS one\n", "utf-8")
    assert not is_packaged(read_file(mine))
