"""Checks that Java 17+ and Maven are present before provisioning a server."""

from __future__ import annotations

import re
import shutil
import subprocess

from loader.errors import ExplorerError

DOCKER_HINT = "or run Neo4j in Docker instead: docker compose up -d"


def java_major(version_output: str) -> int | None:
    """The major version in `java -version` output ('17.0.15' -> 17, '1.8.0' -> 8)."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', version_output)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def require_java() -> str:
    """Path of a Java 17+ executable, or an error saying what to install."""
    java = shutil.which("java")
    if java is None:
        raise ExplorerError(
            "Java 17 or later is needed to run a local Neo4j, and none was found",
            hint=f"install a JDK 17+ (e.g. apt-get install openjdk-17-jdk-headless), {DOCKER_HINT}",
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    major = java_major(out.stderr + out.stdout)
    if major is None or major < 17:
        raise ExplorerError(
            f"Java 17 or later is needed to run a local Neo4j; {java} is version {major}",
            hint=f"install a JDK 17+, {DOCKER_HINT}",
        )
    return java


def require_maven() -> str:
    """Path of the Maven executable, or an error saying what to install."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ExplorerError(
            "Maven is needed to fetch Neo4j from Maven Central, and `mvn` was not found",
            hint=f"install Maven (e.g. apt-get install maven), {DOCKER_HINT}",
        )
    return mvn
