"""The HTML page: offline, carries the graph as JSON that text cannot break out of."""

from __future__ import annotations

import io
import json
import re
from importlib import resources

from test_export_sample import BREAKOUT, QUOTED, sample_nodes, sample_ties

from explorer.export.html import script_json, vis_network_js, write_html
from explorer.export.palette import kind_colours
from loader.schema import load_schema

DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.S)


def _page(title: str = "Sample") -> str:
    out = io.StringIO()
    write_html(sample_nodes(), sample_ties(), out, title=title)
    return out.getvalue()


def test_the_page_fetches_nothing_from_the_network() -> None:
    page = _page()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "@import" not in page
    assert vis_network_js() in page


def test_the_graph_is_embedded_as_json_that_parses_back() -> None:
    found = DATA.search(_page())
    assert found is not None
    data = json.loads(found.group(1))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["obrien"]["label"] == QUOTED
    assert nodes["breakout"]["label"] == BREAKOUT
    assert nodes["schroeder"]["label"] == "Gerhard Schröder"
    assert nodes["putin"]["props"] == sample_nodes()[0].props
    assert nodes["russia"]["color"] == kind_colours()["State"]
    edges = {e["id"]: e for e in data["edges"]}
    assert edges["own-1"]["label"] == "OWNS 51%"
    assert edges["leads-1"]["label"] == "LEADS president"
    assert (edges["own-1"]["arrows"], edges["friend-1"]["arrows"]) == ("to", "")
    assert edges["friend-1"]["props"]["evidence"][1] == "close"


def test_text_in_the_data_cannot_close_the_script_element() -> None:
    page = _page()
    assert BREAKOUT not in page
    assert page.count("</script>") == page.count("<script")
    assert script_json({"a": "</script><!-- & >"}) == (
        '{"a": "\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e"}'
    )


def test_the_title_is_escaped() -> None:
    page = _page(title="Russia & <friends>")
    assert "<title>Russia &amp; &lt;friends&gt;</title>" in page
    assert "<h1>Russia &amp; &lt;friends&gt;</h1>" in page


def test_the_container_says_how_many_nodes_to_expect() -> None:
    assert f'<div id="graph" data-node-count="{len(sample_nodes())}">' in _page()


def test_every_schema_kind_has_its_own_colour() -> None:
    assert set(kind_colours()) == set(load_schema().kinds)
    assert len(set(kind_colours().values())) == len(kind_colours())
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in kind_colours().values())


def test_the_vendored_library_is_the_recorded_version_with_its_licences() -> None:
    vendor = resources.files("explorer.export").joinpath("vendor")
    version = vendor.joinpath("VERSION").read_text("utf-8").split()[1]
    assert f"@version {version}" in vis_network_js()
    assert "MIT License" in vendor.joinpath("LICENSE-MIT").read_text("utf-8")
    assert "Apache License" in vendor.joinpath("LICENSE-APACHE-2.0").read_text("utf-8")
    assert "</script" not in vis_network_js().lower()
