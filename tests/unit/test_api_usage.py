"""The Python API refuses misuse as UsageError before it opens any connection."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from explorer.api import Explorer
from loader.errors import UsageError

NOWHERE = "bolt://127.0.0.1:1"  # nothing listens: a test that connected would fail otherwise


@pytest.fixture
def ex() -> Iterator[Explorer]:
    with Explorer(uri=NOWHERE) as explorer:
        yield explorer


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"bulk": True, "dry_run": True}, "--bulk makes a new database"),
        ({"bulk": True, "replace": True}, "--bulk makes a new database"),
        ({"dry_run": True, "commit_every": 5000}, "cannot --commit-every"),
        ({"fmt": "ftm"}, "--from ftm needs the files to read"),
        ({"fmt": "edges", "paths": ["ties.csv"]}, "the edges format needs a column mapping"),
        ({"fmt": "xml", "paths": ["a.xml"]}, "unknown input format 'xml'"),
    ],
)
def test_load_refuses_options_that_cannot_mean_anything(
    ex: Explorer, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ex.load(**options)


@pytest.mark.parametrize(
    ("fmt", "options", "message"),
    [
        ("graphml", {"dataset": "seed", "cypher": "RETURN 1"}, "at most one of"),
        ("graphml", {"params": {"id": "csto"}}, "sets parameters of --query or --cypher"),
        ("pdf", {}, "unknown export format 'pdf'; one of graphml, gexf"),
    ],
)
def test_export_refuses_options_that_cannot_mean_anything(
    ex: Explorer, fmt: str, options: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        ex.export(fmt, **options)


def test_validate_needs_no_server_and_passes_the_shipped_dataset(ex: Explorer) -> None:
    assert ex.validate() == []
    assert ex.validate(Path(str(resources.files("loader") / "data"))) == []
