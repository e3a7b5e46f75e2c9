"""Turn driver values (nodes, relationships, paths, temporals) into plain JSON-able Python."""

from __future__ import annotations

from typing import Any

# Loader bookkeeping (the content hash of a row), never shown to users.
INTERNAL = frozenset({"_hash"})


_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """A JSON-able form of any value the driver returns."""
    if isinstance(value, _SCALARS):  # most values: checked first, it is the hot path
        return value
    if isinstance(value, dict):
        return _props(value.items())
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_labels": sorted(value.labels), **_props(value.items())}
    if isinstance(value, Relationship):
        ends = {"_start": _end_id(value.start_node), "_end": _end_id(value.end_node)}
        return {"_type": value.type, **ends, **_props(value.items())}
    if isinstance(value, Path):
        return {"nodes": [plain(n) for n in value.nodes], "ties": [plain(r) for r in value]}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


def _props(items: Any) -> dict[str, Any]:
    return {k: plain(v) for k, v in items if k not in INTERNAL}


def _end_id(node: Any) -> Any:
    return None if node is None else node.get("id", node.element_id)
