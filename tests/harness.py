"""Finds a real Neo4j for integration tests: NEO4J_TEST_URI, Docker, or a local server."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from explorer.server.instance import Instance
from explorer.settings import Settings, local_password

# Random per session: even a throwaway server has no password a web page could guess.
TEST_PASSWORD = secrets.token_urlsafe(16)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def docker_answers() -> bool:
    """True when a Docker engine (not just the client) responds."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
    except Exception:
        return False
    return True


def can_run_local() -> str | None:
    """None when a local server can be provisioned, else why not."""
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    return f"{' and '.join(missing)} not found" if missing else None


def local_instance(home: Path) -> Instance:
    """A throwaway server on free loopback ports, with its own data directory."""
    return Instance(
        home, bolt_port=free_port(), http_port=free_port(), password=TEST_PASSWORD,
        heap="1g", pagecache="256m",
    )  # fmt: skip


@contextmanager
def running_local(home: Path) -> Iterator[Instance]:
    instance = local_instance(home)
    instance.start()
    try:
        yield instance
    finally:
        instance.stop()


@contextmanager
def neo4j_for_tests(tmp: Path) -> Iterator[tuple[Settings, str]]:
    """Yield settings of a real, reachable Neo4j and a word on where it came from."""
    if uri := os.environ.get("NEO4J_TEST_URI"):
        user = os.environ.get("NEO4J_TEST_USER", "neo4j")
        password = os.environ.get("NEO4J_TEST_PASSWORD") or local_password(uri)
        yield Settings(uri=uri, user=user, password=password), f"NEO4J_TEST_URI={uri}"
    elif docker_answers():
        from testcontainers.neo4j import Neo4jContainer

        with Neo4jContainer("neo4j:5.26", password=TEST_PASSWORD) as container:
            settings = Settings(uri=container.get_connection_url(), password=TEST_PASSWORD)
            yield settings, "testcontainers neo4j:5.26"
    elif (why := can_run_local()) is None:
        with running_local(tmp / "neo4j") as instance:
            yield (
                Settings(uri=instance.bolt_uri, password=TEST_PASSWORD),
                f"local server {instance.bolt_uri}",
            )
    else:
        raise LookupError(
            f"no Neo4j for integration tests: no NEO4J_TEST_URI, no Docker engine, {why}"
        )
