"""The errors users see: one line, what went wrong and what to do about it."""

from __future__ import annotations


class ExplorerError(Exception):
    """A user-facing error: the CLI prints `Error: message; hint` on one line and exits 1."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


class NotFoundError(ExplorerError):
    """A name or id matched no entity."""


class AmbiguousNameError(ExplorerError):
    """A name matched several entities."""
