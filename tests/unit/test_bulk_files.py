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


def test_each_record_gets_an_entity_and_each_signature_a_file_with_typed_columns(
    tmp_path: Path,
) -> None:
    files = write_import_files([PUTIN, SECHIN, ROSNEFT], [STAKE], "seed", tmp_path)
    arguments = [argument.rsplit("=", 1)[0] for argument in files.arguments]
    assert arguments == [
        "--nodes=Record",
        "--nodes=Entity:Person",
        "--relationships=RECORD_OF",
        "--nodes=Record",
        "--nodes=Entity:Person",
        "--nodes=Record",
        "--nodes=Entity:Organization",
        "--relationships=OWNS",
        "--relationships=LINKED",
    ]
    header, row = read(files.arguments[0])
    assert header == ["id:ID(Record)", "aliases:string[]", "dataset:string", "kind:string",
                      "name:string", "_hash"]  # fmt: skip
    assert row[:5] == ["putin", f"Putin{ARRAY_DELIMITER}ВВП", "seed", "Person", "Vladimir Putin"]
    header, row = read(files.arguments[1])
    assert header == ["id:ID(Entity)", "aliases:string[]", "datasets:string[]", "kind:string",
                      "name:string", "records:string[]"]  # fmt: skip
    assert row == ["putin", f"Putin{ARRAY_DELIMITER}ВВП", "seed", "Person", "Vladimir Putin",
                   "putin"]  # fmt: skip
    assert read(files.arguments[2]) == [[":START_ID(Record)", ":END_ID(Entity)"],
                                        ["putin", "putin"], ["sechin", "sechin"],
                                        ["rosneft", "rosneft"]]  # fmt: skip
    assert "listed:boolean" in read(files.arguments[5])[0]
    header, row = read(files.arguments[7])
    assert header == [":START_ID(Entity)", ":END_ID(Entity)", "dataset:string", "id:string",
                      "share:double", "source_id:string", "sources:string[]", "target_id:string",
                      "_hash"]  # fmt: skip
    assert row[:6] == ["sechin", "rosneft", "seed", "t1", "0.13", "sechin"]
    assert (files.nodes, files.ties) == ({"Person": 2, "Organization": 1}, {"OWNS": 1})


def test_a_tie_to_an_entity_outside_the_load_is_refused(tmp_path: Path) -> None:
    stray = Tie("t2", "OWNS", "sechin", "gazprom", {"record": "ties.csv:7"})
    with pytest.raises(InputError) as refused:
        write_import_files([SECHIN], [stray], "seed", tmp_path)
    [problem] = refused.value.problems
    assert (problem.file, problem.field) == ("ties.csv:7", "target")
    assert "'gazprom'" in problem.message


def test_each_pair_of_tied_entities_gets_one_link_with_its_ties_counted(tmp_path: Path) -> None:
    ties = [
        STAKE,
        Tie("t2", "OWNS", "sechin", "rosneft", {"since": "2004", "sources": ["a"]}),
        Tie(
            "t3", "LEADS", "sechin", "rosneft", {"since": "2012", "until": "2020", "sources": ["a"]}
        ),
        Tie("t4", "FRIEND_OF", "sechin", "putin", {"since": "1990", "sources": ["a"]}),
    ]
    files = write_import_files([PUTIN, SECHIN, ROSNEFT], ties, "seed", tmp_path)
    [argument] = [a for a in files.arguments if a.startswith("--relationships=LINKED=")]
    header, *rows = read(argument)
    links = {(row[0], row[1]): dict(zip(header[2:], row[2:], strict=True)) for row in rows}
    assert set(links) == {("putin", "sechin"), ("rosneft", "sechin")}  # from the lower id
    owns_leads = links[("rosneft", "sechin")]
    split = {
        column.split(":")[0]: value.split(ARRAY_DELIMITER) for column, value in owns_leads.items()
    }
    assert split == {
        "counts": ["1", "2"],
        "ends": ["2020", "9"],
        "forward": ["0", "0"],
        "starts": ["2012", "0"],
        "types": ["LEADS", "OWNS"],
    }
    assert links[("putin", "sechin")]["forward:long[]"] == "0"
