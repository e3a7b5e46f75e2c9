"""The write transaction that loads, drops and regroupings run in."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neo4j import Driver, Transaction

# A load may be one transaction of many minutes: 0 exempts it from the server's
# db.transaction.timeout (the driver's "no timeout").
LOAD_TX_TIMEOUT = 0


@contextmanager
def write_transaction(driver: Driver, database: str) -> Iterator[Transaction]:
    """One write transaction with no time limit, rolled back unless the caller commits."""
    with (
        driver.session(database=database) as session,
        session.begin_transaction(timeout=LOAD_TX_TIMEOUT) as tx,
    ):
        yield tx
