"""A new document end to end: read against the graph, prune the review folder, validate it,
load it, and the accepted tie is in the graph with its evidence."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import CliRunnerFor

DOC = (
    "Notes of a visit\n\n"
    "Gazprombank financed the Rosatom reactor programme in 2021, a banker said. "
    "Vladimir Putin praised Rosatom.\n"
)
EVIDENCE = "Gazprombank financed the Rosatom"


def keep_only(ties: Path, kept: str) -> None:
    """What an analyst does in a spreadsheet: delete every candidate row but one type."""
    with ties.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows = [r for r in rows if not r["id"].startswith("read-") or r["type"] in {kept, "MENTIONS"}]
    with ties.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header)
        writer.writeheader()
        writer.writerows(rows)


def test_a_reviewed_tie_is_loaded_with_its_evidence(cli: CliRunnerFor, tmp_path: Path) -> None:
    assert cli("load").exit_code == 0
    doc, review = tmp_path / "visit.txt", tmp_path / "review"
    doc.write_text(DOC, encoding="utf-8")

    found = cli("read", str(doc), "--format", "json")
    assert found.exit_code == 0, found.output
    mentions = json.loads(found.stdout)
    assert {"id": "gazprombank", "start": 18, "end": 29}.items() <= mentions[0].items()
    assert DOC[mentions[0]["start"] : mentions[0]["end"]] == "Gazprombank"

    written = cli("read", str(doc), "--review-dir", str(review))
    assert written.exit_code == 0, written.output
    keep_only(review / "ties.csv", "FUNDS")
    checked = cli("validate", str(review), "--sources-dir", str(review / "documents"))
    assert checked.exit_code == 0, checked.output
    loaded = cli("load", str(review), "--dataset", "seed")
    assert loaded.exit_code == 0, loaded.output

    links = cli("links", "Gazprombank", "Rosatom", "--explain")
    assert links.exit_code == 0, links.output
    assert "funds" in links.output
    assert EVIDENCE in links.output


def test_a_tie_accepted_in_the_terminal_is_loaded_and_a_rejected_one_is_not(
    cli: CliRunnerFor, tmp_path: Path
) -> None:
    assert cli("load").exit_code == 0
    doc, review = tmp_path / "visit.txt", tmp_path / "review"
    doc.write_text(DOC.replace("Vladimir Putin praised Rosatom.", "Putin met Sechin."), "utf-8")
    assert cli("read", str(doc), "--review-dir", str(review)).exit_code == 0

    decided = cli("review", str(review), input="a\nr\n")  # FUNDS accepted, MET_WITH rejected
    assert decided.exit_code == 0, decided.output
    assert "0 candidate(s) left undecided" in decided.stderr
    assert cli("validate", str(review), "--sources-dir", str(review / "documents")).exit_code == 0
    assert cli("load", str(review), "--dataset", "seed").exit_code == 0

    links = cli("links", "Gazprombank", "Rosatom", "--explain")
    assert links.exit_code == 0 and EVIDENCE in links.output
    cited = "MATCH ()-[r]->() WHERE 'visit' IN r.sources RETURN type(r) AS type"
    found = cli("cypher", cited, "--format", "json")
    assert {r["type"] for r in json.loads(found.stdout)} == {"FUNDS", "MENTIONS"}
