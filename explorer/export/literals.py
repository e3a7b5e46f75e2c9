r"""Python values written as Cypher literals, for scripts that carry their data inline.

Strings are single-quoted with backslash escapes (`\\`, `\'`, `\n`, `\r`, `\t`, `\b`, `\f`,
and `\uXXXX` for other control characters); other text is written as is. Map keys that
are not plain identifiers are back-quoted, with back quotes doubled.
"""

from __future__ import annotations

import math
import re
from typing import Any

_SPECIAL = re.compile(r"[\\'\x00-\x1f]")
_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\b": "\\b",
    "\f": "\\f",
}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_LONG = range(-(2**63), 2**63)


def literal(value: Any) -> str:
    """`value` (None, bool, int, float, str, list, tuple or dict) as a Cypher literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return _integer(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, str):
        return "'" + _SPECIAL.sub(_escape, value) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return map_literal(value)
    raise ValueError(f"cannot write a {type(value).__name__} as a Cypher literal: {value!r}")


def map_literal(values: dict[str, Any]) -> str:
    """A Cypher map literal: `{name: 'x', ``odd key``: 1}`."""
    return "{" + ", ".join(f"{key(k)}: {literal(v)}" for k, v in values.items()) + "}"


def key(name: str) -> str:
    """A map key or property name, back-quoted unless it is a plain identifier."""
    if _IDENTIFIER.fullmatch(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    return _ESCAPES.get(char) or f"\\u{ord(char):04x}"


def _integer(value: int) -> str:
    if value not in _LONG:
        raise ValueError(f"integer {value} does not fit Neo4j's 64-bit integers")
    return str(value)


def _float(value: float) -> str:
    if not math.isfinite(value):
        raise ValueError(f"Cypher has no literal for {value}")
    return repr(value).replace("e+", "e")
