"""The validator reports every problem of a seed dataset at once, with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loader.seed import default_data_dir
from loader.validate import find_sources_dir, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN, MINI = FIXTURES / "broken_seed", FIXTURES / "mini_seed"
SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
NOT_A_DATE = "is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
CATEGORIES = (
    "company, bank, state_corporation, ministry, agency, security_service, armed_forces, party,"
    " university, think_tank, media, ngo, religious, legislature, government, other"
)
EVIDENCE_PROBLEMS = {
    f"sources.csv:3: file: no file 'missing.txt' in {BROKEN / 'docs'}",
    "ties.csv:13: evidence: not found in doc.txt: 'Ivy pays Bob in secret'",
    "ties.csv:14: evidence: no cited source has a file to check it against",
}
COMMON = "id, name, aliases, description, country, country_codes, dataset, record, sources, "
COMMON += "wikidata, inn, ogrn, lei"
PLANTED = EVIDENCE_PROBLEMS | {
    "sources.csv:1: url: missing column"
    " (columns present: id, title, author, publisher, date, file)",
    f"sources.csv:5: date: '2020-02-30' {NOT_A_DATE}",
    "entities.csv:5: country: unknown id 'atlantis'",
    "entities.csv:6: sources: unknown id 'ghost'",
    "entities.csv:7: kind: unknown kind 'Persn'",
    "entities.csv:8: category: not a property of Person"
    f" (its properties: {COMMON}, born, nationality, nationality_codes, position)",
    "entities.csv:9: id: duplicate id 'acme' (first at entities.csv:2)",
    f"entities.csv:10: born: '1952-13-07' {NOT_A_DATE}",
    "entities.csv:10: nationality: 'acme' is of kind Organization, not State",
    f"entities.csv:11: category: 'banc' is not one of {CATEGORIES}",
    "entities.csv:12: year: '2001.5' is not an integer",
    "entities.csv:12: value: '1,200' is not a plain decimal number",
    "entities.csv:12: unit: missing required value",
    "entities.csv:13: defense: 'maybe' is not a boolean (true/false/yes/no/1/0)",
    "entities.csv:14: name: missing required value",
    "entities.csv:15: colour: not a property of Organization"
    f" (its properties: {COMMON}, category, abbreviation)",
    "ties.csv:3: type: unknown tie type 'OWNZ'",
    "ties.csv:4: share: not a property of LENT_TO (its properties: id, sources, evidence,"
    " since, until, confidence, note, raw_label, dataset, record, amount, currency)",
    "ties.csv:5: type: OWNS cannot run from Organization to State",
    "ties.csv:7: id: duplicate id 'acme|FUNDS|bob' (first at ties.csv:6):"
    " give the tie its own explicit id",
    "ties.csv:8: target: unknown id 'nobody'",
    "ties.csv:9: sources: unknown id 'nosuch'",
    "ties.csv:9: sources: 'acme' is of kind Organization, not Source",
    "ties.csv:10: confidence: 'rumoured' is not one of "
    "reported, inferred, alleged, disputed, speculative",
    f"ties.csv:11: since: '2013-02-30' {NOT_A_DATE}",
    "ties.csv:12: sources: missing required value",
    "ties.csv:17: agreement: unknown id 'treaty9'",
    "ties.csv:18: 16 cells for 15 columns",
    "ties.csv:19: source: missing required value",
}


def test_every_planted_problem_is_reported_once_and_nothing_else() -> None:
    reported = [str(problem) for problem in validate(BROKEN, BROKEN / "docs")]
    assert set(reported) == PLANTED
    assert len(reported) == len(PLANTED)


def test_problems_come_in_file_and_line_order() -> None:
    problems = validate(BROKEN, BROKEN / "docs")
    assert problems == sorted(problems, key=lambda p: (p.file, p.line or 0))


def test_evidence_is_checked_only_when_a_sources_folder_is_given() -> None:
    assert {str(problem) for problem in validate(BROKEN)} == PLANTED - EVIDENCE_PROBLEMS


def test_a_missing_file_is_reported_without_a_line(tmp_path: Path) -> None:
    for name in ("sources.csv", "entities.csv"):
        shutil.copy(MINI / name, tmp_path / name)
    assert [str(problem) for problem in validate(tmp_path)] == ["ties.csv: missing file"]


def test_the_mini_fixture_validates_clean_with_its_evidence() -> None:
    assert validate(MINI, MINI / "docs") == []


def test_the_shipped_dataset_validates_clean() -> None:
    if not (default_data_dir() / "ties.csv").is_file():
        pytest.skip("the shipped seed dataset is not there yet")
    assert [str(problem) for problem in validate(default_data_dir())] == []


def test_the_shipped_evidence_occurs_in_the_shared_seed_documents() -> None:
    if not (default_data_dir() / "ties.csv").is_file() or not SHARED_SEEDS.is_dir():
        pytest.skip("needs the shipped seed dataset and ../shared/seeds")
    assert [str(problem) for problem in validate(default_data_dir(), SHARED_SEEDS)] == []


def test_find_sources_dir_prefers_shared_seeds_beside_the_working_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared" / "seeds").mkdir(parents=True)
    (tmp_path / "checkout" / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "checkout" / "sub")
    assert find_sources_dir() == tmp_path / "shared" / "seeds"


def test_find_sources_dir_falls_back_to_the_folder_beside_this_checkout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not SHARED_SEEDS.is_dir():
        pytest.skip("no ../shared/seeds beside this checkout")
    monkeypatch.chdir(tmp_path)
    assert find_sources_dir() == SHARED_SEEDS
