"""Probable matches: which pairs `loader.resolve.candidates` proposes, how it scores and
explains them, and that blocking keeps it from comparing every pair."""

# ruff: noqa: RUF001  (Cyrillic names are the point)

from __future__ import annotations

import random
import string

from loader.resolve import Candidate, Rec, blocks, candidates
from loader.resolve.scoring import NAMES


def person(
    ident: str,
    name: str,
    *,
    born: str | None = None,
    countries: tuple[str, ...] = (),
    entity: str = "",
) -> Rec:
    return Rec(ident, "Person", name, entity=entity, born=born, countries=countries)


def organization(ident: str, name: str) -> Rec:
    return Rec(id=ident, kind="Organization", name=name)


def pair(found: list[Candidate], a: str, b: str) -> Candidate | None:
    return next((c for c in found if {c.a, c.b} == {a, b}), None)


def test_transliterated_names_match() -> None:
    found = candidates([person("a", "Vladimir Putin"), person("b", "Владимир Путин")])
    assert [(c.a, c.b) for c in found] == [("a", "b")]
    assert found[0].score >= 0.9
    assert "transliterated" in found[0].reasons[0]


def test_romanizations_of_one_name_match() -> None:
    found = candidates([person("a", "Yuriy Dmitriyev"), person("b", "Iurii Dmitriev")])
    assert found and found[0].score == NAMES


def test_reordered_names_match() -> None:
    found = candidates([person("a", "Putin Vladimir"), person("b", "Vladimir Putin")])
    assert found and found[0].score == NAMES
    assert "reordered" in found[0].reasons[0]


def test_a_typo_matches() -> None:
    found = candidates([person("a", "Vladimir Putin"), person("b", "Vladimir Ptuin")])
    assert found and "typo" in found[0].reasons[0]


def test_a_dropped_middle_name_and_initials_match() -> None:
    recs = [
        person("a", "Путин Владимир Владимирович"),
        person("b", "Vladimir Putin"),
        person("c", "В. В. Путин"),
    ]
    found = candidates(recs)
    assert pair(found, "a", "b") and pair(found, "a", "c")


def test_organizations_match_whatever_their_legal_form() -> None:
    recs = [organization("a", "Gazprom PJSC"), organization("b", "ПАО «Газпром»")]
    found = candidates([*recs, organization("c", "Gazprom")])
    assert {(c.a, c.b) for c in found} == {("a", "b"), ("a", "c"), ("b", "c")}
    assert all(c.score == NAMES for c in found)


def test_another_company_sharing_a_word_is_not_proposed() -> None:
    found = candidates([organization("a", "Gazprom"), organization("b", "Gazprom Neft")])
    assert found == []


def test_names_alone_never_make_a_sure_score() -> None:
    alone = candidates([person("a", "Oleg Orlov"), person("b", "Oleg Orlov")])
    dated = candidates(
        [person("a", "Oleg Orlov", born="1970-01-02"), person("b", "Oleg Orlov", born="1970-01-02")]
    )
    assert alone[0].score == NAMES < dated[0].score == 1.0


def test_a_common_name_scores_below_a_rare_one() -> None:
    recs = [person(f"p{i}", "Ivan Petrov") for i in range(10)]
    found = candidates([*recs, person("a", "Valeriya Vupaenko"), person("b", "Vupaenko Valeriya")])
    assert found[0].score == NAMES and {found[0].a, found[0].b} == {"a", "b"}
    assert all(c.score < NAMES for c in found[1:])
    assert "common name: 'Ivan Petrov' in 10 records -0.02" in found[1].reasons


def test_other_birth_years_score_below_the_same_birth_date() -> None:
    recs = [
        person("a", "Sergey Ivanov", born="1961-03-02"),
        person("b", "Sergei Ivanov", born="1961-03-02"),
        person("c", "Sergey Ivanov", born="1975"),
    ]
    found = candidates(recs, minimum=0.0)
    same, other = pair(found, "a", "b"), pair(found, "a", "c")
    assert same and other and other.score < same.score
    assert any(r.startswith("born differs: 1961 vs 1975") for r in other.reasons)
    assert any(r.startswith("born: 1961-03-02 = 1961-03-02") for r in same.reasons)


def test_shared_countries_are_a_reason() -> None:
    found = candidates(
        [person("a", "Oleg Orlov", countries=("RU",)), person("b", "Олег Орлов", countries=("ru",))]
    )
    assert "countries: ru shared" in found[0].reasons


def test_records_of_one_entity_are_never_proposed() -> None:
    recs = [person("a", "Vladimir Putin", entity="a"), person("b", "Владимир Путин", entity="a")]
    assert candidates(recs) == []


def test_vetoed_pairs_are_never_proposed() -> None:
    recs = [person("a", "Vladimir Putin"), person("b", "Владимир Путин")]
    assert candidates(recs, vetoed=[frozenset(("b", "a"))]) == []


def test_different_kinds_are_never_paired() -> None:
    assert candidates([person("a", "Rosatom"), organization("b", "Rosatom")]) == []


def test_each_entity_pair_is_proposed_once() -> None:
    recs = [
        person("a", "Vladimir Putin", entity="a"),
        person("b", "Путин Владимир", entity="a"),
        person("c", "Владимир Путин"),
    ]
    assert len(candidates(recs)) == 1


def test_every_candidate_has_reasons_and_a_score_in_range() -> None:
    recs = [
        person("a", "Vladimir Putin", born="1952-10-07", countries=("ru",)),
        person("b", "Путин Владимир Владимирович", born="1952-10-07"),
        person("c", "Vladimir Ptuin", born="1952"),
        organization("d", "Rosneft"),
        organization("e", "OAO Rosneft"),
    ]
    found = candidates(recs, minimum=0.0)
    assert len(found) == 4
    for candidate in found:
        assert candidate.a < candidate.b and 0.0 <= candidate.score <= 1.0
        assert candidate.reasons and candidate.reasons[0].startswith("names: ")
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_each_record_keeps_its_best_candidates_and_no_more_are_kept() -> None:
    recs = [person(f"r{i}", "Ivan Petrov") for i in range(8)]
    found = candidates(recs, per_record=2)
    assert all(sum(1 for c in found if r.id in (c.a, c.b)) >= 2 for r in recs)
    assert len(found) < len(candidates(recs, per_record=8)) == 8 * 7 // 2


def test_blocking_compares_far_fewer_pairs_than_all() -> None:
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(5, 9))).title()

    firsts, lasts = [word() for _ in range(20)], [word() for _ in range(500)]
    recs = [person(f"p{i}", f"{rng.choice(firsts)} {rng.choice(lasts)}") for i in range(5000)]
    found = blocks(recs)
    compared = sum(len(block.rows) * len(block.columns) for block in found)
    assert found and compared < len(recs) * (len(recs) - 1) // 2 // 100
