"""The seed importer keys ties by their ids or content and says which files it read."""

from __future__ import annotations

import shutil
from pathlib import Path

from loader.importers import seed

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
