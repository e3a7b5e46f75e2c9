"""Check the seed dataset and report every problem at once, each as `file:line: field: problem`."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

from loader.errors import Problem
from loader.records import Node, Tie
from loader.schema import Property, load_schema
from loader.seed import SeedData, parse_seed

TIE_ID_HINT = ": give the tie its own explicit id"


def validate(
    directory: Path, sources_dir: Path | None = None, datasets: Collection[str] = ()
) -> list[Problem]:
    """Every problem in the seed dataset in `directory`, in file and line order.

    With `sources_dir`, each evidence fragment must also occur in a cited source's file.
    `datasets` are the datasets of a backup: `sources` may cite them, as importers do.
    """
    data, problems = parse_seed(directory)
    problems += _duplicates(data.nodes, "")
    problems += _duplicates(data.ties, TIE_ID_HINT)
    problems += _references(data, datasets)
    problems += _ends(data)
    if sources_dir is not None:
        problems += _evidence(data, sources_dir)
    return sorted(problems, key=lambda p: (p.file, p.line or 0))


def find_sources_dir() -> Path | None:
    """The `shared/seeds` folder beside the checkout that holds this file or the working dir."""
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in start.parents:
            if (folder / "shared" / "seeds").is_dir():
                return folder / "shared" / "seeds"
    return None


def _problem(record: Node | Tie, field: str, message: str) -> Problem:
    file, _, line = str(record.props["record"]).rpartition(":")
    return Problem(file, int(line), field, message)


def _duplicates(records: Sequence[Node | Tie], hint: str) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for record in records:
        where = first.setdefault(record.id, record.props["record"])
        if where != record.props["record"]:
            yield _problem(record, "id", f"duplicate id {record.id!r} (first at {where}){hint}")


def _references(data: SeedData, datasets: Collection[str]) -> Iterator[Problem]:
    """Every id a tie end or an entity-reference property names must be a loaded entity (or,
    for a reference to Sources, one of `datasets`)."""
    schema, kinds = load_schema(), {node.id: node.kind for node in data.nodes}
    cited = dict.fromkeys(datasets, "Source") | kinds
    for node in data.nodes:
        wanted = _referring(node.props, partial(schema.node_property, node.kind))
        yield from _check(node, cited, wanted, node.props)
    for tie in data.ties:
        ends: dict[str, object] = {"source": tie.source, "target": tie.target}
        yield from _check(tie, kinds, {"source": (), "target": ()}, ends)
        wanted = _referring(tie.props, partial(schema.tie_property, tie.type))
        yield from _check(tie, cited, wanted, tie.props)


def _referring(
    props: dict[str, object], lookup: Callable[[str], Property | None]
) -> dict[str, tuple[str, ...]]:
    """The properties among `props` that the schema declares as ids, with the kinds allowed."""
    return {name: prop.kinds for name in props if (prop := lookup(name)) and prop.kinds}


def _check(
    record: Node | Tie,
    kinds: dict[str, str],
    wanted: Mapping[str, tuple[str, ...]],
    values: dict[str, object],
) -> Iterator[Problem]:
    for field, allowed in wanted.items():
        for ref in _ids(values.get(field)):
            if ref not in kinds:
                yield _problem(record, field, f"unknown id {ref!r}")
            elif allowed and kinds[ref] not in allowed:
                wanted_kinds = " or ".join(allowed)
                yield _problem(
                    record, field, f"{ref!r} is of kind {kinds[ref]}, not {wanted_kinds}"
                )


def _ids(value: object) -> list[str]:
    return [str(ref) for ref in value] if isinstance(value, list) else [str(value)] if value else []


def _ends(data: SeedData) -> Iterator[Problem]:
    schema, kinds = load_schema(), {node.id: node.kind for node in data.nodes}
    for tie in data.ties:
        ends = kinds.get(tie.source), kinds.get(tie.target)
        if ends[0] and ends[1] and not schema.ties[tie.type].allows(ends[0], ends[1]):
            yield _problem(tie, "type", f"{tie.type} cannot run from {ends[0]} to {ends[1]}")


def _evidence(data: SeedData, sources_dir: Path) -> Iterator[Problem]:
    sources = [node for node in data.nodes if node.kind == "Source" and "file" in node.props]
    files = {node.id: str(node.props["file"]) for node in sources}
    texts: dict[str, str] = {}
    for node in sources:
        name = str(node.props["file"])
        if (sources_dir / name).is_file():
            texts[name] = _normal((sources_dir / name).read_text("utf-8", errors="replace"))
        else:
            yield _problem(node, "file", f"no file {name!r} in {sources_dir}")
    for tie in data.ties:
        cited = dict.fromkeys(files[s] for s in tie.props.get("sources", []) if s in files)
        yield from _fragments(tie, list(cited), texts)


def _fragments(tie: Tie, cited: list[str], texts: dict[str, str]) -> Iterator[Problem]:
    evidence, found = tie.props.get("evidence", []), [texts[n] for n in cited if n in texts]
    if evidence and not cited:
        yield _problem(tie, "evidence", "no cited source has a file to check it against")
    for fragment in evidence:
        if found and not any(_normal(fragment) in text for text in found):
            message = f"not found in {', '.join(cited)}: {_short(fragment)!r}"
            yield _problem(tie, "evidence", message)


def _normal(text: str) -> str:
    return " ".join(text.split())


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."
