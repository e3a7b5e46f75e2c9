"""`explorer validate` on the command line: every problem on its own line, exit 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from explorer.cli import main
from loader.validate import validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_planted_error_is_printed_with_its_path_line_and_field() -> None:
    broken = FIXTURES / "broken_seed"
    args = ["validate", str(broken), "--sources-dir", str(broken / "docs")]
    result = CliRunner().invoke(main, args)
    problems = validate(broken, broken / "docs")
    assert result.exit_code == 1
    printed = result.stdout.splitlines()
    assert len(printed) == len(problems) > 30
    for problem in problems:
        place = f"{broken / problem.file}" + (f":{problem.line}" if problem.line else "")
        assert any(line.startswith(place) and problem.message in line for line in printed)
    assert f"{broken / 'ties.csv'}:3: type: unknown tie type 'OWNZ'" in printed
    assert f"Error: {len(problems)} problem(s) in {broken}" in result.stderr


def test_a_valid_folder_passes_with_its_evidence_checked() -> None:
    mini = FIXTURES / "mini_seed"
    result = CliRunner().invoke(main, ["validate", str(mini), "--sources-dir", str(mini / "docs")])
    assert result.exit_code == 0, result.output
    assert "valid (evidence checked against" in result.stderr


def test_the_shipped_dataset_is_valid() -> None:
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
