"""write(): one entry point for every format, by name."""

from __future__ import annotations

import io

import pytest
from test_export_sample import sample_nodes, sample_ties

from explorer.export import FORMATS, write


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_the_graph(fmt: str) -> None:
    out = io.StringIO()
    write(fmt, sample_nodes(), sample_ties(), out)
    assert "Gerhard Schröder" in out.getvalue()


def test_the_title_reaches_the_html_page() -> None:
    out = io.StringIO()
    write("html", sample_nodes(), sample_ties(), out, title="Russia's networks")
    assert "<title>Russia&#x27;s networks</title>" in out.getvalue()


def test_csv_to_a_stream_is_the_ties_with_the_names_of_their_ends() -> None:
    out = io.StringIO()
    write("csv", sample_nodes(), sample_ties(), out)
    assert out.getvalue().startswith("id,type,source,source_name,target,target_name,sources,")
    assert "friend-1,FRIEND_OF,putin,Vladimir Putin,schroeder,Gerhard Schröder," in out.getvalue()


def test_an_unknown_format_raises_value_error_naming_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown export format 'pdf'.*graphml, gexf"):
        write("pdf", sample_nodes(), sample_ties(), io.StringIO())
