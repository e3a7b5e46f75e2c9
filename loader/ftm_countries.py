"""FollowTheMoney country codes: a code or a country's name read as FtM's `country` type does.

FtM's country values are ISO 3166-1 alpha-2 codes in lower case ("ru"), plus a few codes of
its own for places ISO does not list or no longer lists ("suhh" the Soviet Union, "eu", "zz"
global, "gb-sct" Scotland...). `country_code(text)` gives that code for:

- a code in any case: "SA" -> "sa"; FtM's own codes kept; ISO's reserved "UK" and "EL" read
  as "gb" and "gr";
- an ISO 3166-1 alpha-3 code: "SAU" -> "sa";
- a country's name, through the regular expressions of country_converter and, for states
  that have no ISO code, `data/historical_states.csv` (both as `loader.keys` reads them):
  "Kingdom of Saudi Arabia" -> "sa", "USSR" -> "suhh"; the names and alpha-3 codes of FtM's
  own places come from the small table below.

Anything else is None: the importer leaves it out, as FtM does. FtM also reads the names of
some cities ("Riyadh") and of historical states it folds into their successors ("Bavaria"
-> "de"); we do not guess a country from those. `tests/unit/test_importers_ftm.py` checks
this reading against followthemoney's own.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from loader.keys import country_rows, strong_keys

_OWN: dict[str, tuple[str, ...]] = {
    "ac": ("asc", "Ascension Island"),
    "az-nk": ("Artsakh", "Nagorno-Karabakh (Artsakh)"),
    "cn-xz": ("Tibet",),
    "cp": ("cpt", "Clipperton Island", "La Passion - Clipperton"),
    "cq": ("crq", "Sark"),
    "cshh": ("csk", "Czechoslovakia"),
    "csxx": ("scg", "Serbia and Montenegro"),
    "cy-trnc": ("Northern Cyprus",),
    "dd": ("ddr", "East Germany", "German Democratic Republic"),
    "dg": ("dga", "Diego Garcia"),
    "eu": ("European Union",),
    "gb-nir": ("Northern Ireland",),
    "gb-sct": ("Scotland",),
    "gb-wls": ("Wales",),
    "ge-ab": ("Abkhazia", "Abkhazia (Occupied Georgia)"),
    "ic": ("Canary Islands",),
    "ip": ("cyb", "Cyberspace"),
    "iq-kr": ("Kurdistan",),
    "md-pmr": ("Transnistria", "Pridnestrovian Moldavian Republic"),
    "pk-km": ("Kashmir",),
    "so-som": ("Somaliland", "Republic of Somaliland"),
    "suhh": ("su", "sun", "Soviet Union", "Union of Soviet Socialist Republics"),
    "ta": ("Tristan da Cunha",),
    "ua-cri": ("Crimea", "Crimea (Occupied Ukraine)"),
    "ua-dpr": ("Donetsk", "Donetsk (Occupied Ukraine)"),
    "ua-lpr": ("Luhansk", "Luhansk (Occupied Ukraine)"),
    "un": ("United Nations",),
    "x-so": ("South Ossetia", "South Ossetia (Occupied Georgia)"),
    "yucs": ("yug", "Yugoslavia"),
    "zr": ("zar", "Zaire", "Republic of Zaire"),
    "zz": ("Global",),
}
"""FtM's codes that are not current ISO 3166-1 alpha-2 ones, with their other spellings."""

_HISTORICAL = {
    "historical:soviet-union": "suhh",
    "historical:yugoslavia": "yucs",
    "historical:czechoslovakia": "cshh",
    "historical:east-germany": "dd",
    "unrecognised:northern-cyprus": "cy-trnc",
}
"""Keys of `data/historical_states.csv` (see `loader.keys`) that FtM has a code for."""

_LETTERS = re.compile(r"[a-z]+")


@lru_cache(maxsize=4096)
def country_code(text: str) -> str | None:
    """FtM's code for a country code or name; None when it names no country FtM codes."""
    words = " ".join(text.split())
    folded = words.casefold()
    if not folded:
        return None
    codes = _codes()
    if folded in codes:
        return codes[folded]
    key = strong_keys("State", {"name": words}).get("state")
    return _HISTORICAL.get(key) if key and ":" in key else codes.get((key or "").casefold())


@cache
def _codes() -> dict[str, str]:
    """Case-folded codes and spellings -> FtM's code: ISO alpha-2 and alpha-3 codes of the
    current countries as country_converter lists them, then FtM's own codes and spellings."""
    found: dict[str, str] = {}
    for row in country_rows():  # the ISO2 cell is a regular expression for GB (UK) and GR (EL)
        spellings = _LETTERS.findall(row["ISO2"].casefold())
        if spellings:
            found |= {spelling: spellings[0] for spelling in (*spellings, row["ISO3"].casefold())}
    found |= {code: code for code in _OWN}
    found |= {other.casefold(): code for code, others in _OWN.items() for other in others}
    return found
