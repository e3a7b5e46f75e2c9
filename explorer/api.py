"""The Python API: named queries and ad-hoc Cypher, as rows or pandas DataFrames."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from explorer.db import Database, Rows
from explorer.graph import Graph, fetch_graph, query_graph
from explorer.names import Entity, fuzzy, resolve
from explorer.settings import Settings
from loader.errors import ExplorerError, NotFoundError
from loader.schema import load_schema
from queries.binding import bind
from queries.library import NamedQuery
from queries.registry import library

if TYPE_CHECKING:
    import pandas as pd


class Explorer:
    """A connection to the influence graph.

    >>> with Explorer() as ex:                       # settings from NEO4J_* variables
    ...     ex.links("Gazprombank", "Rosatom")         # list of routes, each with its ties
    ...     ex.df("members", id="csto")                # any named query, as a DataFrame
    ...     ex.cypher_df("MATCH (p:Person) RETURN p.name AS name")
    """

    def __init__(self, settings: Settings | None = None, **overrides: str) -> None:
        base = settings or Settings.from_env()
        self.db = Database(Settings(**{**base.__dict__, **overrides}))

    def __enter__(self) -> Explorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # named queries and ad-hoc Cypher
    def named(self, name: str) -> NamedQuery:
        queries = library()
        if name not in queries:
            close = difflib.get_close_matches(name, list(queries), n=3)
            hint = f"did you mean {', '.join(close)}?" if close else "see `explorer queries`"
            raise ExplorerError(f"no query named {name!r}", hint=hint)
        return queries[name]

    def query(self, name: str, **params: Any) -> Rows:
        """Run a named query (a read) with its declared parameters."""
        named = self.named(name)
        bound = bind(named, params)
        return self.db.run(named.text, bound)

    def df(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query and return a DataFrame."""
        import pandas as pd

        rows = self.query(name, **params)
        return pd.DataFrame(rows.rows, columns=rows.keys)

    def cypher(
        self, text: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> Rows:
        """Run ad-hoc Cypher: a read transaction unless `write`."""
        # Ad-hoc text is the caller's own query; values still travel as parameters.
        return self.db.run(text, params, write=write)

    def cypher_df(
        self, text: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> pd.DataFrame:
        """Run ad-hoc Cypher and return a DataFrame."""
        return self.db.dataframe(text, params, write=write)

    # the graph as records (see `explorer.export` to write them out)
    def graph(self, *, dataset: str | None = None) -> Graph:
        """Every entity and tie, or those one dataset loaded, as (nodes, ties)."""
        nodes, ties = fetch_graph(self.db, dataset=dataset)
        if dataset is not None and not nodes and not ties:
            present = sorted({row["dataset"] for row in self.stats().rows if row["dataset"]})
            close = difflib.get_close_matches(dataset, present, n=3)
            hint = (
                f"did you mean {', '.join(close)}?"
                if close
                else f"datasets here: {', '.join(present) or 'none (explorer load)'}"
            )
            raise NotFoundError(f"no entity or tie of dataset {dataset!r}", hint=hint)
        return nodes, ties

    def result_graph(self, rows: Rows) -> Graph:
        """The entities and ties found in a query's rows, each entity read whole."""
        return query_graph(self.db, rows.rows)

    # names
    def resolve(self, text: str) -> Entity:
        """The entity a name, alias or id stands for (errors list candidates or close matches)."""
        return resolve(text, lambda name, params: self.query(name, **params).rows)

    def types(self, via: Iterable[str] = ()) -> list[str]:
        """Tie types to follow: those named (checked against the schema), else all influence."""
        schema = load_schema()
        chosen = [t.upper() for t in via]
        for name in chosen:
            if name not in schema.ties:
                close = difflib.get_close_matches(name, list(schema.ties), n=3)
                hint = f"did you mean {', '.join(close)}?" if close else "see `explorer schema`"
                raise ExplorerError(f"no tie type {name!r}", hint=hint)
        return chosen or list(schema.path_types)

    # the analysts' verbs
    def find(self, text: str, limit: int = 10) -> Rows:
        return self.query("find", search=fuzzy(text), limit=limit)

    def links(
        self,
        a: str,
        b: str,
        *,
        max_hops: int = 4,
        limit: int = 5,
        via: Iterable[str] = (),
        exclude: Iterable[str] = (),
        as_of: str | None = None,
    ) -> Rows:
        """Direct ties between A and B, then up to `limit` shortest routes of 2..max_hops ties."""
        ea, eb = self.resolve(a), self.resolve(b)
        types = self.types(via)
        avoid = [self.resolve(x).id for x in exclude]
        direct = self.query("direct", a=ea.id, b=eb.id, types=types, as_of=as_of)
        routes = self.query(
            "paths",
            a=ea.id,
            b=eb.id,
            types=types,
            exclude=avoid,
            max_hops=max_hops,
            limit=limit,
            as_of=as_of,
        )
        return Rows(direct.keys, direct.rows + routes.rows)

    def neighbors(
        self,
        x: str,
        *,
        depth: int = 1,
        cap: int = 25,
        via: Iterable[str] = (),
        as_of: str | None = None,
    ) -> Rows:
        return self.query(
            "neighbors",
            id=self.resolve(x).id,
            types=self.types(via),
            depth=depth,
            cap=cap,
            as_of=as_of,
        )

    def common(self, a: str, b: str, *, via: Iterable[str] = (), limit: int = 50) -> Rows:
        return self.query(
            "common", a=self.resolve(a).id, b=self.resolve(b).id, types=self.types(via), limit=limit
        )

    def owners(self, x: str, *, max_depth: int = 6) -> Rows:
        return self.query("owners", id=self.resolve(x).id, max_depth=max_depth)

    def members(self, x: str, *, as_of: str | None = None) -> Rows:
        return self.query("members", id=self.resolve(x).id, as_of=as_of)

    def timeline(self, x: str, *, via: Iterable[str] = ()) -> Rows:
        schema_types = list(load_schema().ties) if not via else self.types(via)
        return self.query("timeline", id=self.resolve(x).id, types=schema_types)

    def brokers(
        self, a: str, b: str, *, max_hops: int = 4, via: Iterable[str] = (), limit: int = 20
    ) -> Rows:
        return self.query(
            "brokers",
            a=self.resolve(a).id,
            b=self.resolve(b).id,
            types=self.types(via),
            max_hops=max_hops,
            limit=limit,
        )

    def stats(self) -> Rows:
        return self.query("stats")
