"""GraphML: networkx reads it back with every node, tie and typed property."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from test_export_sample import BREAKOUT, QUOTED, sample_nodes, sample_ties

from explorer.export.graphml import GRAPHML_NS, write_graphml

nx = pytest.importorskip("networkx", reason="networkx (a dev dependency) reads GraphML back")


def _graphml() -> str:
    out = io.StringIO()
    write_graphml(sample_nodes(), sample_ties(), out)
    return out.getvalue()


def test_networkx_reads_every_node_and_tie() -> None:
    graph = nx.read_graphml(io.BytesIO(_graphml().encode()))
    assert graph.number_of_nodes() == len(sample_nodes())
    assert graph.number_of_edges() == len(sample_ties())
    assert graph.is_directed()


def test_properties_come_back_typed_with_lists_joined_by_bars() -> None:
    graph = nx.read_graphml(io.BytesIO(_graphml().encode()))
    assert graph.nodes["putin"]["aliases"] == "V. V. Putin|Путин"
    assert graph.nodes["schroeder"]["name"] == "Gerhard Schröder"
    assert graph.nodes["obrien"]["name"] == QUOTED
    assert graph.nodes["breakout"]["label"] == BREAKOUT
    assert graph.nodes["russia"]["cow_code"] == 365
    assert graph.nodes["cst"]["defense"] is True
    assert graph.nodes["russia"]["kind"] == "State"
    assert graph.edges["gazprom", "obrien"]["share"] == 51.0
    assert graph.edges["gazprom", "obrien"]["label"] == "OWNS 51%"
    assert graph.edges["putin", "schroeder"]["evidence"].startswith("He called him 'a flawless")


def test_absent_properties_are_left_out_not_written_empty() -> None:
    graph = nx.read_graphml(io.BytesIO(_graphml().encode()))
    assert "born" not in graph.nodes["schroeder"]
    assert "evidence" not in graph.edges["putin", "russia"]


def test_nodes_carry_their_neo4j_labels_and_edges_their_type_as_apoc_does() -> None:
    root = ET.fromstring(_graphml())
    ns = {"g": GRAPHML_NS}
    labels = {n.get("id"): n.get("labels") for n in root.iterfind(".//g:node", ns)}
    assert labels["putin"] == ":Entity:Person"
    types = {e.get("id"): e.get("label") for e in root.iterfind(".//g:edge", ns)}
    assert types["arms-1"] == "SUPPLIED_ARMS_TO"


def test_every_key_declares_its_type() -> None:
    root = ET.fromstring(_graphml())
    keys = {
        (k.get("for"), k.get("attr.name")): k.get("attr.type")
        for k in root.iterfind(f"{{{GRAPHML_NS}}}key")
    }
    assert keys[("node", "cow_code")] == "long"
    assert keys[("node", "defense")] == "boolean"
    assert keys[("node", "aliases")] == "string"
    assert keys[("edge", "value")] == "double"
    assert keys[("edge", "year")] == "long"
