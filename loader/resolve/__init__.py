"""Probable matches: pairs of records that may be one entity, scored and explained, never
applied. Blocking keeps the work near linear in the number of records."""

from loader.resolve.blocking import blocks
from loader.resolve.match import candidates
from loader.resolve.model import Candidate, Rec

__all__ = ["Candidate", "Rec", "blocks", "candidates"]
