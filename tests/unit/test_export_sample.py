"""The small graph every export test writes, and a check that it stays awkward enough."""

from __future__ import annotations

from loader.records import Node, Tie

QUOTED = 'O\'Brien "Holdings" \\ Partners'
BREAKOUT = "</script><script>alert('x')</script>"
EVIDENCE = "He called him 'a flawless democrat'\nin an interview"


def sample_nodes() -> list[Node]:
    """Eight nodes of six kinds with quotes, a backslash, </script>, non-ASCII and lists."""
    return [
        Node("putin", "Person", {"name": "Vladimir Putin", "aliases": ["V. V. Putin", "Путин"],
                                 "born": "1952-10-07", "sources": ["memo"]}),
        Node("schroeder", "Person", {"name": "Gerhard Schröder", "position": ["Chairman"]}),
        Node("gazprom", "Organization", {"name": "Gazprom", "category": "company"}),
        Node("obrien", "Organization", {"name": QUOTED, "category": "bank"}),
        Node("breakout", "Faction", {"name": BREAKOUT}),
        Node("russia", "State", {"name": "Russia", "iso3": "RUS", "cow_code": 365}),
        Node("cst", "Agreement", {"name": "Collective Security Treaty", "signed": "1992-05-15",
                                  "defense": True, "category": "treaty"}),
        Node("memo", "Source", {"name": "Memo", "title": "Informal networks", "file": "memo.txt",
                                "url": "https://example.org/memo"}),
    ]  # fmt: skip


def sample_ties() -> list[Tie]:
    """Six ties: a float share, an int year, a multi-line quoted evidence, a symmetric tie."""
    return [
        Tie("own-1", "OWNS", "gazprom", "obrien", {"share": 51.0, "sources": ["memo"],
                                                   "evidence": ["51 percent owned"]}),
        Tie("leads-1", "LEADS", "putin", "russia", {"role": "president", "since": "2012",
                                                    "sources": ["memo"]}),
        Tie("friend-1", "FRIEND_OF", "putin", "schroeder", {"sources": ["memo"],
                                                            "evidence": [EVIDENCE, "close"]}),
        Tie("arms-1", "SUPPLIED_ARMS_TO", "russia", "breakout", {"year": 1999, "value": 120.5,
                                                                 "sources": ["memo"]}),
        Tie("party-1", "PARTY_TO", "russia", "cst", {"status": "ratified", "sources": ["memo"]}),
        Tie("mention-1", "MENTIONS", "memo", "putin", {"sources": ["memo"]}),
    ]  # fmt: skip


def test_the_sample_graph_holds_the_awkward_values_the_exports_must_survive() -> None:
    names = [str(n.props["name"]) for n in sample_nodes()]
    assert any("'" in n and '"' in n and "\\" in n for n in names)
    assert any("</script>" in n for n in names)
    assert any(not n.isascii() for n in names)
    props = [n.props for n in sample_nodes()] + [t.props for t in sample_ties()]
    values = [value for record in props for value in record.values()]
    assert {bool, int, float, list, str} <= {type(v) for v in values}
    assert "born" in sample_nodes()[0].props and "born" not in sample_nodes()[1].props
