"""The `--help` examples of the commands that load, write and export run on the shipped
dataset as written (in a scratch folder, a redirection written to its file), except those
that name a user's own files, wait for a person, or serve a page: each of those is listed
here with the reason. The examples of the commands that ask questions: test_help_examples."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
from conftest import CliRunnerFor, help_examples

# In the order they run: `load backup/` restores what `export --to csv -o backup/` wrote.
COMMANDS = ("export", "load", "judgements", "browser query", "browser guide")

# Examples that cannot run here, and why.
NOT_RUN = {
    "--from ftm entities.ftm.json": "a user's file",
    "--from cow alliance_v4.1_by_member.csv": "a user's files",
    "--from sipri trade-register.csv": "a user's file",
    "--bulk --from ftm default.ftm.json": "a user's file",
    "--from edges stakes.csv": "a user's file",
    "--open": "opens a web browser",
    "--serve": "serves the guide until stopped",
}


def examples() -> list[list[str]]:
    """Each example of COMMANDS, as arguments; a redirection stays as `>` and a file name."""
    return [
        shlex.split(text)[1:]
        for path in COMMANDS
        for text in help_examples(path)
        if not any(k in text for k in NOT_RUN)
    ]


def test_every_writing_command_has_a_runnable_example() -> None:
    ran = {" ".join(e[:2]) if e[0] == "browser" else e[0] for e in examples()}
    assert ran == set(COMMANDS)


@pytest.mark.parametrize("args", examples(), ids=" ".join)
def test_a_help_example_of_a_writing_command_runs(
    seeded_cli: CliRunnerFor, args: list[str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.getbasetemp() / "examples"
    folder.mkdir(exist_ok=True)
    args, redirect = (args[: args.index(">")], args[-1]) if ">" in args else (args, None)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = seeded_cli(*args)
        assert result.exit_code == 0, f"{args}\n{result.output}"
        if redirect is not None:
            Path(redirect).write_text(result.stdout, encoding="utf-8")
        assert result.stdout.strip() or list(folder.iterdir()), f"nothing written: {args}"
        assert "nothing to export" not in result.stderr, args
