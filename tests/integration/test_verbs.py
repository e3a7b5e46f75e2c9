"""The analysts' verbs on the curated dataset, against a real Neo4j."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import CliRunnerFor, as_json

from explorer import Explorer
from explorer.settings import Settings
from loader.errors import AmbiguousNameError, ExplorerError, NotFoundError


@pytest.fixture
def run(seeded: Settings) -> CliRunnerFor:
    return CliRunnerFor(seeded)


def routes(rows: list[dict[str, Any]]) -> list[list[str]]:
    return [[n["id"] for n in row["nodes"]] for row in rows]


def test_links_shows_the_direct_loan_and_the_route_through_atomstroyeksport(
    run: CliRunnerFor,
) -> None:
    rows = as_json(run, "links", "Gazprombank", "Rosatom")
    assert rows[0]["hops"] == 1
    assert rows[0]["steps"][0][0]["type"] == "LENT_TO"
    assert rows[0]["steps"][0][0]["sources"] == ["marten-2013"]
    assert ["gazprombank", "atomstroyeksport", "rosatom"] in routes(rows)
    via = rows[routes(rows).index(["gazprombank", "atomstroyeksport", "rosatom"])]
    assert via["steps"][0][0]["type"] == "OWNS"
    assert via["steps"][0][0]["share"] == 49.8


def test_links_table_names_the_route_and_its_sources(run: CliRunnerFor) -> None:
    result = run("links", "Gazprombank", "Rosatom")
    assert (
        "Gazprombank -[OWNS 49.8%]-> Atomstroyeksport -[AFFILIATED_WITH]- Rosatom" in result.stdout
    )
    assert "marten-2013" in result.stdout


def test_links_explain_writes_each_hop_with_its_evidence(run: CliRunnerFor) -> None:
    result = run("links", "Putin", "Assad", "--explain")
    assert (
        "Vladimir Putin friend of Bashar al-Assad (since 2005-01). Source: marten-2013"
        in result.stdout
    )
    assert "January 2005" in result.stdout


def test_links_never_routes_through_a_source_document(run: CliRunnerFor) -> None:
    rows = as_json(run, "links", "Obama", "Assad", "--limit", "25", "--max-hops", "6")
    kinds = {n["kind"] for row in rows for n in row["nodes"]}
    assert "Source" not in kinds
    assert all(
        t["type"] not in ("MENTIONS", "STATISTIC_OF")
        for row in rows
        for step in row["steps"]
        for t in step
    )


def test_links_via_follows_only_the_named_types(run: CliRunnerFor) -> None:
    rows = as_json(
        run, "links", "Gazprombank", "Rosatom", "--via", "OWNS", "--via", "AFFILIATED_WITH"
    )
    assert {t["type"] for row in rows for step in row["steps"] for t in step} <= {
        "OWNS",
        "AFFILIATED_WITH",
    }
    assert ["gazprombank", "atomstroyeksport", "rosatom"] in routes(rows)


def test_links_exclude_avoids_an_entity(run: CliRunnerFor) -> None:
    rows = as_json(run, "links", "Gazprombank", "Rosatom", "--exclude", "Atomstroyeksport")
    assert all("atomstroyeksport" not in route for route in routes(rows))


def test_links_as_of_drops_ties_not_yet_begun(run: CliRunnerFor) -> None:
    before = as_json(run, "links", "Putin", "Assad", "--as-of", "2004")
    after = as_json(run, "links", "Putin", "Assad", "--as-of", "2005-06")
    friendship = [["vladimir-putin", "bashar-al-assad"]]
    direct = [[t["type"] for t in r["steps"][0]] for r in before if routes([r]) == friendship]
    assert not any("FRIEND_OF" in types for types in direct)
    direct = [[t["type"] for t in r["steps"][0]] for r in after if routes([r]) == friendship]
    assert any("FRIEND_OF" in types for types in direct)


def test_links_refuses_a_malformed_date_and_an_unknown_tie_type(run: CliRunnerFor) -> None:
    bad_date = run("links", "Putin", "Assad", "--as-of", "last year")
    assert bad_date.exit_code == 2
    assert "YYYY" in bad_date.output
    bad_type = run("links", "Putin", "Assad", "--via", "OWNZ")
    assert bad_type.exit_code == 2
    assert "no tie type 'OWNZ'; did you mean OWNS?" in bad_type.output


def test_an_unknown_name_suggests_close_matches(run: CliRunnerFor) -> None:
    result = run("links", "Gazprombnk", "Rosatom")
    assert result.exit_code == 1
    assert "no entity matches 'Gazprombnk'; try: Gazprombank (id gazprombank)" in result.output
    assert "Traceback" not in result.output


def test_an_ambiguous_name_lists_the_candidates(seeded_ex: Explorer) -> None:
    seeded_ex.cypher(
        "CREATE (:Entity:Person {id: 'twin-a', name: 'Ivan Twin', kind: 'Person'})", write=True
    )
    seeded_ex.cypher(
        "CREATE (:Entity:Person {id: 'twin-b', name: 'Ivan Twin', kind: 'Person'})", write=True
    )
    try:
        with pytest.raises(
            AmbiguousNameError, match=r"'Ivan Twin' names 2 entities: .*id twin-a.*id twin-b"
        ):
            seeded_ex.resolve("Ivan Twin")
    finally:
        seeded_ex.cypher("MATCH (n) WHERE n.id IN ['twin-a', 'twin-b'] DELETE n", write=True)


def test_names_resolve_by_id_alias_and_without_diacritics(seeded_ex: Explorer) -> None:
    assert seeded_ex.resolve("gerhard-schroeder").name == "Gerhard Schröder"
    assert seeded_ex.resolve("Schroeder").id == "gerhard-schroeder"
    assert seeded_ex.resolve("gerhard schroder").id == "gerhard-schroeder"
    with pytest.raises(NotFoundError):
        seeded_ex.resolve("")


def test_find_is_fuzzy_and_folds_diacritics(run: CliRunnerFor) -> None:
    assert as_json(run, "find", "schroder")[0]["id"] == "gerhard-schroeder"
    assert as_json(run, "find", "gazprmbank")[0]["id"] == "gazprombank"
    assert as_json(run, "find", "CSTO")[0]["kind"] == "InternationalOrganization"


def test_find_takes_lucene_operators_as_plain_text(run: CliRunnerFor) -> None:
    result = run("find", 'Putin" OR (AND ~')
    assert result.exit_code == 0, result.output


def test_members_of_the_csto(run: CliRunnerFor) -> None:
    names = {row["name"] for row in as_json(run, "members", "CSTO")}
    assert {"Russia", "Belarus", "Armenia", "Kazakhstan", "Kyrgyzstan", "Tajikistan"} <= names


def test_russias_biggest_arms_clients_1999_to_2004(seeded_ex: Explorer) -> None:
    frame = seeded_ex.cypher_df(
        "MATCH (:State {id: 'russia'})-[r:SUPPLIED_ARMS_TO]->(s:State) "
        "WHERE r.unit = 'US$m at constant 1990 prices' AND 1999 <= r.year <= 2004 "
        "RETURN s.id AS recipient, sum(r.value) AS total, collect(DISTINCT r.sources) AS sources "
        "ORDER BY total DESC"
    )
    assert list(frame["recipient"][:2]) == ["china", "india"]
    assert frame["total"][0] == 12490


def test_putins_personal_ties_are_cited(seeded_ex: Explorer) -> None:
    rows = seeded_ex.neighbors("Putin", via=["FRIEND_OF", "MET_WITH", "PATRON_OF"]).rows
    friends = [s for row in rows if row["type"] == "FRIEND_OF" for s in row["shown"]]
    assert "bashar-al-assad" in {s["entity"]["id"] for s in friends}
    assert all(t["sources"] and t["evidence"] for s in friends for t in s["ties"])
    assert all(s["sources"] == s["ties"][0]["sources"] for s in friends)


def test_neighbors_caps_each_group_and_counts_the_rest(run: CliRunnerFor) -> None:
    rows = as_json(run, "neighbors", "Russia", "--cap", "2")
    biggest = max(rows, key=lambda r: r["total"])
    assert biggest["total"] > 2
    assert len(biggest["shown"]) == 2
    table = run("neighbors", "Russia", "--cap", "2")
    assert f"and {biggest['total'] - 2} more" in table.stdout


def test_common_finds_entities_tied_to_both(run: CliRunnerFor) -> None:
    rows = as_json(run, "common", "Gazprombank", "Rosatom")
    assert "atomstroyeksport" in {row["id"] for row in rows}


def test_owners_multiplies_stakes_along_the_chain(run: CliRunnerFor) -> None:
    rows = {row["id"]: row for row in as_json(run, "owners", "Atomstroyeksport")}
    assert rows["gazprombank"]["effective_share"] == pytest.approx(49.8)
    assert rows["gazprom"]["effective_share"] == pytest.approx(80 * 49.8 / 100)


@pytest.mark.parametrize("owned", ["atomstroyeksport", "gazprombank", "gazprom"])
def test_owners_level_by_level_finds_the_owners_and_depths_of_the_single_statement(
    seeded: Settings, owned: str
) -> None:
    with Explorer(seeded) as ex:
        searched = ex.owners(owned, max_depth=3)
        single = ex.query("owners", id=owned, max_depth=3)
    assert searched.keys[: len(single.keys)] == single.keys
    assert sorted((r["id"], r["depth"]) for r in searched.rows) == sorted(
        (r["id"], r["depth"]) for r in single.rows
    )


def test_timeline_lists_dated_ties_first_in_order(run: CliRunnerFor) -> None:
    rows = as_json(run, "timeline", "Putin")
    dates = [row["date"] for row in rows if row["date"]]
    assert dates == sorted(dates)
    assert rows[-1]["date"] is None or all(row["date"] for row in rows)


def test_brokers_ranks_intermediaries(run: CliRunnerFor) -> None:
    rows = as_json(run, "brokers", "Gazprombank", "Rosatom")
    assert "atomstroyeksport" in {row["id"] for row in rows[:3]}
    assert all(0 < row["share"] <= 1 for row in rows)


def test_stats_and_schema(run: CliRunnerFor) -> None:
    stats = as_json(run, "stats")
    people = [row for row in stats if row["what"] == "node" and row["name"] == "Person"]
    assert people == [{"what": "node", "name": "Person", "dataset": "seed", "count": 30}]
    schema = as_json(run, "schema")
    assert {"OWNS", "Person", "MENTIONS"} <= {row["name"] for row in schema}


def test_queries_lists_named_queries_and_query_runs_one(run: CliRunnerFor) -> None:
    listed = as_json(run, "queries")
    members = next(q for q in listed if q["name"] == "members")
    assert members["params"][0] == {
        "name": "id",
        "type": "entity",
        "required": True,
        "description": "Id or name of the organization, agreement or faction.",
    }
    rows = as_json(run, "query", "members", "-p", "id", "csto")
    assert "russia" in {row["id"] for row in rows}


def test_query_reports_bad_names_and_parameters(run: CliRunnerFor) -> None:
    unknown = run("query", "membres")
    assert unknown.exit_code == 2
    assert "no query named 'membres'; did you mean members?" in unknown.output
    missing = run("query", "members")
    assert missing.exit_code == 2
    assert "needs $id" in missing.output
    extra = run("query", "members", "-p", "id", "csto", "-p", "colour", "red")
    assert extra.exit_code == 2
    assert "has no parameter 'colour'" in extra.output


def test_explorer_errors_are_catchable_in_python(seeded_ex: Explorer) -> None:
    with pytest.raises(ExplorerError):
        seeded_ex.query("no-such-query")


def test_arms_recipients_sums_ko_sangtus_table_per_recipient(seeded_ex: Explorer) -> None:
    frame = seeded_ex.df("arms_recipients", id="russia", from_year=1999, to_year=2004)
    top = frame[frame["unit"] == "US$m at constant 1990 prices"].head(2)
    assert list(top["recipient"]) == ["China", "India"]
    assert list(top["total"]) == [12490, 7522]
    assert list(top["sources"]) == [["ko-sangtu"], ["ko-sangtu"]]
