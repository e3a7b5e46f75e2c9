"""Tables fit the terminal: COLUMNS, else the terminal's width, nothing on a pipe; --wide."""

from __future__ import annotations

import io
import json
import os
from typing import Any

import click
import pytest
from click.testing import CliRunner

from explorer.cli import main
from explorer.cli.output import CUT, MAX_LINES, write_rows, write_text
from explorer.docs import all_commands

LONG = " ".join(f"word{i}" for i in range(200))  # about 1,500 characters
ROWS = [
    {"id": "gazprombank-long-id", "year": 2013, "note": LONG},
    {"id": "rosatom", "year": 2007, "note": "short"},
]
KEYS = ["id", "year", "note"]


def written(fmt: str = "table", rows: list[dict[str, Any]] = ROWS, **options: Any) -> str:
    out = io.StringIO()
    write_rows(rows, list(rows[0]), fmt, out, **options)
    return out.getvalue()


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


def unescaped_controls(text: str) -> set[str]:
    return {c for c in text if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0} - {"\n"}


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def columns_60(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")


@pytest.mark.usefixtures("columns_60")
def test_with_columns_60_a_long_cell_fits_and_its_cut_ends_with_the_marker() -> None:
    text = written()
    assert widest(text) <= 60
    lines = text.splitlines()
    first_row = lines[2 : 2 + MAX_LINES]
    assert first_row[-1].rstrip().endswith(CUT)
    assert not lines[2 + MAX_LINES].startswith("gazprombank")  # the next row: the cut held
    assert "rosatom" in lines[2 + MAX_LINES]


@pytest.mark.usefixtures("columns_60")
def test_narrow_columns_keep_their_width() -> None:
    text = written()
    assert "gazprombank-long-id  " in text  # an id of single words is not broken
    assert " 2013  " in text and " 2007  " in text
    assert widest(text) <= 60


@pytest.mark.usefixtures("columns_60")
def test_long_cells_are_wrapped_at_word_boundaries() -> None:
    shown = [token for token in written().split() if token.startswith("w")]
    assert shown[:3] == ["word0", "word1", "word2"]
    assert set(shown[:-1]) <= set(LONG.split())  # no word broken but at the cut
    assert shown[-1].endswith(CUT)


@pytest.mark.usefixtures("columns_60")
def test_wide_does_not_cut() -> None:
    text = written(wide=True)
    assert LONG in text
    assert CUT not in text


@pytest.mark.usefixtures("columns_60")
@pytest.mark.parametrize("fmt", ["csv", "markdown"])
def test_csv_and_markdown_are_never_cut(fmt: str) -> None:
    text = written(fmt)
    assert LONG in text
    assert CUT not in text


@pytest.mark.usefixtures("columns_60")
def test_json_is_never_cut() -> None:
    assert json.loads(written("json")) == ROWS


@pytest.mark.usefixtures("columns_60")
def test_control_characters_stay_escaped_after_wrapping() -> None:
    evil = "Evil\x1b[2J\x1b[31mRED\x9b\x7f " * 4 + "tab\there\x0bvt\x0cff\rcr"
    text = written(rows=[{"id": "x", "name": evil}])
    assert widest(text) <= 60
    assert len(text.splitlines()) > 4  # wrapped
    assert not unescaped_controls(text)
    joined = text.replace("\n", "").replace(" ", "")
    assert "Evil\\x1b[2J\\x1b[31mRED\\x9b\\x7f" in joined
    assert "tab\\x09here\\x0bvt\\x0cff\\x0dcr" in joined


@pytest.mark.usefixtures("columns_60")
def test_a_cell_of_many_lines_is_cut_even_when_narrow() -> None:
    many = "\n".join(f"line {i}" for i in range(10))
    cell = written(rows=[{"id": "x", "lines": many}])
    assert "line 4" in cell and "line 6" not in cell
    assert f"line 5{CUT}" in cell


def test_on_a_pipe_without_columns_a_table_is_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    text = written()  # a StringIO, like a pipe or a file: not a terminal
    assert LONG in text
    assert CUT not in text


def test_on_a_terminal_without_columns_a_table_fits_its_width(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("shutil.get_terminal_size", lambda *_: os.terminal_size((50, 24)))
    out = FakeTerminal()
    write_rows(ROWS, KEYS, "table", out)
    assert widest(out.getvalue()) <= 50
    assert CUT in out.getvalue()


def test_columns_that_is_not_a_number_counts_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "wide")
    assert LONG in written()


def test_a_table_that_fits_is_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"id": "rosatom", "year": 2007, "share": 49.8}, {"id": "x", "year": 1, "share": 1.25}]
    monkeypatch.delenv("COLUMNS", raising=False)
    whole = written(rows=rows)
    monkeypatch.setenv("COLUMNS", "80")
    assert written(rows=rows) == whole


def test_prose_is_wrapped_under_its_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    out = io.StringIO()
    write_text(f"A -[OWNS]-> B\n  1. {LONG[:200]}\n", out)
    lines = out.getvalue().splitlines()
    assert widest(out.getvalue()) <= 40
    assert lines[1].startswith("  1. word0")
    assert all(line.startswith("     word") for line in lines[2:-1])
    assert lines[-1] == ""
    assert " ".join(out.getvalue().split()).count("word") == LONG[:200].count("word")


def run(*args: str, columns: str | None) -> str:
    result = CliRunner().invoke(main, list(args), env={"COLUMNS": columns})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("command", ["schema", "queries"])
def test_schema_and_queries_fit_the_width_and_wide_shows_them_whole(command: str) -> None:
    assert widest(run(command, columns="60")) <= 60
    assert widest(run(command, "--wide", columns="60")) > 60
    assert run(command, "--wide", columns="60") == run(command, columns=None)


def test_schema_describes_kinds_ties_and_properties() -> None:
    rows = json.loads(run("schema", "--format", "json", columns=None))
    by_name = {row["name"]: row for row in rows}
    assert by_name["Person"]["description"].startswith("A human being")
    assert (
        by_name["OWNS"]["connects"] == "Person|Organization|State|Faction -> Organization|Facility"
    )
    assert by_name["OWNS.share"] == {
        "what": "property",
        "name": "OWNS.share",
        "connects": "",
        "type": "number in %",
        "properties": [],
        "description": "Stake in percent (0-100).",
    }
    assert by_name["Person.born"]["description"] == "Date of birth."
    assert by_name["Entity.id"]["type"] == "string, required"
    assert by_name["tie.sources"]["type"] == "list of Source, required"
    table = run("schema", "--wide", columns=None)
    assert "Date of birth." in table
    assert "Stake in percent (0-100)." in table


def test_every_command_with_format_takes_wide() -> None:
    for path in all_commands():
        command: click.Command = main
        for name in path:
            assert isinstance(command, click.Group)
            command = command.commands[name]
        options = {option for param in command.params for option in param.opts}
        if "--format" in options:
            assert "--wide" in options, " ".join(path)
