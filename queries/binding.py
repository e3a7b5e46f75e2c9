"""Turn user-given parameter values into the types a named query declares."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from loader.errors import ParamError
from queries.library import NamedQuery, Param

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _coerce(param: Param, value: Any) -> Any:
    if value is None:
        return None
    kind = param.type
    if kind == "list":
        if isinstance(value, str):
            value = (
                json.loads(value) if value.startswith("[") else [v for v in value.split(",") if v]
            )
        if not isinstance(value, list | tuple):
            raise ParamError(f"${param.name} must be a list")
        return list(value)
    if kind == "integer" and not isinstance(value, bool):
        return int(value)
    if kind == "number" and not isinstance(value, bool):
        return float(value)
    if kind == "boolean":
        if isinstance(value, str):
            return value.lower() in ("true", "yes", "1")
        return bool(value)
    if kind == "date" and not _DATE.match(str(value)):
        raise ParamError(f"${param.name} must be a date: YYYY, YYYY-MM or YYYY-MM-DD")
    return str(value)


def bind(query: NamedQuery, given: Mapping[str, Any]) -> dict[str, Any]:
    """All of the query's parameters: given values coerced, defaults filled in."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        names = ", ".join(declared) or "none"
        raise ParamError(
            f"query {query.name!r} has no parameter {unknown[0]!r} (it takes: {names})"
        )
    bound: dict[str, Any] = {}
    for name, param in declared.items():
        if name in given:
            try:
                bound[name] = _coerce(param, given[name])
            except (TypeError, ValueError) as err:
                if isinstance(err, ParamError):
                    raise
                raise ParamError(f"${name} must be {param.type}, not {given[name]!r}") from err
        elif param.required:
            raise ParamError(
                f"query {query.name!r} needs ${name} ({param.type}): {param.description}"
            )
        else:
            bound[name] = param.default
    return bound
