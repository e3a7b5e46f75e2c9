"""One property value as one text cell, for the formats that only hold text.

Lists become their items joined by `|` (as in the seed CSV files), booleans
`true`/`false`, absent values (None) the empty string, numbers their Python `str`.
"""

from __future__ import annotations

import re
from typing import Any

LIST_SEPARATOR = "|"

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def cell(value: Any) -> str:
    """`value` as text: lists `|`-joined, booleans lower case, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


def xml_cell(value: Any) -> str:
    """`cell(value)` with the characters XML 1.0 cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", cell(value))
