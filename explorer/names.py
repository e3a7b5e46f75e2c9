"""Resolve what a user typed (a name, an alias or an id) to exactly one entity."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from loader.errors import AmbiguousNameError, NotFoundError

_LOOKS_LIKE_ID = re.compile(r"[a-z0-9][a-z0-9._:|-]*")
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')
_LUCENE_WORDS = re.compile(r"\b(AND|OR|NOT|TO)\b")

RunQuery = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    kind: str


def escape(text: str) -> str:
    """Text with every Lucene query operator escaped; the word operators (AND, OR, NOT, and
    TO of ranges) lower-cased, which makes them plain words to the case-folding index."""
    return _LUCENE_WORDS.sub(lambda m: m[0].lower(), _LUCENE_SPECIAL.sub(r"\\\1", text))


def phrase(text: str) -> str:
    """A Lucene phrase query matching the text's words in order."""
    return f'"{escape(text)}"'


def fuzzy(text: str) -> str:
    """A Lucene query for typed text: the phrase first, then each word fuzzy or as a prefix."""
    # a word of symbols only (`&&`) would be a prefix query that matches every name
    words = [escape(w) for w in text.split() if any(c.isalnum() for c in w)]
    terms = " ".join(f"{w}~ {w}*" if len(w) > 3 else f"{w} {w}*" for w in words)
    return f"{phrase(text)}^4 {terms}".strip()


def fold(text: str) -> str:
    """Lower case without diacritics: 'Schröder' -> 'schroder'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _names(row: dict[str, Any]) -> set[str]:
    return {fold(row["name"] or ""), *(fold(a) for a in row["aliases"])}


def resolve(text: str, run: RunQuery) -> Entity:
    """The one entity `text` names; an error listing candidates or close matches otherwise."""
    if _LOOKS_LIKE_ID.fullmatch(text) and (hit := run("entity", {"id": text})):
        return Entity(hit[0]["id"], hit[0]["name"], hit[0]["kind"])
    candidates = run("named", {"text": text, "search": phrase(text)}) if text.strip() else []
    by_id = [r for r in candidates if r["id"] == text]
    named = sorted(
        (r for r in candidates if fold(text) in _names(r)), key=lambda r: (r["name"], r["id"])
    )
    exact = by_id or named
    if len(exact) == 1:
        return Entity(exact[0]["id"], exact[0]["name"], exact[0]["kind"])
    if exact:
        listed = ", ".join(f"{r['name']} ({r['kind']}, id {r['id']})" for r in exact[:8])
        raise AmbiguousNameError(
            f"{text!r} names {len(exact)} entities: {listed}", hint="use an id"
        )
    close = run("find", {"search": fuzzy(text), "limit": 5}) if text.strip() else []
    hint = (
        "try: " + ", ".join(f"{r['name']} (id {r['id']})" for r in close)
        if close
        else "try `explorer find TEXT`"
    )
    raise NotFoundError(f"no entity matches {text!r}", hint=hint)
