"""Serve the guide and the style to the Neo4j Browser from localhost, with CORS headers.

The Browser fetches `:play URL` and `:style URL` from another origin with its own request
headers, so it first asks with OPTIONS; `python -m http.server` refuses that, this answers.
"""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from explorer.browser.guide import guide
from explorer.browser.style import grass

GUIDE_PATH, STYLE_PATH = "/guide.html", "/style.grass"


class BrowserFiles(ThreadingHTTPServer):
    """A server on 127.0.0.1:`port` answering GET of the guide and the style sheet."""

    def __init__(self, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.files = {
            GUIDE_PATH: (guide(), "text/html; charset=utf-8"),
            STYLE_PATH: (grass(), "text/plain; charset=utf-8"),
        }


class _Handler(BaseHTTPRequestHandler):
    server: BrowserFiles

    def do_OPTIONS(self) -> None:
        self._answer(204, b"", None)

    def do_GET(self) -> None:
        found = self.server.files.get(self.path.split("?")[0])
        if found is None:
            self._answer(404, b"not found\n", "text/plain; charset=utf-8")
        else:
            self._answer(200, found[0].encode(), found[1])

    def _answer(self, status: int, body: bytes, content_type: str | None) -> None:
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Headers", "*")
        self.send_header("Cache-Control", "no-cache")
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
