"""Correlates of War Formal Alliances v4.1, with the COW state list, as nodes and ties.

Files are told apart by their header (column names in any case), whatever they are called:
- a state list (states2016.csv or COW-country-codes.csv: stateabb, ccode, statenme) gives a
  State `cow-<ccode>` per code, its spells merged and its abbreviations as aliases;
- alliance_v4.1_by_member.csv gives an Agreement `cow-alliance-<id>` per alliance (category
  alliance, signed = the alliance's start) and a PARTY_TO tie from the state for each spell of
  membership, without `until` while the alliance is still in force;
- alliance_v4.1_by_dyad.csv gives an ALLIED_WITH tie per pair of states and spell, stored once
  from ccode1 to ccode2 (the type is symmetric), its `agreement` the Agreement's id.
An Agreement's defense, neutrality, nonaggression and entente flags are true when any row of the
alliance sets them: COW codes them per member and per dyad, and asymmetric alliances differ.
A state that no state list names takes its name from the alliance rows.
A row that repeats another's alliance, states and dates is counted in `skipped`, not loaded twice.
A row that cannot be read fails the whole input, naming its line and field (with
`skip_invalid`, it is left out and listed in `invalid`); a file with no lines, or a header and
no rows, is refused: it has nothing to load.

Ids come from COW's own codes, so they hold from one version to the next: states by ccode,
alliances by version4id, memberships and pairs by alliance, states and dates. The dataset is
`cow`; its version is the alliance files' `version` column ("4.1"), else the `v4.1` of their
names, else None (a state list alone).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loader.errors import InputError, Problem
from loader.importers.base import (
    ImportResult,
    Row,
    Table,
    csv_table,
    make_node,
    make_tie,
    map_all,
    map_valid,
    read_text,
    settle,
)
from loader.records import Node, Origin, Tie
from loader.types import partial_date

DATASET = "cow"
_NAMED_VERSION = re.compile(r"_v(\d+(?:\.\d+)*)")
_FLAGS = ("defense", "neutrality", "nonaggression", "entente")


def _dates(prefix: str) -> tuple[str, str, str]:
    return f"{prefix}_day", f"{prefix}_month", f"{prefix}_year"


_LAYOUTS = {
    "states": ("stateabb", "ccode", "statenme"),
    "member": (
        "version4id",
        "ccode",
        "state_name",
        *_dates("all_st"),
        "ss_type",
        *_dates("mem_st"),
        *_dates("mem_end"),
        *_FLAGS,
    ),
    "dyad": (
        "version4id",
        "ccode1",
        "state_name1",
        "ccode2",
        "state_name2",
        *_dates("dyad_st"),
        *_dates("dyad_end"),
        *_FLAGS,
    ),
}


_NAMES = {"states": "a state list", "member": "a by_member file", "dyad": "a by_dyad file"}


@dataclass(frozen=True)
class _Spell:
    """One member or dyad row: an alliance, its one or two states, and when they were in it."""

    alliance: int
    states: tuple[tuple[int, str], ...]  # (ccode, name)
    since: str | None
    until: str | None
    flags: dict[str, bool | None]
    record: str
    origin: Origin
    signed: str | None = None
    type: str | None = None


def read(paths: list[Path], *, skip_invalid: bool = False) -> ImportResult:
    """States, alliances, memberships and allied pairs from any of the four COW files.

    With `skip_invalid`, an invalid row is left out and listed in `invalid`.
    """
    invalid: list[Problem] = []
    rows: dict[str, list[Row]] = defaultdict(list)
    for layout, table in map_all(paths, lambda path: _table(path, invalid)):
        rows[layout] += table.rows
    states = _states(rows["states"], invalid)
    members = map_valid(rows["member"], _member, invalid)
    dyads = map_valid(rows["dyad"], _dyad, invalid)
    left_out, invalid_skipped = settle(invalid, skip_invalid)
    for spell in members + dyads:
        for code, name in spell.states:
            if code not in states:
                states[code] = _state(code, name, "", spell.record, spell.origin)
    skipped: Counter[str] = Counter()
    ties: dict[str, Tie] = {}
    for tie in [*map(_party_to, members), *map(_allied_with, dyads)]:
        if tie.id in ties:
            skipped[f"{tie.type}: duplicate row"] += 1
        else:
            ties[tie.id] = tie
    nodes = list(states.values()) + _agreements(members + dyads)
    return ImportResult(
        nodes,
        list(ties.values()),
        dict(skipped) | invalid_skipped,
        DATASET,
        version=_version(rows["member"] + rows["dyad"]),
        files=[str(path) for path in paths],
        invalid=left_out,
    )


def _version(alliance_rows: list[Row]) -> str | None:
    """The alliance files' versions, from their `version` column, else from their names."""
    found = {row.text("version") or _named_version(row.file) for row in alliance_rows}
    return "+".join(sorted(version for version in found if version)) or None


def _named_version(path: Path) -> str:
    match = _NAMED_VERSION.search(path.name)
    return match.group(1) if match else ""


def _table(path: Path, invalid: list[Problem]) -> tuple[str, Table]:
    raw = csv_table(path, read_text(path), invalid, records=True)
    header = [column.lower() for column in raw.header]
    rows = [
        Row(row.file, row.line, {k.lower(): v for k, v in row.cells.items()}) for row in raw.rows
    ]
    table = Table(path, raw.line, header, rows)
    layout = max(_LAYOUTS, key=lambda name: _overlap(header, _LAYOUTS[name]))
    if _overlap(header, _LAYOUTS[layout]) == 0:
        present = ", ".join(column for column in raw.header if column)
        expected = "; ".join(f"{_NAMES[name]}: {', '.join(_LAYOUTS[name])}" for name in _LAYOUTS)
        message = (
            f"not a COW alliance or state file (columns present: {present}; expected: {expected})"
        )
        raise InputError([Problem(str(path), raw.line, None, message)])
    table.require(_LAYOUTS[layout])
    return layout, table


def _overlap(header: list[str], columns: tuple[str, ...]) -> float:
    return len(set(header) & set(columns)) / len(columns)


def _states(rows: list[Row], invalid: list[Problem]) -> dict[int, Node]:
    states: dict[int, Node] = {}
    for row, code in map_valid(rows, lambda row: (row, _code(row, "ccode")), invalid):
        name, abbreviation = row.text("statenme"), row.text("stateabb")
        node = states.get(code)
        if node is None:
            states[code] = _state(code, name, abbreviation, row.record, row.origin)
        else:
            known = [node.props["name"], *node.props["aliases"]]
            node.props["aliases"] += [a for a in (name, abbreviation) if a and a not in known]
    return states


def _state(code: int, name: str, abbreviation: str, record: str, origin: Origin) -> Node:
    provenance = (DATASET, record)
    return make_node(
        f"cow-{code}", "State", name, provenance, [abbreviation], origin=origin, cow_code=code
    )


def _member(row: Row) -> _Spell:
    return _Spell(
        alliance=_code(row, "version4id"),
        states=((_code(row, "ccode"), row.text("state_name")),),
        since=_date(row, "mem_st"),
        until=_date(row, "mem_end"),
        flags={flag: _flag(row, flag) for flag in _FLAGS},
        record=row.record,
        origin=row.origin,
        signed=_date(row, "all_st"),
        type=row.text("ss_type") or None,
    )


def _dyad(row: Row) -> _Spell:
    return _Spell(
        alliance=_code(row, "version4id"),
        states=(
            (_code(row, "ccode1"), row.text("state_name1")),
            (_code(row, "ccode2"), row.text("state_name2")),
        ),
        since=_date(row, "dyad_st"),
        until=_date(row, "dyad_end"),
        flags={flag: _flag(row, flag) for flag in _FLAGS},
        record=row.record,
        origin=row.origin,
    )


def _code(row: Row, column: str) -> int:
    code = row.integer(column)
    if code is None:
        raise row.error(column, "empty")
    return code


def _date(row: Row, prefix: str) -> str | None:
    """The partial ISO date in the prefix's day, month and year columns; None without a year."""
    day_column, month_column, year_column = _dates(prefix)
    year, month, day = row.integer(year_column), row.integer(month_column), row.integer(day_column)
    if year is None:
        return None
    text = f"{year:04d}" + (f"-{month:02d}" if month is not None else "")
    text += f"-{day:02d}" if month is not None and day is not None else ""
    try:
        return partial_date(text)
    except ValueError:
        raise row.error(day_column, f"not a date: {year}-{month}-{day}") from None


def _flag(row: Row, column: str) -> bool | None:
    value = row.text(column)
    if value not in ("0", "1", ""):
        raise row.error(column, f"not 0, 1 or empty: {value!r}")
    return value == "1" if value else None


def _party_to(spell: _Spell) -> Tie:
    code = spell.states[0][0]
    tie_id = _join("cow-party", spell.alliance, code, spell.since, spell.until)
    ends = (f"cow-{code}", f"cow-alliance-{spell.alliance}")
    return make_tie(
        tie_id,
        "PARTY_TO",
        ends,
        (DATASET, spell.record),
        origin=spell.origin,
        since=spell.since,
        until=spell.until,
    )


def _allied_with(spell: _Spell) -> Tie:
    (first, _), (second, _) = spell.states
    tie_id = _join("cow-allied", spell.alliance, first, second, spell.since, spell.until)
    return make_tie(
        tie_id,
        "ALLIED_WITH",
        (f"cow-{first}", f"cow-{second}"),
        (DATASET, spell.record),
        origin=spell.origin,
        agreement=f"cow-alliance-{spell.alliance}",
        since=spell.since,
        until=spell.until,
    )


def _join(*parts: object) -> str:
    return "-".join(str(part) for part in parts if part is not None)


def _agreements(spells: list[_Spell]) -> list[Node]:
    by_alliance: dict[int, list[_Spell]] = defaultdict(list)
    for spell in spells:
        by_alliance[spell.alliance].append(spell)
    return [_agreement(alliance, group) for alliance, group in sorted(by_alliance.items())]


def _agreement(alliance: int, spells: list[_Spell]) -> Node:
    flags: dict[str, Any] = {}  # Any: passed on as keyword properties
    for flag in _FLAGS:
        known = [value for spell in spells if (value := spell.flags[flag]) is not None]
        flags[flag] = any(known) if known else None
    return make_node(
        f"cow-alliance-{alliance}",
        "Agreement",
        f"COW alliance {alliance}",
        (DATASET, str(alliance)),
        origin=spells[0].origin,
        description=next((spell.type for spell in spells if spell.type), None),
        category="alliance",
        signed=next((spell.signed for spell in spells if spell.signed), None),
        **flags,
    )
