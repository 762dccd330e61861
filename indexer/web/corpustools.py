"""The corpus tools (word list, collocates) as the web serves them, declared as the
other research tools are (:mod:`indexer.web.research`): their URL parameters with the
click types of their CLI options, how each computes its answer, and the links of each
row of their pages.

A word links to the search for the page's query AND the word, and to its concordance;
a collocate to the concordance of the node in the matching quotes that hold both the
node and the collocate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import click

from ..errors import QuerySyntaxError
from ..search.request import SearchRequest
from ..tools import collocates as collocates_tool
from ..tools import words as words_tool
from .links import carried, changed, href, narrowed, phrase
from .params import QUERY, Args, Option, shared_names
from .pool import ServedIndex

#: What the collocates page asks for before it is given a node.
NODE_NEEDED = "Give the word whose collocates to list (the node), e.g. 合作."


class WindowType(click.ParamType):
    """A collocation window in one URL parameter: ``L R`` or ``L,R`` (words to the
    left and to the right), each a whole number from 0."""

    name = "window"

    def convert(self, value: Any, param: Any, ctx: Any) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        parts = str(value).replace(",", " ").split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            self.fail(f"{value!r} is not two whole numbers L R, e.g. 5 5", param, ctx)
        return int(parts[0]), int(parts[1])


def _words(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    return words_tool.words(
        ix, request, options["ngram"], options["top"], options["min_freq"],
        options["drop_stopwords"],
    )  # fmt: skip


def _collocates(ix: ServedIndex, request: SearchRequest, options: Mapping[str, Any]):
    node = options["node"]
    if not node or not node.strip():
        raise QuerySyntaxError(NODE_NEEDED)
    return collocates_tool.collocates(
        ix, request, node, options["window"], options["min_freq"], options["sort"],
        options["top"], options["drop_stopwords"],
    )  # fmt: skip


def corpus_tools() -> list[Any]:
    """The word list and collocates tools, in the order their tabs stand."""
    from .research import Tool

    count = click.IntRange(min=0)
    return [
        Tool(
            "words",
            "Words",
            (
                Option("ngram", click.IntRange(min=1), None),
                Option("top", count, words_tool.TOP),
                Option("min_freq", click.IntRange(min=1), words_tool.MIN_FREQ),
                Option("drop_stopwords", click.BOOL, False),
            ),
            _words,
            rows="top",
        ),
        Tool(
            "collocates",
            "Collocates",
            (
                Option("node", click.STRING, None),
                Option("window", WindowType(), collocates_tool.WINDOW),
                Option("min_freq", click.IntRange(min=1), collocates_tool.MIN_FREQ),
                Option("sort", click.Choice(collocates_tool.SORTS), "g2"),
                Option("top", count, collocates_tool.TOP),
                Option("drop_stopwords", click.BOOL, False),
            ),
            _collocates,
            rows="top",
        ),
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


def word_rows(ix: ServedIndex, result: Any, args: Args) -> list[ItemRow]:
    rows = []
    for item in result.words:
        found = _with(ix, args, item.word)
        if found is None:
            rows.append(ItemRow(item, None, None))
            continue
        centred = href("/kwic", changed(found, centre=phrase(item.word)))
        rows.append(ItemRow(item, href("/", found), centred))
    return rows


def collocate_rows(ix: ServedIndex, result: Any, args: Args) -> list[ItemRow]:
    rows = []
    for item in result.collocates:
        found = _with(ix, args, result.node, item.word)
        if found is None:
            rows.append(ItemRow(item, None, None))
            continue
        centred = href("/kwic", changed(found, centre=phrase(result.node)))
        rows.append(ItemRow(item, href("/", found), centred))
    return rows


#: Each corpus tool's row builder, by name.
ROWS = {"words": word_rows, "collocates": collocate_rows}


def needs(name: str, options: Mapping[str, Any]) -> str | None:
    """What a corpus tool's page asks for before it can show anything."""
    if name == "collocates" and not (options.get("node") or "").strip():
        return NODE_NEEDED
    return None
