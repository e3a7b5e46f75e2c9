"""The neo4j.conf of a local server: what it listens on, and what queries may reach.

Every start writes it anew, so an instance folder made by an older version gets the
current settings on its next start.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_TX_TIMEOUT = "60s"

# APOC functions on values only: no file, URL, write or transaction of their own. The
# project's queries and exports use no APOC; these are there for the user's own queries.
APOC_ALLOWLIST = ("apoc.coll.*", "apoc.map.*", "apoc.text.*")

_BROWSER_ONLY = "BROWSER"
_WITH_HTTP_API = "TRANSACTIONAL_ENDPOINTS,QUERY_API_ENDPOINTS,BROWSER"

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


@dataclass(frozen=True)
class ServerConfig:
    """What a user may choose about a local server; everything else is fixed."""

    bolt_port: int = 7687
    http_port: int = 7474
    auth: bool = True
    heap: str = "1g"
    pagecache: str = "512m"
    tx_timeout: str = DEFAULT_TX_TIMEOUT
    http_api: bool = False

    def render(self, home: Path, dist: Path) -> str:
        """The neo4j.conf text for an instance in `home` running the jars in `dist`."""
        lines = [
            f"server.directories.lib={dist / 'lib'}",
            f"server.directories.plugins={dist / 'plugins'}",
            *self._network(),
            *self._security(home),
            "dbms.usage_report.enabled=false",
            f"db.transaction.timeout={self.tx_timeout}",
            "server.memory.heap.initial_size=512m",
            f"server.memory.heap.max_size={self.heap}",
            f"server.memory.pagecache.size={self.pagecache}",
            *(f"server.jvm.additional={flag}" for flag in _JVM_FLAGS),
        ]
        return "\n".join(lines) + "\n"

    def _network(self) -> list[str]:
        return [
            "server.default_listen_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{self.bolt_port}",
            f"server.bolt.advertised_address=127.0.0.1:{self.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{self.http_port}",
            f"server.http.advertised_address=127.0.0.1:{self.http_port}",
            "server.https.enabled=false",
            f"server.http_enabled_modules={_WITH_HTTP_API if self.http_api else _BROWSER_ONLY}",
            # Only pages served by this server itself may read its HTTP answers.
            f"dbms.security.http_access_control_allow_origin=http://127.0.0.1:{self.http_port}",
        ]

    def _security(self, home: Path) -> list[str]:
        return [
            f"dbms.security.auth_enabled={'true' if self.auth else 'false'}",
            # LOAD CSV file URLs resolve inside import/ and cannot leave it.
            f"server.directories.import={home / 'import'}",
            # LOAD CSV may fetch no URL at all, IPv4 or IPv6.
            "internal.dbms.cypher_ip_blocklist=0.0.0.0/0,::/0",
            f"dbms.security.procedures.allowlist={','.join(APOC_ALLOWLIST)}",
        ]


def read_settings(text: str) -> dict[str, str]:
    """The key=value pairs of a neo4j.conf (the last one wins, as in Neo4j)."""
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs if not key.startswith("#")}


def config_written(text: str) -> ServerConfig:
    """The choices a conf written by any version records (ports, memory, timeout, HTTP API);
    what it does not record takes today's default."""
    settings = read_settings(text)
    default = ServerConfig()

    def port(key: str, fallback: int) -> int:
        value = settings.get(key, "")
        return int(value.rsplit(":", 1)[1]) if ":" in value else fallback

    return ServerConfig(
        bolt_port=port("server.bolt.listen_address", default.bolt_port),
        http_port=port("server.http.listen_address", default.http_port),
        auth=settings.get("dbms.security.auth_enabled", "true") != "false",
        heap=settings.get("server.memory.heap.max_size", default.heap),
        pagecache=settings.get("server.memory.pagecache.size", default.pagecache),
        tx_timeout=settings.get("db.transaction.timeout", default.tx_timeout),
        http_api="TRANSACTIONAL_ENDPOINTS" in settings.get("server.http_enabled_modules", ""),
    )
