"""schema.yaml is the one source: colours, captions, the FtM table, route rules, query names."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest

from explorer.browser.style import grass
from explorer.export import captions
from explorer.export.captions import tie_caption
from explorer.export.ftm import write_ftm
from explorer.export.palette import kind_colours
from loader.errors import QueryFileError
from loader.importers import ftm
from loader.records import Node, Tie
from loader.schema import ANY_KIND, Schema, load_schema, parse_schema
from queries.library import parse

HEADER = "// name: demo\n// A demo query.\n"
SCHEMA_TEXT = resources.files("loader").joinpath("schema.yaml").read_text("utf-8")


def changed_schema(old: str, new: str) -> Schema:
    assert SCHEMA_TEXT.count(old) == 1, old
    return parse_schema(SCHEMA_TEXT.replace(old, new))


def parse_query(body: str) -> object:
    return parse(HEADER + body, Path("demo.cypher"))


# The query library checks labels and relationship types against the schema.


def test_a_query_with_an_unknown_label_fails_with_file_and_line() -> None:
    body = "MATCH (n:Entity)\nWHERE n:Planet\nRETURN n\n"
    with pytest.raises(QueryFileError, match=r"demo.cypher:4: label :Planet is neither Entity"):
        parse_query(body)


def test_a_query_with_an_unknown_relationship_type_fails_with_file_and_line() -> None:
    body = "MATCH (a:Person)\n  -[r:OWNS|OWNZ]->(b)\nRETURN b\n"
    with pytest.raises(QueryFileError, match=r"demo.cypher:4: relationship type :OWNZ is not"):
        parse_query(body)


def test_an_unknown_label_in_a_node_pattern_fails() -> None:
    with pytest.raises(QueryFileError, match=r"demo.cypher:3: label :Spy"):
        parse_query("MATCH (:Spy {id: 'x'}) RETURN 1\n")


def test_strings_comments_and_map_keys_name_no_labels_so_the_real_one_is_found() -> None:
    body = (
        "MATCH (n:Entity {id: 'a:Planet'}) // n:Spy\n"
        "CALL { MATCH (m:State) RETURN m }\n"
        'WITH n {.id, kind: n.kind, Planet: 1} AS p, {flag: n:Person} AS m, "x:Y" AS s\n'
        "RETURN n:Moon\n"
    )
    with pytest.raises(QueryFileError, match=r"demo.cypher:6: label :Moon") as caught:
        parse_query(body)
    assert "Planet" not in str(caught.value)


def test_the_packaged_queries_name_no_source_label() -> None:
    queries = Path(str(resources.files("queries")))
    assert not any(":Source" in path.read_text("utf-8") for path in queries.glob("*.cypher"))


# Colours and captions come from the schema.


def test_a_colour_changed_in_the_schema_changes_the_palette_and_the_style_sheet() -> None:
    schema = changed_schema('colour: "#E15759"', 'colour: "#123456"')
    assert kind_colours(schema)["State"] == "#123456"
    assert "node.State {\n  color: #123456;\n  border-color: #0E2A45;" in grass(schema)
    assert "#E15759" not in grass(schema)


def test_a_caption_changed_in_the_schema_changes_the_style_sheet() -> None:
    schema = changed_schema(
        'colour: "#59A14F"\n    caption: name', 'colour: "#59A14F"\n    caption: title'
    )
    assert "node.Source {\n  color: #59A14F;\n  border-color: #47813F;\n" in grass(schema)
    assert "  caption: '{title}';\n}" in grass(schema)


def test_a_kind_without_a_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="kind State: colour must be #RRGGBB"):
        changed_schema('colour: "#E15759"', 'colour: "red"')


# Routes: Source (and Statistic) are ends of `paths: false` tie types only.


def test_the_kinds_routes_never_reach_are_ends_of_no_path_tie_type() -> None:
    schema = load_schema()
    off_routes = {"Source", "Statistic"}
    for name in schema.path_types:
        tie = schema.ties[name]
        assert not ({*tie.sources, *tie.targets} & (off_routes | {ANY_KIND})), name


def test_a_path_tie_type_that_could_touch_a_source_is_refused() -> None:
    with pytest.raises(ValueError, match="tie type OWNS is followed by paths"):
        changed_schema("to: [Organization, Facility]", "to: [Organization, Facility, Source]")


def test_the_provenance_tie_type_is_the_one_docs_count_as_mentions() -> None:
    assert load_schema().provenance == "MENTIONS"
    with pytest.raises(ValueError, match="exactly one tie type must be `provenance: true`"):
        changed_schema("    provenance: true\n", "")


# The FtM table is one table, read both ways.


def _ftm_lines_without_our_records(nodes: list[Node], ties: list[Tie], tmp_path: Path) -> Path:
    out = io.StringIO()
    write_ftm(nodes, ties, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    path = tmp_path / "graph.ftm.json"
    text = "".join(
        json.dumps({k: v for k, v in line.items() if k != "explorer"}) + "\n" for line in lines
    )
    path.write_text(text, "utf-8")
    return path


MAPPED = [name for name, tie in load_schema().ties.items() if tie.ftm and tie.ftm.imported]


def test_the_table_maps_the_tie_types_ftm_has_relations_for() -> None:
    assert load_schema().ftm_ties == {
        "Ownership": "OWNS",
        "UnknownLink": "AFFILIATED_WITH",
        "Directorship": "LEADS",
        "Employment": "WORKS_FOR",
        "Membership": "MEMBER_OF",
        "Family": "RELATIVE_OF",
        "Associate": "ASSOCIATE_OF",
        "Sanction": "SANCTIONS",
    }


@pytest.mark.parametrize("tie_type", MAPPED)
def test_each_mapped_tie_type_exports_to_an_ftm_schema_that_imports_back_to_it(
    tie_type: str, tmp_path: Path
) -> None:
    schema = load_schema()
    tie = schema.ties[tie_type]
    imported = set(schema.ftm_kinds.values())
    pairs = [
        (s, t)
        for s in (*tie.sources, *sorted(imported))
        for t in (*tie.targets, *sorted(imported))
        if s in imported and t in imported and tie.allows(s, t)
    ]
    source_kind, target_kind = pairs[0]
    nodes = [
        Node("a", source_kind, {"name": "A", "authority": "OFAC", "category": "company"}),
        Node("b", target_kind, {"name": "B", "category": "company"}),
    ]
    nodes = [Node(n.id, n.kind, _fit(n)) for n in nodes]
    path = _ftm_lines_without_our_records(nodes, [Tie("t1", tie_type, "a", "b", {})], tmp_path)
    result = ftm.read([path])
    assert (tie_type, "ftm-a", "ftm-b") in {(t.type, t.source, t.target) for t in result.ties}
    assert {(n.id, n.kind) for n in result.nodes} == {
        ("ftm-a", source_kind),
        ("ftm-b", target_kind),
    }


def _fit(node: Node) -> dict[str, object]:
    """The node's props that its kind has."""
    schema = load_schema()
    return {k: v for k, v in node.props.items() if schema.node_property(node.kind, k)}


@pytest.mark.parametrize("ftm_schema", ["Person", "Company", "PublicBody", "Organization"])
def test_each_imported_kind_exports_to_an_ftm_schema_that_imports_back_to_it(
    ftm_schema: str, tmp_path: Path
) -> None:
    schema = load_schema()
    kind = schema.ftm_kinds[ftm_schema]
    spec = schema.kinds[kind].ftm
    assert spec is not None
    category = spec.imports()[ftm_schema]
    props = {"name": "X", "category": category} if category else {"name": "X"}
    path = _ftm_lines_without_our_records([Node("x", kind, props)], [], tmp_path)
    assert json.loads(path.read_text("utf-8"))["schema"] == ftm_schema
    (node,) = ftm.read([path]).nodes
    assert (node.kind, node.props.get("category")) == (kind, category)


def test_two_tie_types_importing_one_ftm_schema_are_refused() -> None:
    with pytest.raises(ValueError, match="FtM Associate is imported as both tie type"):
        changed_schema(
            'Has a personal friendship or close personal relationship with."',
            'Has a personal friendship or close personal relationship with."\n'
            "    ftm: {schema: Associate, source: person, target: associate}",
        )


def test_a_unit_changed_in_the_schema_changes_tie_captions(monkeypatch: pytest.MonkeyPatch) -> None:
    tie = Tie("own-1", "OWNS", "a", "b", {"share": 51.0})
    assert tie_caption(tie) == "OWNS 51%"
    schema = changed_schema('share: {type: number, unit: "%"', 'share: {type: number, unit: " pct"')
    monkeypatch.setattr(captions, "load_schema", lambda: schema)
    assert tie_caption(tie) == "OWNS 51 pct"


def test_a_caption_changed_in_the_schema_changes_node_captions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    memo = Node("memo", "Source", {"name": "Memo", "title": "Informal networks"})
    assert captions.node_caption(memo) == "Memo"
    schema = changed_schema(
        'colour: "#59A14F"\n    caption: name', 'colour: "#59A14F"\n    caption: title'
    )
    monkeypatch.setattr(captions, "load_schema", lambda: schema)
    assert captions.node_caption(memo) == "Informal networks"


def test_an_ftm_entry_naming_a_property_the_kind_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="kind Person: ftm maps bron, not a property"):
        changed_schema("born: birthDate, position", "bron: birthDate, position")


def test_an_ftm_category_the_kind_lacks_is_refused() -> None:
    with pytest.raises(ValueError, match="kind Organization: ftm categories"):
        changed_schema("Company: [company, bank,", "Company: [corporation, bank,")
