"""Mentions of known names in a text: folded, inflected, longest first, offsets exact."""

from __future__ import annotations

from pathlib import Path

from explorer.reading.document import blank_tags
from explorer.reading.folding import tokens
from explorer.reading.gazetteer import Entry, Gazetteer, entries_from_csv
from explorer.reading.mentions import Mention, find_mentions
from explorer.reading.names import new_names
from explorer.reading.sentences import sentences

ENTRIES = [
    Entry("vladimir-putin", "Vladimir Putin", ("Putin", "Путин"), "Person"),
    Entry("gazprom", "Gazprom", (), "Organization"),
    Entry("gazprombank", "Gazprombank", (), "Organization"),
    Entry("gazprom-faction", "Gazprom faction", (), "Faction"),
    Entry("united-states", "United States", ("US", "U.S."), "State"),
    Entry("russia", "Russia", (), "State"),
    Entry("siloviki", "siloviki", (), "Faction"),
    Entry("sao-tome", "São Tomé", (), "State"),
]
GAZETTEER = Gazetteer.build(ENTRIES)


def mentions(text: str) -> list[Mention]:
    return find_mentions(text, tokens(text), GAZETTEER)


def test_every_mention_offset_gives_its_surface_form() -> None:
    text = "Yesterday Vladimir Putin's aide called Gazprombank. Путина ждали в США."
    found = mentions(text)
    assert [(m.id, text[m.start : m.end]) for m in found] == [
        ("vladimir-putin", "Vladimir Putin"),
        ("gazprombank", "Gazprombank"),
        ("vladimir-putin", "Путина"),
    ]
    assert all(m.surface == text[m.start : m.end] for m in found)


def test_a_possessive_is_left_out_of_the_mention() -> None:
    [putin] = mentions("It was Putin's call.")
    assert (putin.surface, putin.start, putin.end) == ("Putin", 7, 12)


def test_case_diacritics_and_cyrillic_script_are_folded() -> None:
    assert [m.id for m in mentions("SAO TOME and Sao Tome, then ПУТИН.")] == [
        "sao-tome",
        "sao-tome",
        "vladimir-putin",
    ]


def test_the_longest_name_wins() -> None:
    assert [m.id for m in mentions("The Gazprom faction won; Gazprom lost.")] == [
        "gazprom-faction",
        "gazprom",
    ]


def test_a_name_another_name_holds_after_its_first_word_is_a_mention_too() -> None:
    faction = Entry("rosneft-faction", "Rosneft faction", ("Putin's Rosneft oil faction",), "")
    gazetteer = Gazetteer.build([Entry("rosneft", "Rosneft", (), "Organization"), faction])
    text = "Putin's Rosneft oil faction grew."
    found = find_mentions(text, tokens(text), gazetteer)
    assert [(m.id, m.surface) for m in found] == [
        ("rosneft-faction", "Putin's Rosneft oil faction"),
        ("rosneft", "Rosneft"),
    ]


def test_a_name_starting_in_lower_case_matches_in_lower_case_whatever_its_other_words() -> None:
    embargo_entry = Entry("embargo", "embargo on arms sales to China", (), "Sanction")
    gazetteer = Gazetteer.build([embargo_entry])
    text = "Western countries placed an embargo on arms sales to China in 1989."
    [embargo] = find_mentions(text, tokens(text), gazetteer)
    assert embargo.surface == "embargo on arms sales to China"


def test_a_plural_in_ies_reads_as_its_singular_in_y() -> None:
    gazetteer = Gazetteer.build([Entry("us-japan", "US-Japan security treaty", (), "Agreement")])
    text = "Like the US-Japan security treaties, it binds both."
    [treaty] = find_mentions(text, tokens(text), gazetteer)
    assert treaty.surface == "US-Japan security treaties"


def test_a_name_inside_a_longer_word_is_no_mention() -> None:
    assert mentions("Gazprombanking and Putinism are not names here.") == []


def test_short_names_match_only_as_written() -> None:
    assert [m.surface for m in mentions("Let us go to the US and the U.S. now.")] == ["US", "U.S"]


def test_a_capitalised_name_needs_its_capital_and_a_lowercase_one_does_not() -> None:
    assert [m.id for m in mentions("russia and the siloviki met Russia.")] == ["siloviki", "russia"]


def test_a_demonym_reads_as_its_state() -> None:
    assert [m.surface for m in mentions("Russian troops.")] == ["Russian"]


def test_capitalised_names_matching_nothing_are_new_names() -> None:
    text = "Later Putin met Novak Djokovic in Belgrade.\nThe Bank of Nowhere paid."
    found = new_names(tokens(text), mentions(text), text)
    assert dict(found) == {"Novak Djokovic": 1, "Belgrade": 1, "Bank of Nowhere": 1}


def test_sentences_end_at_stops_and_lines_but_not_abbreviations() -> None:
    text = "The U.S. President came. Then Mr. Smith left!\nA new line"
    assert [text[s.start : s.end] for s in sentences(text)] == [
        "The U.S. President came.",
        "Then Mr. Smith left!",
        "A new line",
    ]


def test_html_tags_become_blanks_so_offsets_stay_those_of_the_file() -> None:
    html = "<p>Meet <b>Putin</b></p><script>Russia()</script>"
    text = blank_tags(html)
    assert len(text) == len(html)
    [putin] = mentions(text)
    assert html[putin.start : putin.end] == "Putin"


def test_a_seed_entities_file_feeds_the_same_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "entities.csv"
    path.write_text(
        "id,kind,name,aliases\nputin,Person,Vladimir Putin,Putin|Путин\nsrc,Source,A Title,\n",
        encoding="utf-8",
    )
    assert entries_from_csv(path) == [
        Entry("putin", "Vladimir Putin", ("Putin", "Путин"), "Person")
    ]
