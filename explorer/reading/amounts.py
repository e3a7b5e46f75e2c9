"""Sums of money in a sentence: a currency and a number with its scale ($155 million,
US$3 bn, RUB 10 billion, 2.5 billion roubles), as the `amount` and `currency` of a tie."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

_BEFORE = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "¥": "CNY"}
_AFTER = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "rouble": "RUB", "ruble": "RUB",
          "yuan": "CNY", "rupee": "INR"}  # fmt: skip
_CODES = ("USD", "EUR", "GBP", "RUB", "CNY", "INR", "JPY", "CHF")
_SCALES = {"thousand": 3, "k": 3, "million": 6, "mn": 6, "mln": 6, "m": 6, "billion": 9,
           "bn": 9, "b": 9, "trillion": 12, "tn": 12}  # fmt: skip

_NUMBER = r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?P<scale>" + "|".join(sorted(_SCALES, key=len, reverse=True)) + ")"
_SIGN = "|".join(re.escape(s) for s in sorted(_BEFORE, key=len, reverse=True))
# A sign or code before the number ($155 million, INR260 b; `\$` is Markdown's escaped $),
# or a currency word after it (10 billion roubles).
_WRITTEN_BEFORE = re.compile(
    rf"(?:\\?(?P<sign>{_SIGN})|\b(?P<code>{'|'.join(_CODES)})\s?){_NUMBER}(?:\s?{_SCALE}\b)?", re.I
)
_WRITTEN_AFTER = re.compile(rf"\b{_NUMBER}(?:\s?{_SCALE})?\s(?P<word>{'|'.join(_AFTER)})s?\b", re.I)


def _plain(value: Decimal) -> str:
    """155000000, or 2.5 when there is a fraction left."""
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize())


class Sum(NamedTuple):
    """A sum of money written at text[start:end]."""

    start: int
    end: int
    amount: str
    currency: str


def _sum(m: re.Match[str], currency: str) -> Sum:
    scale = m.group("scale")
    value = Decimal(m.group("number").replace(",", "")).scaleb(
        _SCALES[scale.lower()] if scale else 0
    )
    return Sum(m.start(), m.end(), _plain(value), currency)


def amounts(text: str) -> list[Sum]:
    """Every sum of money written in `text`, in order."""
    before = [
        _sum(m, _BEFORE[m.group("sign").upper()] if m.group("sign") else m.group("code").upper())
        for m in _WRITTEN_BEFORE.finditer(text)
    ]
    after = [_sum(m, _AFTER[m.group("word").lower()]) for m in _WRITTEN_AFTER.finditer(text)]
    return sorted(before + after)
