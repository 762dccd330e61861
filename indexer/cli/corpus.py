"""``yulu words``, ``yulu collocates``, ``yulu clusters`` and ``yulu dispersion``: doors
onto the corpus tools of :mod:`indexer.tools`, built as the other research commands
(:mod:`indexer.cli.research`): the query and filters of ``yulu search``, text, JSON,
CSV or TSV out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import click

from ..tools import clusters as clusters_tool
from ..tools import collocates as collocates_tool
from ..tools import dispersion as dispersion_tool
from ..tools import words as words_tool
from ..tools.display import bar, pad_right, width
from ..tools.options import (
    ClustersOptions,
    CollocatesOptions,
    DispersionOptions,
    WordsOptions,
)
from .app import OneLineUsageError, main, note
from .options import IndexDir, QueryCommand, index_dir_option, open_index, request_options
from .output import Output, table_output_options
from .research import _facet_lines, _facets, _plural
from .terms import tool_options

#: Columns of a document's strip in text output.
STRIP = 50

# words ---------------------------------------------------------------------------------


def word_lines(result: words_tool.WordList) -> Iterator[str]:
    """A header, then one line per word: the word, its frequency, range and DP."""
    unit = f"{result.ngram}-gram" if result.ngram else "word"
    yield (
        f"{_plural(len(result.words), unit)} listed of {_plural(result.types, 'type')}, "
        f"{_plural(result.tokens, 'token')} in {_plural(result.quotes, 'matching quote')}"
    )
    if not result.words:
        return
    size = max(width(unit), *(width(w.word) for w in result.words))
    yield f"{pad_right(unit, size)}   freq  quotes  documents  dispersion (DP)"
    for w in result.words:
        yield (
            f"{pad_right(w.word, size)}  {w.freq:>5}  {w.quotes:>6}  {w.documents:>9}  "
            f"{w.dispersion:>15.3f}"
        )


@main.command(cls=QueryCommand)
@click.argument("query_words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(WordsOptions)
@table_output_options
@index_dir_option
def words(query_words: tuple[str, ...], request: Any, options: WordsOptions, output: Output,
          index_dir: IndexDir) -> None:  # fmt: skip
    """A word list of the matching quotes: each jieba word (the index's words) or
    character n-gram with its frequency, the quotes and documents holding it, and
    Gries's DP over the quotes (0: evenly spread). With no QUERY and no filters: every
    quote."""
    request = replace(request, query=" ".join(query_words))
    with open_index(index_dir) as ix:
        result = words_tool.words(ix, request, options.ngram, options.top, options.min_freq,
                                  options.drop_stopwords)  # fmt: skip
        extra = _facets(ix, request)
    output.emit(result, lambda: [*word_lines(result), *_facet_lines(extra)], extra)


# collocates ----------------------------------------------------------------------------


def collocate_lines(result: collocates_tool.Collocates) -> Iterator[str]:
    """A header, then one line per collocate: its counts and the three measures."""
    left, right = result.window
    yield (
        f"{_plural(len(result.collocates), 'collocate')} of {result.node} "
        f"({_plural(result.node_freq, 'occurrence')}; windows of {left} left, {right} right: "
        f"{_plural(result.window_words, 'word')}; {_plural(result.tokens, 'word')} in all)"
    )
    if not result.collocates:
        return
    size = max(width("word"), *(width(c.word) for c in result.collocates))
    yield f"{pad_right('word', size)}   freq  expected      MI        G²  t-score"
    for c in result.collocates:
        yield (
            f"{pad_right(c.word, size)}  {c.freq:>5}  {c.expected:>8.3f}  {c.mi:>6.2f}  "
            f"{c.g2:>8.2f}  {c.t:>7.2f}"
        )


@main.command(cls=QueryCommand)
@click.argument("node", metavar="WORD")
@click.argument("query_words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(CollocatesOptions)
@table_output_options
@index_dir_option
def collocates(node: str, query_words: tuple[str, ...], request: Any, options: CollocatesOptions,
               output: Output, index_dir: IndexDir) -> None:  # fmt: skip
    """The collocates of WORD: the words within --window words of each occurrence in
    the matching quotes (every quote without QUERY or filters), with observed and
    expected frequency, MI, log-likelihood G² and t-score."""
    request = replace(request, query=" ".join(query_words))
    with open_index(index_dir) as ix:
        o = options
        result = collocates_tool.collocates(
            ix, request, node, tuple(o.window), o.min_freq, o.sort, o.top, o.drop_stopwords
        )
        extra = _facets(ix, request)
    output.emit(result, lambda: [*collocate_lines(result), *_facet_lines(extra)], extra)


# clusters ------------------------------------------------------------------------------


def cluster_lines(result: clusters_tool.Clusters) -> Iterator[str]:
    """A header, then one line per cluster: its frequency, quotes and words."""
    low, high = result.sizes
    yield (
        f"{_plural(len(result.clusters), 'cluster')} of {low}–{high} words holding "
        f"{result.node} ({_plural(result.node_freq, 'occurrence')})"
    )
    if result.clusters:
        yield " freq  quotes  cluster"
    for c in result.clusters:
        yield f"{c.freq:>5}  {c.quotes:>6}  {' '.join(c.words)}"


@main.command(cls=QueryCommand)
@click.argument("node", metavar="WORD")
@click.argument("query_words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(ClustersOptions)
@table_output_options
@index_dir_option
def clusters(node: str, query_words: tuple[str, ...], request: Any, options: ClustersOptions,
             output: Output, index_dir: IndexDir) -> None:  # fmt: skip
    """The clusters of WORD: the runs of 2 to 6 words (--sizes) holding WORD in the
    matching quotes, never across punctuation, with their frequency and the quotes
    holding them, most frequent first."""
    request = replace(request, query=" ".join(query_words))
    with open_index(index_dir) as ix:
        o = options
        result = clusters_tool.clusters(ix, request, node, tuple(o.sizes), o.min_freq, o.top)
        extra = _facets(ix, request)
    output.emit(result, lambda: [*cluster_lines(result), *_facet_lines(extra)], extra)


# dispersion ----------------------------------------------------------------------------


def dispersion_lines(result: dispersion_tool.Dispersion) -> Iterator[str]:
    """A header, a strip of 50 columns per document, then the count per day."""
    yield f"{_plural(result.total, 'occurrence')} of {result.node}"
    for doc in result.documents:
        cells = [" "] * STRIP
        for position in doc.positions:
            cells[min(STRIP - 1, position * STRIP // max(doc.length, 1))] = "|"
        yield f"{doc.source}  {len(doc.positions):>4}  [{''.join(cells)}]  {doc.length} chars"
    if result.by_date:
        yield ""
        peak = max(result.by_date.values())
        for day, count in result.by_date.items():
            yield f"{day}  {count:>4} {bar(count, peak, 30)}"
    if result.undated:
        yield f"undated     {result.undated:>4}"


@main.command(cls=QueryCommand)
@click.argument("node", metavar="WORD")
@click.argument("query_words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(DispersionOptions)
@table_output_options
@index_dir_option
def dispersion(node: str, query_words: tuple[str, ...], request: Any, options: DispersionOptions,
               output: Output, index_dir: IndexDir) -> None:  # fmt: skip
    """Where WORD occurs in each document (its character offset in the document's
    quotes joined in order) and on which days, in the matching quotes: AntConc's
    concordance plot. CSV: one row per occurrence."""
    request = replace(request, query=" ".join(query_words))
    plot = options.plot
    if plot is not None and plot.suffix.lower() != ".svg":
        raise OneLineUsageError(f"--plot writes SVG; name the file .svg (not {plot.name})")
    with open_index(index_dir) as ix:
        result = dispersion_tool.dispersion(ix, request, node)
        extra = _facets(ix, request)
    if plot is not None:
        try:
            plot.write_text(result.svg(), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {plot}: {exc.strerror}") from None
        note(f"plot written to {plot}")
    output.emit(result, lambda: [*dispersion_lines(result), *_facet_lines(extra)], extra)
