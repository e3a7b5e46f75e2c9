"""Connection settings, from the environment or the CLI's global options."""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlparse

from explorer.server.credentials import stored_password
from explorer.server.paths import default_instance_dir
from loader.errors import ExplorerError

DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USER = "neo4j"
DEFAULT_DATABASE = "neo4j"
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def local_password(uri: str) -> str:
    """The password `explorer server start` stored, for a URI on this machine; else ''.
    (It is never sent to another machine.)"""
    if urlparse(uri).hostname not in _LOOPBACK:
        return ""
    return stored_password(default_instance_dir()) or ""


@dataclass(frozen=True)
class Settings:
    """Where the graph lives. Any URI scheme the driver knows works: bolt://, neo4j://, neo4j+s://."""

    uri: str = DEFAULT_URI
    user: str = DEFAULT_USER
    password: str = ""
    database: str = DEFAULT_DATABASE
    # Seconds a query may run before the server stops it: None keeps the server's own limit
    # (`db.transaction.timeout`, 60 s on `explorer server start`'s), which a value replaces
    # for this client's queries; 0: none. Loads are exempt.
    timeout: float | None = None

    @classmethod
    def from_env(cls) -> Settings:
        """Read NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE and EXPLORER_TIMEOUT,
        with defaults; the password defaults to the local server's stored one (see
        `local_password`)."""
        uri = os.environ.get("NEO4J_URI", DEFAULT_URI)  # set but empty is refused on connecting
        return cls(
            uri=uri,
            user=os.environ.get("NEO4J_USER") or DEFAULT_USER,
            password=os.environ.get("NEO4J_PASSWORD") or local_password(uri),
            database=os.environ.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
            timeout=seconds(os.environ["EXPLORER_TIMEOUT"])
            if os.environ.get("EXPLORER_TIMEOUT")
            else None,
        )


def seconds(text: str) -> float:
    """A query time limit in seconds (0: none), as EXPLORER_TIMEOUT or --timeout give it."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise ExplorerError(
            f"the query time limit must be a number of seconds, 0 for none: not {text!r}",
            hint="set EXPLORER_TIMEOUT or --timeout to e.g. 30",
        )
    return value
