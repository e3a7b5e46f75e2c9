"""GEXF 1.3: well-formed XML with every node, tie and attribute declared."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from test_export_sample import QUOTED, sample_nodes, sample_ties

from explorer.export.gexf import GEXF_NS, VIZ_NS, write_gexf
from explorer.export.palette import kind_colours

NS = {"g": GEXF_NS, "viz": VIZ_NS}


def _gexf() -> ET.Element:
    out = io.StringIO()
    write_gexf(sample_nodes(), sample_ties(), out)
    return ET.fromstring(out.getvalue())


def test_it_holds_every_node_and_tie() -> None:
    root = _gexf()
    assert root.get("version") == "1.3"
    assert len(root.findall(".//g:nodes/g:node", NS)) == len(sample_nodes())
    assert len(root.findall(".//g:edges/g:edge", NS)) == len(sample_ties())


def test_edges_are_labelled_with_the_tie_type() -> None:
    edges = {e.get("id"): e for e in _gexf().iterfind(".//g:edge", NS)}
    assert edges["own-1"].get("label") == "OWNS"
    assert edges["own-1"].get("source") == "gazprom"
    assert edges["own-1"].get("target") == "obrien"


def test_nodes_are_labelled_by_name_and_coloured_by_kind() -> None:
    nodes = {n.get("id"): n for n in _gexf().iterfind(".//g:node", NS)}
    assert nodes["obrien"].get("label") == QUOTED
    assert nodes["schroeder"].get("label") == "Gerhard Schröder"
    rgb = nodes["russia"].find("viz:color", NS)
    assert rgb is not None
    red, green, blue = (int(rgb.get(c, "")) for c in "rgb")
    assert f"#{red:02X}{green:02X}{blue:02X}" == kind_colours()["State"]


def test_attributes_are_declared_with_types_and_used_by_id() -> None:
    root = _gexf()
    declared = {
        (a.get("class"), x.get("id")): x.get("type")
        for a in root.iterfind(".//g:attributes", NS)
        for x in a.iterfind("g:attribute", NS)
    }
    assert declared[("node", "kind")] == "string"
    assert declared[("node", "cow_code")] == "long"
    assert declared[("edge", "share")] == "double"
    putin = root.find(".//g:node[@id='putin']", NS)
    assert putin is not None
    values = {v.get("for"): v.get("value") for v in putin.iterfind(".//g:attvalue", NS)}
    assert values == {
        "kind": "Person",
        "name": "Vladimir Putin",
        "aliases": "V. V. Putin|Путин",
        "sources": "memo",
        "born": "1952-10-07",
    }


def test_networkx_reads_it_as_gexf_1_3() -> None:
    nx = pytest.importorskip("networkx", reason="networkx (a dev dependency) reads GEXF back")
    out = io.StringIO()
    write_gexf(sample_nodes(), sample_ties(), out)
    graph = nx.read_gexf(io.BytesIO(out.getvalue().encode()), version="1.3")
    assert graph.number_of_nodes() == len(sample_nodes())
    assert graph.number_of_edges() == len(sample_ties())
    assert graph.nodes["russia"]["cow_code"] == 365
