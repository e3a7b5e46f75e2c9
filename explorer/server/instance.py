"""One local Neo4j server: its config, and starting, stopping and probing it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from explorer.server import credentials
from explorer.server.config import DEFAULT_TX_TIMEOUT, ServerConfig, config_written
from explorer.server.prerequisites import DOCKER_HINT, require_java
from explorer.server.provision import Progress, provision
from loader.errors import ExplorerError


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
    """A server home: conf/, data/, logs/, run/ under `home`; jars from the shared cache.
    Each field of `ServerConfig` is a field here too, with the same meaning.

    `password` is the initial password of user neo4j; without one, the first start picks a
    random one. Either way it is kept in `home`/password, readable by its owner only.
    """

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    password: str | None = None
    auth: bool = True
    heap: str = "1g"
    pagecache: str = "512m"
    tx_timeout: str = DEFAULT_TX_TIMEOUT
    http_api: bool = False

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
        return self.as_configured().bolt_port if self.conf_file.exists() else None

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

    @property
    def password_file(self) -> Path:
        return credentials.password_file(self.home)

    @property
    def server_config(self) -> ServerConfig:
        return ServerConfig(**{f.name: getattr(self, f.name) for f in fields(ServerConfig)})

    def config(self, dist: Path) -> str:
        """The neo4j.conf text (see explorer.server.config)."""
        return self.server_config.render(self.home, dist)

    def as_configured(self) -> Instance:
        """This instance with the choices of the conf written last (ports, memory, timeout,
        HTTP API), when there is one."""
        if not self.conf_file.exists():
            return self
        return replace(self, **asdict(config_written(self.conf_file.read_text("utf-8"))))

    def write_config(self, dist: Path) -> None:
        """Write neo4j.conf in today's format, over whatever an older version wrote."""
        for sub in ("conf", "data", "logs", "run", "import"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        self.home.chmod(0o700)
        self.conf_file.write_text(self.config(dist), "utf-8")

    def set_initial_password(self, dist: Path, password: str) -> None:
        """Set user neo4j's password of a server that has never run; ExplorerError when
        neo4j-admin fails, which would otherwise show only as a refused login later."""
        result = self._launcher(
            dist, "org.neo4j.server.startup.Neo4jAdminCommand", "dbms", "set-initial-password",
            password,
        )  # fmt: skip
        if result.returncode != 0:
            said = (result.stderr or result.stdout).strip().splitlines()
            raise ExplorerError(
                f"neo4j-admin could not set the new server's password: {said[-1] if said else ''}",
                hint=f"see {self.home / 'logs'}; delete {self.home} to start afresh",
            )

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
        """Provision if needed, write the config and start; returns once Bolt answers.

        With `configure=False` the choices of the conf written last are kept (see
        `as_configured`); the config is rewritten in today's format either way.
        """
        (self if configure else self.as_configured())._start(progress, timeout)

    def _start(self, progress: Progress, timeout: float) -> None:
        if self.pid() is not None:
            return
        if self.answers():
            raise ExplorerError(
                f"port {self.bolt_port} is already taken by another program",
                hint="stop it, or pick another port with --bolt-port",
            )
        dist = provision(progress)
        self.write_config(dist)
        fresh = not (self.home / "data" / "databases" / "system").exists()
        if self.auth and fresh:
            password = self.password or credentials.new_password()
            credentials.store_password(self.home, password)
            self.set_initial_password(dist, password)
        progress(f"starting Neo4j on {self.bolt_uri} ...")
        result = self._launcher(dist, "org.neo4j.server.startup.Neo4jCommand", "start")
        if result.returncode != 0:
            raise ExplorerError(
                f"Neo4j did not start: {self._log_tail()}",
                hint=f"see {self.home / 'logs' / 'neo4j.log'}, {DOCKER_HINT}",
            )
        self._wait_until_ready(timeout)
        if self.auth and credentials.stored_password(self.home) is None:
            self._adopt_password(progress)

    def _adopt_password(self, progress: Progress) -> None:
        """Keep the password of a folder made before passwords were stored: the one given,
        or else a random one in place of the old fixed default."""
        if self.password is not None and credentials.accepted(self.bolt_uri, self.password):
            credentials.store_password(self.home, self.password)
            return
        new = credentials.new_password()
        if credentials.change_password(self.bolt_uri, credentials.OLD_DEFAULT_PASSWORD, new):
            credentials.store_password(self.home, new)
            progress(f"replaced the old default password by a random one in {self.password_file}")
        else:
            progress(
                f"warning: no {self.password_file}: set NEO4J_PASSWORD to this server's password"
            )

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
