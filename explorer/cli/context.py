"""What every command shares: settings, a lazily opened Explorer, the error contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import click

from explorer.settings import Settings
from loader.errors import ExplorerError, UsageError


@dataclass
class AppContext:
    settings: Settings
    _explorer: Any = field(default=None, repr=False)

    @classmethod
    def from_options(cls, uri: str, user: str, password: str, database: str) -> AppContext:
        return cls(Settings(uri=uri, user=user, password=password, database=database))

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
            raise click.UsageError(str(err), ctx) from err
        except ExplorerError as err:
            raise click.ClickException(str(err)) from err
