"""One colour per node kind, from the schema: the HTML page, GEXF and the Browser style."""

from __future__ import annotations

from loader.schema import Schema, load_schema

OTHER_COLOUR = "#888888"
"""For a kind the schema does not know."""


def kind_colours(schema: Schema | None = None) -> dict[str, str]:
    """Every kind's colour, as #RRGGBB, in the schema's order."""
    return {name: kind.colour for name, kind in (schema or load_schema()).kinds.items()}


def colour(kind: str) -> str:
    """The colour of nodes of `kind`."""
    return kind_colours().get(kind, OTHER_COLOUR)
