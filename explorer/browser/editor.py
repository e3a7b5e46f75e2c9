"""Text for the Neo4j Browser's editor: `:param` lines that set a query's parameters, and a
URL that opens the Browser with given text in its editor.

The Browser runs several `;`-separated commands as a script that shows only their status,
not their rows; so parameters are set by one script and the query is run on its own.
Parameters last until the Browser page is reloaded.

Browser 5 fills its editor from `/browser/?cmd=edit&arg=LINE&arg=LINE...`, one line per
`arg`. It decodes the whole address before cutting it at `&` and `#`, so text holding
either character cannot travel this way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from explorer.export.literals import literal

BROWSER_URL = "http://localhost:7474/browser/"
_CUT = ("&", "#")


def param_lines(params: Mapping[str, Any]) -> str:
    """`:param name => value;` for each parameter, values as Cypher literals (keeps types)."""
    return "\n".join(f":param {name} => {literal(value)};" for name, value in params.items())


def editor_url(text: str, browser: str = BROWSER_URL) -> str:
    """The Browser address that opens with `text` in the editor.

    Raises ValueError when `text` holds `&` or `#`, which the Browser would cut it at.
    """
    if any(char in text for char in _CUT):
        raise ValueError("the Browser cuts editor text at & and #: paste this query into it")
    args = "".join(f"&arg={quote(line, safe='')}" for line in text.splitlines() if line.strip())
    return f"{browser}?cmd=edit{args}"
