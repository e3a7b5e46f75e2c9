"""Query parameters given on the command line as `-p name value`."""

from __future__ import annotations

import json
from typing import Any

import click

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
