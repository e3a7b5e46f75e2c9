"""Sums of money as `explorer read` finds them in a sentence."""

from __future__ import annotations

import pytest

from explorer.reading.amounts import amounts


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (r"Uzbekistan was allotted \$155 million", ("155000000", "USD")),
        ("receiving merely $83.5 million before", ("83500000", "USD")),
        ("a US$1,200 million deal", ("1200000000", "USD")),
        ("EUR 2.5bn of credit", ("2500000000", "EUR")),
        ("a loan of 10 billion roubles", ("10000000000", "RUB")),
        ("€300m", ("300000000", "EUR")),
        ("INR260 b", ("260000000000", "INR")),
    ],
)
def test_a_sum_is_read_with_its_currency_and_scale(text: str, found: tuple[str, str]) -> None:
    assert [(s.amount, s.currency) for s in amounts(text)] == [found]


def test_numbers_without_a_currency_are_no_sums() -> None:
    assert amounts("for 3 months, 40 million people and 12 billion tonnes") == []
