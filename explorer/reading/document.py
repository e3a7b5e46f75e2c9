"""Read a document as text whose offsets are those of the file as read."""

from __future__ import annotations

import re
from pathlib import Path

from loader.errors import InputError, Problem

_TAG = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.S | re.I)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def blank_tags(html: str) -> str:
    """`html` with each tag (and script, style and comment) turned into as many spaces, so
    offsets still point into the file; entities such as &amp; are left as written."""
    return _TAG.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), html)


def read_document(path: Path) -> str:
    """The text of a plain-text, Markdown or HTML file (HTML tags blanked out)."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as err:
        raise InputError([Problem(str(path), None, None, f"not UTF-8 text: {err.reason}")]) from err
    except OSError as err:
        raise InputError([Problem(str(path), None, None, err.strerror or str(err))]) from err
    return blank_tags(text) if path.suffix.lower() in HTML_SUFFIXES else text
