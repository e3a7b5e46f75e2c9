"""One local Neo4j server: its config, and starting, stopping and probing it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from explorer.server.prerequisites import DOCKER_HINT, require_java
from explorer.server.provision import Progress, provision
from loader.errors import ExplorerError

_JVM_FLAGS = (
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.tls.ephemeralDHKeySize=2048",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)


def default_heap() -> str:
    """A quarter of the machine's memory, between 1g and 16g: one load is one transaction,
    and a transaction may use 70% of the heap."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return "1g"
    return f"{min(16, max(1, total // 4 // 2**30))}g"


def _alive(pid: int) -> bool:
    """True for a live process; a zombie nobody has reaped yet counts as dead."""
    try:
        os.kill(pid, 0)
        stat = Path(f"/proc/{pid}/stat").read_text("utf-8")
    except FileNotFoundError:
        return True  # no /proc (macOS): the signal check is all there is
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass(frozen=True)
class Instance:
    """A server home: conf/, data/, logs/, run/ under `home`; jars from the shared cache."""

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    password: str | None = "explorer"
    heap: str = "1g"
    pagecache: str = "512m"

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def browser_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/browser/"

    @property
    def conf_file(self) -> Path:
        return self.home / "conf" / "neo4j.conf"

    def configured_bolt_port(self) -> int | None:
        """The Bolt port of the config written last, if any."""
        key = "server.bolt.listen_address="
        lines = self.conf_file.read_text("utf-8").splitlines() if self.conf_file.exists() else []
        ports = [line.rsplit(":", 1)[1] for line in lines if line.startswith(key)]
        return int(ports[-1]) if ports else None

    def import_full(self, *arguments: str) -> None:
        """Replace the `neo4j` database with CSV files, by `neo4j-admin database import
        full`. The server must be stopped."""
        result = self._launcher(
            provision(),
            "org.neo4j.server.startup.Neo4jAdminCommand",
            "database",
            "import",
            "full",
            "neo4j",
            *arguments,
        )
        if result.returncode != 0:
            lines = (result.stderr.strip() or result.stdout.strip() or "no output").splitlines()
            raise ExplorerError(f"neo4j-admin database import failed: {lines[-1][:300]}")

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    def config(self, dist: Path) -> str:
        """The neo4j.conf text: loopback only, jars from the cache, APOC allowed."""
        lines = [
            f"server.directories.lib={dist / 'lib'}",
            f"server.directories.plugins={dist / 'plugins'}",
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{self.http_port}",
            "server.https.enabled=false",
            f"dbms.security.auth_enabled={'false' if self.password is None else 'true'}",
            "dbms.security.procedures.unrestricted=apoc.*",
            "dbms.usage_report.enabled=false",
            "server.memory.heap.initial_size=512m",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            *(f"server.jvm.additional={flag}" for flag in _JVM_FLAGS),
        ]
        return "\n".join(lines) + "\n"

    def _launcher(self, dist: Path, main: str, *args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        command = [require_java(), "-cp", str(dist / "lib" / "*"), main, *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=False)

    def pid(self) -> int | None:
        """The server's process id when it is running, else None."""
        try:
            pid = int(self.pid_file.read_text("utf-8").strip())
        except (OSError, ValueError):
            return None
        return pid if _alive(pid) else None

    def answers(self) -> bool:
        """True when something accepts connections on the Bolt port."""
        try:
            with socket.create_connection(("127.0.0.1", self.bolt_port), timeout=1):
                return True
        except OSError:
            return False

    def start(
        self, progress: Progress = lambda _: None, timeout: float = 180, configure: bool = True
    ) -> None:
        """Provision if needed, write the config (unless told to keep the one written last)
        and start; returns once Bolt answers."""
        if self.pid() is not None:
            return
        if self.answers():
            raise ExplorerError(
                f"port {self.bolt_port} is already taken by another program",
                hint="stop it, or pick another port with --bolt-port",
            )
        dist = provision(progress)
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        if configure or not self.conf_file.exists():
            self.conf_file.write_text(self.config(dist), "utf-8")
        if self.password is not None and not (self.home / "data" / "databases" / "system").exists():
            self._launcher(
                dist,
                "org.neo4j.server.startup.Neo4jAdminCommand",
                "dbms",
                "set-initial-password",
                self.password,
            )
        progress(f"starting Neo4j on {self.bolt_uri} ...")
        result = self._launcher(dist, "org.neo4j.server.startup.Neo4jCommand", "start")
        if result.returncode != 0:
            raise ExplorerError(
                f"Neo4j did not start: {self._log_tail()}",
                hint=f"see {self.home / 'logs' / 'neo4j.log'}, {DOCKER_HINT}",
            )
        self._wait_until_ready(timeout)

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.answers():
                return
            if self.pid() is None:
                raise ExplorerError(
                    f"Neo4j stopped while starting: {self._log_tail()}",
                    hint=f"see {self.home / 'logs' / 'neo4j.log'}",
                )
            time.sleep(0.25)
        raise ExplorerError(
            f"Neo4j did not answer on {self.bolt_uri} within {timeout:.0f} s",
            hint=f"see {self.home / 'logs' / 'neo4j.log'}",
        )

    def _log_tail(self) -> str:
        log = self.home / "logs" / "neo4j.log"
        lines = log.read_text("utf-8", errors="replace").splitlines() if log.exists() else []
        errors = [line for line in lines if " ERROR " in line]
        return (errors or lines or ["no log written"])[-1][:300]

    def stop(self, timeout: float = 60) -> bool:
        """Stop the server; True when one was running."""
        pid = self.pid()
        if pid is None:
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.2)
        if self.pid() is not None:
            os.kill(pid, signal.SIGKILL)
        self.pid_file.unlink(missing_ok=True)
        return True

    def kill(self) -> None:
        """Kill the server at once, as a crash would (for tests of interrupted loads)."""
        if (pid := self.pid()) is not None:
            os.kill(pid, signal.SIGKILL)
            while self.pid() is not None:
                time.sleep(0.05)
