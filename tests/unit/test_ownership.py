"""Owners are found level by level, each once with its shortest chain; an owner's total
stake over all its chains is summed level by level, exactly as the sum over its chains of
the stakes multiplied along them."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from explorer.ownership import Link, search, totals


def link(owner: str, owned: str, share: float | None) -> dict[str, object]:
    return {"owner": owner, "owned": owned, "share": share}


def web(levels: int, width: int, share: float) -> list[dict[str, object]]:
    """`levels` levels of `width` entities above "t", each owning `share` of every entity of
    the level below."""
    return [
        link(f"{level + 1}-{i}", f"{level}-{j}" if level else "t", share)
        for level in range(levels)
        for i in range(width)
        for j in range(width if level else 1)
    ]


class Levels:
    """owner_links over some stakes, counting the levels read."""

    def __init__(self, links: list[dict[str, object]]) -> None:
        self.links, self.calls = links, 0

    def __call__(self, ids: list[str]) -> Sequence[Link]:
        self.calls += 1
        return [x for x in self.links if x["owned"] in ids]


def test_each_owner_is_reached_once_by_its_shortest_chain_of_highest_stake() -> None:
    stakes = [link("beta", "target", 20.0), link("gamma", "target", 60.0),
              link("alpha", "beta", 90.0), link("alpha", "gamma", 50.0),
              link("omega", "alpha", 100.0), link("alpha", "target", None)]  # fmt: skip
    chains, read = search("target", Levels(stakes), 6)
    assert {owner: [x["owned"] for x in chain] for owner, chain in chains.items()} == {
        "beta": ["target"],
        "gamma": ["target"],
        "alpha": ["target"],  # its direct stake, of unknown share, is its shortest chain
        "omega": ["alpha", "target"],
    }
    assert len(read) == len(stakes)


def test_the_search_stops_at_the_depth_and_reads_one_level_at_a_time() -> None:
    levels = Levels([link("a", "b", 50.0), link("b", "c", 50.0), link("c", "d", 50.0)])
    chains, _ = search("d", levels, 2)
    assert set(chains) == {"c", "b"} and levels.calls == 2


def test_of_two_shortest_chains_the_one_of_highest_stake_is_shown() -> None:
    stakes = [link("b1", "t", 10.0), link("b2", "t", 90.0), link("a", "b1", 100.0),
              link("a", "b2", 50.0)]  # fmt: skip
    chains, _ = search("t", Levels(stakes), 6)
    assert [x["owned"] for x in chains["a"]] == ["b2", "t"]  # 45% against 10%


def test_a_web_of_thousands_of_owners_takes_one_read_per_level() -> None:
    levels = Levels(web(4, 60, 1.0))
    chains, _ = search("t", levels, 6)
    assert len(chains) == 240 and levels.calls == 5  # the fifth finds no owner


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
    top = totals("t", web(12, 30, 10.0), 12)["12-0"]
    assert top.chains == 30**11
    assert top.share == pytest.approx(100 * 0.1**12 * 30**11)


def test_chains_never_pass_through_the_owned_entity() -> None:
    links = [link("gamma", "alpha", 100.0), link("alpha", "gamma", 40.0)]
    assert totals("gamma", links, 6)["alpha"].chains == 1
