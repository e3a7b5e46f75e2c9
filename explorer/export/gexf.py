"""GEXF 1.3 for Gephi.

Node and edge attributes are declared, one per property present (types as in `columns`;
lists joined by `|`), plus `kind` on nodes. A node's `label` is its caption and its
`viz:color` the colour of its kind; an edge's `label` and `kind` are the tie type, so
Gephi keeps parallel ties of different types apart.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TextIO

from explorer.export.captions import node_caption
from explorer.export.cells import xml_cell
from explorer.export.columns import Column, node_columns, tie_columns
from explorer.export.palette import colour
from loader.records import Node, Tie

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"


def write_gexf(nodes: list[Node], ties: list[Tie], out: TextIO) -> None:
    """Write the graph to `out` as GEXF 1.3."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "version": "1.3"})
    ET.SubElement(ET.SubElement(root, "meta"), "creator").text = "influence-explorer"
    graph = ET.SubElement(root, "graph", mode="static", defaultedgetype="directed")
    node_attributes = [Column("kind", "string"), *node_columns(nodes)]
    tie_attributes = tie_columns(ties)
    _declare(graph, "node", node_attributes)
    _declare(graph, "edge", tie_attributes)
    node_list = ET.SubElement(graph, "nodes")
    for node in nodes:
        element = ET.SubElement(
            node_list, "node", id=xml_cell(node.id), label=xml_cell(node_caption(node))
        )
        _values(element, node_attributes, {"kind": node.kind, **node.props})
        _colour(element, colour(node.kind))
    edge_list = ET.SubElement(graph, "edges")
    for tie in ties:
        ends = {"source": xml_cell(tie.source), "target": xml_cell(tie.target)}
        kind = xml_cell(tie.type)
        element = ET.SubElement(
            edge_list, "edge", {"id": xml_cell(tie.id), **ends, "label": kind, "kind": kind}
        )
        _values(element, tie_attributes, tie.props)
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="unicode", xml_declaration=True)
    out.write("\n")


def _declare(graph: ET.Element, domain: str, columns: list[Column]) -> None:
    declared = ET.SubElement(graph, "attributes", {"class": domain, "mode": "static"})
    for column in columns:
        name = xml_cell(column.name)
        ET.SubElement(declared, "attribute", id=name, title=name, type=column.type)


def _values(element: ET.Element, columns: list[Column], values: dict[str, object]) -> None:
    present = [(c.name, values[c.name]) for c in columns if values.get(c.name) is not None]
    if present:
        holder = ET.SubElement(element, "attvalues")
        for name, value in present:
            ET.SubElement(holder, "attvalue", {"for": xml_cell(name), "value": xml_cell(value)})


def _colour(element: ET.Element, hex_colour: str) -> None:
    red, green, blue = (str(int(hex_colour[i : i + 2], 16)) for i in (1, 3, 5))
    ET.SubElement(element, "viz:color", r=red, g=green, b=blue)
