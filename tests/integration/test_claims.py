"""Answers say how firmly each claim is made and when it held, on the curated dataset."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from conftest import CliRunnerFor

from loader.records import Tie
from loader.schema import load_schema
from loader.seed import read_seed

DATA = Path(__file__).resolve().parents[2] / "loader" / "data"
HEDGES = {
    "inferred": "The sources imply that",
    "alleged": "Allegedly,",
    "disputed": "It is disputed that",
    "speculative": "It is speculated that",
}


def doubtful_ties() -> list[Tie]:
    """Every tie of the shipped data graded less firmly than `reported`."""
    provenance = load_schema().provenance
    return [
        t
        for t in read_seed(DATA).ties
        if t.props.get("confidence", "reported") != "reported" and t.type != provenance
    ]


def ok(run: CliRunnerFor, *args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("tie", doubtful_ties(), ids=lambda t: f"{t.source}-{t.type}-{t.target}")
def test_a_doubtful_tie_carries_its_grade_in_every_output_format(
    seeded_cli: CliRunnerFor, tie: Tie
) -> None:
    grade = tie.props["confidence"]
    around = ["timeline", tie.source, "--via", tie.type, "--limit", "1000"]
    assert f"({grade})" in ok(seeded_cli, *around)
    assert f"({grade})" in ok(seeded_cli, *around, "--format", "csv")
    rows = json.loads(ok(seeded_cli, *around, "--format", "json"))
    assert grade in [r["details"].get("confidence") for r in rows if r["other_id"] == tie.target]
    if tie.type not in load_schema().path_types:
        return
    between = ["links", tie.source, tie.target, "--via", tie.type, "--max-hops", "1"]
    assert grade in ok(seeded_cli, *between)
    assert grade in ok(seeded_cli, *between, "--format", "csv")
    assert f"({grade})" in ok(seeded_cli, *between, "--format", "html")
    steps = json.loads(ok(seeded_cli, *between, "--format", "json"))[0]["steps"]
    assert grade in [t.get("confidence") for t in steps[0]]
    explained = ok(seeded_cli, *between, "--explain")
    assert HEDGES[grade] in explained
    if tie.props.get("note"):
        assert "Note: " in explained


def test_neighbors_and_common_show_a_disputed_tie_as_disputed(seeded_cli: CliRunnerFor) -> None:
    assert "Iran [disputed]" in ok(seeded_cli, "neighbors", "Russia", "--via", "SUPPORTS")
    rows = json.loads(
        ok(seeded_cli, "neighbors", "Russia", "--via", "SUPPORTS", "--format", "json")
    )
    iran = [f for r in rows for f in r["shown"] if f["entity"]["id"] == "iran"]
    assert iran[0]["grades"] == ["disputed"]


def test_min_confidence_leaves_out_weaker_claims(seeded_cli: CliRunnerFor) -> None:
    def supported(*more: str) -> set[str]:
        asked = ["neighbors", "Russia", "--via", "SUPPORTS", "--format", "json", *more]
        return {f["entity"]["id"] for r in json.loads(ok(seeded_cli, *asked)) for f in r["shown"]}

    assert "iran" in supported()
    assert "iran" not in supported("--min-confidence", "reported")
    assert "iran" in supported("--min-confidence", "disputed")
    result = seeded_cli(
        "links", "Russia", "France", "--via", "INTERFERED_IN", "--min-confidence", "reported"
    )
    assert result.exit_code == 0 and "no connection found" in result.stderr
    alleged = ["links", "Russia", "France", "--via", "INTERFERED_IN", "--min-confidence"]
    assert "INTERFERED_IN (alleged)" in ok(seeded_cli, *alleged, "alleged")


def test_an_unknown_grade_is_a_usage_error(seeded_cli: CliRunnerFor) -> None:
    result = seeded_cli("neighbors", "Russia", "--min-confidence", "rumoured")
    assert result.exit_code == 2
    assert "rumoured" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "verb",
    [
        ["links", "Putin", "Assad"],
        ["neighbors", "Russia"],
        ["common", "Russia", "China"],
        ["members", "CSTO"],
        ["timeline", "Russia"],
    ],
    ids=lambda v: v[0],
)
@pytest.mark.parametrize("date", ["2005-13", "2000-02-31", "1999-1", "soon"])
def test_a_date_that_is_not_in_the_calendar_exits_2(
    seeded_cli: CliRunnerFor, verb: list[str], date: str
) -> None:
    result = seeded_cli(*verb, "--as-of", date)
    assert result.exit_code == 2, result.output
    assert "not a real date" in result.stderr and "Traceback" not in result.output


def test_at_a_date_undated_ties_are_left_out_and_counted_unless_asked_for(
    seeded_cli: CliRunnerFor,
) -> None:
    at_1995 = ["neighbors", "Russia", "--via", "LEADS", "--as-of", "1995"]
    result = seeded_cli(*at_1995)
    assert result.exit_code == 0, result.output
    assert "Vladimir Putin" not in result.stdout
    assert "have no dates and are left out at 1995; --undated keeps them" in result.stderr
    assert "Vladimir Putin" in ok(seeded_cli, *at_1995, "--undated")


def test_no_csto_member_is_listed_as_one_in_1980(seeded_cli: CliRunnerFor) -> None:
    rows = json.loads(ok(seeded_cli, "members", "CSTO", "--as-of", "1980", "--format", "json"))
    assert rows == []


def test_a_yearly_arms_value_counts_in_its_year_only(seeded_cli: CliRunnerFor) -> None:
    def years(as_of: str) -> set[int]:
        asked = ["timeline", "Russia", "--via", "SUPPLIED_ARMS_TO", "--as-of", as_of]
        rows = json.loads(ok(seeded_cli, *asked, "--format", "json", "--limit", "1000"))
        return {
            r["details"]["year"] for r in rows if r["other_id"] == "iran" and "year" in r["details"]
        }

    assert years("2001") == {2001}
    assert years("2003-06") == {2003}


def member_ids(run: CliRunnerFor, *asked: str) -> set[str]:
    treaty = ["members", "collective-security-treaty", "--format", "json"]
    return {r["id"] for r in json.loads(ok(run, *treaty, *asked))}


def test_a_period_keeps_the_ties_valid_at_some_time_in_it(seeded_cli: CliRunnerFor) -> None:
    assert "uzbekistan" in member_ids(seeded_cli, "--since", "1995", "--until", "2005")
    assert "uzbekistan" in member_ids(seeded_cli, "--until", "1993")
    assert "uzbekistan" not in member_ids(seeded_cli, "--since", "2000")
    assert member_ids(seeded_cli, "--since", "1999") == member_ids(
        seeded_cli, "--since", "1999", "--until", "2100"
    )


@pytest.mark.parametrize(
    "asked",
    [["--as-of", "2000", "--since", "1990"], ["--since", "2005", "--until", "2001"]],
    ids=["date-and-period", "empty-period"],
)
def test_a_date_with_a_period_or_an_empty_period_is_misuse(
    seeded_cli: CliRunnerFor, asked: list[str]
) -> None:
    result = seeded_cli("members", "CSTO", *asked)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_a_named_query_takes_the_verbs_date_and_grade_options(seeded_cli: CliRunnerFor) -> None:
    at_1980 = ["query", "members", "-p", "id", "CSTO", "--as-of", "1980", "--format", "json"]
    assert json.loads(ok(seeded_cli, *at_1980)) == []
    at_2005 = json.loads(ok(seeded_cli, *at_1980[:-3], "2005", "--format", "json"))
    assert {r["id"] for r in at_2005} >= {"armenia", "belarus"}
    result = seeded_cli("query", "find", "-p", "search", "putin", "--as-of", "2000")
    assert result.exit_code == 2 and "has no parameter $since, $until" in result.stderr


def test_an_export_at_a_date_holds_only_the_ties_valid_then(
    seeded_cli: CliRunnerFor, tmp_path: Path
) -> None:
    def exported(*asked: str) -> list[dict[str, str]]:
        out = tmp_path / "ties.csv"
        ok(seeded_cli, "export", "--to", "csv", "--dataset", "seed", "-o", str(out), *asked)
        return list(csv.DictReader(out.open(encoding="utf-8")))

    every = exported()
    in_1980 = exported("--as-of", "1980")
    assert 0 < len(in_1980) < len(every)
    assert all(r.get("since", "")[:4] <= "1980" for r in in_1980)
    assert not [r for r in in_1980 if not r.get("since") and not r.get("until")]
    firm = exported("--min-confidence", "reported")
    assert len(firm) == len(every) - len(doubtful_ties())
    backup = seeded_cli("export", "--to", "cypher", "--as-of", "1980")
    assert backup.exit_code == 2 and "backup" in backup.stderr


def test_the_graph_holds_a_grade_only_for_doubtful_ties_and_the_browser_captions_it(
    seeded_cli: CliRunnerFor,
) -> None:
    from explorer.browser.style import grass

    graded = ["MATCH ()-[r]->() RETURN r.confidence AS grade, count(*) AS ties", "--format", "json"]
    counts = {r["grade"]: r["ties"] for r in json.loads(ok(seeded_cli, "cypher", *graded))}
    assert "reported" not in counts and counts[None] > 0
    assert sum(n for g, n in counts.items() if g) == len(doubtful_ties())
    assert "relationship.SUPPORTS {\n  caption: 'SUPPORTS {confidence}';\n}" in grass()


def test_brokers_cite_the_sources_of_their_ties_on_the_routes(seeded_cli: CliRunnerFor) -> None:
    rows = json.loads(ok(seeded_cli, "brokers", "Gazprombank", "Rosatom", "--format", "json"))
    assert rows and all(r["sources"] for r in rows)
    assert "sources" in ok(seeded_cli, "brokers", "Gazprombank", "Rosatom").splitlines()[0]
