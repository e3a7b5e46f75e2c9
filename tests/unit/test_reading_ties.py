"""Candidate ties: two known entities and a trigger of a tie type in one sentence."""

from __future__ import annotations

from pathlib import Path

from explorer.reading.gazetteer import Entry, Gazetteer
from explorer.reading.reader import Reading, read_text
from loader.schema import load_schema, parse_schema

GAZETTEER = Gazetteer.build(
    [
        Entry("gazprombank", "Gazprombank", (), "Organization"),
        Entry("rosatom", "Rosatom", (), "Organization"),
        Entry("novatek", "Novatek", (), "Organization"),
        Entry("vladimir-putin", "Vladimir Putin", ("Putin",), "Person"),
        Entry("igor-sechin", "Igor Sechin", ("Sechin",), "Person"),
    ]
)


def read(text: str) -> Reading:
    return read_text(Path("doc.txt"), text, GAZETTEER)


def test_two_entities_and_a_trigger_in_a_sentence_make_a_candidate() -> None:
    text = "Gazprombank owns a 10% stake in Novatek since 2012. Putin spoke."
    [tie] = read(text).candidates
    assert (tie.type, tie.source.id, tie.target.id) == ("OWNS", "gazprombank", "novatek")
    assert tie.props == {"since": "2012", "share": "10"}
    assert tie.evidence in text and "Gazprombank" in tie.evidence and "Novatek" in tie.evidence


def test_a_passive_trigger_reads_the_tie_backwards() -> None:
    [tie] = read("Novatek is owned by Gazprombank.").candidates
    assert (tie.type, tie.source.id, tie.target.id) == ("OWNS", "gazprombank", "novatek")


def test_the_direction_follows_the_kinds_the_schema_allows() -> None:
    [tie] = read("Rosatom has Sechin as chairman.").candidates
    assert (tie.type, tie.source.id, tie.target.id) == ("LEADS", "igor-sechin", "rosatom")


def test_names_in_different_sentences_make_no_candidate() -> None:
    assert read("Gazprombank lent money. Rosatom took the loan.").candidates == []


def test_one_candidate_per_pair_the_best_scored() -> None:
    [tie] = read("Putin, a friend of Sechin, met him at war.").candidates
    assert tie.type == "FRIEND_OF"


def test_a_low_score_is_left_out_when_asked() -> None:
    text = "Gazprombank lent heavily over many years to a long list of firms, among them Rosatom."
    [tie] = read(text).candidates
    assert read(text).kept(tie.score + 0.01).candidates == []


def test_triggers_are_data_in_the_schema() -> None:
    assert "lent" in load_schema().ties["LENT_TO"].triggers
    text = Path("loader/schema.yaml").read_text("utf-8")
    bare = parse_schema(text.replace('triggers: ["loan", "loans", "lent"', 'triggers: ["loan"'))
    assert "lent" not in bare.ties["LENT_TO"].triggers


def test_a_sum_of_money_in_the_sentence_is_the_amount_of_a_tie_type_that_has_one() -> None:
    [tie] = read("In 2014 Gazprombank lent Rosatom $1.5 billion.").candidates
    assert tie.type == "LENT_TO"
    assert tie.props == {"since": "2014", "amount": "1500000000", "currency": "USD"}


def test_of_two_sums_the_one_nearest_the_trigger_is_the_amount() -> None:
    text = "Gazprombank lent Rosatom $155 million in a year when its profit was $83.5 million."
    [tie] = read(text).candidates
    assert (tie.props["amount"], tie.props["currency"]) == ("155000000", "USD")
