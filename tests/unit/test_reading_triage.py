"""Deciding a review folder's candidate ties in the terminal: each answer written at once."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner
from test_reading_review import review

from explorer.cli import main
from explorer.reading.review import DOCUMENTS
from explorer.reading.triage import decide, pending
from loader.schema import load_schema
from loader.validate import validate


def ties(folder: Path) -> dict[str, dict[str, str]]:
    with (folder / "ties.csv").open(encoding="utf-8", newline="") as file:
        return {row["id"]: row for row in csv.DictReader(file)}


def candidate(folder: Path) -> str:
    [tie] = pending(folder, load_schema())
    return tie.row["id"]


def test_only_undecided_candidates_are_pending_not_mentions(tmp_path: Path) -> None:
    folder = review(tmp_path)
    [tie] = pending(folder, load_schema())
    assert (tie.row["type"], tie.source.name, tie.target.name) == (
        "LENT_TO", "Gazprombank", "Rosatom",
    )  # fmt: skip
    assert any(t["type"] == "MENTIONS" for t in ties(folder).values())


def test_an_accepted_candidate_is_reported_and_no_longer_pending(tmp_path: Path) -> None:
    folder = review(tmp_path)
    ident = candidate(folder)
    decide(folder, ident, accept=True)
    assert ties(folder)[ident]["confidence"] == "reported"
    assert pending(folder, load_schema()) == []
    assert validate(folder, folder / DOCUMENTS) == []


def test_a_rejected_candidate_leaves_the_file(tmp_path: Path) -> None:
    folder = review(tmp_path)
    ident = candidate(folder)
    decide(folder, ident, accept=False)
    assert ident not in ties(folder)


def test_review_in_the_terminal_accepts_with_another_type(tmp_path: Path) -> None:
    folder = review(tmp_path)
    ident = candidate(folder)
    result = CliRunner().invoke(main, ["review", str(folder)], input="t\nfunds\n")
    assert result.exit_code == 0, result.output
    assert '"Gazprombank lent Rosatom' in result.stdout
    tie = ties(folder)[ident]
    assert (tie["type"], tie["source"], tie["confidence"]) == ("FUNDS", "gazprombank", "reported")
    assert "nothing to review" in CliRunner().invoke(main, ["review", str(folder)]).stdout


def test_review_in_the_terminal_flips_the_ends(tmp_path: Path) -> None:
    folder = review(tmp_path)
    ident = candidate(folder)
    result = CliRunner().invoke(main, ["review", str(folder)], input="f\n")
    assert result.exit_code == 0, result.output
    tie = ties(folder)[ident]
    assert (tie["type"], tie["source"], tie["target"]) == ("LENT_TO", "rosatom", "gazprombank")


def test_quitting_keeps_the_candidate_for_the_next_review(tmp_path: Path) -> None:
    folder = review(tmp_path)
    result = CliRunner().invoke(main, ["review", str(folder)], input="q\n")
    assert result.exit_code == 0
    assert "1 candidate(s) left undecided" in result.stderr
    assert len(pending(folder, load_schema())) == 1


def test_a_folder_that_is_no_review_folder_is_misuse(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["review", str(tmp_path)])
    assert result.exit_code == 2
    assert "no review folder" in result.stderr and "Traceback" not in result.output


def test_flipping_a_tie_the_schema_allows_one_way_only_is_refused(tmp_path: Path) -> None:
    (tmp_path / "entities.csv").write_text(
        "id,kind,name\nputin,Person,Vladimir Putin\nrosatom,Organization,Rosatom\n"
    )
    (tmp_path / "ties.csv").write_text(
        "id,type,source,target,sources,evidence,confidence\n"
        "read-doc-1,OWNS,putin,rosatom,doc,Putin owns Rosatom,speculative\n"
    )
    result = CliRunner().invoke(main, ["review", str(tmp_path)], input="f\na\n")
    assert result.exit_code == 0, result.output
    assert "may not run the other way" in result.stderr
    tie = ties(tmp_path)["read-doc-1"]
    assert (tie["source"], tie["confidence"]) == ("putin", "reported")
