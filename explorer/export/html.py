"""A self-contained interactive HTML page of the graph that works offline.

The page inlines the vendored vis-network (see `vendor/VERSION`) and the graph as JSON
in `<script type="application/json" id="graph-data">`. Nodes are coloured and captioned
as the schema says for their kind (`palette`, `captions`); ties are labelled with their
type and key properties, and drawn dashed with their grade when the source does not assert
them firmly (alleged, disputed, ...); hovering shows every property with the `sources` and
`evidence` lists.
"""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources
from typing import Any, TextIO

from explorer.export import DEFAULT_TITLE
from explorer.export.captions import doubtful, node_caption, tie_caption
from explorer.export.page import PAGE
from explorer.export.palette import colour
from loader.records import Node, Tie
from loader.schema import load_schema

_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def write_html(
    nodes: list[Node], ties: list[Tie], out: TextIO, *, title: str = DEFAULT_TITLE
) -> None:
    """Write the page to `out`."""
    out.write(
        PAGE.substitute(
            title=html.escape(title),
            node_count=len(nodes),
            tie_count=len(ties),
            vis_js=vis_network_js(),
            graph_json=script_json(graph_data(nodes, ties)),
        )
    )


def graph_data(nodes: list[Node], ties: list[Tie]) -> dict[str, Any]:
    """What the page draws: nodes, edges and the colour of each kind present."""
    symmetric = {name for name, spec in load_schema().ties.items() if spec.symmetric}
    return {
        "nodes": [_node(n) for n in nodes],
        "edges": [_edge(t, directed=t.type not in symmetric) for t in ties],
        "colours": {kind: colour(kind) for kind in dict.fromkeys(n.kind for n in nodes)},
    }


def _node(node: Node) -> dict[str, Any]:
    look = {"label": node_caption(node), "color": colour(node.kind)}
    return {"id": node.id, "kind": node.kind, **look, "props": node.props}


def _edge(tie: Tie, *, directed: bool) -> dict[str, Any]:
    ends = {"from": tie.source, "to": tie.target}
    arrows = "to" if directed else ""
    look = {"label": tie_caption(tie), "arrows": arrows, "dashes": doubtful(tie) is not None}
    return {"id": tie.id, **ends, **look, "props": tie.props}


def script_json(value: Any) -> str:
    """`value` as JSON that can sit inside a <script> element: `<`, `>` and `&` escaped."""
    return json.dumps(value, ensure_ascii=False).translate(_SCRIPT_ESCAPES)


@cache
def vis_network_js() -> str:
    """The vendored vis-network standalone build."""
    vendor = resources.files("explorer.export").joinpath("vendor")
    return vendor.joinpath("vis-network.min.js").read_text("utf-8")
