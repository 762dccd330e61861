"""``yulu words`` and ``yulu collocates``: doors onto the corpus tools of
:mod:`indexer.tools`, built as the other research commands (:mod:`indexer.cli.research`):
the query and filters of ``yulu search``, text, JSON, CSV or TSV out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..tools import collocates as collocates_tool
from ..tools import words as words_tool
from ..tools.display import pad_right, width
from .app import main
from .options import QueryCommand, index_dir_option, open_index, request_options
from .output import Output, table_output_options
from .research import _facet_lines, _facets, _plural

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
@click.option("--ngram", type=click.IntRange(min=1), help="List runs of N characters of the "
              "normalised text (punctuation breaks a run) instead of jieba words.")  # fmt: skip
@click.option("--top", type=click.IntRange(min=0), default=words_tool.TOP, show_default=True,
              help="How many to list.")  # fmt: skip
@click.option("--min-freq", type=click.IntRange(min=1), default=words_tool.MIN_FREQ,
              show_default=True, help="Fewest occurrences.")  # fmt: skip
@click.option("--drop-stopwords", is_flag=True, help="Leave out the stop words (stopwords.txt "
              "of the data and of the corpus's gazetteer/); they count as tokens.")  # fmt: skip
@table_output_options
@index_dir_option
def words(query_words: tuple[str, ...], request: Any, ngram: int | None, top: int, min_freq: int,
          drop_stopwords: bool, output: Output, index_dir: Path | None) -> None:  # fmt: skip
    """A word list of the matching quotes: each jieba word (the index's words) or
    character n-gram with its frequency, the quotes and documents holding it, and
    Gries's DP over the quotes (0: evenly spread). With no QUERY and no filters: every
    quote."""
    request = replace(request, query=" ".join(query_words))
    with open_index(index_dir) as ix:
        result = words_tool.words(ix, request, ngram, top, min_freq, drop_stopwords)
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
@click.option("--window", type=click.IntRange(min=0), nargs=2, default=collocates_tool.WINDOW,
              show_default=True, metavar="L R",
              help="Words to the left and to the right of the node.")  # fmt: skip
@click.option("--min-freq", type=click.IntRange(min=1), default=collocates_tool.MIN_FREQ,
              show_default=True, help="Fewest occurrences within the windows.")  # fmt: skip
@click.option("--sort", "order", type=click.Choice(collocates_tool.SORTS), default="g2",
              show_default=True, help="Largest first by G², MI, t-score or freq.")  # fmt: skip
@click.option("--top", type=click.IntRange(min=0), default=collocates_tool.TOP,
              show_default=True, help="How many to list.")  # fmt: skip
@click.option("--drop-stopwords", is_flag=True, help="Leave out the stop words (they still "
              "count in the windows and the totals).")  # fmt: skip
@table_output_options
@index_dir_option
def collocates(node: str, query_words: tuple[str, ...], request: Any, window: tuple[int, int],
               min_freq: int, order: str, top: int, drop_stopwords: bool, output: Output,
               index_dir: Path | None) -> None:  # fmt: skip
    """The collocates of WORD: the words within --window words of each occurrence in
    the matching quotes (every quote without QUERY or filters), with observed and
    expected frequency, MI, log-likelihood G² and t-score."""
    request = replace(request, query=" ".join(query_words))
    with open_index(index_dir) as ix:
        result = collocates_tool.collocates(
            ix, request, node, tuple(window), min_freq, order, top, drop_stopwords
        )
        extra = _facets(ix, request)
    output.emit(result, lambda: [*collocate_lines(result), *_facet_lines(extra)], extra)
