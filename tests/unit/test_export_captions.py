"""Captions: nodes by name, ties by type and the type's key properties."""

from __future__ import annotations

from explorer.export.captions import MAX_TIE_CAPTION, node_caption, tie_caption
from loader.records import Node, Tie


def _tie(tie_type: str, **props: object) -> Tie:
    return Tie("t", tie_type, "a", "b", dict(props))


def test_a_node_is_captioned_by_name_or_else_by_id() -> None:
    assert node_caption(Node("schroeder", "Person", {"name": "Gerhard Schröder"})) == (
        "Gerhard Schröder"
    )
    assert node_caption(Node("x1", "Person", {})) == "x1"


def test_a_share_is_shown_as_a_percentage_without_a_needless_decimal() -> None:
    assert tie_caption(_tie("OWNS", share=51.0)) == "OWNS 51%"
    assert tie_caption(_tie("OWNS", share=49.8)) == "OWNS 49.8%"


def test_key_properties_follow_the_type_in_schema_order() -> None:
    assert tie_caption(_tie("LEADS", role="chairman")) == "LEADS chairman"
    assert (
        tie_caption(_tie("SUPPLIED_ARMS_TO", year=1999, sources=["s"])) == "SUPPLIED_ARMS_TO 1999"
    )
    assert tie_caption(_tie("LENT_TO", currency="USD", amount=500)) == "LENT_TO 500 USD"


def test_a_tie_without_key_values_is_captioned_by_its_type() -> None:
    assert tie_caption(_tie("FRIEND_OF", note="old friends")) == "FRIEND_OF"
    assert tie_caption(_tie("LEADS", role="")) == "LEADS"


def test_a_long_caption_is_cut_with_an_ellipsis() -> None:
    caption = tie_caption(_tie("SUPPLIED_ARMS_TO", year=1999, weapon="T-72 tank " * 10))
    assert len(caption) == MAX_TIE_CAPTION
    assert caption.startswith("SUPPLIED_ARMS_TO 1999 T-72 tank") and caption.endswith("…")
