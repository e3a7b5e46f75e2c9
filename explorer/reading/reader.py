"""Read documents: mentions, candidate ties and candidate new names, per document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from explorer.reading.document import read_document
from explorer.reading.folding import tokens
from explorer.reading.gazetteer import Gazetteer
from explorer.reading.mentions import Mention, find_mentions
from explorer.reading.names import new_names
from explorer.reading.sentences import Sentence, sentences
from explorer.reading.ties import Candidate, candidate_ties
from loader.schema import load_schema


@dataclass(frozen=True)
class Reading:
    """What one document says about the known entities."""

    path: Path
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]
    candidates: list[Candidate]
    new_names: Counter[str]

    def kept(self, min_score: float) -> Reading:
        """This reading without the candidate ties scored below `min_score`."""
        return replace(self, candidates=[c for c in self.candidates if c.score >= min_score])

    def sentence_of(self, mention: Mention) -> str:
        span = next(s for s in self.sentences if s.start <= mention.start < s.end)
        return self.text[span.start : span.end]

    def mention_rows(self) -> list[dict[str, Any]]:
        """One row per mention: the JSON contract of `explorer read`."""
        return [
            {"file": str(self.path), "id": m.id, "name": m.name, "kind": m.kind,
             "surface": m.surface, "start": m.start, "end": m.end,
             "sentence": self.sentence_of(m)}
            for m in self.mentions
        ]  # fmt: skip


def read_text(path: Path, text: str, gazetteer: Gazetteer) -> Reading:
    """Read `text` (the document at `path`) against `gazetteer`."""
    words, spans = tokens(text), sentences(text)
    mentions = find_mentions(text, words, gazetteer)
    ties = candidate_ties(text, spans, mentions, load_schema())
    return Reading(path, text, spans, mentions, ties, new_names(words, mentions, text))


def read_file(path: Path, gazetteer: Gazetteer) -> Reading:
    """Read the plain-text, Markdown or HTML file at `path`."""
    return read_text(path, read_document(path), gazetteer)
