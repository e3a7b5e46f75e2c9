"""The local server's password: random, kept in a file only its owner can read."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

# The fixed initial password of instance folders made before passwords were random. It is
# only ever used to replace itself, on the first start of such a folder.
OLD_DEFAULT_PASSWORD = "explorer"


_FIRST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


def password_file(home: Path) -> Path:
    return home / "password"


def new_password() -> str:
    """32 random URL-safe characters, never a leading "-": neo4j-admin would take such a
    password for an option and print its usage (1 start in 64 failed so)."""
    return secrets.choice(_FIRST) + secrets.token_urlsafe(24)[1:]


def stored_password(home: Path) -> str | None:
    """The password kept in the instance folder `home`, if any."""
    try:
        return password_file(home).read_text("utf-8").strip() or None
    except OSError:
        return None


def store_password(home: Path, password: str) -> None:
    """Keep `password` in the instance folder, readable and writable by its owner only."""
    path = password_file(home)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(descriptor, 0o600)  # also when the file was there with a wider mode
        file.write(password + "\n")


def accepted(uri: str, password: str) -> bool:
    """True when the server at `uri` accepts user neo4j with `password`."""
    from neo4j import GraphDatabase, exceptions

    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        try:
            return driver.verify_authentication()
        except exceptions.AuthError:
            return False


def change_password(uri: str, old: str, new: str) -> bool:
    """Change user neo4j's password from `old` to `new`; False when `old` is refused."""
    from neo4j import GraphDatabase, exceptions

    with GraphDatabase.driver(uri, auth=("neo4j", old), notifications_min_severity="OFF") as driver:
        try:
            driver.execute_query(
                "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                {"old": old, "new": new},
                database_="system",
            )
        except exceptions.AuthError:
            return False
    return True
