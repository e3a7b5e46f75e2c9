"""Strong keys: the identifiers that make two records surely one entity.

`strong_keys(kind, props)` gives a record its keys, scheme -> normalised value; records that
share one (scheme, value) are one entity. Only sure identifiers count, never a guess:

- `state` (States): the ISO 3166-1 alpha-3 code, from `iso3`, else `cow_code`, else `name`
  (the first of them that gives one). States without a code of their own (the Soviet Union,
  Yugoslavia, Czechoslovakia, the two Germanies, the two Yemens, South Vietnam, COW's German
  and Italian states, Biafra...) get the key that `data/historical_states.csv` gives their
  names, COW codes and withdrawn ISO codes, `historical:<slug>` (`unrecognised:<slug>` for
  Northern Cyprus), so a historical state is never merged into its successor. Names go
  through country_converter's regular expressions; COW codes only through that table, as the
  package has no COW column (its Gleditsch-Ward codes differ from COW's for Germany, Yemen,
  Vietnam and Nauru): a current COW state's key comes from COW's own name for it.
- `wikidata` (Q-id), `inn` (10 or 12 digits), `ogrn` (13 or 15 digits), `lei` (20 letters and
  digits), from the properties of those names, whatever the kind; a value not of that shape
  gives no key.
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

_IDENTIFIERS = {
    "wikidata": re.compile(r"Q[1-9]\d*"),
    "inn": re.compile(r"\d{10}|\d{12}"),
    "ogrn": re.compile(r"\d{13}|\d{15}"),
    "lei": re.compile(r"[0-9A-Z]{20}"),
}
_NOT_FOUND = "-"


def strong_keys(kind: str, props: Mapping[str, Any]) -> dict[str, str]:
    """The record's strong keys, scheme -> normalised value; {} when it has none."""
    keys = {scheme: value for scheme in _IDENTIFIERS if (value := _identifier(scheme, props))}
    if kind == "State" and (state := _state_key(props)):
        keys["state"] = state
    return keys


def _state_key(props: Mapping[str, Any]) -> str | None:
    """The State's ISO 3166-1 alpha-3 code or its key in the historical table, else None."""
    iso3, code, name = props.get("iso3"), props.get("cow_code"), props.get("name")
    found = _by_iso3(iso3.strip().upper()) if isinstance(iso3, str) else None
    if found is None and isinstance(code, int):
        found = _historical().by_cow_code.get(code)
    if found is None and isinstance(name, str):
        found = _by_name(_normalised(name))
    return found


def _identifier(scheme: str, props: Mapping[str, Any]) -> str | None:
    value = props.get(scheme)
    if not isinstance(value, str):
        return None
    text = "".join(value.split()).upper()
    return text if _IDENTIFIERS[scheme].fullmatch(text) else None


@dataclass(frozen=True)
class _Historical:
    """The table of states with no ISO code of their own, read three ways."""

    by_name: dict[str, str]
    by_cow_code: dict[int, str]
    by_iso3: dict[str, str]


@cache
def _historical() -> _Historical:
    path = resources.files("loader").joinpath("data", "historical_states.csv")
    rows = list(csv.DictReader(path.read_text("utf-8").splitlines()))
    return _Historical(
        by_name={_normalised(name): row["key"] for row in rows for name in _split(row["names"])},
        by_cow_code={int(code): row["key"] for row in rows for code in _split(row["cow_codes"])},
        by_iso3={code: row["key"] for row in rows for code in _split(row["iso3"])},
    )


def _split(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


def _normalised(name: str) -> str:
    return " ".join(name.replace("\u2019", "'").casefold().split())


@lru_cache(maxsize=4096)
def _by_iso3(code: str) -> str | None:
    if code in _historical().by_iso3:
        return _historical().by_iso3[code]
    return code if _convert(code, "ISO3") == code else None


@lru_cache(maxsize=4096)
def _by_name(name: str) -> str | None:
    """The key of a normalised name: the table's first, so coco never sees a historical name."""
    if name in _historical().by_name:
        return _historical().by_name[name]
    return _convert(name, "regex")


def _convert(text: str, source: str) -> str | None:
    """coco's ISO3 for `text`; None when it finds none or more than one."""
    found = country_table().convert(text, src=source, to="ISO3", not_found=_NOT_FOUND)
    return found if isinstance(found, str) and found != _NOT_FOUND else None


@cache
def country_table() -> Any:  # country_converter is untyped
    """One CountryConverter, its "not found" warnings silenced; pandas is imported here only."""
    import country_converter as coco  # type: ignore[import-untyped]
    import pandas as pd

    logging.getLogger("country_converter").setLevel(logging.ERROR)
    # coco 1.3.2's own reader turns the empty and "NA" (Namibia) ISO2 cells into NaN under
    # pandas 3, which its constructor cannot compile: its data file is read as plain text.
    return coco.CountryConverter(country_data=pd.DataFrame(country_rows()), include_obsolete=True)


@cache
def country_rows() -> list[dict[str, str]]:
    """The current countries of country_converter's own table, every cell as text. Read
    without importing the package, which imports pandas: a load whose countries are all
    codes needs only this."""
    spec = importlib.util.find_spec("country_converter")
    assert spec is not None and spec.submodule_search_locations is not None
    path = Path(spec.submodule_search_locations[0]) / "country_data.tsv"
    with path.open(encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file, delimiter="\t") if not row["obsolete"]]
