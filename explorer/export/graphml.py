"""GraphML for yEd, Gephi, networkx and `apoc.import.graphml`.

Every property present gets a `<key>` with its `attr.type` (see `columns`); key ids are
`n_<name>` for nodes and `e_<name>` for edges. Lists are written as their items joined
by `|`. Besides its properties each node has `label` (its name, which Gephi shows) and
`kind`, and carries its Neo4j labels in APOC's form as an attribute: `labels=":Entity:Person"`.
Each edge has `label` (type and key properties, e.g. `OWNS 51%`) and `type`, and its type
as APOC's `label` attribute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from explorer.export.captions import node_caption, tie_caption
from explorer.export.cells import xml_cell
from explorer.export.columns import Column, node_columns, tie_columns
from loader.records import Node, Tie

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def write_graphml(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """Write the graph to `out` as GraphML."""
    root = ET.Element("graphml", xmlns=GRAPHML_NS)
    node_keys = [Column("label", "string"), Column("kind", "string"), *node_columns(nodes)]
    tie_keys = [Column("label", "string"), Column("type", "string"), *tie_columns(ties)]
    for column in node_keys:
        _declare(root, column, "node")
    for column in tie_keys:
        _declare(root, column, "edge")
    graph = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    for node in nodes:
        values = {"label": node_caption(node), "kind": node.kind, **node.props}
        element = ET.SubElement(
            graph, "node", id=xml_cell(node.id), labels=xml_cell(f":Entity:{node.kind}")
        )
        _data(element, "node", node_keys, values)
    for tie in ties:
        values = {"label": tie_caption(tie), "type": tie.type, **tie.props}
        element = ET.SubElement(
            graph,
            "edge",
            id=xml_cell(tie.id),
            source=xml_cell(tie.source),
            target=xml_cell(tie.target),
            label=xml_cell(tie.type),
        )
        _data(element, "edge", tie_keys, values)
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="unicode", xml_declaration=True)
    out.write("\n")


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{xml_cell(name)}"


def _declare(root: ET.Element, column: Column, domain: str) -> None:
    attributes = {
        "id": _key_id(domain, column.name),
        "for": domain,
        "attr.name": xml_cell(column.name),
        "attr.type": column.type,
    }
    ET.SubElement(root, "key", attrib=attributes)


def _data(element: ET.Element, domain: str, keys: list[Column], values: dict[str, object]) -> None:
    for column in keys:
        value = values.get(column.name)
        if value is not None:
            ET.SubElement(element, "data", key=_key_id(domain, column.name)).text = xml_cell(value)
