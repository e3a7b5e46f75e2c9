"""Archigos political leaders (4.1 and alike), one CSV row per spell in office, as LEADS ties.

Each row (obsid, gwcode, leadid, leader, yrborn, startdate, enddate, entry, exit, exitcode)
gives a LEADS tie `archigos-spell-<obsid>` from the Person `archigos-<leadid>` to the State
the row's code names. The tie's since is startdate and its until enddate, except for a leader
still in office when the data ends (exit "Still in Office"): that tie has no until, which the
schema reads as current, and its note keeps the enddate. Its role is "effective leader", what
Archigos codes (the person who in fact ruled, whatever the title), and its note says how the
spell began and ended in Archigos's own words (entry, exit, exitcode). The spells of one
leadid are one Person: named by its first row, the other spellings as aliases, born in the
first yrborn given (a later row giving another year is counted in `notes`). The schema has no
place for gender, so it is not read. The dataset is `archigos`; the file names no version.

States. Archigos codes states by Gleditsch-Ward (GW) code. `loader/data/gleditsch_ward.csv`
gives every GW code Archigos uses the Correlates of War (COW) code and COW's name for that
state, so an Archigos State carries the same `cow_code` and `name` as the COW importer's and
`loader.keys` gives both the same key (a curated State with that ISO code shares it: Russia
is RUS from all three). The two code lists mostly agree; the table's `note` column says where
they do not:
- GW keeps 260 (West Germany) for united Germany and 678 (North Yemen) for united Yemen,
  where COW returns to 255 and moves to 679: the table's `from` date sends the spells that
  start on or after unification to COW 255 and 679;
- GW 340 (Serbia, 1878-1915 and from 2006) carries no COW code: COW codes it 345, which
  the key table reads as historical Yugoslavia; as "Serbia" it is keyed SRB;
- GW 563 Transvaal, 564 Orange Free State, 711 Tibet and 815 Annam are not COW states: they
  carry no COW code and their names give no key, so they stand alone;
- both lists code the Russian Empire, the Soviet Union and Russia alike 365: the table splits
  it by date, so the Tsars lead the Russian Empire, Lenin to Gorbachev the Soviet Union (keyed
  by name, as the curated `soviet-union`), and Yeltsin and Putin Russia.
A spell belongs to the state of its start date; one that runs across a change of code (Kohl,
Saleh) is counted in `notes`. A State's id is `archigos-cow-<COW code>`, else
`archigos-gw-<GW code>` (`-<year>` added for a row that starts at a date); its aliases are the
letter codes of its rows' obsids (RUS, GMY).

A row with an empty or unreadable field, a GW code the table lacks, an end before its start
or an obsid met before fails the input, naming its line and field (with `skip_invalid`, it is
left out and listed in `invalid`). A file with no lines, or a header and no rows, is refused:
it has nothing to load.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from loader.errors import Problem
from loader.importers.base import (
    ImportResult,
    Row,
    csv_table,
    make_node,
    make_tie,
    map_all,
    map_valid,
    read_text,
    settle,
)
from loader.records import Node, Tie

DATASET = "archigos"
ROLE = "effective leader"
STILL_IN_OFFICE = "Still in Office"
CROSSES_CODES = "LEADS: spell runs across a change of COW code, tied to the state it began in"
OTHER_BIRTH_YEAR = "Person: spell gives another birth year than the leader's first, not kept"
_COLUMNS = (
    "obsid",
    "gwcode",
    "leadid",
    "leader",
    "yrborn",
    "startdate",
    "enddate",
    "entry",
    "exit",
    "exitcode",
)


@dataclass(frozen=True)
class _Coding:
    """One row of the GW table: a GW code's COW code and name for spells from `start` on."""

    gwcode: int
    start: str  # a date; "" for spells from the beginning
    cow_code: int | None
    name: str

    @property
    def state_id(self) -> str:
        if self.cow_code is None:
            return f"archigos-gw-{self.gwcode}" + (f"-{self.start[:4]}" if self.start else "")
        return f"archigos-cow-{self.cow_code}"


@cache
def _codings() -> dict[int, list[_Coding]]:
    """The GW table by GW code, each code's rows in order of their start."""
    path = resources.files("loader").joinpath("data", "gleditsch_ward.csv")
    table: dict[int, list[_Coding]] = {}
    for row in csv.DictReader(path.read_text("utf-8").splitlines()):
        cow_code = int(row["cow_code"]) if row["cow_code"] else None
        coding = _Coding(int(row["gwcode"]), row["from"], cow_code, row["name"])
        table.setdefault(coding.gwcode, []).append(coding)
    return {code: sorted(rows, key=lambda c: c.start) for code, rows in table.items()}


@dataclass(frozen=True)
class _Spell:
    """One row read: who led which state when, and how the spell began and ended."""

    row: Row
    obsid: str
    leadid: str
    leader: str
    born: str | None
    since: str
    until: str
    state: _Coding
    crosses: bool  # the GW code changes COW code during the spell

    @property
    def letters(self) -> str:
        """The obsid's letter code of the state: RUS of RUS-2000, USA of USA-1881-1."""
        return self.obsid.split("-", 1)[0]


def read(paths: list[Path], *, skip_invalid: bool = False) -> ImportResult:
    """People, the states they led and a LEADS tie per spell from Archigos CSV files.

    With `skip_invalid`, an invalid row is left out and listed in `invalid`.
    """
    invalid: list[Problem] = []
    rows = [row for rows in map_all(paths, lambda path: _rows(path, invalid)) for row in rows]
    spells = _first_of_each_obsid(map_valid(rows, _spell, invalid), invalid)
    left_out, invalid_skipped = settle(invalid, skip_invalid)
    people, other_years = _people(spells)
    notes = {CROSSES_CODES: sum(s.crosses for s in spells), OTHER_BIRTH_YEAR: other_years}
    return ImportResult(
        people + _states(spells),
        [_leads(spell) for spell in spells],
        invalid_skipped,
        DATASET,
        files=[str(path) for path in paths],
        notes={reason: count for reason, count in notes.items() if count},
        invalid=left_out,
    )


def _rows(path: Path, invalid: list[Problem]) -> list[Row]:
    table = csv_table(path, read_text(path), invalid, records=True)
    table.require(_COLUMNS)
    return table.rows


def _spell(row: Row) -> _Spell:
    since, until = _date(row, "startdate"), _date(row, "enddate")
    if until[: len(since)] < since[: len(until)]:  # partial dates compare to their precision
        raise row.error("enddate", f"{until} is before the startdate {since}")
    state, crosses = _state_of(row, since, until)
    return _Spell(
        row=row,
        obsid=_text(row, "obsid"),
        leadid=_text(row, "leadid"),
        leader=_text(row, "leader"),
        born=row.typed("yrborn", "date"),
        since=since,
        until=until,
        state=state,
        crosses=crosses,
    )


def _state_of(row: Row, since: str, until: str) -> tuple[_Coding, bool]:
    """The table's row for the spell's GW code at its start, and whether it changes later on."""
    gwcode = row.integer("gwcode")
    if gwcode is None:
        raise row.error("gwcode", "empty")
    known = _codings().get(gwcode)
    if known is None:
        message = f"unknown Gleditsch-Ward code {gwcode} (loader/data/gleditsch_ward.csv)"
        raise row.error("gwcode", message)
    state = [coding for coding in known if coding.start <= since][-1]
    return state, any(since < coding.start < until for coding in known)


def _text(row: Row, column: str) -> str:
    text = row.text(column)
    if not text:
        raise row.error(column, "empty")
    return text


def _date(row: Row, column: str) -> str:
    date: str | None = row.typed(column, "date")
    if date is None:
        raise row.error(column, "empty")
    return date


def _first_of_each_obsid(spells: list[_Spell], invalid: list[Problem]) -> list[_Spell]:
    """The spells but those whose obsid an earlier row has, each such row a problem in
    `invalid`: each spell is loaded once."""
    first: dict[str, _Spell] = {}
    for spell in spells:
        earlier = first.setdefault(spell.obsid, spell)
        if earlier is not spell:
            message = f"{spell.obsid} is the obsid of {earlier.row.record} too"
            invalid.extend(spell.row.error("obsid", message).problems)
    return list(first.values())


def _people(spells: list[_Spell]) -> tuple[list[Node], int]:
    """A Person per leadid, and the number of spells giving it another birth year."""
    people: dict[str, Node] = {}
    other_years = 0
    for spell in spells:
        person = people.get(spell.leadid)
        if person is None:
            people[spell.leadid] = _person(spell)
            continue
        if spell.leader != person.props["name"] and spell.leader not in person.props["aliases"]:
            person.props["aliases"].append(spell.leader)
        if spell.born and person.props.setdefault("born", spell.born) != spell.born:
            other_years += 1
    return list(people.values()), other_years


def _person(spell: _Spell) -> Node:
    return make_node(
        f"archigos-{spell.leadid}",
        "Person",
        spell.leader,
        (DATASET, spell.row.record),
        origin=spell.row.origin,
        born=spell.born,
    )


def _states(spells: list[_Spell]) -> list[Node]:
    """A State per COW code (GW code where it has none), its obsid letter codes as aliases."""
    states: dict[str, Node] = {}
    for spell in spells:
        state = states.get(spell.state.state_id)
        if state is None:
            states[spell.state.state_id] = _state(spell)
        elif spell.letters not in (state.props["name"], *state.props["aliases"]):
            state.props["aliases"].append(spell.letters)
    return list(states.values())


def _state(spell: _Spell) -> Node:
    coding = spell.state
    return make_node(
        coding.state_id,
        "State",
        coding.name,
        (DATASET, spell.row.record),
        [spell.letters],
        origin=spell.row.origin,
        cow_code=coding.cow_code,
    )


def _leads(spell: _Spell) -> Tie:
    still = spell.row.text("exit") == STILL_IN_OFFICE
    return make_tie(
        f"archigos-spell-{spell.obsid}",
        "LEADS",
        (f"archigos-{spell.leadid}", spell.state.state_id),
        (DATASET, spell.row.record),
        origin=spell.row.origin,
        since=spell.since,
        until=None if still else spell.until,
        role=ROLE,
        note=_note(spell.row, spell.until if still else None),
    )


def _note(row: Row, still_at: str | None) -> str:
    """How the spell began and ended, in Archigos's words: "entry Regular; exit Irregular (...)"."""
    exit_, code = row.text("exit"), row.text("exitcode")
    ended = f"{exit_} ({code})" if code and code != exit_ else exit_
    note = f"Archigos: entry {row.text('entry') or 'not given'}; exit {ended or 'not given'}"
    return note + (f" (as of {still_at})" if still_at else "")
