"""Query parameters given on the command line as `-p name value`."""

from __future__ import annotations

import json
from typing import Any

import click

from loader.types import DATE_FORMS, TYPES


class PartialDate(click.ParamType[str]):
    """A date of year, month or day precision that exists in the calendar (2000-02-31 does not)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            date: str = TYPES["date"].parse(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a real date of the form {DATE_FORMS}", param, ctx)
        return date


DATE = PartialDate()

param_option = click.option(
    "-p",
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help='A query parameter; VALUE is read as JSON when it parses (42, true, ["a"]), else as text.',
)


def parse_params(pairs: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Turn ('limit', '5') pairs into {'limit': 5}; non-JSON values stay strings."""
    params: dict[str, Any] = {}
    for name, raw in pairs:
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params
