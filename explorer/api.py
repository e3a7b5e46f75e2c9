"""The Python API: named queries and ad-hoc Cypher, as rows or pandas DataFrames."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, LiteralString, TypedDict, Unpack

from explorer.db import Database, Rows, translate_errors
from explorer.export import DEFAULT_TITLE, EXPORTERS
from explorer.export.target import Output, is_folder, write_text_to, write_to
from explorer.graph import Graph, fetch_graph, query_graph
from explorer.loading import Loaded, LoadOptions, RowsDone, Say, load_dataset, validate_seed
from explorer.names import Entity, fuzzy, resolve
from explorer.ownership import effective, search, totals
from explorer.settings import Settings
from loader.errors import ExplorerError, NotFoundError, UsageError, suggest
from loader.schema import load_schema
from queries.binding import bind, require_values, symmetric_types, tie_types
from queries.library import NamedQuery
from queries.registry import is_packaged, library

if TYPE_CHECKING:
    import pandas as pd

    from loader.drop import DropReport
    from loader.entities import Regrouped
    from loader.errors import Problem
    from loader.importers.edges import EdgeMapping
    from loader.judgements import Judgement
    from loader.resolve import Candidate


# Which of some texts are entity ids: one round trip, where looking each up takes one apiece.
_ENTITY_IDS: LiteralString = (
    "UNWIND $ids AS id OPTIONAL MATCH (e:Entity {id: id}) RETURN collect(e.id) AS ids"
)
# The columns of `owners`: those of queries/owners.cypher, and each owner's total.
OWNER_KEYS = ["id", "name", "kind", "depth", "effective_share", "chain", "stakes", "chains",
              "total_share"]  # fmt: skip


class Claims(TypedDict, total=False):
    """Which ties count, by date and grade: the verbs' keywords of that name (see `claims`)."""

    as_of: str | None
    since: str | None
    until: str | None
    undated: bool
    min_confidence: str | None


def claims(**chosen: Unpack[Claims]) -> dict[str, Any]:
    """The query parameters that choose ties by date and grade.

    Dates are YYYY, YYYY-MM or YYYY-MM-DD. `as_of`: only ties valid at that date; `since`
    and `until` (either or both): only ties valid at some time in that period. A tie with no
    dates at all is then left out unless `undated`; one with a `year` and no `until` (a yearly
    figure, an arms transfer) is valid in its year, or until its last delivery year.
    `min_confidence`: only ties graded at least that firmly (the schema's grades, firmest
    first: reported, ...); default every grade.
    """
    as_of, since, until = chosen.get("as_of"), chosen.get("since"), chosen.get("until")
    if as_of is not None and (since is not None or until is not None):
        raise UsageError("give either a date (--as-of) or a period (--since, --until), not both")
    if since is not None and until is not None and since[: len(until)] > until[: len(since)]:
        raise UsageError(f"the period is empty: --since {since} is after --until {until}")
    grades = None
    if (lowest := chosen.get("min_confidence")) is not None:
        known = load_schema().grades
        if lowest not in known:
            hint = suggest(lowest, known, f"one of {', '.join(known)}")
            raise UsageError(f"no confidence grade {lowest!r}", hint=hint)
        grades = load_schema().grades_from(lowest)
    if as_of is not None:
        since = until = as_of
    return {
        "since": since,
        "until": until,
        "undated": chosen.get("undated", False),
        "grades": grades,
    }


def _chooses(when: Claims) -> bool:
    """Whether `when` asks for a date, a period or grades."""
    return any(when.get(k) is not None for k in ("as_of", "since", "until", "min_confidence"))


class Explorer:
    """A connection to the influence graph.

    >>> with Explorer() as ex:                       # settings from NEO4J_* variables
    ...     ex.links("Gazprombank", "Rosatom")         # list of routes, each with its ties
    ...     ex.df("members", id="csto")                # any named query, as a DataFrame
    ...     ex.cypher_df("MATCH (p:Person) RETURN p.name AS name")
    """

    def __init__(self, settings: Settings | None = None, **overrides: str | float | None) -> None:
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
            hint = suggest(name, queries, "see `explorer queries`")
            raise UsageError(f"no query named {name!r}", hint=hint)
        return queries[name]

    def query(self, name: str, **params: Any) -> Rows:
        """Run a named query (a read) with its declared parameters.

        An `entity` parameter takes an id, a name or an alias, resolved as the verbs resolve
        theirs (`resolve`): an unknown one is a NotFoundError naming the closest matches, an
        ambiguous one an AmbiguousNameError listing the candidates. A list of tie types left
        out is the one the verbs pass (see `_verb_lists`).
        """
        named = self.named(name)
        bound = bind(named, {**self._verb_lists(named, params), **params})
        require_values(named, bound)
        entities = {
            p.name: bound[p.name]
            for p in named.params
            if p.type == "entity" and bound[p.name] is not None
        }
        if not entities:
            return self.db.run(named.text, bound)
        if is_packaged(named):
            # Ours find nothing for a value that is no entity's id: run with the values as
            # given (what scripts and the verbs pass: ids, no lookup), and look them up only
            # when that finds nothing.
            found = self.db.run(named.text, bound)
            if found.rows or self._are_ids(entities.values()):
                return found
        elif self._are_ids(entities.values()):  # a user's query may answer for any value
            return self.db.run(named.text, bound)
        ids = {key: self.resolve(value).id for key, value in entities.items()}
        return self.db.run(named.text, {**bound, **ids})

    def df(self, name: str, **params: Any) -> pd.DataFrame:
        """Run a named query (see `query`) and return its rows as a DataFrame."""
        return self.query(name, **params).df()

    def _verb_lists(self, named: NamedQuery, given: Mapping[str, Any]) -> dict[str, list[str]]:
        """The tie-type lists the verbs pass, for those a caller of `named` leaves out: the
        types they follow (`types`) for a required list, and the schema's undirected types
        for `symmetric` (as `neighbors` passes them)."""
        lists: dict[str, list[str]] = {}
        for param in named.params:
            if param.type != "tie_types" or param.name in given:
                continue
            if param.name == "symmetric":
                lists[param.name] = symmetric_types()
            elif param.required:
                lists[param.name] = self.types()
        return lists

    def _are_ids(self, values: Iterable[str]) -> bool:
        """Whether every value is an entity's id, in one round trip."""
        given = list(values)
        known = self.db.run(_ENTITY_IDS, {"ids": given}).rows[0]["ids"]
        return set(given) <= set(known)

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
    def graph(
        self, *, dataset: str | None = None, records: bool = False, **when: Unpack[Claims]
    ) -> Graph:
        """Every entity and tie, or those one dataset loaded, as (nodes, ties); with `records`,
        the datasets' records instead of the entities they make up (see `fetch_graph`); only
        the ties valid at the date or in the period and of the grades `when` gives (`claims`)."""
        chosen = claims(**when)
        nodes, ties = fetch_graph(self.db, dataset=dataset, records=records, claims=chosen)
        if dataset is not None and not nodes and not ties:
            present = sorted({row["dataset"] for row in self.stats().rows if row["dataset"]})
            otherwise = f"datasets here: {', '.join(present) or 'none (explorer load)'}"
            hint = suggest(dataset, present, otherwise)
            raise NotFoundError(f"no entity or tie of dataset {dataset!r}", hint=hint)
        return nodes, ties

    def result_graph(self, rows: Rows) -> Graph:
        """The entities and ties found in a query's rows, each entity read whole."""
        return query_graph(self.db, rows.rows)

    # loading, validating, exporting
    def load(
        self,
        paths: str | Path | Iterable[str | Path] = (),
        *,
        fmt: str = "seed",
        dataset: str | None = None,
        replace: bool = False,
        dry_run: bool = False,
        commit_every: int | None = None,
        bulk: bool = False,
        skip_invalid: bool = False,
        mapping: EdgeMapping | None = None,
        progress: RowsDone | None = None,
        say: Say | None = None,
    ) -> Loaded:
        """Read files in format `fmt` (none: the shipped dataset), check them, and load them.

        The dataset becomes equal to the input (`replace` is another name for that, kept for
        old callers), all or nothing: in one transaction, or staged and then published in
        transactions of `commit_every` rows (see loader.staging); `bulk` imports into the
        empty local server instead. `mapping` maps the columns of the `edges` format.
        `skip_invalid` loads the valid records of a format that can leave out the others
        (`Loaded.invalid` names them) instead of refusing the whole input.
        `progress(done, total)` follows the rows written; `say` gets one-line notes (records
        skipped, bulk stages). Raises InputError listing every problem of the input, and
        UsageError (worded as the CLI options) for options that contradict each other.
        """
        options = LoadOptions(replace, dry_run, commit_every, bulk)
        files = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
        return load_dataset(
            self.db,
            fmt,
            files,
            options,
            dataset=dataset,
            skip_invalid=skip_invalid,
            mapping=mapping,
            progress=progress,
            say=say,
        )

    def datasets(self) -> Rows:
        """The datasets in the graph: name, version, files, loaded_at, nodes and ties."""
        return self.query("datasets")

    def drop(self, name: str) -> DropReport:
        """Delete dataset `name` whole, in one transaction: its ties, entities and record.

        Ties of other datasets on its entities go with them (the report counts them).
        NotFoundError, with close names, when no dataset has that name.
        """
        from loader.drop import drop

        present = [row["name"] for row in self.datasets().rows]
        if name not in present:
            otherwise = f"datasets here: {', '.join(present) or 'none'} (explorer datasets)"
            hint = suggest(name, present, otherwise)
            raise NotFoundError(f"no dataset named {name!r}", hint=hint)
        with translate_errors(self.db.settings):
            return drop(self.db.driver, self.db.settings.database, name)

    # one entity across datasets
    def merge(self, a: str, b: str, *, note: str | None = None) -> Regrouped:
        """Judge entities A and B (names or ids) the same actor, and make them one entity.

        The judgement is kept in the graph: it outlives reloads, and `split` undoes it.
        """
        ea, eb = self.resolve(a), self.resolve(b)
        if ea.id == eb.id:
            raise ExplorerError(f"{a!r} and {b!r} are already one entity ({ea.name}, id {ea.id})")
        if ea.kind != eb.kind:
            raise ExplorerError(
                f"{ea.name} is a {ea.kind} and {eb.name} a {eb.kind}: only entities of one kind "
                "can be one actor"
            )
        from loader.judgements import vetoes

        with translate_errors(self.db.settings):
            kept_apart = vetoes(self.db.driver, self.db.settings.database, ea.id, eb.id)
        if kept_apart:
            x, y = kept_apart[0]
            raise ExplorerError(
                f"{ea.name} and {eb.name} stay apart: {x!r} and {y!r} were judged not the same",
                hint=f"to withdraw that judgement: explorer judge {x} {y} unsure",
            )
        return self.judge(ea.id, eb.id, "same", note=note)

    def judge(self, a: str, b: str, verdict: str, *, note: str | None = None) -> Regrouped:
        """Record a verdict (same, not_same, unsure) on two records (ids, or names of
        entities), and regroup them."""
        from loader.judgements import Judgement, judge

        a, b = self._record(a), self._record(b)
        with translate_errors(self.db.settings):
            found = judge(
                self.db.driver, self.db.settings.database, [Judgement(a, b, verdict, note)]
            )
        return found

    def _record(self, text: str) -> str:
        """The record id `text` is, else the id of the entity it names."""
        found = self.cypher("MATCH (r:Record {id: $id}) RETURN r.id AS id", {"id": text})
        return text if found.rows else self.resolve(text).id

    def split(self, record: str) -> Regrouped:
        """Take one record (by id) out of the entity it is part of, and keep it apart."""
        from loader.judgements import split

        entity = self.resolve(record)
        held = self.cypher(
            "MATCH (e:Entity {id: $id}) RETURN e.records AS records", {"id": entity.id}
        )
        records: list[str] = (held.rows[0]["records"] or []) if held.rows else []
        if record not in records:
            raise UsageError(
                f"{record!r} names the entity {entity.name}; split one of its records",
                hint=f"its records: {', '.join(records)}",
            )
        with translate_errors(self.db.settings):
            return split(self.db.driver, self.db.settings.database, record)

    def candidates(
        self, *, kinds: Iterable[str] = ("Person", "Organization"), minimum: float = 0.7
    ) -> list[Candidate]:
        """Pairs of records that may be one actor, best first, each score explained; pairs
        already judged are left out. Nothing is merged: see `merge`, `judge` and `review`."""
        from explorer.matching import proposed

        known = list(load_schema().kinds)
        for kind in kinds:
            if kind not in known:
                raise UsageError(
                    f"no kind {kind!r}", hint=suggest(kind, known, "see `explorer schema`")
                )
        return proposed(self.db, self.judgements(), kinds=list(kinds), minimum=minimum)

    def apply_judgements(self, path: str | Path) -> Regrouped:
        """Re-apply the judgements of a CSV file (`explorer judgements --format csv` writes
        one), e.g. after rebuilding the database from the datasets' files."""
        from loader.backup import read_judgements
        from loader.judgements import apply

        found = read_judgements(Path(path))
        with translate_errors(self.db.settings):
            return apply(self.db.driver, self.db.settings.database, found)

    def judgements(self) -> list[Judgement]:
        """Every judgement made on pairs of records (see `merge`, `split` and `review`)."""
        from loader.judgements import judgements

        with translate_errors(self.db.settings):
            return judgements(self.db.driver, self.db.settings.database)

    def validate(
        self, path: str | Path | None = None, *, sources_dir: str | Path | None = None
    ) -> list[Problem]:
        """Every problem of a seed folder (default: the shipped one); needs no server.

        Evidence is checked against the documents in `sources_dir`, else ../shared/seeds
        when present.
        """
        folder = Path(path) if path is not None else None
        documents = Path(sources_dir) if sources_dir is not None else None
        return validate_seed(folder, documents).problems

    def export(
        self,
        fmt: str = "graphml",
        *,
        dataset: str | None = None,
        query: str | None = None,
        cypher: str | None = None,
        params: Mapping[str, Any] | None = None,
        output: Output = None,
        title: str | None = None,
        **when: Unpack[Claims],
    ) -> Graph:
        """Write the whole graph, one dataset, or what a query finds, in `fmt`; return it.

        `output` is a stream (default stdout) or a path (for csv, a folder of seed files
        unless it ends in .csv; for the whole graph of several datasets, a backup that
        `load` restores). A query's graph holds the entities and ties in its rows. `when`
        (see `claims`) keeps only the ties valid at a date or in a period, or of some grades:
        of the graph or dataset, or through a named query's parameters of those names.
        """
        if fmt not in EXPORTERS:
            raise UsageError(
                f"unknown export format {fmt!r}", hint=f"one of {', '.join(EXPORTERS)}"
            )
        named = dataset or query
        whole = named is None and cypher is None
        if whole and _chooses(when) and (EXPORTERS[fmt].dump or is_folder(fmt, output)):
            raise UsageError(
                "a backup of the whole graph holds every tie: it takes no date, period or grade",
                hint="export one --dataset, or to another format",
            )
        graph = self._chosen_graph(fmt, dataset, query, cypher, params or {}, when)
        try:
            if whole and EXPORTERS[fmt].dump:
                from explorer.export.dump import fetch_dump, write_dump

                dump = fetch_dump(self.db)
                write_text_to(lambda out: write_dump(dump, out), output)
            else:
                write_to(
                    fmt, graph, output, title or DEFAULT_TITLE + (f": {named}" if named else "")
                )
            if whole and is_folder(fmt, output):
                from explorer.export.csvfile import write_backup

                write_backup(Path(str(output)), self.datasets().rows, self.judgements())
        except ValueError as err:  # a kind or tie type the format cannot say
            raise ExplorerError(str(err)) from err
        except OSError as err:  # a folder where a file goes, a file where a folder goes, ...
            raise ExplorerError(
                f"cannot write {err.filename or output}: {err.strerror or err}",
                hint="give a path where a new file can be written (csv: a new folder, "
                "or a file name ending in .csv)",
            ) from err
        return graph

    def _chosen_graph(
        self,
        fmt: str,
        dataset: str | None,
        query: str | None,
        cypher: str | None,
        params: Mapping[str, Any],
        when: Claims,
    ) -> Graph:
        """The graph of a query or Cypher, else of one dataset or of everything."""
        if len([o for o in (dataset, query, cypher) if o is not None]) > 1:
            raise UsageError("give at most one of --dataset, --query and --cypher")
        if params and query is None and cypher is None:
            raise UsageError("-p sets parameters of --query or --cypher; give one of them")
        if query is not None:
            chosen = self.claims_for(query, when)
            return self.result_graph(self.query(query, **{**chosen, **params}))
        if cypher is not None:
            if _chooses(when):
                raise UsageError(
                    "dates, periods and grades choose the ties of the graph or of a named "
                    "query, not of --cypher",
                    hint="write the condition in the Cypher (see queries/direct.cypher)",
                )
            return self.result_graph(self.cypher(cypher, params))
        return self.graph(dataset=dataset, records=EXPORTERS[fmt].records, **when)

    def claims_for(self, name: str, when: Claims) -> dict[str, Any]:
        """The parameters `claims` makes of `when` for the named query `name`, those it
        declares; asking a query for a date or grade it takes no parameter for is an error."""
        named = self.named(name)
        chosen = {k: v for k, v in claims(**when).items() if v is not None and v is not False}
        declared = {p.name for p in named.params}
        if missing := sorted(chosen.keys() - declared):
            raise UsageError(
                f"query {name!r} has no parameter {', '.join('$' + m for m in missing)}",
                hint="leave out the date, period or grade options; `explorer queries` "
                "lists each query's parameters",
            )
        return chosen

    # names
    def resolve(self, text: str) -> Entity:
        """The entity a name, alias or id stands for (errors list candidates or close matches)."""
        return resolve(text, lambda name, params: self.query(name, **params).rows)

    def types(self, via: Iterable[str] = ()) -> list[str]:
        """Tie types to follow: those named (checked against the schema), else all influence."""
        return tie_types(via) or list(load_schema().path_types)

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
        **when: Unpack[Claims],
    ) -> Rows:
        """Up to `limit` shortest routes of at most `max_hops` steps between A and B, the
        direct ties first: each route a different sequence of entities, each step every tie
        between its two entities (see queries/paths.cypher). For the dates and grades
        (`when`), see `claims`."""
        types = self.types(via)  # misuse is reported before any name is looked up
        chosen = claims(**when)
        avoid = [self.resolve(x).id for x in exclude]
        return self.query(
            "paths", a=a, b=b, types=types, exclude=avoid, max_hops=max_hops, limit=limit, **chosen
        )

    def neighbors(
        self,
        x: str,
        *,
        depth: int = 1,
        cap: int = 25,
        via: Iterable[str] = (),
        **when: Unpack[Claims],
    ) -> Rows:
        chosen = claims(**when)
        return self.query(
            "neighbors",
            types=self.types(via),
            id=x,
            depth=depth,
            cap=cap,
            symmetric=symmetric_types(),
            **chosen,
        )

    def common(
        self,
        a: str,
        b: str,
        *,
        via: Iterable[str] = (),
        limit: int = 50,
        **when: Unpack[Claims],
    ) -> Rows:
        chosen = claims(**when)
        return self.query("common", types=self.types(via), a=a, b=b, limit=limit, **chosen)

    def owners(
        self,
        x: str,
        *,
        max_depth: int = 6,
        **when: Unpack[Claims],
    ) -> Rows:
        """X's owners within `max_depth` links, each once with its shortest chain, and its
        total stake over all its chains: `total_share` (in %, None when a share on one of
        them is unknown) over `chains` chains (see `explorer.ownership`)."""
        chosen = claims(**when)
        owned = self.resolve(x)
        chains, read = search(
            owned.id, lambda ids: self.query("owner_links", ids=ids, **chosen).rows, max_depth
        )
        held = totals(owned.id, read, max_depth)
        rows = []
        for owner, chain in chains.items():
            stake, part = effective(chain), held[owner]
            rows.append(
                {
                    "id": owner,
                    "name": chain[0]["name"],
                    "kind": chain[0]["kind"],
                    "depth": len(chain),
                    "effective_share": stake,
                    "chain": [link["name"] for link in chain] + [owned.name],
                    "stakes": [link["stake"] for link in chain],
                    "chains": part.chains,
                    "total_share": part.share,
                }
            )
        # nearest first; then, as Cypher orders them, unknown stakes before the largest
        rows.sort(key=_owner_order)
        return Rows(OWNER_KEYS, rows)

    def members(
        self,
        x: str,
        **when: Unpack[Claims],
    ) -> Rows:
        return self.query("members", id=x, **claims(**when))

    def timeline(
        self,
        x: str,
        *,
        via: Iterable[str] = (),
        limit: int = 200,
        **when: Unpack[Claims],
    ) -> Rows:
        """X's ties in date order, undated last: the first `limit` of them."""
        chosen = claims(**when)
        return self.query("timeline", id=x, types=self.types(via), limit=limit, **chosen)

    def brokers(
        self,
        a: str,
        b: str,
        *,
        max_hops: int = 4,
        via: Iterable[str] = (),
        limit: int = 20,
        **when: Unpack[Claims],
    ) -> Rows:
        chosen = claims(**when)
        return self.query(
            "brokers",
            types=self.types(via),
            a=a,
            b=b,
            max_hops=max_hops,
            limit=limit,
            **chosen,
        )

    def undated(self, ids: Iterable[str], via: Iterable[str] = ()) -> int:
        """How many ties of the entities `ids` (of the types `via`, else all influence) have
        no dates: those an answer at a date leaves out unless asked to keep them."""
        found = self.query("undated", ids=list(ids), types=self.types(via))
        return int(found.rows[0]["ties"])

    def stats(self) -> Rows:
        return self.query("stats")


def _owner_order(row: Mapping[str, Any]) -> tuple[int, bool, float, str]:
    share = row["effective_share"]
    return row["depth"], share is not None, -(share or 0.0), row["name"] or ""
