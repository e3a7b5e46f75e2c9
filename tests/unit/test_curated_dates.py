"""The curated dataset says what its documents say about time, delivery and how firmly.

Read with the project's own seed reader, no database: dates on memberships, treaties and
alliances, withdrawals as `until` dates, arms deals that were never delivered, and ties the
documents only imply graded `inferred`.
"""

from __future__ import annotations

from functools import cache

import pytest
from click.testing import CliRunner

from explorer.cli import main
from loader.records import Tie
from loader.schema import load_schema
from loader.seed import default_data_dir, read_seed
from loader.validate import find_sources_dir

ALLIES = ("armenia", "belarus", "kazakhstan", "kyrgyzstan", "tajikistan")
TASHKENT = "collective-security-treaty"


@cache
def curated() -> tuple[Tie, ...]:
    return tuple(read_seed(default_data_dir()).ties)


def ties(tie_type: str, target: str | None = None) -> list[Tie]:
    return [t for t in curated() if t.type == tie_type and target in (None, t.target)]


def one(tie_type: str, source: str, target: str) -> Tie:
    found = [t for t in ties(tie_type, target) if t.source == source]
    assert len(found) == 1, (tie_type, source, target)
    return found[0]


def test_csto_memberships_have_dates() -> None:
    members = ties("MEMBER_OF", "csto")
    assert {t.source for t in members} >= {"russia", *ALLIES}
    assert [t.source for t in members if t.props.get("since") != "2002"] == []


def test_eurasec_memberships_have_dates() -> None:
    members = ties("MEMBER_OF", "eurasec")
    assert {t.source for t in members} >= {"russia", "belarus", "kazakhstan", "tajikistan"}
    assert [t.source for t in members if t.props.get("since") != "2000"] == []


def test_every_tashkent_treaty_party_signed_it_in_1992() -> None:
    parties = ties("PARTY_TO", TASHKENT)
    assert {t.source for t in parties} == {"russia", "uzbekistan", *ALLIES}
    assert all(t.props.get("since") == "1992" for t in parties)
    assert all(t.props.get("status") == "signed" for t in parties)


def test_the_tashkent_alliances_start_in_1992() -> None:
    for ally in ALLIES:
        assert one("ALLIED_WITH", "russia", ally).props.get("since") == "1992", ally


def test_uzbekistans_tashkent_treaty_tie_ends_with_an_until_date() -> None:
    left = one("PARTY_TO", "uzbekistan", TASHKENT)
    assert left.props.get("until") == "1999"
    assert left.props["since"] < left.props["until"]
    assert left.props.get("status") != "withdrew"


def test_the_russia_china_alliance_starts_with_the_july_2001_treaty() -> None:
    alliance = one("ALLIED_WITH", "russia", "china")
    assert alliance.props.get("since") == "2001-07"
    treaty = alliance.props["agreement"]
    assert {t.props.get("since") for t in ties("PARTY_TO", treaty)} == {"2001-07"}


def test_no_role_says_withdrew() -> None:
    assert [t.id for t in curated() if str(t.props.get("role", "")).lower() == "withdrew"] == []


def test_a_withdrew_status_stands_only_where_the_documents_date_no_end() -> None:
    withdrawn = [t for t in curated() if t.props.get("status") == "withdrew"]
    assert {t.target for t in withdrawn} == {"sino-soviet-defence-agreement"}
    assert all("until" not in t.props and "not given" in t.props["note"] for t in withdrawn)


def test_the_s300_deals_are_not_deliveries() -> None:
    s300 = {t.target: t for t in ties("SUPPLIED_ARMS_TO") if "S-300" in t.props.get("weapon", "")}
    assert s300["iran"].props.get("status") == "cancelled"
    assert s300["iran"].props.get("until") == "2010"
    assert s300["syria"].props.get("status") == "ordered"


def test_every_arms_tie_says_whether_it_was_delivered() -> None:
    status = load_schema().tie_property("SUPPLIED_ARMS_TO", "status")
    assert status is not None
    assert status.values == ("ordered", "delivered", "cancelled")
    assert [t.id for t in ties("SUPPLIED_ARMS_TO") if "status" not in t.props] == []


def test_no_tie_whose_note_says_implied_is_graded_reported() -> None:
    implied = [t for t in curated() if "implied" in t.props.get("note", "").lower()]
    assert len(implied) >= 11
    assert {t.id: t.props.get("confidence") for t in implied} == {t.id: "inferred" for t in implied}


def test_every_inferred_tie_says_what_implies_it() -> None:
    inferred = [t for t in curated() if t.props.get("confidence") == "inferred"]
    assert inferred
    assert [t.id for t in inferred if "implied" not in t.props.get("note", "").lower()] == []


def test_inferred_ranks_right_after_reported() -> None:
    confidence = load_schema().tie_properties["confidence"]
    assert confidence.values == ("reported", "inferred", "alleged", "disputed", "speculative")
    assert "inferred (" in confidence.description


def test_every_confidence_value_in_the_data_is_in_the_schema_enum() -> None:
    grades = set(load_schema().tie_properties["confidence"].values)
    assert {t.props["confidence"] for t in curated() if "confidence" in t.props} <= grades


def test_every_tie_but_a_mention_carries_evidence() -> None:
    mentions = load_schema().provenance
    assert [t.id for t in curated() if t.type != mentions and not t.props.get("evidence")] == []


def test_explorer_validate_passes_with_every_evidence_fragment_verbatim() -> None:
    documents = find_sources_dir()
    if documents is None:
        pytest.skip("needs the shared seed documents (../shared/seeds)")
    data = default_data_dir()
    args = ["validate", str(data), "--sources-dir", str(documents)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"{data}: valid (evidence checked against {documents})" in result.stderr
