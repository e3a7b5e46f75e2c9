"""The node labels and relationship types a Cypher text names, with where it names them.

A name follows a colon outside map literals: `(n:Entity)`, `(:Person|State)`, `y:Source`
in an expression (node labels) and `-[r:OWNS|LEADS]->` (relationship types, the colon
inside brackets that follow `-`). Strings and comments are passed over, and a colon after
a map key (`{id: $id}`, `n {.id, type: type(r)}`) names nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loader.links import LINK

_SKIPPED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*|/\*.*?\*/", re.S)
_TOKEN = re.compile(r"`[^`]*`|[A-Za-z_]\w*|\S")
_NAME = re.compile(r"`[^`]*`|[A-Za-z_]\w*")
_BLOCK_OPENERS = frozenset({"CALL", "EXISTS", "COUNT", "COLLECT", ")"})
# Labels and types the loader writes besides the schema's: one :Dataset node per dataset
# loaded, one :Record per dataset record, RECORD_OF from it to its entity, :Judgement nodes,
# LINKED between tied entities (see loader/links.py).
BOOKKEEPING_LABELS = frozenset({"Dataset", "Record", "Judgement"})
BOOKKEEPING_TYPES = frozenset({"RECORD_OF", LINK})


@dataclass(frozen=True)
class Name:
    """A label (`relationship` False) or a relationship type, at a 1-based line of the text."""

    name: str
    relationship: bool
    line: int


def names(text: str) -> list[Name]:
    """Every label and relationship type `text` names, in order."""
    code = _SKIPPED.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    tokens = list(_TOKEN.finditer(code))
    found: list[Name] = []
    stack: list[str] = []  # what each open bracket is: "map", "block", "rel", "(" or "["
    i = 0
    while i < len(tokens):
        word = tokens[i].group()
        if word in ("(", "[", "{"):
            stack.append(_opened(word, tokens[i - 1].group() if i else ""))
        elif word in (")", "]", "}") and stack:
            stack.pop()
        elif word == ":" and not _is_key(stack, tokens, i):
            line = code.count("\n", 0, tokens[i].start()) + 1
            relationship = bool(stack) and stack[-1] == "rel"
            expression, i = _expression(tokens, i + 1)
            found += [Name(name, relationship, line) for name in expression]
            continue
        i += 1
    return found


def _opened(bracket: str, previous: str) -> str:
    if bracket == "{":
        return "block" if previous.upper() in _BLOCK_OPENERS else "map"
    if bracket == "[" and previous in ("-", "<"):
        return "rel"
    return bracket


def _is_key(stack: list[str], tokens: list[re.Match[str]], colon: int) -> bool:
    """True for the colon after a map key: `{key:` or `, key:` inside a map literal."""
    before = tokens[colon - 2].group() if colon >= 2 else ""
    return bool(stack) and stack[-1] == "map" and before in ("{", ",")


def _expression(tokens: list[re.Match[str]], start: int) -> tuple[list[str], int]:
    """The names in the label expression at tokens[start] (`A|B`, `A&!B`, `A:B`, `%`), and
    the index of the first token after it."""
    found: list[str] = []
    expect_name = True
    i = start
    for i in range(start, len(tokens)):
        word = tokens[i].group()
        if expect_name and word in ("!", ":"):
            continue
        if expect_name and (word == "%" or _NAME.fullmatch(word)):
            found += [word.strip("`")] if word != "%" else []
            expect_name = False
        elif not expect_name and word in ("|", "&", ":"):
            expect_name = True
        else:
            return found, i
    return found, len(tokens)
