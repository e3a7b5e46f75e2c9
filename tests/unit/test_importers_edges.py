"""The edge-list importer reads analysts' spreadsheets by a mapping, checked against the schema."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from explorer.cli import main
from loader.check import problems as schema_problems
from loader.errors import InputError
from loader.importers import edges
from loader.importers.base import INVALID, ImportResult
from loader.importers.edges import EdgeMapping, Relation, Wordings, read_wordings
from loader.records import Node, Tie

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "edges"
TIES = FIXTURES / "ties.csv"
MAPPING = EdgeMapping(
    source="from",
    target="to",
    type_column="relation",
    source_kind="Organization",
    source_kind_column="from_kind",
    target_kind="Organization",
    target_kind_column="to_kind",
    target_name="to_name",
    properties=["since", "share", "role", "sources", "id"],
    target_id="to_id",
)


@pytest.fixture(scope="module")
def result() -> ImportResult:
    return edges.read([TIES], MAPPING)


def ties_by_id(result: ImportResult) -> dict[str, Tie]:
    return {tie.id: tie for tie in result.ties}


def problems_of(paths: list[Path], mapping: EdgeMapping = MAPPING) -> list[str]:
    with pytest.raises(InputError) as caught:
        edges.read(paths, mapping)
    return [str(problem) for problem in caught.value.problems]


def test_edge_list_stays_on_the_schema(result: ImportResult) -> None:
    assert schema_problems(result) == []


def test_names_become_namespaced_nodes_once_each(result: ImportResult) -> None:
    assert [(node.id, node.kind) for node in result.nodes] == [
        ("edges-vladimir-putin", "Person"),
        ("edges-gazprom-pjsc", "Organization"),
        ("edges-sibur", "Organization"),
        ("edges-rosneft", "Organization"),
        ("edges-igor-sechin", "Person"),
    ]


def test_name_column_names_the_node_and_keeps_the_cell_as_alias(result: ImportResult) -> None:
    assert result.nodes[1] == Node(
        "edges-gazprom-pjsc",
        "Organization",
        {
            "name": "Gazprom",
            "aliases": ["Gazprom PJSC"],
            "dataset": "edges",
            "record": "ties.csv:2",
        },
    )


def test_id_column_cells_point_at_existing_nodes_without_making_one(
    result: ImportResult,
) -> None:
    located = ties_by_id(result)["edges|edges-rosneft|LOCATED_IN|cow-365"]
    assert (located.source, located.target) == ("edges-rosneft", "cow-365")
    assert "cow-365" not in {node.id for node in result.nodes}


def test_type_cells_read_in_any_case_with_spaces(result: ImportResult) -> None:
    assert [tie.type for tie in result.ties] == [
        "LEADS",
        "OWNS",
        "LOCATED_IN",
        "WORKS_FOR",
        "OWNS",
    ]


def test_carried_columns_are_typed_by_the_schema(result: ImportResult) -> None:
    owns = ties_by_id(result)["edges|edges-gazprom-pjsc|OWNS|edges-sibur|2011-05"]
    assert owns.props == {
        "dataset": "edges",
        "record": "ties.csv:3",
        "sources": ["edges", "doc-1", "doc-2"],
        "since": "2011-05",
        "share": 25.5,
    }


def test_tie_ids_come_from_the_id_column_or_from_ends_type_and_since(
    result: ImportResult,
) -> None:
    assert list(ties_by_id(result)) == [
        "edges|edges-vladimir-putin|LEADS|edges-gazprom-pjsc|2000",
        "edges|edges-gazprom-pjsc|OWNS|edges-sibur|2011-05",
        "edges|edges-rosneft|LOCATED_IN|cow-365",
        "sechin-rosneft",
        "edges|edges-gazprom-pjsc|OWNS|edges-sibur|2019",
    ]


def test_fixed_type_and_dataset_name_apply_to_every_row(tmp_path: Path) -> None:
    path = tmp_path / "owners.csv"
    path.write_text("owner,asset\nAcme Holding,Widget Co\n", "utf-8")
    mapping = EdgeMapping(
        "owner", "asset", fixed_type="OWNS", source_kind="Organization", target_kind="Organization"
    )
    result = edges.read([path], mapping, dataset="desk-2024")
    assert result.ties == [
        Tie(
            "desk-2024|desk-2024-acme-holding|OWNS|desk-2024-widget-co",
            "OWNS",
            "desk-2024-acme-holding",
            "desk-2024-widget-co",
            {"dataset": "desk-2024", "record": "owners.csv:2", "sources": ["desk-2024"]},
        )
    ]
    assert result.dataset == "desk-2024"


def test_skip_invalid_loads_the_good_rows_and_lists_every_bad_one() -> None:
    path = FIXTURES / "bad_rows.csv"
    result = edges.read([path], MAPPING, skip_invalid=True)
    assert [tie.props["record"] for tie in result.ties] == ["bad_rows.csv:8"]
    assert {node.id for node in result.nodes} == {"edges-acme", "edges-widget-co"}
    assert [problem.line for problem in result.invalid] == [2, 3, 4, 5, 6, 7, 9, 10, 11]
    assert result.skipped == {INVALID: 9}


def test_every_bad_row_is_reported_at_its_line_and_column() -> None:
    path = FIXTURES / "bad_rows.csv"
    assert problems_of([path]) == [
        f"{path}:2: relation: empty",
        f"{path}:3: relation: OWNS does not allow Organization -> State",
        f"{path}:4: share: 'lots' is not a plain decimal number",
        f"{path}:5: since: '13/05/2020' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
        f"{path}:6: from_kind: unknown kind 'Persn'; did you mean Person?",
        f"{path}:7: from: empty",
        f"{path}:9: same ends, type and since as bad_rows.csv:8",
        f"{path}:10: from: edges-acme is Person here but Organization at bad_rows.csv:8",
        f"{path}:11: role: not a property of OWNS; its properties: share, id, sources, evidence,"
        " since, until, confidence, note, raw_label",
    ]


def test_wrong_columns_are_named_with_the_columns_present() -> None:
    path = FIXTURES / "other_columns.csv"
    assert problems_of([path]) == [
        f"{path}:1: missing columns: relation, from, from_kind, to, to_id, to_kind, to_name,"
        " since, share, role, sources, id (columns present: source, target, type)"
    ]


def test_missing_file_is_named() -> None:
    assert problems_of([FIXTURES / "absent.csv"]) == [f"{FIXTURES}/absent.csv: no such file"]


def test_text_that_is_not_utf8_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("from,to,relation\nJosé,Acme,owns\n".encode("latin-1"))
    mapping = EdgeMapping(
        "from", "to", type_column="relation", source_kind="Person", target_kind="Organization"
    )
    assert problems_of([path], mapping) == [f"{path}:2: not UTF-8 text (byte 0xe9)"]


def person_to_company(**options: Any) -> EdgeMapping:
    defaults = {
        "source": "a",
        "target": "b",
        "source_kind": "Person",
        "target_kind": "Organization",
    }
    return EdgeMapping(**(defaults | options))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({}, "give exactly one of type_column and fixed_type"),
        ({"type_column": "t", "fixed_type": "OWNS"}, "give exactly one of type_column and"),
        ({"fixed_type": "OWNZ"}, "unknown tie type 'OWNZ'"),
        ({"fixed_type": "OWNS", "source_kind": None}, "a: give a default kind or a kind column"),
        ({"fixed_type": "OWNS", "source": None}, "give a source column, a source id column, or"),
        ({"fixed_type": "OWNS", "target_kind": "Planet"}, "b: unknown kind 'Planet'"),
        ({"fixed_type": "OWNS", "properties": ["record"]}, "record: set by the importer"),
    ],
)
def test_inconsistent_mapping_is_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        person_to_company(**options)


def test_inserting_a_row_leaves_every_other_tie_id_unchanged(
    result: ImportResult, tmp_path: Path
) -> None:
    rows = TIES.read_text("utf-8").splitlines(keepends=True)
    inserted = "Rosneft,Sibur,owns,,,,2020,5,,,,\n"
    longer = tmp_path / "ties.csv"
    longer.write_text("".join([*rows[:3], inserted, *rows[3:]]), "utf-8")
    ids = [tie.id for tie in edges.read([longer], MAPPING).ties]
    assert [tie_id for tie_id in ids if tie_id != "edges|edges-rosneft|OWNS|edges-sibur|2020"] == [
        tie.id for tie in result.ties
    ]


def test_an_edge_list_names_its_files_and_has_no_version(result: ImportResult) -> None:
    assert (result.dataset, result.version, result.files) == ("edges", None, [str(TIES)])


# An edge list in its own words (issue 15): connections.csv has the shape of a real one.

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "importers" / "edges_real"
CONNECTIONS = REAL / "connections.csv"


def in_own_words(**options: Any) -> EdgeMapping:
    mapping: dict[str, Any] = {
        "source": "entity1",
        "target": "entity2",
        "type_column": "relationship",
        "source_kind_column": "entity1_kind",
        "target_kind_column": "entity2_kind",
        "properties": ["since", "until", "sources"],
        "renames": {"start": "since", "end": "until", "Source(s)": "sources"},
        "wordings": read_wordings(REAL / "mapping.yaml"),
    }
    return EdgeMapping(**(mapping | options))


@pytest.fixture(scope="module")
def own_words() -> ImportResult:
    return edges.read([CONNECTIONS], in_own_words())


def ties_at(result: ImportResult, line: int) -> Tie:
    return next(tie for tie in result.ties if tie.props["record"] == f"connections.csv:{line}")


def test_an_edge_list_in_its_own_words_loads_whole_and_on_the_schema(
    own_words: ImportResult,
) -> None:
    assert len(own_words.ties) == 40
    assert schema_problems(own_words) == []


def test_owned_by_maps_to_owns_from_the_owner(own_words: ImportResult) -> None:
    tie = ties_at(own_words, 4)  # Northern Rail Holdings,owned by,Aurora Capital Partners
    assert (tie.type, tie.source, tie.target) == (
        "OWNS",
        "edges-aurora-capital-partners",
        "edges-northern-rail-holdings",
    )
    assert tie.props["raw_label"] == "owned by"


def test_mapped_wordings_match_in_any_case_and_keep_their_wording(own_words: ImportResult) -> None:
    tie = ties_at(own_words, 9)  # Marek Novak,person,Director of,Baltic Timber Group
    assert (tie.type, tie.source, tie.props["raw_label"]) == (
        "LEADS",
        "edges-marek-novak",
        "Director of",
    )


def test_wordings_that_name_a_tie_type_need_no_mapping_and_keep_no_raw_label(
    own_words: ImportResult,
) -> None:
    member, partner = ties_at(own_words, 17), ties_at(own_words, 39)
    assert (member.type, partner.type) == ("MEMBER_OF", "PARTNER_OF")
    assert "raw_label" not in member.props and "raw_label" not in partner.props


def test_kind_wordings_map_to_kinds(own_words: ImportResult) -> None:
    kinds = {node.props["name"]: node.kind for node in own_words.nodes}
    assert (kinds["Oskar Berg"], kinds["Baltic Timber Group"]) == ("Person", "Organization")


def test_unmapped_wordings_load_as_affiliated_with_and_are_counted_by_wording(
    own_words: ImportResult,
) -> None:
    tie = ties_at(own_words, 22)  # Aurora Group,donated to,Forest Futures Foundation
    assert (tie.type, tie.props["raw_label"]) == ("AFFILIATED_WITH", "donated to")
    assert tie.id == (
        "edges|edges-aurora-group|AFFILIATED_WITH|edges-forest-futures-foundation|2016|donated-to"
    )
    unmapped = {k: v for k, v in own_words.notes.items() if k.startswith("unmapped")}
    assert unmapped == {
        "unmapped wording 'advisor to' loaded as AFFILIATED_WITH": 2,
        "unmapped wording 'business partner' loaded as AFFILIATED_WITH": 3,
        "unmapped wording 'donated to' loaded as AFFILIATED_WITH": 3,
        "unmapped wording 'lobbyist for' loaded as AFFILIATED_WITH": 1,
        "unmapped wording 'related to' loaded as AFFILIATED_WITH": 1,
        "unmapped wording 'supplier of' loaded as AFFILIATED_WITH": 2,
    }


def test_an_unknown_wording_loads_rather_than_refusing_the_file(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,rel\nAnn,Acme,friend of the family\n", "utf-8")
    mapping = person_to_company(type_column="rel")
    [tie] = edges.read([path], mapping).ties
    assert (tie.type, tie.props["raw_label"]) == ("AFFILIATED_WITH", "friend of the family")


def test_two_unmapped_wordings_between_the_same_ends_are_two_ties(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,rel\nAnn,Acme,advisor to\nAnn,Acme,donor to\n", "utf-8")
    ties = edges.read([path], person_to_company(type_column="rel")).ties
    assert [tie.props["raw_label"] for tie in ties] == ["advisor to", "donor to"]


def test_renamed_columns_are_carried_by_their_new_name(own_words: ImportResult) -> None:
    tie = ties_at(own_words, 6)  # Aurora Capital Partners,owned by,Helena Varga,2005,,a|b
    assert tie.props["since"] == "2005"
    assert tie.props["sources"] == [
        "edges",
        "https://example.org/registry/acp",
        "https://example.org/press/varga",
    ]
    assert ties_at(own_words, 4).props["until"] == "2018"


def test_renaming_a_column_the_file_lacks_names_the_columns_present() -> None:
    mapping = in_own_words(renames={"Sources": "sources"}, properties=["sources"])
    assert problems_of([CONNECTIONS], mapping) == [
        f"{CONNECTIONS}:1: missing columns: Sources (columns present: entity1, entity1_kind,"
        " relationship, entity2, entity2_kind, start, end, Source(s))"
    ]


def test_a_numeric_looking_name_is_a_name_not_an_id(tmp_path: Path) -> None:
    path = tmp_path / "dyads.csv"
    path.write_text("a,b\n200,365\n7-Eleven,Acme\n", "utf-8")
    mapping = EdgeMapping("a", "b", fixed_type="ALLIED_WITH", source_kind="State",
                          target_kind="State")  # fmt: skip
    result = edges.read([path], mapping)
    assert [(t.source, t.target) for t in result.ties] == [
        ("edges-200", "edges-365"),
        ("edges-7-eleven", "edges-acme"),
    ]
    assert [node.props["name"] for node in result.nodes] == ["200", "365", "7-Eleven", "Acme"]


def test_id_columns_name_loaded_entities_and_win_over_the_name_where_filled(
    tmp_path: Path,
) -> None:
    path = tmp_path / "dyads.csv"
    path.write_text("a,b,b_id\nRussia,,cow-2\nRussia,Belarus,\n", "utf-8")
    mapping = EdgeMapping(source_id="a", target="b", target_id="b_id", fixed_type="ALLIED_WITH",
                          source_kind="State", target_kind="State")  # fmt: skip
    result = edges.read([path], mapping)
    assert [(t.source, t.target) for t in result.ties] == [
        ("Russia", "cow-2"),
        ("Russia", "edges-belarus"),
    ]
    assert [node.id for node in result.nodes] == ["edges-belarus"]


def test_names_differing_only_in_punctuation_are_two_nodes(own_words: ImportResult) -> None:
    invesco = {n.props["name"]: n.id for n in own_words.nodes if "INVESCO" in n.props["name"]}
    assert invesco == {
        "INVESCO LTD.": "edges-invesco-ltd-e74e42",
        "INVESCO, LTD.": "edges-invesco-ltd-7a917e",
    }
    kept = "names kept apart that differ from another only in case or punctuation"
    assert own_words.notes[f"{kept} (--fold-names merges them)"] == 4


def test_the_ids_of_names_kept_apart_do_not_depend_on_row_order(tmp_path: Path) -> None:
    lines = ["Ann,INVESCO LTD.", 'Bob,"INVESCO, LTD."', "Cid,Invesco Ltd"]
    ids = []
    for order in (lines, lines[::-1]):
        path = tmp_path / "e.csv"
        path.write_text("a,b\n" + "\n".join(order) + "\n", "utf-8")
        result = edges.read([path], person_to_company(fixed_type="WORKS_FOR"))
        ids.append({node.props["name"]: node.id for node in result.nodes})
    assert ids[0] == ids[1]
    assert len({ids[0][name] for name in ("INVESCO LTD.", "INVESCO, LTD.", "Invesco Ltd")}) == 3


def test_folded_names_are_one_node_named_by_the_most_used_spelling() -> None:
    result = edges.read([CONNECTIONS], in_own_words(fold_names=True))
    severn = [node for node in result.nodes if "SEVERN" in node.props["name"]]
    assert [(n.id, n.props["name"], n.props["aliases"]) for n in severn] == [
        ("edges-severn-trent-plc", "SEVERN TRENT PLC", ["SEVERN TRENT, PLC"])
    ]
    folded = "names folded into another that differs only in case or punctuation, kept as aliases"
    assert result.notes[folded] == 2


def test_folding_breaks_a_tie_of_counts_by_sorted_spelling(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text('a,b\nAnn,"Acme, Inc"\nBob,Acme Inc\n', "utf-8")
    [acme] = edges.read([path], person_to_company(fixed_type="WORKS_FOR", fold_names=True)).nodes[
        1:2
    ]
    assert (acme.props["name"], acme.props["aliases"]) == ("Acme Inc", ["Acme, Inc"])


def test_an_unknown_property_column_is_named_with_the_properties_of_the_type(
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,startdate\nAnn,Acme,2001\n", "utf-8")
    mapping = person_to_company(fixed_type="LEADS", properties=["startdate"])
    assert problems_of([path], mapping) == [
        f"{path}:2: startdate: not a property of LEADS; its properties: role, id, sources,"
        " evidence, since, until, confidence, note, raw_label"
    ]


def test_a_column_the_generic_type_lacks_is_left_out_of_unmapped_rows_and_counted(
    tmp_path: Path,
) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,rel,role\nAnn,Acme,leads,chair\nAnn,Acme,patron,donor\n", "utf-8")
    result = edges.read([path], person_to_company(type_column="rel", properties=["role"]))
    assert [tie.props.get("role") for tie in result.ties] == ["chair", None]
    assert result.notes["role: not a property of AFFILIATED_WITH, left out (unmapped wording)"] == 1


def test_a_mapped_wording_the_ends_do_not_fit_is_named(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a,b,rel\nAcme,Ann,director of\n", "utf-8")
    wordings = Wordings({"director of": Relation("LEADS")})
    mapping = EdgeMapping("a", "b", type_column="rel", source_kind="Organization",
                          target_kind="Person", wordings=wordings)  # fmt: skip
    assert problems_of([path], mapping) == [
        f"{path}:2: rel: 'director of' read as LEADS does not allow Organization -> Person"
    ]


def test_a_csv_mapping_file_reads_as_the_yaml_one() -> None:
    assert read_wordings(REAL / "mapping.csv") == read_wordings(REAL / "mapping.yaml")


def test_wordings_given_in_python_match_in_any_case_and_spacing() -> None:
    wordings = Wordings({"Owned  By": Relation("OWNS", reverse=True)}, {"Company": "Organization"})
    assert wordings.relation(" owned by ") == Relation("OWNS", reverse=True)
    assert wordings.kind("COMPANY") == "Organization"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Relation("OWNZ"), "unknown tie type 'OWNZ'; did you mean OWNS?"),
        (lambda: Wordings(kinds={"firm": "Organisation"}), "firm: unknown kind 'Organisation'"),
    ],
)
def test_wordings_of_unknown_types_and_kinds_are_refused(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def wordings_problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_wordings(path)
    return [str(problem) for problem in caught.value.problems]


def test_mapping_file_problems_are_reported_at_their_lines_with_close_names(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text(
        "relations:\n"
        "  owned by: {type: OWN, reverse: true}\n"
        "  director of: LEADS\n"
        "  Director  Of: WORKS_FOR\n"
        "  partner: {type: PARTNER_OF, reverse: maybe}\n"
        "  friend: [FRIEND_OF]\n"
        "kinds:\n"
        "  company: Organisation\n"
        "colours: {}\n",
        "utf-8",
    )
    assert wordings_problems(path) == [
        f"{path}:2: owned by: unknown tie type 'OWN'; did you mean OWNS?",
        f"{path}:4: Director  Of: mapped already at line 3",
        f"{path}:5: partner: 'maybe' is not a boolean (true/false/yes/no/1/0)",
        f"{path}:6: friend: give a tie type",
        f"{path}:8: company: unknown kind 'Organisation'; did you mean Organization, Sanction?",
        f"{path}:9: unknown section 'colours': give relations or kinds",
    ]


def test_csv_mapping_file_problems_are_reported_at_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "mapping.csv"
    path.write_text(
        "field,wording,maps_to,reverse\n"
        "relation,owned by,OWNS,yes\n"
        "relation,funded by,FUND,true\n"
        "kind,company,Organization,true\n"
        "colour,company,orange,\n",
        "utf-8",
    )
    assert wordings_problems(path) == [
        f"{path}:3: funded by: unknown tie type 'FUND'; did you mean FUNDS?",
        f"{path}:4: company: a kind has no direction to reverse",
        f"{path}:5: field: 'colour': give relation or kind",
    ]


def test_a_mapping_file_that_is_not_yaml_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("relations:\n  owned by: {type: OWNS\n", "utf-8")
    [problem] = wordings_problems(path)
    assert problem.startswith(f"{path}:3: not YAML: ")


def load_edges(*args: str) -> Result:
    return CliRunner().invoke(
        main, ["--uri", "bolt://127.0.0.1:1", "load", "--from", "edges", *args]
    )


def test_a_rename_without_equals_is_a_usage_error() -> None:
    result = load_edges(str(CONNECTIONS), "--tie-type", "OWNS", "--rename", "Source(s)")
    assert result.exit_code == 2
    assert "--rename 'Source(s)': give OLD=NEW, e.g. 'Source(s)=sources'" in result.stderr


def test_mapping_file_problems_stop_the_load_before_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yaml"
    path.write_text("relations:\n  owned by: OWN\n", "utf-8")
    result = load_edges(str(CONNECTIONS), "--type-column", "relationship", "--mapping", str(path))
    assert result.exit_code == 1
    assert f"{path}:2: owned by: unknown tie type 'OWN'; did you mean OWNS?" in result.stderr


def test_an_id_column_option_alone_reads_the_cells_as_ids(tmp_path: Path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("a_id,kind,b\ncow-365,State,Acme\ncow-365,Person,Beta\n", "utf-8")
    result = load_edges(str(path), "--tie-type", "FUNDS", "--source-id-column", "a_id",
                        "--source-kind-column", "kind", "--target-column", "b",
                        "--target-kind", "Organization")  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:3: a_id: cow-365 is Person here but State at e.csv:2" in result.stderr


def test_the_readme_shows_the_fixtures_mapping() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    shown = readme.split("**An edge list in its own words.**")[1].split("```yaml\n")[1]
    mapping = (REAL / "mapping.yaml").read_text("utf-8")
    assert shown.split("```")[0] == mapping.split("\n", 1)[1]  # without its comment line


COW_DYADS = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "realdata"
    / "cow"
    / "alliance_v4.1_by_dyad.csv"
)


def test_the_cow_dyad_files_numeric_codes_are_names_not_ids(tmp_path: Path) -> None:
    if not COW_DYADS.is_file():
        pytest.skip("needs ../shared/realdata")
    mapping = EdgeMapping("ccode1", "ccode2", fixed_type="ALLIED_WITH", source_kind="State",
                          target_kind="State", renames={"dyad_st_year": "since"},
                          properties=["since"])  # fmt: skip
    head = tmp_path / "dyads.csv"
    head.write_text("".join(COW_DYADS.read_text("utf-8").splitlines(keepends=True)[:4]))
    first = edges.read([head], mapping)
    assert [(t.source, t.target) for t in first.ties] == [
        ("edges-200", "edges-235"),
        ("edges-200", "edges-380"),
        ("edges-240", "edges-245"),
    ]
    with pytest.raises(InputError) as refused:
        edges.read([COW_DYADS], mapping)
    # What is left of the whole file is its own: a dyad in two alliances begun the same year
    # (the cow importer keys ties on the alliance).
    messages = {problem.message.split(" as ")[0] for problem in refused.value.problems}
    assert messages == {"same ends, type and since"}
