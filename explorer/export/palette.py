"""One colour per node kind, shared by the HTML page, GEXF and the Neo4j Browser style."""

from __future__ import annotations

KIND_COLOURS: dict[str, str] = {
    "Person": "#4E79A7",
    "Organization": "#F28E2B",
    "Faction": "#B07AA1",
    "State": "#E15759",
    "InternationalOrganization": "#76B7B2",
    "Agreement": "#EDC948",
    "Facility": "#9C755F",
    "Sanction": "#FF9DA7",
    "Statistic": "#BAB0AC",
    "Source": "#59A14F",
}
"""Tableau 10 colours, as #RRGGBB, keyed by schema kind."""

OTHER_COLOUR = "#888888"
"""For a kind the palette does not know."""


def colour(kind: str) -> str:
    """The colour of nodes of `kind`."""
    return KIND_COLOURS.get(kind, OTHER_COLOUR)
