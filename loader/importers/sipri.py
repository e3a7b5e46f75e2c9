"""SIPRI Arms Transfers Database trade register, the CSV as exported, as nodes and ties.

The export is latin-1 (a UTF-8 re-save reads too) and has prose lines before its header. The
dataset is `sipri` whatever the export's year, so a newer export replaces an older one; its
version is the export's "Data generated" date (`2025-03-13`), else the `gen<date>` of its file
name, else None. A header cell holding a single space follows Year of order, Number ordered and
Number delivered: it holds `?` when that value is uncertain.

Each record gives one SUPPLIED_ARMS_TO tie, with record `file:line` for people to find it. The
export has no record ids, so the tie's id `sipri-transfer-<hash>` hashes what identifies a deal
and stays put from one year's export to the next: supplier, recipient, order year, weapon
designation and description, number ordered (not deliveries, values or comments, which later
exports revise). Records that share all of these (SIPRI lists some orders twice) are numbered in
file order over all the files read, the second `<id>-2` and so on, and counted in `notes`. Tie
properties: year and since = order year, delivery_years, weapon = "designation (description)",
number_ordered, number_delivered, condition = the status column (New, Second hand, Second hand
but modernized as new, second_hand, second_hand_modernized; any other value fails the file,
naming its line), status = delivered when the record gives delivery years, else ordered
(SIPRI: no deliveries identified), tiv_per_unit, tiv_ordered = SIPRI TIV for total order,
tiv_delivered (also `value`, in unit "SIPRI TIV (m)"), uncertain = the tie properties flagged
`?`, note = SIPRI's comment. An empty cell gives no property.

Parties are `sipri-<slug of name>`. A name ending in `*` (a non-state actor; `**` marks an
international organization) becomes an Organization of category other, named without the
asterisks: the schema lets no Faction supply arms and no InternationalOrganization receive them.
Other names become States. A record naming an "unknown ..." party is counted in `skipped` under
"unidentified party": one node for all of them would join unrelated deals into a false hub. The
other party of such records (a rebel group armed by an unknown supplier, say) is not loaded
unless a record that is loaded names it too: `skipped` counts those parties apart.

A raw newline in Comments breaks a record over lines; it is rejoined when the pieces make up one
record. A record that cannot be repaired, or holds a value that cannot be read, fails the whole
input, naming its line (with `skip_invalid`, it is left out and listed in `invalid`). A file
with no lines, or a header and no records, is refused: it has nothing to load.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from loader.errors import InputError, Problem
from loader.importers.base import (
    EMPTY_FILE,
    NO_RECORDS,
    ImportResult,
    Row,
    Table,
    csv_lines,
    make_node,
    make_tie,
    map_all,
    map_valid,
    read_text,
    settle,
    slugify,
    text_row,
)
from loader.records import Node, Tie

_UNIT = "SIPRI TIV (m)"
_IDENTITY = ("Weapon designation", "Weapon description", "Number ordered")
_HEADER_WITHIN = 30
_REQUIRED = (
    "Recipient",
    "Supplier",
    "Year of order",
    "Number ordered",
    "Weapon designation",
    "Weapon description",
    "Number delivered",
    "Year(s) of delivery",
    "status",
    "SIPRI TIV per unit",
    "SIPRI TIV for total order",
    "SIPRI TIV of delivered weapons",
)
_FLAGGED = {
    "Year of order": "year",
    "Number ordered": "number_ordered",
    "Number delivered": "number_delivered",
}
_CONDITIONS = {
    "New": "new",
    "Second hand": "second_hand",
    "Second hand but modernized": "second_hand_modernized",
}
_GENERATED = re.compile(r"Data generated: (\d{1,2} [A-Z][a-z]{2} \d{4})")
_GENERATED_NAME = re.compile(r"gen(\d{4}-\d{2}-\d{2})")
DATASET = "sipri"
SHARED_KEY = "SUPPLIED_ARMS_TO: same deal as an earlier record, numbered"
UNIDENTIFIED = "unidentified party"
ONLY_IN_SKIPPED = "parties named only in records skipped (unidentified party), not loaded"


@dataclass(frozen=True)
class _Export:
    version: str | None
    rows: list[Row]
    invalid: list[Problem]  # the records that could not be read as rows


def read(paths: list[Path], *, skip_invalid: bool = False) -> ImportResult:
    """Suppliers, recipients and one SUPPLIED_ARMS_TO tie per record of trade register exports.

    With `skip_invalid`, an invalid record is left out and listed in `invalid`.
    """
    exports = map_all(paths, _export)
    invalid = [problem for export in exports for problem in export.invalid]
    nodes: dict[str, Node] = {}
    ties: list[Tie] = []
    skipped: Counter[str] = Counter()
    named: set[str] = set()  # the party ids of the records skipped
    for export in exports:
        for row, transfer in map_valid(export.rows, lambda row: (row, _transfer(row)), invalid):
            if transfer is None:
                skipped[UNIDENTIFIED] += 1
                named.update(_known_party_ids(row))
                continue
            supplier, recipient, tie = transfer
            nodes.setdefault(supplier.id, supplier)
            nodes.setdefault(recipient.id, recipient)
            ties.append(tie)
    lost = len(named - nodes.keys())
    left_out, invalid_skipped = settle(invalid, skip_invalid)
    versions = sorted({export.version for export in exports if export.version})
    return ImportResult(
        list(nodes.values()),
        ties,
        dict(skipped) | invalid_skipped,
        DATASET,
        version="+".join(versions) or None,
        files=[str(path) for path in paths],
        notes=_number_shared_keys(ties) | ({ONLY_IN_SKIPPED: lost} if lost else {}),
        invalid=left_out,
    )


def _number_shared_keys(ties: list[Tie]) -> dict[str, int]:
    """Give the second and later ties of one key `<key>-2`, `-3`... in file order."""
    seen: Counter[str] = Counter()
    for tie in ties:
        seen[tie.id] += 1
        if seen[tie.id] > 1:
            tie.id = f"{tie.id}-{seen[tie.id]}"
    numbered = sum(count - 1 for count in seen.values())
    return {SHARED_KEY: numbered} if numbered else {}


def _export(path: Path) -> _Export:
    text = read_text(path, fallback="latin-1")
    lines = list(csv_lines(text))
    if not lines:
        raise InputError([Problem(str(path), None, None, EMPTY_FILE)])
    start = next(
        (i for i, (_, cells) in enumerate(lines[:_HEADER_WITHIN]) if _is_header(cells)), None
    )
    if start is None:
        message = f"no header naming Recipient and Supplier in its first {_HEADER_WITHIN} lines"
        raise InputError([Problem(str(path), None, None, message)])
    header_line, header = lines[start]
    columns = _columns(header)
    Table(path, header_line, columns, []).require(_REQUIRED)
    if start + 1 == len(lines):
        raise InputError([Problem(str(path), header_line, None, NO_RECORDS)])
    invalid: list[Problem] = []
    records = _rejoined(path, len(columns), lines[start + 1 :], invalid)
    rows = map_valid(
        records,
        lambda record: text_row(path, record[0], dict(zip(columns, record[1], strict=True))),
        invalid,
    )
    preamble = "\n".join(",".join(cells) for _, cells in lines[:start])
    return _Export(_version(preamble, path), rows, invalid)


def _is_header(cells: list[str]) -> bool:
    names = {cell.strip() for cell in cells}
    return "Recipient" in names and "Supplier" in names


def _columns(header: list[str]) -> list[str]:
    """Header names, the blank flag columns named after the column they flag ("Year of order ?")."""
    columns: list[str] = []
    for cell in header:
        name = cell.strip()
        columns.append(name or f"{columns[-1] if columns else ''} ?")
    return columns


def _version(preamble: str, path: Path) -> str | None:
    """The export's generation date: from its preamble, else its file name."""
    match = _GENERATED.search(preamble)
    if match is not None:
        return datetime.strptime(match.group(1), "%d %b %Y").date().isoformat()
    named = _GENERATED_NAME.search(path.name)
    return named.group(1) if named else None


def _rejoined(
    path: Path, width: int, lines: list[tuple[int, list[str]]], problems: list[Problem]
) -> list[tuple[int, list[str]]]:
    """Records of `width` fields, the pieces of a record broken by a raw newline joined again.

    Every record that stays too short or grows too long is left out, and named in `problems`.
    """
    records: list[tuple[int, list[str]]] = []
    i = 0
    while i < len(lines):
        line, cells = lines[i]
        end = i + 1
        while len(cells) < width and end < len(lines):
            following = lines[end][1]
            cells = [*cells[:-1], f"{cells[-1]} {following[0]}", *following[1:]]
            end += 1
        if len(cells) == width:
            records.append((line, cells))
            i = end
            continue
        found = len(lines[i][1])
        message = f"{found} fields where the header has {width}"
        if found < width:
            message += ", and the lines after it do not complete the record"
        problems.append(Problem(str(path), line, None, message))
        i += 1
    return records


def _transfer(row: Row) -> tuple[Node, Node, Tie] | None:
    """Supplier, recipient and their tie; None when a party is unidentified."""
    names = row.text("Supplier"), row.text("Recipient")
    if any(name.lower().startswith("unknown") for name in names):
        return None
    provenance = (DATASET, row.record)
    supplier = _party(row, "Supplier", provenance)
    recipient = _party(row, "Recipient", provenance)
    year = row.integer("Year of order")
    if year is None:
        raise row.error("Year of order", "empty")
    tiv_delivered = row.number("SIPRI TIV of delivered weapons")
    delivered = _delivery_years(row)
    tie = make_tie(
        _key(row, supplier.id, recipient.id, year),
        "SUPPLIED_ARMS_TO",
        (supplier.id, recipient.id),
        provenance,
        origin=row.origin,
        year=year,
        since=f"{year:04d}",
        delivery_years=delivered or None,
        status="delivered" if delivered else "ordered",
        weapon=_weapon(row),
        number_ordered=row.integer("Number ordered"),
        number_delivered=row.integer("Number delivered"),
        condition=_condition(row),
        tiv_per_unit=row.number("SIPRI TIV per unit"),
        tiv_ordered=row.number("SIPRI TIV for total order"),
        tiv_delivered=tiv_delivered,
        value=tiv_delivered,
        unit=_UNIT if tiv_delivered is not None else None,
        uncertain=_uncertain(row) or None,
        note=row.text("Comments") or None,
    )
    return supplier, recipient, tie


def _key(row: Row, supplier: str, recipient: str, year: int) -> str:
    """The tie id: a hash of what identifies the deal, none of it revised by later exports."""
    texts = (row.text(column) for column in _IDENTITY)
    parts = [supplier, recipient, str(year), *(" ".join(text.split()) for text in texts)]
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()[:16]
    return f"sipri-transfer-{digest}"


def _known_party_ids(row: Row) -> set[str]:
    """The ids of the parties a record names that are not unknown ones."""
    names = (row.text("Supplier"), row.text("Recipient"))
    slugs = (_slug(name) for name in names if not name.lower().startswith("unknown"))
    return {f"sipri-{slug}" for slug in slugs if slug}


def _slug(raw: str) -> str:
    return slugify(raw.rstrip("*").strip())


def _party(row: Row, column: str, provenance: tuple[str, str]) -> Node:
    raw = row.text(column)
    name = raw.rstrip("*").strip()
    slug = _slug(raw)
    if not slug:
        raise row.error(column, f"no name to make an id from: {raw!r}")
    node_id, origin = f"sipri-{slug}", row.origin
    if raw.endswith("*"):
        return make_node(node_id, "Organization", name, provenance, origin=origin, category="other")
    return make_node(node_id, "State", name, provenance, origin=origin)


def _delivery_years(row: Row) -> list[str]:
    years = [year.strip() for year in row.text("Year(s) of delivery").split(";") if year.strip()]
    for year in years:
        if not year.isdigit():
            raise row.error("Year(s) of delivery", f"not a year: {year!r}")
    return years


def _weapon(row: Row) -> str:
    designation, description = row.text("Weapon designation"), row.text("Weapon description")
    return f"{designation} ({description})" if description else designation


def _condition(row: Row) -> str | None:
    status = row.text("status")
    if status and status not in _CONDITIONS:
        expected = ", ".join(repr(known) for known in _CONDITIONS)
        raise row.error("status", f"not one of {expected}: {status!r}")
    return _CONDITIONS.get(status)


def _uncertain(row: Row) -> list[str]:
    flagged: list[str] = []
    for column, prop in _FLAGGED.items():
        flag = row.text(f"{column} ?")
        if flag not in ("?", ""):
            raise row.error(f"{column} ?", f"uncertainty flag is not ? or empty: {flag!r}")
        if flag:
            flagged.append(prop)
    return flagged
