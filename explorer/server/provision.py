"""Fetch the Neo4j server, Browser and APOC jars from Maven Central into the cache."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from explorer.server.paths import APOC_VERSION, BROWSER_VERSION, NEO4J_VERSION, distribution_dir
from explorer.server.prerequisites import DOCKER_HINT, require_maven
from loader.errors import ExplorerError

Progress = Callable[[str], None]
_COMPLETE = ".complete"
_VERSIONED_JAR = re.compile(r"^(?P<artifact>.+?)-\d[\w.+-]*\.jar$")


def is_provisioned(dist: Path | None = None) -> bool:
    """True when the distribution is fully in the cache."""
    return ((dist or distribution_dir()) / _COMPLETE).exists()


def provision(progress: Progress = lambda _: None) -> Path:
    """Make sure the pinned server is in the cache; returns its directory."""
    dist = distribution_dir()
    if is_provisioned(dist):
        return dist
    mvn = require_maven()
    dist.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dist.parent, prefix=".fetch-") as tmp:
        staging = Path(tmp) / "dist"
        _copy_dependencies(mvn, "server.pom.xml", staging / "lib", progress)
        _copy_dependencies(mvn, "apoc.pom.xml", Path(tmp) / "apoc", progress)
        _install_plugins(Path(tmp) / "apoc", staging / "lib", staging / "plugins")
        (staging / _COMPLETE).write_text(f"neo4j {NEO4J_VERSION}\n", "utf-8")
        shutil.rmtree(dist, ignore_errors=True)
        staging.rename(dist)
    progress(f"Neo4j {NEO4J_VERSION} is ready in {dist}")
    return dist


def _copy_dependencies(mvn: str, pom_name: str, out: Path, progress: Progress) -> None:
    with resources.as_file(resources.files("explorer.server") / "maven" / pom_name) as pom:
        command = [
            mvn,
            "-B",
            "-f",
            str(pom),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={out}",
            "-DincludeScope=runtime",
            f"-Dneo4j.version={NEO4J_VERSION}",
            f"-Dapoc.version={APOC_VERSION}",
            f"-Dbrowser.version={BROWSER_VERSION}",
        ]
        _run_maven(command, pom_name, progress)


def _run_maven(command: list[str], what: str, progress: Progress) -> None:
    fetched = 0
    tail: list[str] = []
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            tail = [*tail, line.rstrip()][-15:]
            if line.startswith("Downloaded from"):
                fetched += 1
                if fetched % 25 == 0:
                    progress(f"  fetched {fetched} files from Maven Central ({what})")
    if proc.returncode != 0:
        first_error = next((t for t in tail if "ERROR" in t), tail[0] if tail else "no output")
        raise ExplorerError(
            f"Maven could not fetch the Neo4j server ({what}): {first_error}",
            hint=f"check that Maven Central is reachable, {DOCKER_HINT}",
        )


def _artifact(jar: str) -> str:
    match = _VERSIONED_JAR.match(jar)
    return match.group("artifact") if match else jar


def _install_plugins(fetched: Path, lib: Path, plugins: Path) -> None:
    """Move APOC and those of its dependencies the server does not already ship."""
    shipped = {_artifact(jar.name) for jar in lib.glob("*.jar")}
    plugins.mkdir(parents=True)
    for jar in fetched.glob("*.jar"):
        if _artifact(jar.name) not in shipped:
            jar.rename(plugins / jar.name)
