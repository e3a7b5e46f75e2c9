"""Routes in words say how firmly each claim is made and whether arms arrived."""

from __future__ import annotations

from typing import Any

from explorer.present import explain, route


def arms(ident: str, **props: Any) -> dict[str, Any]:
    base = {"id": ident, "type": "SUPPLIED_ARMS_TO", "from": "russia", "to": "iran"}
    return {**base, "sources": ["marten-2013"], **props}


def a_route(*ties: dict[str, Any]) -> dict[str, Any]:
    nodes = [{"id": "russia", "name": "Russia"}, {"id": "iran", "name": "Iran"}]
    return {"hops": 1, "nodes": nodes, "steps": [list(ties)]}


def test_cancelled_deals_are_told_apart_from_deliveries_even_when_several() -> None:
    row = a_route(
        arms("a", status="cancelled", since="2007"),
        arms("b", status="cancelled", since="2010"),
        arms("c", status="delivered", since="2001"),
    )
    lines = explain(row).splitlines()
    assert len(lines) == 2
    assert "cancelled before delivery" in lines[0] and "2 times" in lines[0]
    assert "cancelled" not in lines[1]
    assert "3 SUPPLIED_ARMS_TO 2001-2010 (2 cancelled)" in route(row)


def test_a_disputed_claim_is_hedged_and_its_note_given() -> None:
    tie = {**arms("d", confidence="disputed", note="Marten judges it unlikely"), "type": "SUPPORTS"}
    said = explain(a_route(tie))
    assert "It is disputed that Russia supports Iran. Note: Marten judges it unlikely." in said
    assert "SUPPORTS (disputed)" in route(a_route(tie))


def test_a_tie_without_a_grade_reads_as_reported() -> None:
    said = explain(a_route({**arms("e"), "type": "SUPPORTS"}))
    assert said.startswith("  1. Russia supports Iran.")


def test_amounts_of_deals_never_delivered_are_not_added_to_the_deliveries() -> None:
    row = a_route(
        arms("a", status="cancelled", since="2007", value=900.0, unit="TIV"),
        arms("b", status="ordered", since="2012", value=50.0, unit="TIV"),
        arms("c", status="delivered", since="2001", value=12.5, unit="TIV"),
        arms("d", since="2003", value=2.5, unit="TIV"),
    )
    assert "4 SUPPLIED_ARMS_TO 2001-2012, 15 TIV (1 ordered; 1 cancelled)" in route(row)
