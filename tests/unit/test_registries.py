"""Importers and export formats are registries: each one registered is reachable from the CLI."""

from __future__ import annotations

import subprocess
import sys

import click

from explorer.cli import main
from explorer.export import EXPORTERS
from loader.importers import IMPORTERS

HELP_IN_PROCESS = """
import sys
sys.argv = ["explorer", "--help"]
from explorer.cli import main
try:
    main()
except SystemExit:
    pass
print("\\n".join(sys.modules), file=sys.stderr)
"""


def choices(command: str, option: str) -> list[str]:
    param = next(p for p in main.commands[command].params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return list(param.type.choices)


def test_every_importer_is_a_load_choice_with_a_reader() -> None:
    assert choices("load", "source_format") == list(IMPORTERS)
    for importer in IMPORTERS.values():
        assert callable(importer.reader())


def test_every_export_format_is_an_export_choice_with_a_writer() -> None:
    assert choices("export", "fmt") == list(EXPORTERS)
    for exporter in EXPORTERS.values():
        assert callable(exporter.writer())
        assert exporter.folder is None or callable(exporter.writer(exporter.folder))


def test_the_help_of_load_and_export_describes_every_format() -> None:
    load_help = " ".join((main.commands["load"].get_help(click.Context(main)) or "").split())
    export_help = main.commands["export"].help or ""
    for importer in IMPORTERS.values():
        assert importer.summary in load_help
    for name, exporter in EXPORTERS.items():
        assert f"  {name} " in export_help
        assert exporter.summary.split("\n")[0] in export_help


def test_help_imports_no_importer_exporter_driver_or_pandas() -> None:
    done = subprocess.run(
        [sys.executable, "-c", HELP_IN_PROCESS], capture_output=True, text=True, check=True
    )
    formats = {i.module for i in IMPORTERS.values()}
    formats |= {f"explorer.export.{e.module}" for e in EXPORTERS.values()}
    imported = set(done.stderr.splitlines())
    assert imported & (formats | {"neo4j", "pandas"}) == set()
