"""Verbs on a multigraph: the cases of issue 13, measured on the SIPRI register, on a trimmed
SIPRI fixture (every transfer among thirteen states, 1,414 rows: 146 from Russia to India,
215 from the US to Australia) loaded beside the curated dataset.

A route is a sequence of distinct entities; parallel ties between two of them make one step.
LINKED (loader/links.py), one per pair of tied entities, makes that possible, so it must follow
every change of ties.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, CliRunnerFor, empty, ok, rows, wrong_links

from explorer.api import Explorer
from explorer.db import Database
from explorer.settings import Settings
from loader import writer
from loader.schema import load_schema

SIPRI = FIXTURES / "importers" / "sipri" / "parallel.csv"


def count(db: Database, query: str) -> int:
    found: int = db.run(query).rows[0]["n"]
    return found


@pytest.fixture(scope="module")
def loaded(neo4j_settings: Settings) -> Iterator[Settings]:
    """The curated dataset and the SIPRI fixture, loaded once for the read-only tests."""
    with Database(neo4j_settings) as db:
        empty(db)
    run = CliRunnerFor(neo4j_settings)
    ok(run("load"))
    ok(run("load", "--from", "sipri", str(SIPRI)))
    yield neo4j_settings


@pytest.fixture
def run(loaded: Settings) -> CliRunnerFor:
    return CliRunnerFor(loaded)


@pytest.fixture
def db(loaded: Settings) -> Iterator[Database]:
    with Database(loaded) as database:
        yield database


def test_neighbors_gives_each_neighbour_once_with_its_parallel_ties_counted(
    run: CliRunnerFor, db: Database
) -> None:
    found = rows(run("neighbors", "Russia", "--via", "SUPPLIED_ARMS_TO", "--cap", "5",
                     "--format", "json"))  # fmt: skip
    out = next(r for r in found if r["direction"] == "out")
    india = out["shown"][0]
    transfers = count(db, "MATCH (:Entity {id: 'russia'})-[r:SUPPLIED_ARMS_TO]->"
                          "(:Entity {id: 'india'}) RETURN count(r) AS n")  # fmt: skip
    assert (india["entity"]["name"], india["count"]) == ("India", transfers)
    assert transfers > 140
    assert india["first"] <= "1992" and india["last"] >= "2020"
    recipients = count(db, "MATCH (:Entity {id: 'russia'})-[:SUPPLIED_ARMS_TO]->(n) "
                           "RETURN count(DISTINCT n) AS n")  # fmt: skip
    assert out["total"] == recipients
    assert len(out["shown"]) == 5
    assert len({s["entity"]["id"] for s in out["shown"]}) == 5


def test_neighbors_keeps_directions_apart_and_counts_the_rest(run: CliRunnerFor) -> None:
    table = ok(run("neighbors", "Russia", "--via", "SUPPLIED_ARMS_TO", "--cap", "2")).stdout
    assert "India [" in table and "SIPRI TIV (m)" in table
    found = rows(run("neighbors", "Russia", "--via", "SUPPLIED_ARMS_TO", "--format", "json"))
    directions = {r["direction"] for r in found}
    assert directions == {"out", "in"}
    inbound = next(r for r in found if r["direction"] == "in")
    assert all(t["to"] == "russia" for s in inbound["shown"] for t in s["ties"])


def test_neighbors_at_depth_two_says_through_whom(run: CliRunnerFor) -> None:
    found = rows(run("neighbors", "Tonga", "--depth", "2", "--format", "json"))
    assert {r["distance"] for r in found} == {1, 2}
    near = {s["entity"]["name"] for r in found if r["distance"] == 1 for s in r["shown"]}
    assert near == {"Australia", "New Zealand", "United States"}
    for group in (r for r in found if r["distance"] == 2):
        for shown in group["shown"]:
            assert shown["via"] and {v["name"] for v in shown["via"]} <= near


def test_links_gives_five_different_routes_with_parallel_ties_in_one_step(
    run: CliRunnerFor, db: Database
) -> None:
    found = rows(run("links", "Tonga", "Malta", "--limit", "5", "--format", "json"))
    routes = [tuple(n["name"] for n in r["nodes"]) for r in found]
    assert len(routes) == len(set(routes)) == 5
    assert routes[0] == ("Tonga", "United States", "Malta")  # the shortest
    us_malta = count(db, "MATCH (:Entity {name: 'United States'})-[r:SUPPLIED_ARMS_TO]->"
                         "(:Entity {name: 'Malta'}) RETURN count(r) AS n")  # fmt: skip
    assert len(found[0]["steps"][1]) == us_malta > 1
    table = ok(run("links", "Tonga", "Malta")).stdout
    assert f"-[{us_malta} SUPPLIED_ARMS_TO " in table


def test_links_putin_assad_are_different_routes(run: CliRunnerFor) -> None:
    found = rows(run("links", "Putin", "Assad", "--format", "json"))
    routes = [tuple(n["id"] for n in r["nodes"]) for r in found]
    assert len(routes) == len(set(routes)) == 5
    russia_syria = next(
        r for r in found if [n["id"] for n in r["nodes"]][1:3] == ["russia", "syria"]
    )
    arms = [t for t in russia_syria["steps"][1] if t["type"] == "SUPPLIED_ARMS_TO"]
    assert len(arms) > 20  # every transfer, in one step


def test_brokers_counts_routes_of_entities_so_the_us_is_no_cut_point(run: CliRunnerFor) -> None:
    found = {r["name"]: r for r in rows(run("brokers", "Tonga", "Malta", "--format", "json"))}
    us = found["United States"]
    assert not us["cut_point"] and us["routes"] < us["of_routes"]
    assert found["Australia"]["routes"] >= 1  # Tonga - Australia - Malaysia - Malta


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_neighbors_counts_ties_from_links_as_the_ties_themselves_count(
    loaded: Settings, depth: int
) -> None:
    """Without a period or grades, ties are counted from LINKED; with a period and grades that
    every tie meets, from the ties: the answers are the same."""
    every_tie = {"since": "1000", "undated": True, "min_confidence": load_schema().grades[-1]}
    with Explorer(loaded) as ex:
        for name in ("Russia", "United States", "Tonga", "Vladimir Putin"):
            assert ex.neighbors(name, depth=depth).rows == (
                ex.neighbors(name, depth=depth, **every_tie).rows
            ), name


def test_common_sums_up_each_side(run: CliRunnerFor) -> None:
    found = rows(run("common", "Russia", "United States", "--format", "json"))
    india = next(r for r in found if r["name"] == "India")
    [arms] = [g for g in india["ties_a"] if g["type"] == "SUPPLIED_ARMS_TO"]
    assert arms["count"] > 140 and len(arms["ties"]) == 10
    assert any(t["unit"] == "SIPRI TIV (m)" for t in arms["totals"])


def test_every_tied_pair_has_one_right_link_after_loads(db: Database) -> None:
    assert wrong_links(db) == []


def test_links_follow_a_reload_a_merge_a_split_and_a_drop(
    cli: CliRunnerFor, database: Database
) -> None:
    ok(cli("load"))
    ok(cli("load", "--from", "sipri", str(SIPRI)))
    assert wrong_links(database) == []
    ok(cli("merge", "Vladimir Putin", "Bashar al-Assad"))  # moves ties between entities
    assert wrong_links(database) == []
    ok(cli("split", "bashar-al-assad"))
    assert wrong_links(database) == []
    ok(cli("drop", "sipri"))
    assert wrong_links(database) == []
    assert count(database, "MATCH ()-[l:LINKED]->() RETURN count(l) AS n") > 0


def test_links_are_right_when_lone_ties_are_linked_batch_by_batch(
    cli: CliRunnerFor, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tie linked as the lone one of its pair in one batch gets company in a later one."""
    monkeypatch.setattr(writer, "MARK_EVERY", 50)
    monkeypatch.setattr(writer, "BATCH_SIZE", 100)
    ok(cli("load", "--from", "sipri", str(SIPRI)))
    assert wrong_links(database) == []
    assert count(database, "MATCH ()-[l:LINKED]->() WHERE 1 IN l.counts RETURN count(l) AS n")
    assert count(database, "MATCH ()-[l:LINKED]->() WHERE l.counts[0] > 1 RETURN count(l) AS n")


def test_a_graph_loaded_before_links_gets_them_at_its_next_load(
    cli: CliRunnerFor, database: Database
) -> None:
    ok(cli("load"))
    database.run("MATCH ()-[l:LINKED]->() DELETE l", write=True)
    # what versions before links left on ties: a lead mark on one tie of each pair and type
    database.run("MATCH ()-[r:OWNS]->() SET r._lead = true, r._types = ['OWNS']", write=True)
    assert rows(cli("links", "Gazprombank", "Rosatom", "--format", "json")) == []
    ok(cli("load"))  # unchanged: writes nothing of the dataset, links the pairs
    assert wrong_links(database) == []
    assert count(database, "MATCH ()-[r]->() WHERE r._lead IS NOT NULL RETURN count(r) AS n") == 0
    assert rows(cli("links", "Gazprombank", "Rosatom", "--format", "json"))


def test_owners_gives_each_owner_once_through_the_latest_of_parallel_stakes(
    run: CliRunnerFor, tmp_path: Path
) -> None:
    stakes = tmp_path / "stakes.csv"
    stakes.write_text(
        "owner,company,share,since\n"
        "Holder Alpha,Company Beta,30,2005\n"
        "Holder Alpha,Company Beta,51,2015\n"
        "Holder Alpha,Company Beta,40,2010\n"
        "Company Beta,Company Gamma,50,2010\n",
        "utf-8",
    )
    ok(run("load", "--from", "edges", str(stakes), "--dataset", "stakes", "--source-column",
           "owner", "--target-column", "company", "--tie-type", "OWNS", "--source-kind",
           "Organization", "--target-kind", "Organization", "--property", "share",
           "--property", "since"))  # fmt: skip
    found = rows(run("owners", "Company Gamma", "--format", "json"))
    assert [(r["name"], r["depth"], r["effective_share"]) for r in found] == [
        ("Company Beta", 1, 50.0),
        ("Holder Alpha", 2, 25.5),
    ]
    assert [s["since"] for s in found[1]["stakes"]] == ["2015", "2010"]


def test_owners_at_a_date_takes_the_stake_held_then_and_totals_every_chain(
    run: CliRunnerFor, tmp_path: Path
) -> None:
    stakes = tmp_path / "stakes.csv"
    stakes.write_text(
        "owner,company,share,since,until\n"
        "Holder Alpha,Company Beta,30,2005,2009\n"
        "Holder Alpha,Company Beta,51,2015,\n"
        "Holder Alpha,Company Delta,100,2001,\n"
        "Company Delta,Company Beta,20,2001,\n"
        "Company Beta,Company Gamma,50,2001,\n",
        "utf-8",
    )
    ok(run("load", "--from", "edges", str(stakes), "--dataset", "stakes", "--source-column",
           "owner", "--target-column", "company", "--tie-type", "OWNS", "--source-kind",
           "Organization", "--target-kind", "Organization", "--property", "share",
           "--property", "since", "--property", "until"))  # fmt: skip

    def holder(*more: str) -> dict[str, Any]:
        found = rows(run("owners", "Company Gamma", "--format", "json", *more))
        return next(r for r in found if r["name"] == "Holder Alpha")

    now = holder()
    assert now["chains"] == 2 and now["total_share"] == pytest.approx(25.5 + 10.0)
    in_2007 = holder("--as-of", "2007")
    assert [s["share"] for s in in_2007["stakes"]] == [30.0, 50.0]
    assert in_2007["total_share"] == pytest.approx(15.0 + 10.0)
    table = run("owners", "Company Gamma", "--as-of", "2012")
    assert table.exit_code == 0 and "2 chains" not in table.stdout  # Alpha-Beta held no stake
