"""Import files for neo4j-admin: typed columns, one file per signature, every end present."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from loader.bulk import ARRAY_DELIMITER, write_import_files
from loader.errors import InputError
from loader.records import Node, Tie

PUTIN = Node("putin", "Person", {"name": "Vladimir Putin", "aliases": ["Putin", "ВВП"]})
SECHIN = Node("sechin", "Person", {"name": "Igor Sechin", "born": "1960-09-07"})
ROSNEFT = Node("rosneft", "Organization", {"name": "Rosneft", "listed": True})
STAKE = Tie("t1", "OWNS", "sechin", "rosneft", {"share": 0.13, "sources": ["a", "b"]})


def read(argument: str) -> list[list[str]]:
    path = Path(argument.rsplit("=", 1)[1])
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_each_kind_and_property_set_gets_a_file_with_typed_columns(tmp_path: Path) -> None:
    files = write_import_files([PUTIN, SECHIN, ROSNEFT], [STAKE], "seed", tmp_path)
    assert [argument.rsplit("=", 1)[0] for argument in files.arguments] == [
        "--nodes=Entity:Person",
        "--nodes=Entity:Person",
        "--nodes=Entity:Organization",
        "--relationships=OWNS",
    ]
    header, row = read(files.arguments[0])
    assert header == ["id:ID", "aliases:string[]", "dataset:string", "kind:string",
                      "name:string", "_hash"]  # fmt: skip
    assert row[:5] == ["putin", f"Putin{ARRAY_DELIMITER}ВВП", "seed", "Person", "Vladimir Putin"]
    assert read(files.arguments[2])[0][1:2] == ["dataset:string"]
    assert "listed:boolean" in read(files.arguments[2])[0]
    header, row = read(files.arguments[3])
    assert header == [":START_ID", ":END_ID", "dataset:string", "id:string", "share:double",
                      "sources:string[]", "_hash"]  # fmt: skip
    assert row[:6] == ["sechin", "rosneft", "seed", "t1", "0.13", f"a{ARRAY_DELIMITER}b"]
    assert (files.nodes, files.ties) == ({"Person": 2, "Organization": 1}, {"OWNS": 1})


def test_a_tie_to_an_entity_outside_the_load_is_refused(tmp_path: Path) -> None:
    stray = Tie("t2", "OWNS", "sechin", "gazprom", {"record": "ties.csv:7"})
    with pytest.raises(InputError) as refused:
        write_import_files([SECHIN], [stray], "seed", tmp_path)
    [problem] = refused.value.problems
    assert (problem.file, problem.field) == ("ties.csv:7", "target")
    assert "'gazprom'" in problem.message
