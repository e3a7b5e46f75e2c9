"""Write a review folder: the base seed folder, plus each document's source, its mentions and
its candidate ties, for the analyst to prune in a spreadsheet, validate and load.

The folder is whole (the base's rows first, unchanged) because a seed folder's ties may only
join entities it holds. Every row added has an id starting `read-` and, for a candidate, a
note with its score and trigger. The documents cited go to `documents/` inside it, so
`explorer validate DIR --sources-dir DIR/documents` checks every evidence fragment.
"""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from explorer.reading.reader import Reading
from loader.errors import UsageError
from loader.seed import ENTITIES, SOURCES, TIES

DOCUMENTS = "documents"


@dataclass(frozen=True)
class Review:
    """What a review folder holds beyond its base."""

    directory: Path
    sources: int
    mentions: int
    ties: int
    left_out: int  # candidates with an end the base does not hold


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """The header and rows of a CSV file."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def write_table(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    """Write a CSV file whole or not at all (a temporary file beside it, then renamed)."""
    written = path.with_name(path.name + ".tmp")
    with written.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, header, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    written.replace(path)


def source_id(path: Path, taken: set[str]) -> str:
    """A readable id for a document, from its file name, unlike every id in `taken`."""
    base = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "document"
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}-{n}"
    return ident


def _title(reading: Reading) -> str:
    first = next((line.strip() for line in reading.text.splitlines() if line.strip()), "")
    return first.lstrip("#").strip()[:200] or reading.path.name


Rows = list[dict[str, str]]


def _rows(reading: Reading, source: str, known: set[str]) -> tuple[Rows, Rows, int]:
    """The MENTIONS rows, the candidate rows, and how many candidates were left out."""
    mentioned = {m.id: m.surface for m in reversed(reading.mentions)}
    mentions = [
        {"id": f"read-{source}-mentions-{ident}", "type": "MENTIONS", "source": source,
         "target": ident, "sources": source, "evidence": surface}
        for ident, surface in sorted(mentioned.items())
        if ident in known
    ]  # fmt: skip
    kept = [c for c in reading.candidates if c.source.id in known and c.target.id in known]
    ties = [
            {"id": f"read-{source}-{n}", "type": c.type, "source": c.source.id,
             "target": c.target.id, "sources": source, "evidence": c.evidence,
             "confidence": "speculative",
             "note": f"explorer read: score {c.score}, trigger {c.trigger!r}", **c.props}
        for n, c in enumerate(kept, 1)
    ]  # fmt: skip
    return mentions, ties, len(reading.candidates) - len(kept)


def _copy_documents(target: Path, sources: Rows, documents: Path | None) -> None:
    """Copy the base's cited documents found in `documents` into `target`."""
    for row in sources:
        found = documents / row["file"] if documents and row.get("file") else None
        if found and found.is_file():
            shutil.copyfile(found, target / row["file"])


def write_review(
    directory: Path, readings: list[Reading], base: Path, documents: Path | None
) -> Review:
    """Write the review folder `directory` (new or empty) from the seed folder `base`, whose
    cited documents are in `documents`, and the documents read."""
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"--review-dir {directory} is not empty", hint="name a new folder")
    if len({r.path.name for r in readings}) < len(readings):
        raise UsageError("two documents read have the same file name", hint="rename one")
    (directory / DOCUMENTS).mkdir(parents=True, exist_ok=True)
    source_header, sources = read_table(base / SOURCES)
    entity_header, entities = read_table(base / ENTITIES)
    tie_header, ties = read_table(base / TIES)
    _copy_documents(directory / DOCUMENTS, sources, documents)
    known, taken = {e["id"] for e in entities}, {r["id"] for r in sources + entities}
    counts = [0, 0, 0]  # mentions, candidates, candidates left out
    for reading in readings:
        ident = source_id(reading.path, taken)
        taken.add(ident)
        sources.append({"id": ident, "title": _title(reading), "file": reading.path.name})
        shutil.copyfile(reading.path, directory / DOCUMENTS / reading.path.name)
        mentions, candidates, skipped = _rows(reading, ident, known)
        ties += mentions + candidates
        counts = [counts[0] + len(mentions), counts[1] + len(candidates), counts[2] + skipped]
    write_table(directory / SOURCES, source_header, sources)
    write_table(directory / ENTITIES, entity_header, entities)
    write_table(directory / TIES, tie_header, ties)
    return Review(directory, len(readings), *counts)
