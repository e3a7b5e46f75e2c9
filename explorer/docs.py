"""Generated parts of the README: the CLI reference and the dataset's counts (run by cog)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import click
from click.testing import CliRunner

from loader.schema import load_schema


def _commands(group: click.Group, prefix: list[str]) -> list[list[str]]:
    found: list[list[str]] = []
    for name in sorted(group.commands):
        command = group.commands[name]
        found.append([*prefix, name])
        if isinstance(command, click.Group):
            found += _commands(command, [*prefix, name])
    return found


def all_commands() -> list[list[str]]:
    """Every command path, e.g. ['server', 'start']."""
    from explorer.cli import main

    return _commands(main, [])


def help_text(path: list[str]) -> str:
    from explorer.cli import main

    result = CliRunner().invoke(main, [*path, "--help"], terminal_width=100)
    return result.output.replace("Usage: main", "Usage: explorer")


def cli_reference() -> str:
    """Markdown: `explorer --help` and every command's --help, in order."""
    parts = ["### explorer\n\n```\n" + help_text([]) + "```\n"]
    for path in all_commands():
        parts.append(f"### explorer {' '.join(path)}\n\n```\n{help_text(path)}```\n")
    return "\n".join(parts)


def dataset_counts(data: Path) -> str:
    """Markdown tables: entities per kind, ties per type, and both per source document."""
    entities = list(csv.DictReader((data / "entities.csv").open(encoding="utf-8")))
    ties = list(csv.DictReader((data / "ties.csv").open(encoding="utf-8")))
    kinds = Counter(e["kind"] for e in entities)
    types = Counter(t["type"] for t in ties)
    lines = [
        "| kind | entities |",
        "|---|---:|",
        *(f"| {k} | {n} |" for k, n in kinds.most_common()),
    ]
    lines += ["", "| tie type | ties |", "|---|---:|"]
    lines += [f"| {k} | {n} |" for k, n in types.most_common()]
    mentions = load_schema().provenance
    lines += ["", f"| source | entities mentioned | ties citing it (besides {mentions}) |"]
    lines += ["|---|---:|---:|"]
    for source in csv.DictReader((data / "sources.csv").open(encoding="utf-8")):
        sid = source["id"]
        mentioned = sum(1 for t in ties if t["type"] == mentions and t["source"] == sid)
        citing = sum(1 for t in ties if t["type"] != mentions and sid in t["sources"].split("|"))
        lines.append(f"| `{sid}` ({source['file']}) | {mentioned} | {citing} |")
    total = f"\n{len(entities)} entities and {len(ties) - types[mentions]} ties besides "
    return "\n".join(lines) + total + f"{types[mentions]} {mentions}.\n"
