"""The FollowTheMoney (FtM) mapping of the schema's kinds and tie types, read both ways.

`explorer/export/ftm.py` writes a kind as its `schema` and a tie type as its link;
`loader/importers/ftm.py` reads an FtM schema back as the one kind or tie type that imports it.
Pairs name (our property, FtM property); one of ours may feed several FtM properties.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Pairs = tuple[tuple[str, str], ...]

INTERVAL: Pairs = (
    ("since", "startDate"),
    ("until", "endDate"),
    ("note", "description"),
    ("evidence", "summary"),
    ("record", "recordId"),
)
"""What every tie carries, as the properties of FtM's Interval (every relation is one)."""


@dataclass(frozen=True)
class FtmKind:
    """How a node of one kind is an FtM entity.

    `categories`: (FtM schema, our categories) for kinds split by category; a node whose
    category is listed is written as that schema, and an import of that schema takes the
    first category listed. `also`: further FtM schemata imported as this kind.
    `imported: false`: the kind is written as `schema` but never read back from it.
    """

    schema: str
    properties: Pairs = ()
    topic: str | None = None
    categories: tuple[tuple[str, tuple[str, ...]], ...] = ()
    also: tuple[str, ...] = ()
    imported: bool = True

    def schema_of(self, category: Any) -> str:
        """The FtM schema of a node of this kind with `category`."""
        return next((s for s, cats in self.categories if category in cats), self.schema)

    def imports(self) -> dict[str, str | None]:
        """FtM schema -> the category a record of it gets (None: the kind has no categories)."""
        if not self.imported:
            return {}
        by_schema = {s: cats[0] for s, cats in self.categories}
        default = by_schema.get(self.schema)
        names = (self.schema, *self.also, *by_schema)
        return {name: by_schema.get(name, default) for name in names}


@dataclass(frozen=True)
class FtmLink:
    """How a tie of one type is an FtM relation, or a reference between FtM entities.

    `source`/`target`: the FtM properties that hold the ends. No `source`: the record is the
    source end itself (a Sanction names the entities its SANCTIONS ties reach as `entity`).
    No `schema` either: the record of any imported kind holding `target` (a Company's
    `addressEntity` names its Address).
    """

    schema: str | None
    source: str | None
    target: str
    properties: Pairs = ()
    imported: bool = True


def _pairs(raw: dict[str, str | list[str]] | None) -> Pairs:
    pairs: list[tuple[str, str]] = []
    for ours, theirs in (raw or {}).items():
        pairs += [(ours, name) for name in ([theirs] if isinstance(theirs, str) else theirs)]
    return tuple(pairs)


def ftm_kind(raw: str | dict[str, Any] | None) -> FtmKind | None:
    """A kind's `ftm:` entry: an FtM schema name, or a mapping with its details."""
    if raw is None or isinstance(raw, str):
        return FtmKind(raw) if raw else None
    categories = tuple((s, tuple(cats)) for s, cats in (raw.get("categories") or {}).items())
    return FtmKind(
        schema=raw["schema"],
        properties=_pairs(raw.get("properties")),
        topic=raw.get("topic"),
        categories=categories,
        also=tuple(raw.get("also", ())),
        imported=bool(raw.get("import", True)),
    )


def ftm_link(raw: dict[str, Any] | None) -> FtmLink | None:
    """A tie type's `ftm:` entry: `{schema, source, target, properties}`."""
    if raw is None:
        return None
    if raw.get("source") and not raw.get("schema"):
        raise ValueError(f"schema: ftm {raw}: a `source` needs a `schema`")
    return FtmLink(
        schema=raw.get("schema"),
        source=raw.get("source"),
        target=raw["target"],
        properties=_pairs(raw.get("properties")),
        imported=bool(raw.get("import", True)),
    )


def one_way_back(what: str, imports: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """FtM schema -> the one name that imports it; ValueError when two names claim one schema."""
    found: dict[str, str] = {}
    for name, schemata in imports:
        for schema in schemata:
            if schema in found:
                raise ValueError(
                    f"schema: FtM {schema} is imported as both {what} {found[schema]} and {name}; "
                    "mark one `import: false`"
                )
            found[schema] = name
    return found
