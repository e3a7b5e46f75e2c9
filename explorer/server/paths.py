"""Where the server's jars are cached and where a local instance keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

NEO4J_VERSION = "5.26.19"
APOC_VERSION = "5.26.19"
BROWSER_VERSION = "5.24.0"


def cache_dir() -> Path:
    """Per-user cache of server jars: $EXPLORER_CACHE, else $XDG_CACHE_HOME/explorer."""
    if explicit := os.environ.get("EXPLORER_CACHE"):
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "explorer"


def distribution_dir() -> Path:
    """The cached server distribution (lib/ and plugins/) for the pinned version."""
    return cache_dir() / f"neo4j-community-{NEO4J_VERSION}"


def default_instance_dir() -> Path:
    """The local server's home (conf, data, logs): survives restarts."""
    if explicit := os.environ.get("EXPLORER_SERVER_DIR"):
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "explorer" / "neo4j"
