"""An owner's total stake over all its chains is summed level by level, exactly as the sum
over its chains of the stakes multiplied along them."""

from __future__ import annotations

import pytest

from explorer.ownership import totals


def link(owner: str, owned: str, share: float | None) -> dict[str, object]:
    return {"owner": owner, "owned": owned, "share": share}


def test_an_owner_with_two_chains_holds_their_sum() -> None:
    links = [link("alpha", "beta", 30.0), link("beta", "gamma", 50.0), link("alpha", "gamma", 10.0)]
    held = totals("gamma", links, 6)
    assert held["alpha"].chains == 2 and held["alpha"].share == pytest.approx(15.0 + 10.0)
    assert (held["beta"].chains, held["beta"].share) == (1, 50.0)


def test_a_chain_through_an_unknown_share_makes_the_total_unknown() -> None:
    links = [link("alpha", "beta", None), link("beta", "gamma", 50.0), link("alpha", "gamma", 10.0)]
    held = totals("gamma", links, 6)
    assert held["alpha"].share is None and held["alpha"].chains == 2


def test_chains_longer_than_the_depth_are_not_counted() -> None:
    links = [link("a", "b", 50.0), link("b", "c", 50.0), link("c", "d", 50.0)]
    assert set(totals("d", links, 2)) == {"c", "b"}
    assert totals("d", links, 3)["a"].share == pytest.approx(12.5)


def test_a_web_too_big_to_enumerate_is_summed_in_polynomial_time() -> None:
    # 12 levels of 30 entities, each owning 10% of every entity of the level below: 30**12
    # chains from the top level, summed in 12 * 30 * 30 steps.
    links = [
        link(f"{level + 1}-{i}", f"{level}-{j}" if level else "target", 10.0)
        for level in range(12)
        for i in range(30)
        for j in range(30 if level else 1)
    ]
    top = totals("target", links, 12)["12-0"]
    assert top.chains == 30**11
    assert top.share == pytest.approx(100 * 0.1**12 * 30**11)


def test_chains_never_pass_through_the_owned_entity() -> None:
    links = [link("gamma", "alpha", 100.0), link("alpha", "gamma", 40.0)]
    assert totals("gamma", links, 6)["alpha"].chains == 1
