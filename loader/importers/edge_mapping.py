"""How to read an edge list: which columns hold what, and what its own words mean.

An EdgeMapping names the columns; its Wordings map the file's relation wordings ("owned by")
to tie types, with a direction flip, and its kind wordings ("company") to kinds. Wordings match
whatever their case and spacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from loader.errors import suggest
from loader.schema import load_schema

RESERVED = ("dataset", "record")


def normal(wording: str) -> str:
    """The form wordings are matched in: case folded, spaces collapsed."""
    return " ".join(wording.casefold().split())


def tie_type_named(text: str) -> str | None:
    """The schema's tie type that `text` names ('supplied arms to', 'OWNS'), else None."""
    name = re.sub(r"[\s-]+", "_", text.strip()).upper()
    return name if name in load_schema().ties else None


def kind_named(text: str) -> str | None:
    """The schema's kind that `text` names in any case ('person'), else None."""
    kinds = {kind.casefold(): kind for kind in load_schema().kinds}
    return kinds.get(text.strip().casefold())


def unknown_tie_type(text: str) -> str:
    """'unknown tie type ...', with the close names."""
    name = re.sub(r"[\s-]+", "_", text.strip()).upper()
    return _hinted(f"unknown tie type {text!r}", name, load_schema().ties)


def unknown_kind(text: str) -> str:
    """'unknown kind ...', with the close names."""
    return _hinted(f"unknown kind {text!r}", text.strip().capitalize(), load_schema().kinds)


def _hinted(message: str, name: str, choices: Iterable[str]) -> str:
    hint = suggest(name, choices, "")
    return f"{message}; {hint}" if hint else message


@dataclass(frozen=True)
class Relation:
    """The tie type a relation wording stands for; `reverse` when the wording runs from the
    target to the source ("owned by" is OWNS read backwards)."""

    type: str
    reverse: bool = False

    def __post_init__(self) -> None:
        if self.type not in load_schema().ties:
            raise ValueError(unknown_tie_type(self.type))


@dataclass(frozen=True)
class Wordings:
    """A file's own words: relation wordings -> Relation, kind wordings -> kind."""

    relations: dict[str, Relation] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for wording, kind in self.kinds.items():
            if kind not in load_schema().kinds:
                raise ValueError(f"{wording}: {unknown_kind(kind)}")
        object.__setattr__(self, "relations", {normal(k): v for k, v in self.relations.items()})
        object.__setattr__(self, "kinds", {normal(k): v for k, v in self.kinds.items()})

    def relation(self, wording: str) -> Relation | None:
        """The Relation the wording is mapped to, else None."""
        return self.relations.get(normal(wording))

    def kind(self, wording: str) -> str | None:
        """The wording's kind: mapped here, else a schema kind's name in any case; else None."""
        return self.kinds.get(normal(wording)) or kind_named(wording)


@dataclass(frozen=True)
class End:
    """Where a tie end is read: a name column, an id column (which wins where filled), or
    both; its kind column, default kind, and the column naming the node."""

    column: str | None
    id_column: str | None
    kind: str | None
    kind_column: str | None
    name_column: str | None

    @property
    def label(self) -> str:
        return self.column or self.id_column or "?"

    @property
    def columns(self) -> list[str | None]:
        return [self.column, self.id_column, self.kind_column, self.name_column]


@dataclass(frozen=True)
class EdgeMapping:
    """Which columns hold what. The type is a column (read through `wordings`) or fixed; each
    end is a name column (the cell names a node `<dataset>-<slug>`), an id column (the cell is
    the id of an entity loaded elsewhere), or both; its kind is a column, a default, or both
    (the column wins where filled). `renames` renames the file's columns (old -> new) before
    anything else reads them. `fold_names` makes one node of names that differ only in case
    or punctuation."""

    source: str | None = None
    target: str | None = None
    type_column: str | None = None
    fixed_type: str | None = None
    source_kind: str | None = None
    source_kind_column: str | None = None
    target_kind: str | None = None
    target_kind_column: str | None = None
    source_name: str | None = None
    target_name: str | None = None
    properties: list[str] = field(default_factory=list)
    source_id: str | None = None
    target_id: str | None = None
    renames: dict[str, str] = field(default_factory=dict)
    wordings: Wordings = field(default_factory=Wordings)
    fold_names: bool = False

    def __post_init__(self) -> None:
        schema = load_schema()
        if (self.type_column is None) == (self.fixed_type is None):
            raise ValueError("give exactly one of type_column and fixed_type")
        if self.fixed_type is not None and self.fixed_type not in schema.ties:
            raise ValueError(unknown_tie_type(self.fixed_type))
        for side, end in zip(("source", "target"), self.ends, strict=True):
            if end.column is None and end.id_column is None:
                raise ValueError(f"give a {side} column, a {side} id column, or both")
            if end.kind is None and end.kind_column is None:
                raise ValueError(f"{end.label}: give a default kind or a kind column")
            if end.kind is not None and end.kind not in schema.kinds:
                raise ValueError(f"{end.label}: {unknown_kind(end.kind)}")
        if reserved := [column for column in self.properties if column in RESERVED]:
            raise ValueError(f"{', '.join(reserved)}: set by the importer, not carried")

    @property
    def ends(self) -> tuple[End, End]:
        return (
            End(
                self.source,
                self.source_id,
                self.source_kind,
                self.source_kind_column,
                self.source_name,
            ),
            End(
                self.target,
                self.target_id,
                self.target_kind,
                self.target_kind_column,
                self.target_name,
            ),
        )

    @property
    def columns(self) -> list[str]:
        """Every column the mapping reads, by its name after `renames`."""
        named = [self.type_column] + [c for end in self.ends for c in end.columns]
        return [column for column in named if column] + self.properties
