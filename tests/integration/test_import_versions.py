"""A newer export of a source replaces the older one: same dataset name, same ids."""

from __future__ import annotations

from conftest import FIXTURES, CliRunnerFor

from explorer.db import Database

SIPRI = FIXTURES / "importers" / "sipri"


def arms_ties(database: Database) -> dict[str, tuple[str, int | None]]:
    ties = database.run(
        "MATCH ()-[r:SUPPLIED_ARMS_TO]->() "
        "RETURN r.id AS id, r.dataset AS dataset, r.number_delivered AS delivered"
    )
    return {row["id"]: (row["dataset"], row["delivered"]) for row in ties.rows}


def test_a_newer_sipri_export_replaces_the_older_one(cli: CliRunnerFor, database: Database) -> None:
    loads: dict[int, dict[str, tuple[str, int | None]]] = {}
    for year in (2025, 2026):
        result = cli("load", "--from", "sipri", str(SIPRI / f"export_{year}.csv"), "--replace")
        assert result.exit_code == 0, result.output
        loads[year] = arms_ties(database)
    assert len(loads[2025]) == 4
    assert len(loads[2026]) == 6
    assert loads[2025].keys() < loads[2026].keys()
    assert {dataset for dataset, _ in loads[2026].values()} == {"sipri"}
    changed = {key for key in loads[2025] if loads[2025][key] != loads[2026][key]}
    assert sorted(loads[2026][key][1] for key in changed) == [6, 10]  # the two Leopard orders
