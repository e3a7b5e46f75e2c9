"""What every importer returns, and what they share: reading files and CSV rows, ids, provenance."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from loader.errors import InputError, Problem
from loader.records import Node, Origin, Tie
from loader.types import TYPES

T = TypeVar("T")
U = TypeVar("U")
EMPTY_FILE = "empty file: nothing to load"
NO_RECORDS = "a header and no records: nothing to load"
INVALID = "invalid (--skip-invalid)"
# C0 controls but tab, LF and CR: no text holds them, and a terminal acts on some of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class ImportResult:
    """What an importer made of its input.

    `skipped` counts the input records left out, by schema name or reason, so that nothing
    is dropped silently. `dataset` is the name written on every node and tie: it stays the
    same across versions of one source, so a newer export replaces the older one. `version`
    is what the input says of its own version, and `files` the paths it was read from.
    `notes` counts the records loaded with a caveat, by reason (ids numbered apart, say).
    `invalid` holds the problems of the records left out as invalid (with --skip-invalid;
    `skipped` counts them under INVALID).
    """

    nodes: list[Node]
    ties: list[Tie]
    skipped: dict[str, int]
    dataset: str
    version: str | None = None
    files: list[str] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    invalid: list[Problem] = field(default_factory=list)


def map_all(items: Iterable[T], mapper: Callable[[T], U]) -> list[U]:
    """mapper(item) for every item; a single InputError carries the problems of all of them."""
    results: list[U] = []
    problems: list[Problem] = []
    for item in items:
        try:
            results.append(mapper(item))
        except InputError as err:
            problems.extend(err.problems)
    if problems:
        raise InputError(problems)
    return results


def map_valid(items: Iterable[T], mapper: Callable[[T], U], invalid: list[Problem]) -> list[U]:
    """mapper(item) for the items it maps; those it fails on are left out, and their problems
    added to `invalid` (for `settle`)."""
    results: list[U] = []
    for item in items:
        try:
            results.append(mapper(item))
        except InputError as err:
            invalid.extend(err.problems)
    return results


def settle(invalid: list[Problem], skip_invalid: bool) -> tuple[list[Problem], dict[str, int]]:
    """The problems of the records left out as invalid, in file and line order, and their
    count for `skipped` (one per file and line); unless `skip_invalid`, InputError with them
    all when there are any."""
    ordered = sorted(invalid, key=lambda problem: (problem.file, problem.line or 0))
    if ordered and not skip_invalid:
        raise InputError(ordered)
    records = {(problem.file, problem.line) for problem in ordered}
    return ordered, {INVALID: len(records)} if records else {}


def control_character(text: str) -> str | None:
    """The problem of `text` when it holds a C0 control character other than tab and line
    breaks (NUL among them), else None."""
    found = _CONTROL.search(text)
    return f"control character U+{ord(found.group()):04X}: not text" if found else None


def read_text(path: Path, fallback: str | None = None) -> str:
    """The text of `path`: UTF-8 (with or without BOM), else the `fallback` encoding."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, None, "no such file")]) from None
    except OSError as err:
        raise InputError([Problem(str(path), None, None, err.strerror or str(err))]) from None
    # Checked first because latin-1 would decode UTF-16 or binary data into nonsense.
    if b"\x00" in raw:
        line = _line_at(raw, raw.index(b"\x00"))
        raise InputError([Problem(str(path), line, None, "NUL byte: not a text file")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if fallback:
            return raw.decode(fallback)
        line = _line_at(raw, err.start)
        message = f"not UTF-8 text (byte 0x{raw[err.start]:02x})"
        raise InputError([Problem(str(path), line, None, message)]) from None


def _line_at(raw: bytes, offset: int) -> int:
    head = raw[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def csv_lines(text: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of CSV `text`, each with the line it starts on (any line ending)."""
    # The csv module refuses cells over 128 KiB; the whole text is in memory anyway.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=None))
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            yield line, cells
        line = reader.line_num + 1


@dataclass(frozen=True)
class Row:
    """One CSV record: its file, the line it starts on, and its cells by column."""

    file: Path
    line: int
    cells: dict[str, str]

    @property
    def record(self) -> str:
        """`file:line`, the provenance of a record that has no id of its own."""
        return f"{self.file.name}:{self.line}"

    @property
    def origin(self) -> Origin:
        return Origin(str(self.file), self.line)

    def text(self, column: str) -> str:
        return self.cells.get(column, "").strip()

    def error(self, column: str | None, message: str) -> InputError:
        return InputError([Problem(str(self.file), self.line, column, message)])

    def integer(self, column: str) -> int | None:
        """The column as an integer; None when empty."""
        value: int | None = self.typed(column, "integer")
        return value

    def number(self, column: str) -> float | None:
        """The column as a plain decimal number; None when empty."""
        value: float | None = self.typed(column, "number")
        return value

    def typed(self, column: str, type_name: str) -> Any:
        """The column read as the registry's type `type_name`; None when empty."""
        text = self.text(column)
        try:
            return TYPES[type_name].parse(text) if text else None
        except ValueError as err:
            raise self.error(column, str(err)) from None


@dataclass(frozen=True)
class Table:
    """A CSV file whose first row is a header: the header's line, its cells, the records."""

    path: Path
    line: int
    header: list[str]
    rows: list[Row]

    def require(self, columns: Iterable[str]) -> None:
        """InputError naming the missing columns, and those present, when any is missing."""
        missing = [column for column in columns if column not in self.header]
        if missing:
            present = ", ".join(column for column in self.header if column)
            message = f"missing columns: {', '.join(missing)} (columns present: {present})"
            raise InputError([Problem(str(self.path), self.line, None, message)])


def csv_table(
    path: Path, text: str, invalid: list[Problem] | None = None, *, records: bool = False
) -> Table:
    """The header (cells stripped) and records of CSV `text`; a record must fit the header
    and hold no control character. InputError names every record that does not, unless
    `invalid` is given: they are then left out and their problems added to it.

    An empty file is refused, and so is a header alone when `records` (for formats whose
    every file adds records: one without any is a truncated or wrong file, not a dataset).
    """
    lines = list(csv_lines(text))
    if not lines:
        raise InputError([Problem(str(path), None, None, EMPTY_FILE)])
    (line, cells), numbered = lines[0], lines[1:]
    if records and not numbered:
        raise InputError([Problem(str(path), line, None, NO_RECORDS)])
    header = [cell.strip() for cell in cells]
    rows = (
        map_all(numbered, lambda item: _row(path, header, *item))
        if invalid is None
        else map_valid(numbered, lambda item: _row(path, header, *item), invalid)
    )
    return Table(path, line, header, rows)


def _row(path: Path, header: list[str], line: int, cells: list[str]) -> Row:
    if len(cells) != len(header):
        message = f"{len(cells)} fields where the header has {len(header)}"
        raise InputError([Problem(str(path), line, None, message)])
    return text_row(path, line, dict(zip(header, cells, strict=True)))


def text_row(path: Path, line: int, cells: dict[str, str]) -> Row:
    """The Row of `cells`; InputError naming each field that holds a control character."""
    problems = [
        Problem(str(path), line, column, message)
        for column, value in cells.items()
        if (message := control_character(value))
    ]
    if problems:
        raise InputError(problems)
    return Row(path, line, cells)


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens, accents dropped: "Côte d'Ivoire" -> "cote-d-ivoire"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"[\W_]+", "-", bare.lower()).strip("-")


def make_node(
    node_id: str,
    kind: str,
    name: str,
    provenance: tuple[str, str],
    aliases: Iterable[str] = (),
    *,
    origin: Origin | None = None,
    **props: Any,
) -> Node:
    """A node with its name, aliases (each once, never the name) and (dataset, record).

    Properties given as None are left out. `origin` is where it was read.
    """
    dataset, record = provenance
    others = list(dict.fromkeys(alias for alias in aliases if alias and alias != name))
    fixed = {"name": name, "aliases": others, "dataset": dataset, "record": record}
    values = fixed | {k: v for k, v in props.items() if v is not None}
    return Node(node_id, kind, values, origin)


def make_tie(
    tie_id: str,
    tie_type: str,
    ends: tuple[str, str],
    provenance: tuple[str, str],
    *,
    origin: Origin | None = None,
    **props: Any,
) -> Tie:
    """A tie between `ends` that cites its dataset in `sources`; None-valued props left out.

    `origin` is where it was read.
    """
    dataset, record = provenance
    fixed = {"dataset": dataset, "record": record, "sources": [dataset]}
    values = fixed | {k: v for k, v in props.items() if v is not None}
    return Tie(tie_id, tie_type, ends[0], ends[1], values, origin)
