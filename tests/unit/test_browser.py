"""Neo4j Browser helpers: the style sheet, the guide, editor links and the guide server."""

from __future__ import annotations

import re
import threading
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from explorer.browser.editor import editor_url, param_lines
from explorer.browser.guide import example_params, guide
from explorer.browser.serve import GUIDE_PATH, STYLE_PATH, BrowserFiles
from explorer.browser.style import grass
from explorer.cli import main
from explorer.export.palette import kind_colours
from loader.schema import load_schema
from queries.registry import library

BROWSER = Path(__file__).resolve().parents[2] / "explorer" / "browser"


@pytest.fixture
def packaged_queries_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXPLORER_QUERIES_PATH", raising=False)


def browser_editor_text(url: str) -> str:
    """What Browser 5 puts in its editor for `url` (its populateEditorFromUrl, in Python)."""
    decoded = unquote(url.replace("+", " "))
    return "\n".join(re.findall(r"[?&]arg=([^&#]*)", decoded))


def rules(sheet: str) -> dict[str, str]:
    return dict(re.findall(r"^(\S+) \{\n(.*?)^\}", sheet, flags=re.S | re.M))


def test_the_checked_in_style_sheet_is_the_generated_one() -> None:
    assert (BROWSER / "style.grass").read_text("utf-8") == grass()


def test_every_kind_has_its_palette_colour_and_its_name_as_caption() -> None:
    sheet = rules(grass())
    assert set(kind_colours()) == set(load_schema().kinds)
    for kind, colour in kind_colours().items():
        assert f"color: {colour};" in sheet[f"node.{kind}"]
        assert "caption: '{name}';" in sheet[f"node.{kind}"]
    assert "caption: '<type>';" in sheet["relationship"]


def test_links_are_drawn_faint_with_their_tie_types_so_ties_stand_out() -> None:
    link = rules(grass())["relationship.LINKED"]
    assert "color: #E3E5E8;" in link and "caption: '{types}';" in link


def test_the_shared_entity_label_is_styled_before_the_kinds_so_they_win() -> None:
    assert list(rules(grass()))[:3] == ["node", "relationship", "node.Entity"]


def test_the_style_sheet_has_no_comments_the_browser_cannot_read() -> None:
    assert "/*" not in grass() and "//" not in grass()


def test_the_checked_in_guide_is_the_generated_one(packaged_queries_only: None) -> None:
    assert (BROWSER / "guide.html").read_text("utf-8") == guide()


def test_the_guide_has_an_opening_slide_then_one_per_named_query(
    packaged_queries_only: None,
) -> None:
    page = guide()
    assert page.startswith('<article class="guide">')
    titles = re.findall(
        r"<slide class=\"row-fluid\">\s*<div class=\"col-sm-3\">\s*<h3>(.*?)</h3>", page
    )
    assert titles[1:] == sorted(library())


def test_each_query_block_is_runnable_after_a_block_setting_all_its_parameters(
    packaged_queries_only: None,
) -> None:
    blocks = [
        unescape(b) for b in re.findall(r'<pre class="[^"]*runnable">(.*?)</pre>', guide(), re.S)
    ]
    for query in library().values():
        at = blocks.index(query.text)
        if query.params:
            set_here = re.findall(r"^:param (\w+) => ", blocks[at - 1], flags=re.M)
            assert set_here == [p.name for p in query.params], query.name


def test_example_parameters_come_from_the_curated_data_and_the_defaults() -> None:
    paths = example_params(library()["paths"])
    assert (paths["a"], paths["b"], paths["limit"], paths["since"]) == (
        "gazprombank",
        "rosatom",
        5,
        None,
    )
    assert "MENTIONS" not in paths["types"]
    assert example_params(library()["members"])["id"] == "csto"


def test_param_lines_keep_value_types_as_cypher_literals() -> None:
    assert param_lines({"id": "o'neil", "limit": 5, "share": 0.5, "types": ["OWNS"]}) == (
        ":param id => 'o\\'neil';\n:param limit => 5;\n:param share => 0.5;\n"
        ":param types => ['OWNS'];"
    )


def test_an_editor_url_gives_the_browser_back_the_text_line_by_line() -> None:
    text = "MATCH (n:Entity {id: $id})\n  WHERE n.name =~ '.*a+b%20.*'\nRETURN n"
    url = editor_url(text, "http://localhost:7474/browser/")
    assert url.startswith("http://localhost:7474/browser/?cmd=edit&arg=MATCH%20")
    assert browser_editor_text(url) == text


@pytest.mark.parametrize("cut", ["&", "#"])
def test_text_the_browser_would_cut_short_is_refused(cut: str) -> None:
    with pytest.raises(ValueError, match="cuts editor text"):
        editor_url(f"RETURN 'a{cut}b'")


def test_browser_style_prints_the_sheet_and_where_the_file_is() -> None:
    result = CliRunner().invoke(main, ["browser", "style"])
    assert result.exit_code == 0
    assert result.stdout == grass()
    assert "style.grass" in result.stderr


def test_browser_guide_writes_the_guide(tmp_path: Path, packaged_queries_only: None) -> None:
    result = CliRunner().invoke(main, ["browser", "guide", "-o", str(tmp_path / "g.html")])
    assert result.exit_code == 0
    assert (tmp_path / "g.html").read_text("utf-8") == guide()


def test_browser_query_links_a_named_query_and_prints_its_parameters_apart() -> None:
    result = CliRunner().invoke(main, ["browser", "query", "members", "-p", "id", "csto"])
    assert result.exit_code == 0, result.output
    assert browser_editor_text(result.stdout.strip()) == library()["members"].text.strip()
    assert ":param id => 'csto';\n:param since => null;" in result.stderr


def test_browser_query_links_cypher_text_as_given() -> None:
    cypher = "MATCH p = (:Entity {id: $id})-[:OWNS]-() RETURN p"
    result = CliRunner().invoke(main, ["browser", "query", cypher, "--browser-url", "http://h/b/"])
    assert result.exit_code == 0
    assert result.stdout.startswith("http://h/b/?cmd=edit&arg=")
    assert browser_editor_text(result.stdout.strip()) == cypher
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["membres"], "no query named 'membres'; did you mean members?", 2),
        (["paths"], "query 'paths' needs $a", 2),
        (["RETURN 'a&b'"], "cuts editor text at & and #", 1),
    ],
)
def test_browser_query_refuses_what_it_cannot_link(
    args: list[str], message: str, code: int
) -> None:
    result = CliRunner().invoke(main, ["browser", "query", *args])
    assert result.exit_code == code
    assert message in result.output


@pytest.fixture
def served() -> Iterator[str]:
    server = BrowserFiles(0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_guide_server_answers_the_browsers_cors_preflight(served: str) -> None:
    request = urllib.request.Request(served + GUIDE_PATH, method="OPTIONS")
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 204
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert answer.headers["Access-Control-Allow-Headers"] == "*"


def test_the_guide_server_serves_the_guide_and_the_style(served: str) -> None:
    with urllib.request.urlopen(served + GUIDE_PATH) as answer:
        assert answer.read().decode() == guide()
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
    with urllib.request.urlopen(served + STYLE_PATH) as answer:
        assert answer.read().decode() == grass()
    with pytest.raises(urllib.error.HTTPError, match="404"):
        urllib.request.urlopen(served + "/secret.txt")
