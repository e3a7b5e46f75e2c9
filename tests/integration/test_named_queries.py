"""Named queries answer as the verbs do: entity parameters take names, list parameters take
the verbs' defaults, and every result gives rows and a DataFrame."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import CliRunnerFor, as_json

from explorer import Explorer
from explorer.settings import Settings
from loader.errors import NotFoundError, ParamError
from queries.binding import bind
from queries.registry import library

CSTO_MEMBERS = {"Russia", "Belarus", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"}


@pytest.fixture
def run(seeded: Settings) -> CliRunnerFor:
    return CliRunnerFor(seeded)


def test_query_members_by_the_name_csto_gives_its_members(run: CliRunnerFor) -> None:
    rows = as_json(run, "query", "members", "-p", "id", "CSTO")
    assert {row["name"] for row in rows} >= CSTO_MEMBERS


@pytest.mark.parametrize("text", ["Collective Security Treaty Organization", "ODKB", "CSTO"])
def test_a_name_or_an_alias_gives_the_same_rows_as_the_id(run: CliRunnerFor, text: str) -> None:
    by_id = as_json(run, "query", "members", "-p", "id", "csto")
    assert by_id
    assert as_json(run, "query", "members", "-p", "id", text) == by_id


def test_a_name_gives_the_same_answer_in_python_as_the_id(seeded_ex: Explorer) -> None:
    assert (
        seeded_ex.query("owners", id="Atomstroyeksport").rows
        == seeded_ex.query("owners", id="atomstroyeksport").rows
    )
    assert seeded_ex.df("members", id="ODKB").equals(seeded_ex.df("members", id="csto"))


def test_an_unknown_name_exits_1_with_close_matches_and_no_traceback(run: CliRunnerFor) -> None:
    result = run("query", "members", "-p", "id", "CTSO")
    assert result.exit_code == 1, result.output
    assert "no entity matches 'CTSO'; try: Collective Security Treaty Organization (id csto)" in (
        result.output
    )
    assert "Traceback" not in result.output


def test_an_unknown_id_is_an_error_with_close_matches_not_zero_rows(
    run: CliRunnerFor, seeded_ex: Explorer
) -> None:
    result = run("query", "members", "-p", "id", "cstoo")
    assert result.exit_code == 1, result.output
    assert "no entity matches 'cstoo'; try: Collective Security Treaty Organization" in (
        result.output
    )
    with pytest.raises(NotFoundError, match="no entity matches 'rusia'; try: Russia"):
        seeded_ex.query("arms_recipients", id="rusia")


def test_an_empty_entity_value_is_an_error_not_zero_rows(
    run: CliRunnerFor, seeded_ex: Explorer
) -> None:
    empty_text = run("query", "members", "-p", "id", "")
    assert empty_text.exit_code == 1, empty_text.output
    assert "no entity matches ''" in empty_text.output
    null = run("query", "members", "-p", "id", "null")
    assert null.exit_code == 2, null.output
    assert "needs $id (entity)" in null.output
    with pytest.raises(ParamError, match=r"needs \$id"):
        seeded_ex.query("members", id=None)


def test_a_known_entity_with_nothing_to_show_gives_zero_rows(seeded_ex: Explorer) -> None:
    assert seeded_ex.query("members", id="Russia").rows == []


def test_df_of_neighbors_fills_the_tie_types_the_verb_follows(seeded_ex: Explorer) -> None:
    frame = seeded_ex.df("neighbors", id="russia")
    assert isinstance(frame, pd.DataFrame)
    assert not frame.empty
    assert seeded_ex.query("neighbors", id="Russia").rows == seeded_ex.neighbors("russia").rows


def test_query_neighbors_on_the_command_line_needs_no_tie_types(run: CliRunnerFor) -> None:
    rows = as_json(run, "query", "neighbors", "-p", "id", "Russia")
    assert {"ALLIED_WITH", "SUPPLIED_ARMS_TO"} <= {row["type"] for row in rows}
    paths = as_json(run, "query", "paths", "-p", "a", "Gazprombank", "-p", "b", "Rosatom")
    assert [row["hops"] for row in paths][:2] == [1, 2]


def test_tie_types_given_still_choose_what_is_followed(seeded_ex: Explorer) -> None:
    rows = seeded_ex.query("neighbors", id="russia", types=["allied_with"]).rows
    assert rows
    assert {(row["type"], row["direction"]) for row in rows} == {("ALLIED_WITH", "both")}


def test_a_verbs_rows_give_a_dataframe_with_their_keys_as_columns(seeded_ex: Explorer) -> None:
    result = seeded_ex.neighbors("Russia")
    frame = result.df()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == result.keys
    assert len(frame) == len(result.rows) > 0
    members = seeded_ex.members("CSTO").df()
    assert set(members["name"]) >= CSTO_MEMBERS


def test_an_empty_result_gives_an_empty_dataframe_with_its_columns(seeded_ex: Explorer) -> None:
    result = seeded_ex.members("Russia")
    assert result.df().empty
    assert list(result.df().columns) == result.keys


def test_a_users_query_that_answers_any_value_still_resolves_names(
    seeded_ex: Explorer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "ties.cypher").write_text(
        "// name: tie_count\n// How many ties an entity has.\n"
        "// param id: entity  Id or name of the entity.\n"
        "OPTIONAL MATCH (:Entity {id: $id})-[r]-() RETURN count(r) AS ties\n",
        "utf-8",
    )
    monkeypatch.setenv("EXPLORER_QUERIES_PATH", str(tmp_path))
    by_id = seeded_ex.query("tie_count", id="csto").rows
    assert by_id[0]["ties"] > 0
    assert seeded_ex.query("tie_count", id="CSTO").rows == by_id
    with pytest.raises(NotFoundError, match="no entity matches 'CTSO'"):
        seeded_ex.query("tie_count", id="CTSO")


def test_every_shipped_query_finds_nothing_for_an_id_of_no_entity(seeded_ex: Explorer) -> None:
    """What lets `query` run the shipped ones with the values as given, looking names up
    only when they find nothing."""
    for named in library().values():
        entities = {p.name: "no-such-entity" for p in named.params if p.type == "entity"}
        lists = {
            p.name: seeded_ex.types() for p in named.params if p.type == "tie_types" and p.required
        }
        if entities:
            bound = bind(named, {**lists, **entities})
            assert seeded_ex.db.run(named.text, bound).rows == [], named.name
