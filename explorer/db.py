"""The one way into Neo4j: explicit database and routing, errors users can act on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, LiteralString

from explorer.settings import Settings
from explorer.values import plain
from loader.errors import ExplorerError

if TYPE_CHECKING:
    import pandas as pd
    from neo4j import Driver

START_HINT = "start one with `explorer server start`, or `docker compose up -d`"


@dataclass(frozen=True)
class Rows:
    """A query's result: column names and plain-valued rows."""

    keys: list[str]
    rows: list[dict[str, Any]]


@contextmanager
def translate_errors(settings: Settings) -> Iterator[None]:
    """Turn driver exceptions into one-line ExplorerErrors that say what to do."""
    from neo4j import exceptions as ex

    try:
        yield
    except ex.AuthError as err:
        raise ExplorerError(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}",
            hint="set NEO4J_USER and NEO4J_PASSWORD, or pass --user and --password",
        ) from err
    except (ex.ServiceUnavailable, ex.SessionExpired) as err:
        raise ExplorerError(f"cannot reach Neo4j at {settings.uri}", hint=START_HINT) from err
    except ex.ConfigurationError as err:
        raise ExplorerError(f"cannot use NEO4J_URI {settings.uri!r}: {err}") from err
    except ex.Neo4jError as err:
        raise ExplorerError(f"Neo4j: {err.message or err.code}", hint=_hint(err.code)) from err
    except ValueError as err:
        if "uri" in str(err).lower() or "scheme" in str(err).lower():
            raise ExplorerError(f"cannot use NEO4J_URI {settings.uri!r}: {err}") from err
        raise


def _hint(code: str | None) -> str | None:
    if code == "Neo.ClientError.Statement.AccessMode":
        return "the query writes: pass --write to allow it"
    if code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError":
        return (
            "nothing was written. A transaction needs about 6 KB of server memory per row "
            "written, at commit: give the server more heap (explorer server stop, then "
            "explorer server start --heap 12g), or load with --commit-every 50000"
        )
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return "set NEO4J_DATABASE or --database to a database that exists (Community has `neo4j`)"
    return None


class Database:
    """A lazily opened driver for one database. Reads go in read transactions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._driver: Driver | None = None

    @property
    def driver(self) -> Driver:
        if self._driver is None:
            from neo4j import GraphDatabase

            s = self.settings
            with translate_errors(s):
                driver = GraphDatabase.driver(
                    s.uri,
                    auth=(s.user, s.password),
                    connection_timeout=5,
                    notifications_min_severity="OFF",
                )
                try:
                    driver.verify_connectivity()
                except BaseException:
                    driver.close()
                    raise
            self._driver = driver
        return self._driver

    def run(
        self, query: LiteralString, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Rows:
        """Run one query in its own transaction: a read transaction unless `write`.

        Writes run as an auto-commit transaction, so `CALL {...} IN TRANSACTIONS` works.
        """
        from neo4j import RoutingControl

        with translate_errors(self.settings):
            if write:
                with self.driver.session(database=self.settings.database) as session:
                    result = session.run(query, dict(params or {}))
                    keys, records = list(result.keys()), list(result)
            else:
                records, _, read_keys = self.driver.execute_query(
                    query,
                    parameters_=dict(params or {}),
                    database_=self.settings.database,
                    routing_=RoutingControl.READ,
                )
                keys = list(read_keys)
        return Rows(keys, [{k: plain(r[k]) for k in keys} for r in records])

    def dataframe(
        self, query: LiteralString, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> pd.DataFrame:
        """Run one query and return its rows as a pandas DataFrame."""
        import pandas as pd

        result = self.run(query, params, write=write)
        return pd.DataFrame(result.rows, columns=result.keys)

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
