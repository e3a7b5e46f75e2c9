"""Turn user-given parameter values into the types a named query declares."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from loader.errors import ParamError, suggest
from loader.schema import load_schema
from loader.types import TYPES
from queries.library import NamedQuery, Param


def _coerce(param: Param, value: Any) -> Any:
    """`value` as the declared type: text is parsed by the type registry, typed values checked."""
    if value is None:
        return None
    if param.type == "list":
        return _list(param, value)
    if param.type == "tie_types":
        return tie_types(_list(param, value))
    if param.type == "entity":
        return _entity(param, value)
    if param.type == "string" and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # `-p id 42` reads 42 as JSON; the user typed text
    kind = TYPES[param.type]
    if isinstance(value, str):
        return kind.parse(value)
    kind.check(value)
    return value


def _entity(param: Param, value: Any) -> str:
    """An id, a name or an alias, as text (`Explorer.query` resolves it to an entity's id)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ParamError(f"${param.name} must be an id or a name, not {value!r}")
    return str(value)  # `-p id 42` reads 42 as JSON; the user typed text


def _list(param: Param, value: Any) -> list[Any]:
    if isinstance(value, str):
        value = json.loads(value) if value.startswith("[") else [v for v in value.split(",") if v]
    if not isinstance(value, list | tuple):
        raise ParamError(f"${param.name} must be a list")
    return list(value)


def tie_types(names: Iterable[str]) -> list[str]:
    """Tie type names in upper case, each checked against the schema (close ones suggested)."""
    known = load_schema().ties
    chosen = [name.upper() for name in names]
    for name in chosen:
        if name not in known:
            raise ParamError(
                f"no tie type {name!r}", hint=suggest(name, known, "see `explorer schema`")
            )
    return chosen


def symmetric_types() -> list[str]:
    """The schema's tie types without a direction, in its order."""
    return [name for name, spec in load_schema().ties.items() if spec.symmetric]


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
            except ParamError:
                raise
            except ValueError as err:
                raise ParamError(f"${name}: {err}") from None
        elif param.required:
            raise _needs(query, param)
        else:
            bound[name] = param.default
    return bound


def require_values(query: NamedQuery, bound: Mapping[str, Any]) -> None:
    """Refuse to run with null for a required parameter: as if it were not given."""
    for param in query.params:
        if param.required and bound[param.name] is None:
            raise _needs(query, param)


def _needs(query: NamedQuery, param: Param) -> ParamError:
    return ParamError(
        f"query {query.name!r} needs ${param.name} ({param.type}): {param.description}"
    )
