"""CSV: entities.csv and ties.csv in the seed files' shape, a named-ties table, query rows."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from test_export_sample import EVIDENCE, QUOTED, sample_nodes, sample_ties

from explorer.export.csvfile import write_csv_dir, write_named_ties_csv, write_rows_csv
from loader.seed import read_seed


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_directory_gets_the_seed_files_with_the_seed_columns_first(tmp_path: Path) -> None:
    write_csv_dir(sample_nodes(), sample_ties(), tmp_path / "out")
    heads = {
        name: (tmp_path / "out" / name).read_text("utf-8").splitlines()[0]
        for name in ("sources.csv", "entities.csv", "ties.csv")
    }
    assert heads == {
        "sources.csv": "id,title,author,publisher,date,file,url,name",
        "entities.csv": "id,kind,name,aliases,description,country,sources,born,position,"
        "category,iso3,cow_code,signed,defense",
        "ties.csv": "id,type,source,target,sources,evidence,since,until,confidence,note,"
        "raw_label,share,role,status,year,value",
    }


def test_every_node_and_tie_is_a_row_with_lists_joined_by_bars(tmp_path: Path) -> None:
    write_csv_dir(sample_nodes(), sample_ties(), tmp_path)
    entities = {row["id"]: row for row in _read(tmp_path / "entities.csv")}
    ties = {row["id"]: row for row in _read(tmp_path / "ties.csv")}
    assert [row["id"] for row in _read(tmp_path / "sources.csv")] == ["memo"]
    assert len(entities) == len(sample_nodes()) - 1 and len(ties) == len(sample_ties())
    assert entities["putin"]["aliases"] == "V. V. Putin|Путин"
    assert entities["obrien"]["name"] == QUOTED
    assert entities["schroeder"]["name"] == "Gerhard Schröder"
    assert entities["cst"]["defense"] == "true"
    assert entities["russia"]["cow_code"] == "365"
    assert entities["schroeder"]["born"] == ""
    assert ties["friend-1"]["evidence"] == f"{EVIDENCE}|close"
    assert ties["own-1"]["share"] == "51.0"
    assert (ties["own-1"]["source"], ties["own-1"]["target"]) == ("gazprom", "obrien")


def test_the_seed_reader_reads_the_directory_back_unchanged(tmp_path: Path) -> None:
    write_csv_dir(sample_nodes(), sample_ties(), tmp_path)
    data = read_seed(tmp_path)
    stamps = ("dataset", "record")
    nodes = {
        n.id: (n.kind, {k: v for k, v in n.props.items() if k not in stamps}) for n in data.nodes
    }
    assert nodes == {n.id: (n.kind, n.props) for n in sample_nodes()}
    assert [(t.id, t.type, t.source, t.target) for t in data.ties] == [
        (t.id, t.type, t.source, t.target) for t in sample_ties()
    ]
    assert [{k: v for k, v in t.props.items() if k not in stamps} for t in data.ties] == [
        t.props for t in sample_ties()
    ]


def test_the_single_table_names_both_ends_of_each_tie() -> None:
    out = io.StringIO()
    write_named_ties_csv(sample_nodes(), sample_ties(), out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    friend = next(row for row in rows if row["id"] == "friend-1")
    assert friend["source_name"] == "Vladimir Putin"
    assert friend["target_name"] == "Gerhard Schröder"
    assert friend["type"] == "FRIEND_OF"


def test_query_rows_keep_key_order_and_write_maps_as_json() -> None:
    out = io.StringIO()
    rows = [
        {"name": "Putin", "degree": 3, "aliases": ["V", "W"]},
        {"name": "Schröder", "node": {"id": "schroeder"}, "active": False, "degree": None},
    ]
    write_rows_csv(rows, out)
    assert out.getvalue().splitlines() == [
        "name,degree,aliases,node,active",
        "Putin,3,V|W,,",
        'Schröder,,,"{""id"": ""schroeder""}",false',
    ]


def test_no_query_rows_write_nothing() -> None:
    out = io.StringIO()
    write_rows_csv([], out)
    assert out.getvalue() == ""
