"""A Neo4j Browser guide: one slide per named query, its Cypher ready to run.

The Browser plays a guide from an allowed host (`:play URL` or `:guide URL`): an HTML
page whose `<slide>` elements become its pages. A click on a `<pre class="code runnable">`
block copies it into the editor. A query's slide has two blocks: `:param` lines that set
its parameters (examples from the curated dataset, defaults for the rest), then the query.
"""

from __future__ import annotations

import html
from typing import Any

from explorer.browser.editor import param_lines
from explorer.names import fuzzy, phrase
from loader.schema import load_schema
from queries.binding import bind
from queries.library import NamedQuery
from queries.registry import library

TITLE = "Influence explorer: the named queries"
_BY_NAME: dict[str, Any] = {"a": "gazprombank", "b": "rosatom", "id": "vladimir-putin"}
_BY_QUERY: dict[str, dict[str, Any]] = {
    "arms_recipients": {"id": "russia"},
    "find": {"search": fuzzy("schroder")},
    "members": {"id": "csto"},
    "named": {"text": "Putin", "search": phrase("Putin")},
    "owners": {"id": "atomstroyeksport"},
}
_BLANKS: dict[str, Any] = {"string": "", "integer": 0, "number": 0.0, "boolean": False, "list": []}
_PAGE = """<article class="guide">
<carousel class="deck container-fluid">
{slides}</carousel>
</article>
"""
_INTRO = """<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>{title}</h3>
    <p class="lead">Every named query of <code>explorer queries</code>, ready to run.</p>
  </div>
  <div class="col-sm-9">
    <p>Each of the next slides holds one query. Click a block to copy it into the editor,
    then run it (Ctrl+Enter): first the <code>:param</code> lines, which set the parameters
    to examples from the curated dataset, then the query. Change the values to ask about
    other entities; parameters take ids (<code>explorer find NAME</code> gives them).</p>
    <p>To colour the graph by kind, run <code>explorer browser style</code> and follow it.</p>
    <ol>
{contents}
    </ol>
  </div>
</slide>
"""
_SLIDE = """<slide class="row-fluid">
  <div class="col-sm-3">
    <h3>{name}</h3>
    <p class="lead">{description}</p>
  </div>
  <div class="col-sm-9">
    <ul>
{params}
    </ul>
{blocks}  </div>
</slide>
"""
_BLOCK = """    <figure>
      <pre class="pre-scrollable code runnable">{code}</pre>
      <figcaption>{caption}</figcaption>
    </figure>
"""


def guide() -> str:
    """The guide's HTML: an opening slide, then one slide per named query, by name."""
    queries = sorted(library().values(), key=lambda q: q.name)
    contents = "\n".join(f"      <li>{_text(q.name)}: {_text(q.description)}</li>" for q in queries)
    slides = [_INTRO.format(title=_text(TITLE), contents=contents), *map(_slide, queries)]
    return _PAGE.format(slides="".join(slides))


def example_params(query: NamedQuery) -> dict[str, Any]:
    """Every parameter of `query`: an example from the curated dataset, else its default.

    A required parameter with no example (a query of your own) gets an empty value.
    """
    schema = load_schema()
    types = list(schema.ties) if query.name == "timeline" else list(schema.path_types)
    known = {**_BY_NAME, "types": types, **_BY_QUERY.get(query.name, {})}
    given = {p.name: known.get(p.name, _BLANKS.get(p.type)) for p in query.params if p.required}
    return bind(query, given)


def _slide(query: NamedQuery) -> str:
    params = "\n".join(
        f"      <li><code>${_text(p.name)}</code> ({p.type}): {_text(p.description)}</li>"
        for p in query.params
    )
    blocks = [(query.text, "Run the query.")]
    if query.params:
        setting = param_lines(example_params(query))
        blocks = [(setting, "First set the parameters."), (query.text, "Then run the query.")]
    return _SLIDE.format(
        name=_text(query.name),
        description=_text(query.description),
        params=params or "      <li>no parameters</li>",
        blocks="".join(_BLOCK.format(code=_text(c), caption=t) for c, t in blocks),
    )


def _text(value: str) -> str:
    return html.escape(value, quote=False)
