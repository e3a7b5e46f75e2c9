"""The HTML page in headless Chromium: nodes are drawn, a screenshot, tooltips on hover."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_export_sample import EVIDENCE, sample_nodes, sample_ties

from explorer.export.html import write_html

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium)",
)

HOVER_EDGE = """<script>
/* Test hook: once drawn, hover the friend-1 tie and copy the tooltip's text to the body. */
(function wait() {
  var canvas = document.querySelector("#graph canvas");
  if (document.body.dataset.rendered !== "true" || !canvas) { return setTimeout(wait, 50); }
  var box = canvas.getBoundingClientRect();
  for (var x = 0; x < box.width; x += 2) {
    for (var y = 0; y < box.height; y += 2) {
      var point = { x: x, y: y };
      if (window.network.getEdgeAt(point) === "friend-1" && !window.network.getNodeAt(point)) {
        canvas.dispatchEvent(new MouseEvent("mousemove",
          { clientX: box.left + x, clientY: box.top + y, bubbles: true }));
        return setTimeout(function () {
          var tip = document.querySelector("div.vis-tooltip");
          document.body.dataset.tooltip = tip ? tip.textContent : "none";
        }, 1000);
      }
    }
  }
  document.body.dataset.tooltip = "edge not found";
})();
</script>
</body>"""


def _chromium(page: Path, *args: str) -> str:
    profile = page.parent / "profile"
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", f"--user-data-dir={profile}", "--virtual-time-budget=5000",
        "--hide-scrollbars", *args, page.as_uri(),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=True)
    print(done.stderr)  # shown by pytest when a test fails
    return done.stdout


def _page(tmp_path: Path, hook: str = "") -> Path:
    out = io.StringIO()
    write_html(sample_nodes(), sample_ties(), out, title="Export test: sample network")
    html = out.getvalue().replace("</body>", hook) if hook else out.getvalue()
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def _body(dom: str) -> str:
    found = re.search(r"<body[^>]*>", dom)
    assert found is not None, dom[:500]
    return found.group()


def test_chromium_draws_every_node(tmp_path: Path) -> None:
    body = _body(_chromium(_page(tmp_path), "--dump-dom"))
    assert 'data-rendered="true"' in body
    drawn = re.search(r'data-drawn-nodes="(\d+)"', body)
    assert drawn is not None and int(drawn.group(1)) == len(sample_nodes())


def test_a_screenshot_is_saved_for_people_to_look_at(tmp_path: Path) -> None:
    shot = tmp_path / "export_html.png"
    _chromium(_page(tmp_path), f"--screenshot={shot}", "--window-size=1200,800")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a blank 1200x800 page is a few kB
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / shot.name)


def test_hovering_a_tie_shows_its_sources_and_evidence(tmp_path: Path) -> None:
    dom = _chromium(_page(tmp_path, HOVER_EDGE), "--dump-dom", "--window-size=1200,800")
    tooltip = re.search(r'data-tooltip="([^"]*)"', _body(dom))
    assert tooltip is not None
    text = tooltip.group(1)
    assert "Vladimir Putin → Gerhard Schröder" in text
    assert "Sources" in text and "memo" in text
    assert "Evidence" in text and "a flawless democrat" in text
    assert EVIDENCE.split("\n")[1] in text
