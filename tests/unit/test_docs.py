"""README and --help cannot drift apart: every command documented, the reference current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explorer.docs import all_commands, help_text

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text("utf-8")


@pytest.mark.parametrize("path", all_commands(), ids=" ".join)
def test_every_command_has_help_and_a_readme_section(path: list[str]) -> None:
    text = help_text(path)
    summary = text.split("\n\n")[1].strip()
    assert len(summary) > 20, f"explorer {' '.join(path)} needs a help text"
    assert f"### explorer {' '.join(path)}\n" in README


def test_the_readme_cli_reference_and_counts_are_current() -> None:
    check = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, (
        "README.md is stale: run `make docs`\n" + check.stdout + check.stderr
    )


def test_the_readme_says_py2neo_is_not_used() -> None:
    assert "`py2neo` is end-of-life" in README
