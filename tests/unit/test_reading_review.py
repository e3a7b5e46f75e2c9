"""A review folder: the base seed folder plus each document's rows, valid as it is written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from explorer.reading.gazetteer import Gazetteer, entries_from_csv
from explorer.reading.reader import read_file
from explorer.reading.review import DOCUMENTS, source_id, write_review
from loader.errors import UsageError
from loader.validate import validate

DOC = "Gazprombank lent Rosatom two billion roubles in 2019.\nPutin praised Rosatom.\n"


def base(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    folder.mkdir()
    (folder / "sources.csv").write_text("id,title,author,publisher,date,file,url\n")
    (folder / "entities.csv").write_text(
        "id,kind,name,aliases,description,country,sources\n"
        "gazprombank,Organization,Gazprombank,,,,\n"
        "rosatom,Organization,Rosatom,,,,\n"
    )
    (folder / "ties.csv").write_text(
        "id,type,source,target,sources,evidence,since,until,confidence,note,raw_label,amount\n"
    )
    return folder


def review(tmp_path: Path) -> Path:
    folder = base(tmp_path)
    doc = tmp_path / "Bank Note.txt"
    doc.write_text(DOC, encoding="utf-8")
    gazetteer = Gazetteer.build(entries_from_csv(folder / "entities.csv"))
    write_review(tmp_path / "review", [read_file(doc, gazetteer)], folder, None)
    return tmp_path / "review"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_review_folder_validates_with_its_documents(tmp_path: Path) -> None:
    folder = review(tmp_path)
    assert validate(folder, folder / DOCUMENTS) == []


def test_the_document_becomes_a_source_its_ties_cite_with_verbatim_evidence(
    tmp_path: Path,
) -> None:
    folder = review(tmp_path)
    [source] = rows(folder / "sources.csv")
    assert (source["id"], source["file"]) == ("bank-note", "Bank Note.txt")
    ties = rows(folder / "ties.csv")
    assert [(t["type"], t["target"]) for t in ties] == [
        ("MENTIONS", "gazprombank"),
        ("MENTIONS", "rosatom"),
        ("LENT_TO", "rosatom"),
    ]
    lent = ties[-1]
    assert (lent["id"], lent["sources"], lent["since"]) == ("read-bank-note-1", "bank-note", "2019")
    assert lent["evidence"] in DOC


def test_a_review_folder_is_never_written_over(tmp_path: Path) -> None:
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "ties.csv").write_text("kept")
    with pytest.raises(UsageError, match="not empty"):
        write_review(tmp_path / "review", [], base(tmp_path), None)


def test_a_source_id_never_repeats_one_taken() -> None:
    assert source_id(Path("Report 2024.md"), {"report-2024"}) == "report-2024-2"
