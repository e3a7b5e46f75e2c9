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
    from neo4j.exceptions import Neo4jError

CONNECT_SECONDS = 5
RETRY_SECONDS = 5
START_HINT = "start one with `explorer server start`, or `docker compose up -d`"


@dataclass(frozen=True)
class Rows:
    """A query's result: column names and plain-valued rows."""

    keys: list[str]
    rows: list[dict[str, Any]]

    def df(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame, one column per key, in order (even with no rows)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.keys)


SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
WRITE_REFUSED = "the query writes, and it ran in a read transaction, so nothing was written"
OUT_OF_MEMORY = "Neo.TransientError.General.MemoryPoolOutOfMemoryError"
TIMED_OUT = (
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
)


@contextmanager
def translate_errors(settings: Settings) -> Iterator[None]:
    """Turn driver exceptions into one-line ExplorerErrors that say what to do.

    A note added to the exception on its way (PEP 678), such as how much of a load was
    committed, becomes the hint: it is the truest thing to say about what was written.
    """
    from neo4j import exceptions as ex

    try:
        yield
    except ex.AuthError as err:
        raise ExplorerError(
            f"Neo4j at {settings.uri} refused the credentials of user {settings.user!r}",
            hint="set NEO4J_USER and NEO4J_PASSWORD, or pass --user and --password",
        ) from err
    except (ex.ServiceUnavailable, ex.SessionExpired) as err:
        hint = _note(err) or START_HINT
        raise ExplorerError(f"cannot reach Neo4j at {settings.uri}", hint=hint) from err
    except ex.ConfigurationError as err:
        raise uri_error(settings.uri, first_line(str(err))) from err
    except ex.Neo4jError as err:
        raise neo4j_error(err, limited=settings.timeout is not None) from err
    except ValueError as err:
        if "uri" in str(err).lower() or "scheme" in str(err).lower():
            raise uri_error(settings.uri, first_line(str(err))) from err
        raise


def neo4j_error(err: Neo4jError, *, limited: bool = False) -> ExplorerError:
    """One line for a server error, and one hint: a note on the error, else by its code.
    `limited`: the query ran under our own time limit (--timeout), not the server's."""
    if err.code == "Neo.ClientError.Statement.AccessMode":
        return ExplorerError(WRITE_REFUSED, hint=_note(err))
    if err.code in TIMED_OUT and limited:  # the server gives one code for either limit
        return ExplorerError(
            "Neo4j stopped the query when it ran past the time limit (--timeout)",
            hint="narrow it (a smaller --depth or --max-hops, --via TYPE, a lower --limit or "
            "--cap), or allow more time: explorer --timeout 120 ...",
        )
    if err.code in TIMED_OUT:  # the server's own message says to retry, which would not help
        return ExplorerError(
            "Neo4j stopped the query: it ran longer than the server's transaction timeout",
            hint="narrow the query, or allow it more time: explorer --timeout 300 ... (or, for "
            "the local server, explorer server start --tx-timeout 5m after explorer server stop)",
        )
    message = first_line(err.message or "") or err.code or "unknown error"
    note = _note(err)
    if note and err.code == OUT_OF_MEMORY:
        note += "; with a smaller --commit-every, or more server heap"
    return ExplorerError(f"Neo4j: {message}", hint=note or _hint(err.code))


def uri_error(uri: str, why: str | None = None) -> ExplorerError:
    reason = f"{why}; " if why else ""
    return ExplorerError(
        f"cannot use NEO4J_URI {uri!r}: {reason}use one of {', '.join(s + '://' for s in SCHEMES)}",
        hint="for example bolt://127.0.0.1:7687, or neo4j+s://xxxx.databases.neo4j.io for Aura",
    )


def first_line(text: str) -> str:
    """The first non-blank line: some server messages (Lucene's) run to a dozen lines."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _note(err: BaseException) -> str | None:
    notes = getattr(err, "__notes__", None)
    return " ".join(notes) if notes else None


def _hint(code: str | None) -> str | None:
    if code == OUT_OF_MEMORY:
        return (
            "nothing was written. A transaction needs about 6 KB of server memory per row "
            "written, at commit: give the server more heap (explorer server stop, then "
            "explorer server start --heap 12g), or load with --commit-every 50000"
        )
    if code == "Neo.ClientError.Database.DatabaseNotFound":
        return "set NEO4J_DATABASE or --database to a database that exists (Community has `neo4j`)"
    return None


def check_uri(uri: str) -> None:
    """Refuse an empty URI and schemes the explorer does not speak (the driver's http://
    needs extras and serves no explicit transactions), before any connection is tried."""
    if not uri.strip():
        raise ExplorerError(
            "the Neo4j URI is empty (NEO4J_URI or --uri)",
            hint="unset it to use the default bolt://127.0.0.1:7687, or set it to a bolt:// URI",
        )
    scheme = uri.partition("://")[0].lower() if "://" in uri else ""
    if scheme not in SCHEMES:
        raise uri_error(uri)


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
            check_uri(s.uri)
            with translate_errors(s):
                # A port that accepts but never answers must fail in seconds, not a minute.
                driver = GraphDatabase.driver(
                    s.uri,
                    auth=(s.user, s.password),
                    connection_timeout=CONNECT_SECONDS,
                    connection_acquisition_timeout=CONNECT_SECONDS,
                    max_transaction_retry_time=RETRY_SECONDS,
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

        Writes run as an auto-commit transaction, so `CALL {...} IN TRANSACTIONS` works. The
        server stops either after `settings.timeout` seconds, else at its own limit.
        """
        from neo4j import Query, RoutingControl

        limited = Query(query, timeout=self.settings.timeout)
        with translate_errors(self.settings):
            if write:
                with self.driver.session(database=self.settings.database) as session:
                    result = session.run(limited, dict(params or {}))
                    keys, records = list(result.keys()), list(result)
            else:
                self._refuse_unfinished_load()
                records, _, read_keys = self.driver.execute_query(
                    limited,
                    parameters_=dict(params or {}),
                    database_=self.settings.database,
                    routing_=RoutingControl.READ,
                )
                keys = list(read_keys)
        return Rows(keys, [{k: plain(r[k]) for k in keys} for r in records])

    def _refuse_unfinished_load(self) -> None:
        """Refuse to read while a load is publishing or failed at it: answers would mix a
        dataset's old and new rows (see loader.staging)."""
        from neo4j import RoutingControl

        from loader.unfinished import UNFINISHED

        records, _, _ = self.driver.execute_query(
            UNFINISHED, database_=self.settings.database, routing_=RoutingControl.READ
        )
        if not records:
            return
        dataset, error = records[0]["dataset"], records[0]["error"]
        if records[0]["state"] == "publishing":
            raise ExplorerError(
                f"dataset {dataset!r} is being published by a load: answers now would mix "
                "its old and new rows",
                hint="try again when that load ends; if it was stopped, run it again (every "
                "load first finishes what an interrupted one left)",
            )
        raise ExplorerError(
            f"dataset {dataset!r} is half loaded: the server refused part of its last load "
            f"({error})",
            hint=f"load it again once the cause is fixed, or remove it: explorer drop {dataset}",
        )

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
