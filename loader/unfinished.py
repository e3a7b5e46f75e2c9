"""What readers check before they read: a staged load publishing, or failed at it (see
loader.staging). Kept apart so that every read does not import the loader."""

from typing import LiteralString

UNFINISHED: LiteralString = (
    "MATCH (l:Load) WHERE l.state IN ['publishing', 'failed'] "
    "RETURN l.dataset AS dataset, l.state AS state, l.error AS error ORDER BY l.started LIMIT 1"
)
