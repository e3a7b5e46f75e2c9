"""Short captions: a node's name, a tie's type with its key properties (`OWNS 51%`)."""

from __future__ import annotations

from typing import Any

from explorer.export.cells import cell
from explorer.present import FIRM
from loader.records import Node, Tie
from loader.schema import load_schema

MAX_TIE_CAPTION = 48


def node_caption(node: Node) -> str:
    """The node's caption property (the schema's, for its kind; else name), or its id."""
    kind = load_schema().kinds.get(node.kind)
    return cell(node.props.get(kind.caption if kind else "name")) or node.id


def tie_caption(tie: Tie) -> str:
    """The tie type followed by the values of the type's key properties that are set, and
    its grade when it is not `reported` (`SUPPORTS (disputed)`), which a cut never hides."""
    spec = load_schema().ties.get(tie.type)
    keys = spec.key if spec else ()
    values = [
        _key_value(tie.props[k]) + _unit(tie.type, k)
        for k in keys
        if tie.props.get(k) not in (None, "", [])
    ]
    caption = " ".join([tie.type, *values])
    said = doubtful(tie)
    graded = f" ({said})" if said else ""
    room = MAX_TIE_CAPTION - len(graded)
    if len(caption) > room:
        caption = caption[: room - 1] + "…"
    return caption + graded


def doubtful(tie: Tie) -> str | None:
    """The tie's grade when it is less firm than `reported`, else None."""
    said = tie.props.get("confidence")
    return str(said) if said and said != FIRM else None


def _key_value(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return cell(value)


def _unit(tie_type: str, name: str) -> str:
    """The unit the schema gives the property, e.g. % for a share."""
    spec = load_schema().tie_property(tie_type, name)
    return spec.unit if spec else ""
