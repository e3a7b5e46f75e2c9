"""Every format refuses the same inputs the same way: an empty file, a header with no records,
a control character in a value; and with skip_invalid, loads the valid records of a file and
lists the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from explorer.loading import read_input
from loader.errors import InputError, UsageError
from loader.importers.base import INVALID, csv_table, read_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IMPORTERS = FIXTURES / "importers"
SIPRI_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons\n"
)
ARCHIGOS_HEADER = "obsid,gwcode,leadid,leader,yrborn,startdate,enddate,entry,exit,exitcode\n"
COW_HEADER = "stateabb,ccode,statenme\n"
# One valid record of each CSV format, with {} where a value is put in.
RECORDS = {
    "sipri": SIPRI_HEADER + "{},Russia,1995,,2,,Mi-8MT,transport helicopter,2,,1995,New,,3,6,6\n",
    "archigos": ARCHIGOS_HEADER
    + "RUS-2000,365,p1,{},1952,2000-05-07,2008-05-07,Regular,Regular,\n",
    "cow": COW_HEADER + "RUS,365,{}\n",
}
FIELDS = {"sipri": "Recipient", "archigos": "leader", "cow": "statenme"}
LINES = {"sipri": 2, "archigos": 2, "cow": 2}
BELL = "\x07"


def problems_of(fmt: str, paths: list[Path]) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_input(fmt, paths)
    return [str(problem) for problem in caught.value.problems]


def seed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "seed"
    shutil.copytree(FIXTURES / "mini_seed", folder, ignore=shutil.ignore_patterns("docs"))
    return folder


@pytest.mark.parametrize("fmt", ["ftm", "sipri", "archigos", "cow"])
@pytest.mark.parametrize("text", ["", "\n  \n"], ids=["empty", "blank"])
def test_an_empty_file_is_refused_alike_in_every_format(
    fmt: str, text: str, tmp_path: Path
) -> None:
    path = tmp_path / "input"
    path.write_text(text)
    assert problems_of(fmt, [path]) == [f"{path}: empty file: nothing to load"]


def test_an_empty_seed_file_is_refused_as_the_other_formats_refuse_one(tmp_path: Path) -> None:
    folder = seed_folder(tmp_path)
    (folder / "ties.csv").write_text("")
    assert problems_of("seed", [folder]) == [f"{folder}/ties.csv: empty file: nothing to load"]


def test_an_empty_csv_of_an_edge_list_or_a_backup_is_refused_alike(tmp_path: Path) -> None:
    path = tmp_path / "ties.csv"
    path.write_text("")
    with pytest.raises(InputError) as caught:
        csv_table(path, read_text(path))
    assert str(caught.value) == f"{path}: empty file: nothing to load"


@pytest.mark.parametrize("fmt", ["sipri", "archigos", "cow"])
def test_a_header_with_no_records_is_refused_where_every_file_adds_records(
    fmt: str, tmp_path: Path
) -> None:
    path = tmp_path / "input.csv"
    path.write_text(RECORDS[fmt].splitlines(keepends=True)[0])
    expected = f"{path}:1: a header and no records: nothing to load"
    assert problems_of(fmt, [path]) == [expected]


def test_a_seed_file_with_a_header_alone_is_a_part_of_the_dataset_with_no_records(
    tmp_path: Path,
) -> None:
    folder = seed_folder(tmp_path)
    ties = folder / "ties.csv"
    ties.write_text(ties.read_text().splitlines(keepends=True)[0])
    result = read_input("seed", [folder])
    assert result.nodes and not result.ties


@pytest.mark.parametrize("fmt", ["sipri", "archigos", "cow"])
@pytest.mark.parametrize("char", ["\x00", BELL, "\x1b"])
def test_a_control_character_in_a_csv_value_is_refused_at_its_line_and_field(
    fmt: str, char: str, tmp_path: Path
) -> None:
    path = tmp_path / "input.csv"
    path.write_text(RECORDS[fmt].format(f"Ango{char}la"))
    if char == "\x00":  # a NUL byte is refused before the text is read as CSV
        expected = f"{path}:{LINES[fmt]}: NUL byte: not a text file"
    else:
        message = f"control character U+{ord(char):04X}: not text"
        expected = f"{path}:{LINES[fmt]}: {FIELDS[fmt]}: {message}"
    assert problems_of(fmt, [path]) == [expected]


def test_tab_and_line_breaks_in_a_csv_value_are_text(tmp_path: Path) -> None:
    path = tmp_path / "input.csv"
    path.write_text(RECORDS["cow"].format('"Rus\tsia\r\nFederation"'))
    assert read_input("cow", [path]).nodes[0].props["name"] == "Rus\tsia\nFederation"


@pytest.mark.parametrize(
    ("written", "code"),
    [("\\u0000", "0000"), ("\\u0007", "0007"), ("\x07", "0007"), ("\x1b[2J", "001B")],
    ids=["escaped-nul", "escaped-bell", "raw-bell", "raw-escape"],
)
def test_a_control_character_in_an_ftm_value_is_refused_at_its_line_and_field(
    written: str, code: str, tmp_path: Path
) -> None:
    path = tmp_path / "input.ftm.json"
    good = '{"id": "p1", "schema": "Person", "properties": {"name": ["Ivan"]}}\n'
    bad = '{"id": "p2", "schema": "Person", "properties": {"name": ["Iv' + written + 'an"]}}\n'
    path.write_text(good + bad)
    expected = f"{path}:2: properties.name: control character U+{code}: not text"
    assert problems_of("ftm", [path]) == [expected]


def test_a_control_character_in_an_ftm_key_is_refused_at_the_object_holding_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "input.ftm.json"
    path.write_text('{"id": "p1", "schema": "Person", "properties": {"na\\u0000me": ["Iv"]}}\n')
    expected = f"{path}:1: properties: control character U+0000: not text"
    assert problems_of("ftm", [path]) == [expected]


@pytest.mark.parametrize("char", ["\x00", BELL])
def test_a_control_character_in_a_seed_value_is_refused_at_its_line_and_field(
    char: str, tmp_path: Path
) -> None:
    folder = seed_folder(tmp_path)
    entities = folder / "entities.csv"
    entities.write_text(entities.read_text().replace("Russian Federation", f"Russian{char}"))
    if char == "\x00":  # the file is not read at all (its ties then name unknown ids)
        expected = f"{entities}:2: NUL byte: not a text file"
        assert expected in problems_of("seed", [folder])
    else:
        expected = f"{entities}:2: aliases: control character U+0007: not text"
        assert problems_of("seed", [folder]) == [expected]


def test_a_control_character_in_an_edge_list_or_backup_csv_is_refused_at_its_field(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ties.csv"
    path.write_text(f"source,target\nann,b{BELL}ob\n")
    with pytest.raises(InputError) as caught:
        csv_table(path, read_text(path))
    assert str(caught.value) == f"{path}:2: target: control character U+0007: not text"


def _with_bad_record(fmt: str, tmp_path: Path) -> tuple[Path, Path, str]:
    """A file of `fmt` without and with a last record that is invalid, and its problem."""
    good, bad = tmp_path / "good", tmp_path / "bad"
    line = RECORDS[fmt].format("Angola")
    records: dict[str, tuple[str, str]] = {
        "sipri": (
            line,
            "Angola,Russia,1996,,2,,Mi-8MT,transport helicopter,2,,1996,Brand new,,3,6,6\n",
        ),
        "archigos": (
            line,
            "RUS-2008,365,p2,Medvedev,1965,2008-05-07,soon,Regular,Regular,\n",
        ),
        "cow": (line + "UKG,200,United Kingdom\n", "USA,two,United States\n"),
    }
    text, invalid = records[fmt]
    good.write_text(text)
    bad.write_text(text + invalid)
    line_of_bad = len(text.splitlines()) + 1
    problem: dict[str, str] = {
        "sipri": "status: not one of 'New', 'Second hand', 'Second hand but modernized':"
        " 'Brand new'",
        "archigos": "enddate: 'soon' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        "cow": "ccode: 'two' is not an integer",
    }
    return good, bad, f"{bad}:{line_of_bad}: {problem[fmt]}"


@pytest.mark.parametrize("fmt", ["sipri", "archigos", "cow"])
def test_skip_invalid_loads_what_the_file_without_the_invalid_record_gives(
    fmt: str, tmp_path: Path
) -> None:
    good, bad, problem = _with_bad_record(fmt, tmp_path)
    assert problems_of(fmt, [bad]) == [problem]
    skipping = read_input(fmt, [bad], skip_invalid=True)
    clean = read_input(fmt, [good])
    assert [node.id for node in skipping.nodes] == [node.id for node in clean.nodes]
    assert [tie.id for tie in skipping.ties] == [tie.id for tie in clean.ties]
    assert [str(problem) for problem in skipping.invalid] == [problem]
    assert skipping.skipped[INVALID] == 1


def test_ftm_refuses_a_file_with_invalid_lines_naming_each_line_by_default() -> None:
    path = IMPORTERS / "ftm" / "partly_invalid.ftm.json"
    assert problems_of("ftm", [path]) == [
        f"{path}:3: invalid JSON: Unterminated string starting at: column 58",
        f"{path}:5: percentage: 'about half' is not a plain decimal number",
    ]


def test_ftm_with_skip_invalid_loads_the_valid_lines_and_names_the_others() -> None:
    path = IMPORTERS / "ftm" / "partly_invalid.ftm.json"
    result = read_input("ftm", [path], skip_invalid=True)
    assert [node.id for node in result.nodes] == ["ftm-p1", "ftm-c1", "ftm-o1"]
    assert [tie.id for tie in result.ties] == ["ftm-own-1"]
    assert [(problem.file, problem.line) for problem in result.invalid] == [
        (str(path), 3),
        (str(path), 5),
    ]
    assert result.skipped == {INVALID: 2}


def test_skip_invalid_still_refuses_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "input.ftm.json"
    path.write_text("")
    with pytest.raises(InputError):
        read_input("ftm", [path], skip_invalid=True)


@pytest.mark.parametrize("fmt", ["seed"])
def test_skip_invalid_in_a_format_that_loads_all_or_nothing_is_misuse(fmt: str) -> None:
    with pytest.raises(UsageError) as caught:
        read_input(fmt, [IMPORTERS / "edges" / "ties.csv"], skip_invalid=True)
    assert caught.value.exit_code == 2
    assert f"the {fmt} format loads all or nothing" in str(caught.value)
