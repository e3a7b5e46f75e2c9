"""The seed importer keys ties by their ids or content and says which files it read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loader.errors import InputError
from loader.importers import seed
from loader.schema import load_schema

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini_seed"
NEW_TIE = ",OWNS,gazprom,atomstroyeksport,memo,owned by Gazprom,,,reported,,,,,,,\n"


def test_inserting_a_tie_row_leaves_every_other_tie_id_unchanged(tmp_path: Path) -> None:
    copy = shutil.copytree(MINI, tmp_path / "mini_seed")
    rows = (copy / "ties.csv").read_text("utf-8").splitlines(keepends=True)
    (copy / "ties.csv").write_text("".join([*rows[:2], NEW_TIE, *rows[2:]]), "utf-8")
    before = [tie.id for tie in seed.read([MINI]).ties]
    after = [tie.id for tie in seed.read([copy]).ties]
    assert [tie_id for tie_id in after if tie_id in before] == before
    assert set(after) - set(before) == {"gazprom|OWNS|atomstroyeksport"}


def test_a_seed_folder_names_its_three_files_and_has_no_version() -> None:
    result = seed.read([MINI])
    assert (result.dataset, result.version) == ("mini_seed", None)
    assert result.files == [
        str(MINI / name) for name in ("sources.csv", "entities.csv", "ties.csv")
    ]


def test_the_first_row_with_an_unknown_column_names_the_properties_the_others_do_not(
    tmp_path: Path,
) -> None:
    copy = shutil.copytree(MINI, tmp_path / "mini_seed")
    sources = copy / "sources.csv"
    rows = sources.read_text("utf-8").splitlines()
    sources.write_text("\n".join([rows[0] + ",pages", *(row + ",12" for row in rows[1:3])]))
    with pytest.raises(InputError) as caught:
        seed.read([copy])
    properties = ", ".join(
        load_schema().entity_properties | load_schema().kinds["Source"].properties
    )
    assert [str(problem) for problem in caught.value.problems] == [
        f"{sources}:2: pages: not a property of Source (its properties: {properties})",
        f"{sources}:3: pages: not a property of Source",
    ]
