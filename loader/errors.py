"""Every error a user can meet, in one module, with one contract.

A user error is one line, plus at most one hint line, and an exit code: 1 for a problem with
the data, the server or the environment; 2 for misuse of the command line or the API (an
unknown option value, an impossible date, a parameter that does not fit). Anything else that
escapes is a bug.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def suggest(name: str, choices: Iterable[str], otherwise: str) -> str:
    """A hint naming the choices close to `name`, else `otherwise`."""
    close = difflib.get_close_matches(name, list(choices), n=3)
    return f"did you mean {', '.join(close)}?" if close else otherwise


class ExplorerError(Exception):
    """A user-facing error: the CLI prints `Error: message` (and the hint) and exits 1."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message}; {hint}" if hint else message)


class UsageError(ExplorerError):
    """Misuse: a value that cannot mean anything here. The CLI exits 2."""

    exit_code = 2


class NotFoundError(ExplorerError):
    """A name or id matched no entity."""


class AmbiguousNameError(ExplorerError):
    """A name matched several entities."""


class ParamError(UsageError):
    """A parameter value that does not fit its declaration."""


class QueryFileError(ExplorerError):
    """A query file that cannot be used, with its file and line."""

    def __init__(self, path: Path, line: int, message: str) -> None:
        self.path, self.line = path, line
        super().__init__(f"{path}:{line}: {message}")
        self.detail = message


@dataclass(frozen=True)
class Problem:
    """One problem in an input file, reported as `file:line: field: message`."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        return (
            f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"
        )


class InputError(ExplorerError):
    """Input that cannot be loaded. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
