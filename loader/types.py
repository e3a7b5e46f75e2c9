"""The property types of the schema, in one registry: each reads text and checks typed values.

`parse` turns text (a CSV cell, a command-line value) into a value of the type; `check` says
whether an already-typed value (JSON, an importer's output) is one. Both raise ValueError
saying what was expected, as `'<value>' is not <expected>`.

Numbers are plain decimals (`-12`, `0.5`): no exponent (`1e3`), no thousands separator, and
never nan or infinity. A spreadsheet writes `1E3` for what was often a code, and a figure with
an exponent in our sources is a conversion artefact rather than a reading; so text in exponent
notation is refused, while a JSON number (already typed) is any finite number.
Booleans are true/false/yes/no/1/0 in any case, nothing else. Dates are partial ISO dates
(YYYY, YYYY-MM or YYYY-MM-DD) that exist in the calendar: 2020-02-31 and 2005-13 are refused.
The standard library's calendar does this. `prefixdate` (followthemoney's) is not used: it
cleans rather than refuses (2001-00 becomes 2001, text after a date is ignored, 2020-02-31
becomes an empty date with a log warning), and we want every such value refused by name.
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class PropertyType:
    """One type: what it expects, how text becomes a value, and which values fit it."""

    name: str
    expected: str
    read: Callable[[str], Any]  # raises ValueError when the text is not of the type
    fits: Callable[[Any], bool]

    def parse(self, text: str, values: tuple[str, ...] = ()) -> Any:
        """`text` as a value of this type (one of `values` when given); ValueError if not."""
        try:
            value = self.read(text)
        except ValueError:
            raise ValueError(f"{text!r} is not {self.expecting(values)}") from None
        if values and value not in values:
            raise ValueError(f"{text!r} is not {self.expecting(values)}")
        return value

    def check(self, value: Any, values: tuple[str, ...] = ()) -> None:
        """ValueError unless `value` is already a value of this type (one of `values`)."""
        if not self.fits(value) or (values and value not in values):
            raise ValueError(f"{value!r} is not {self.expecting(values)}")

    def expecting(self, values: tuple[str, ...] = ()) -> str:
        return "one of " + ", ".join(values) if values else self.expected


def partial_date(text: str) -> str:
    """`text` when it is a real date of year, month or day precision; ValueError if not."""
    match = _DATE.fullmatch(text)
    if match is None:
        raise ValueError(text)
    year, month, day = (int(part) if part else 1 for part in match.groups())
    datetime.date(year, month, day)  # ValueError for 2020-02-31, 2005-13, year 0
    return text


def _matching(pattern: re.Pattern[str], convert: Callable[[str], Any]) -> Callable[[str], Any]:
    def read(text: str) -> Any:
        if pattern.fullmatch(text) is None:
            raise ValueError(text)
        return convert(text)

    return read


def _boolean(text: str) -> bool:
    return _BOOLEANS[text.lower()] if text.lower() in _BOOLEANS else _refuse(text)


def _items(text: str) -> list[str]:
    items = [item.strip() for item in text.split("|") if item.strip()]
    return items or _refuse(text)


def _word(text: str) -> str:
    return text.strip() or _refuse(text)


def _refuse(text: str) -> Any:
    raise ValueError(text)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_boolean(value: Any) -> bool:
    return isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_date(value: Any) -> bool:
    try:
        return isinstance(value, str) and bool(partial_date(value))
    except ValueError:
        return False


def _is_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


TYPES: dict[str, PropertyType] = {
    t.name: t
    for t in (
        PropertyType("string", "a string", str, _is_text),
        PropertyType("text", "a text", str, _is_text),
        PropertyType("integer", "an integer", _matching(_INTEGER, int), _is_integer),
        PropertyType("number", "a plain decimal number", _matching(_NUMBER, float), _is_number),
        PropertyType("boolean", "a boolean (true/false/yes/no/1/0)", _boolean, _is_boolean),
        PropertyType("date", f"a date ({DATE_FORMS})", partial_date, _is_date),
        PropertyType("enum", "one of its values", str, _is_text),
        PropertyType("list", "a list of values separated by |", _items, _is_list),
        PropertyType("entity", "an entity id", _word, _is_id),
    )
}


def property_type(name: str) -> PropertyType:
    """The registered type called `name`; KeyError for a type the registry does not know."""
    return TYPES[name]
