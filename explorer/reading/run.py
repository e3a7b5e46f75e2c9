"""What `explorer read` does: build the gazetteer, read each file, list rows, write a review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from explorer.reading.gazetteer import Gazetteer, entries_from_csv, entries_from_graph
from explorer.reading.reader import Reading, read_file
from explorer.reading.review import DOCUMENTS, Review, write_review
from explorer.settings import Settings
from loader.errors import InputError, Problem
from loader.seed import default_data_dir
from loader.validate import find_sources_dir


@dataclass(frozen=True)
class Done:
    """The rows of each listing, and the review folder written, if any."""

    mentions: list[dict[str, Any]]
    ties: list[dict[str, Any]]
    names: list[dict[str, Any]]
    review: Review | None


def gazetteer(settings: Settings, entities: Path | None) -> Gazetteer:
    """From an entities.csv when given, else from the graph (one read query)."""
    if entities is not None:
        try:
            return Gazetteer.build(entries_from_csv(entities))
        except (KeyError, ValueError) as err:
            problem = Problem(str(entities), None, None, f"not a seed entities.csv: {err}")
            raise InputError([problem]) from err
    from explorer.db import Database

    with Database(settings) as db:
        return Gazetteer.build(entries_from_graph(db))


def _ties(reading: Reading) -> list[dict[str, Any]]:
    return [
        {"file": str(reading.path), "type": c.type, "source": c.source.id,
         "target": c.target.id, "score": c.score, "trigger": c.trigger,
         "evidence": c.evidence, **c.props}
        for c in reading.candidates
    ]  # fmt: skip


def read_documents(
    settings: Settings,
    files: list[Path],
    *,
    entities: Path | None = None,
    min_score: float = 0.5,
    review_dir: Path | None = None,
    base: Path | None = None,
) -> Done:
    """Read `files` against the known names; with `review_dir`, write the review folder."""
    known = gazetteer(settings, entities)
    readings = [read_file(path, known).kept(min_score) for path in files]
    review, documents = None, find_sources_dir()
    if base is not None and (base / DOCUMENTS).is_dir():  # a review folder as the base
        documents = base / DOCUMENTS
    if review_dir is not None:
        review = write_review(review_dir, readings, base or default_data_dir(), documents)
    return Done(
        mentions=[row for r in readings for row in r.mention_rows()],
        ties=[row for r in readings for row in _ties(r)],
        names=[
            {"file": str(r.path), "name": name, "count": count}
            for r in readings
            for name, count in r.new_names.most_common()
        ],
        review=review,
    )
