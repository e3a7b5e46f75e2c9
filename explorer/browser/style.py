"""The Neo4j Browser's graph style sheet (GRASS) for our kinds, from the schema.

Every kind label gets its colour, a darker border, a caption text colour that reads on
it, and its caption property (`{name}`) as caption. Every tie type is captioned with its
name and the tie's confidence grade (`SUPPORTS disputed`): the loader writes no grade for a
tie the source reports as fact, so only the others show one. The Browser fills a `{property}`
a tie lacks with nothing, and replaces `<type>` only in a caption that is nothing else. The
Browser styles a node by every rule whose labels it has, later rules winning, and gives
a label with no rule a rule of its own at the end; so `Entity`, the label all nodes share,
has a rule before the kinds' rules. LINKED, one per pair of tied entities for route search
(see loader/links.py), is drawn faint and thin, captioned with the pair's tie types, so the
ties themselves stand out. The Browser's GRASS reader knows no comments.
"""

from __future__ import annotations

from loader.links import LINK
from loader.schema import ANY_KIND, Schema, load_schema

_NODE = {
    "diameter": "50px",
    "color": "#A5ABB6",
    "border-color": "#9AA1AC",
    "border-width": "2px",
    "text-color-internal": "#FFFFFF",
    "font-size": "10px",
    "caption": "'{name}'",
}
_RELATIONSHIP = {
    "color": "#A5ABB6",
    "shaft-width": "1px",
    "font-size": "8px",
    "padding": "3px",
    "text-color-external": "#000000",
    "text-color-internal": "#FFFFFF",
    "caption": "'<type>'",
}
_LINK = {
    "color": "#E3E5E8",
    "shaft-width": "1px",
    "text-color-external": "#9AA1AC",
    "caption": "'{types}'",
}


def grass(schema: Schema | None = None) -> str:
    """The style sheet: defaults for nodes and relationships, then one rule per kind and per
    tie type."""
    model = schema or load_schema()
    rules = {"node": _NODE, "relationship": _RELATIONSHIP, f"node.{ANY_KIND}": _NODE}
    for name, kind in model.kinds.items():
        rules[f"node.{name}"] = {
            "color": kind.colour,
            "border-color": _darker(kind.colour),
            "text-color-internal": _text_colour(kind.colour),
            "caption": f"'{{{kind.caption}}}'",
        }
    for name in model.ties:
        rules[f"relationship.{name}"] = {"caption": f"'{name} {{confidence}}'"}
    rules[f"relationship.{LINK}"] = _LINK
    return "\n".join(_rule(selector, values) for selector, values in rules.items())


def _rule(selector: str, values: dict[str, str]) -> str:
    lines = "".join(f"  {name}: {value};\n" for name, value in values.items())
    return f"{selector} {{\n{lines}}}\n"


def _channels(colour: str) -> tuple[int, int, int]:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return red, green, blue


def _darker(colour: str) -> str:
    return "#" + "".join(f"{round(c * 0.8):02X}" for c in _channels(colour))


def _text_colour(colour: str) -> str:
    """Black on light colours, white on dark ones (by perceived brightness)."""
    red, green, blue = _channels(colour)
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#FFFFFF"
