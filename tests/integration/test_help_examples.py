"""Every example in the `--help` of a command that asks the graph returns rows on the shipped
dataset: the examples are what a new user tries first."""

from __future__ import annotations

import json
import shlex

import pytest
from conftest import CliRunnerFor, help_examples

# Commands that answer questions about the graph; the others load, write or serve.
QUESTIONS = (
    "links",
    "neighbors",
    "find",
    "common",
    "owners",
    "members",
    "timeline",
    "brokers",
    "query",
    "cypher",
    "schema",
    "datasets",
    "stats",
    "read",
)
# Writes a folder where it runs: tests/integration/test_read_document.py runs it in a scratch one.
WRITES = "--review-dir"


def examples() -> list[list[str]]:
    """Each example of the question commands, as arguments (a redirection dropped)."""
    texts = [text for n in QUESTIONS for text in help_examples(n) if WRITES not in text]
    return [shlex.split(text.split(">")[0])[1:] for text in texts]


def test_every_question_command_has_an_example() -> None:
    assert {e[0] for e in examples()} >= set(QUESTIONS) - {"stats"}


@pytest.mark.parametrize("args", examples(), ids=" ".join)
def test_a_help_example_returns_rows(seeded_cli: CliRunnerFor, args: list[str]) -> None:
    result = seeded_cli(*args)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if "--format" in args and args[args.index("--format") + 1] == "json":
        assert json.loads(out), f"no rows: {args}"
    elif "--format" in args and args[args.index("--format") + 1] == "html":
        assert '"edges": [{' in out, f"an empty page: {args}"
    else:
        assert out.strip() and "(0 rows)" not in out, f"no rows: {args}\n{result.stderr}"
