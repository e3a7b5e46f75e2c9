"""What every command shares: settings, a lazily opened Explorer, the error contract."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import click

from explorer.cli.output import printable
from explorer.settings import Settings, local_password
from loader.errors import ExplorerError, UsageError


@dataclass
class AppContext:
    settings: Settings
    _explorer: Any = field(default=None, repr=False)

    @classmethod
    def from_options(
        cls,
        uri: str,
        user: str,
        password: str | None,
        database: str,
        timeout: float | None = None,
    ) -> AppContext:
        password = local_password(uri) if password is None else password
        return cls(Settings(uri, user, password, database, timeout))

    @property
    def explorer(self) -> Any:
        """The Explorer API (typed Any so importing the CLI does not import the driver)."""
        if self._explorer is None:
            from explorer.api import Explorer

            self._explorer = Explorer(self.settings)
        return self._explorer

    def close(self) -> None:
        if self._explorer is not None:
            self._explorer.close()


pass_app = click.make_pass_decorator(AppContext)


class ExplorerGroup(click.Group):
    """A group that shows user errors as one line with a hint and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as err:
            raise click.UsageError(printable(str(err)), ctx) from err
        except ExplorerError as err:  # its message may quote data, such as close names
            raise click.ClickException(printable(str(err))) from err


class _EchoHandler(logging.Handler):
    """Log records as `warning: message` lines on the current stderr (click's, in tests)."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"{record.levelname.lower()}: {record.getMessage()}", err=True)


def configure_logging() -> None:
    """Keep the driver's log lines off the terminal (its errors reach the user as ours) and
    show the explorer's own warnings, such as a query file it skipped, one line each."""
    driver = logging.getLogger("neo4j")
    driver.propagate = False
    if not driver.handlers:
        driver.addHandler(logging.NullHandler())
    ours = logging.getLogger("queries")
    ours.propagate = False
    if not any(isinstance(h, _EchoHandler) for h in ours.handlers):
        ours.addHandler(_EchoHandler(logging.WARNING))
