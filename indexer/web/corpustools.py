"""The corpus tools (word list, collocates, clusters, dispersion) as the web serves
them, declared as the other research tools are (:mod:`indexer.web.research`): how each
computes its answer, and the links of each row of their pages.

A word links to the search for the page's query AND the word, and to its concordance;
a collocate to the concordance of the node in the matching quotes that hold both the
node and the collocate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from ..tools import clusters as clusters_tool
from ..tools import collocates as collocates_tool
from ..tools import dispersion as dispersion_tool
from ..tools import words as words_tool
from .links import carried, changed, href, narrowed, phrase
from .params import QUERY, Args, shared_names
from .pool import ServedIndex

#: What the collocates, clusters and dispersion pages ask for before they have a node.
NODE_NEEDED = "Give the word to look at (the node), e.g. 合作."


def _words(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return words_tool.words(
        ix, request, options["ngram"], options["top"], options["min_freq"],
        options["drop_stopwords"],
    )  # fmt: skip


def _collocates(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return collocates_tool.collocates(
        ix, request, _node(options), options["window"], options["min_freq"], options["sort"],
        options["top"], options["drop_stopwords"],
    )  # fmt: skip


def _node(options: Mapping[str, Any]) -> str:
    node = options["node"]
    if not node or not node.strip():
        raise QuerySyntaxError(NODE_NEEDED)
    return node


def _clusters(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return clusters_tool.clusters(
        ix, request, _node(options), options["sizes"], options["min_freq"], options["top"]
    )


def _dispersion(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return dispersion_tool.dispersion(ix, request, _node(options))


def corpus_tools() -> list[Any]:
    """The word list, collocates, clusters and dispersion tools, in tab order."""
    from .research import Tool

    return [
        Tool("words", "Words", _words, rows="top"),
        Tool("collocates", "Collocates", _collocates, rows="top"),
        Tool("clusters", "Clusters", _clusters, rows="top"),
        Tool("dispersion", "Dispersion", _dispersion),
    ]


@dataclass(frozen=True)
class ItemRow:
    """A listed word or collocate (``item``), the search for the quotes holding it
    (None where no phrase can say it) and its concordance."""

    item: Any
    search: str | None
    kwic: str | None


def _with(ix: ServedIndex, args: Args, *texts: str) -> Any:
    """The page's search (query, filters, period) AND each phrase of ``texts``."""
    shared = carried(args, shared_names(ix.spec))
    query = shared.get(QUERY, "")
    for text in texts:
        quoted = phrase(text)
        if quoted is None:
            return None
        query = narrowed(query, quoted)
    return changed(shared, **{QUERY: query})


def _rows(ix: ServedIndex, args: Args, items: list[Any], words, centre) -> list[ItemRow]:
    """Each item with the search for ``words(item)`` and its concordance centred on
    ``centre(item)`` (no links when the search cannot be narrowed to them)."""
    rows = []
    for item in items:
        found = _with(ix, args, *words(item))
        if found is None:
            rows.append(ItemRow(item, None, None))
            continue
        centred = href("/kwic", changed(found, centre=phrase(centre(item))))
        rows.append(ItemRow(item, href("/", found), centred))
    return rows


def word_rows(ix: ServedIndex, result: Any, args: Args) -> list[ItemRow]:
    return _rows(ix, args, result.words, lambda i: (i.word,), lambda i: i.word)


def collocate_rows(ix: ServedIndex, result: Any, args: Args) -> list[ItemRow]:
    node = result.node
    return _rows(ix, args, result.collocates, lambda i: (node, i.word), lambda i: node)


def cluster_rows(ix: ServedIndex, result: Any, args: Args) -> list[ItemRow]:
    """Each cluster with the search for its text as a phrase, and its concordance."""
    return _rows(ix, args, result.clusters, lambda i: (i.text,), lambda i: i.text)


@dataclass(frozen=True)
class DayRow:
    day: str
    count: int
    url: str | None


def dispersion_rows(ix: ServedIndex, result: Any, args: Args) -> list[DayRow]:
    """Each day with the concordance of the node in the matching quotes of that day."""
    rows = []
    for day, count in result.by_date.items():
        found = _with(ix, args, result.node)
        if found is not None:
            query = narrowed(found.get(QUERY, ""), f"{ix.spec.date_start}:{day}")
            found = changed(found, **{QUERY: query}, centre=phrase(result.node))
        rows.append(DayRow(day, count, href("/kwic", found) if found is not None else None))
    return rows


#: Each corpus tool's row builder, by name.
ROWS = {
    "words": word_rows,
    "collocates": collocate_rows,
    "clusters": cluster_rows,
    "dispersion": dispersion_rows,
}


def fill(page: Any, ix: ServedIndex, result: Any, args: Args) -> None:
    """The rows (and for the dispersion, the plot) of a corpus tool's page."""
    from markupsafe import Markup

    page.rows = ROWS[page.tool.name](ix, result, args)
    if page.tool.name == "dispersion" and result.total:
        page.chart = Markup(result.chart())


def needs(name: str, options: Mapping[str, Any]) -> str | None:
    """What a corpus tool's page asks for before it can show anything."""
    if "node" in options and not (options.get("node") or "").strip():
        return NODE_NEEDED
    return None
