"""``yulu trend``, ``yulu kwic``, ``yulu formulations`` and ``yulu keywords``: doors onto
the research tools of :mod:`indexer.tools`. Each takes the query and filters of ``yulu
search`` and writes text, JSON, CSV or TSV (see :mod:`indexer.cli.output`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import click

from ..tools.display import bar, pad_left, pad_right, width
from ..tools.formulations import Formulations
from ..tools.inert import visible
from ..tools.keywords import Keywords
from ..tools.kwic import Concordance
from ..tools.options import (
    KEYWORDS_NEED,
    FormulationsOptions,
    KeywordsOptions,
    KwicOptions,
    TrendOptions,
    facet_counts,
)
from ..tools.trend import Trend
from .app import OneLineUsageError, main, note
from .options import IndexDir, QueryCommand, index_dir_option, open_index, request_options
from .output import Output, table_output_options
from .render import use_color
from .terms import tool_options

#: Columns of the longest bar in text output.
BAR = 40


def _facets(ix: Any, request: Any) -> dict[str, Any]:
    """The facet counts a tool's request asks for, over its whole matching set."""
    return {"facets": facet_counts(ix, request)} if request.facets else {}


def _facet_lines(extra: dict[str, Any]) -> Iterator[str]:
    for name, counts in extra.get("facets", {}).items():
        yield ""
        values = " · ".join(f"{value} {count}" for value, count in counts.items())
        yield f"{name}: {values or '(none)'}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# trend ---------------------------------------------------------------------------------


def _cell(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.2f}"


def trend_lines(result: Trend) -> Iterator[str]:
    """A title line, then one line per period: its label, the count and a bar; with a
    split or several queries, a column per series (and with a split, the total)."""
    if not result.series:
        yield f"no {result.count} match"
        return
    periods = result.periods
    totals = [result.total[p] for p in periods]
    label = max(width(p) for p in periods)
    if result.share:
        yield result.title
    elif result.compare:
        scope = f" ({result.scope})" if result.scope else ""
        yield f"{result.count} by {result.by}: {' vs '.join(result.compare)}{scope}"
    else:
        split = f", split by {result.split}" if result.split else ""
        scope = f" ({result.scope})" if result.scope else ""
        yield f"{_plural(sum(totals), result.count[:-1])} by {result.by}{split}{scope}"
    if len(result.series) == 1 and not result.split:
        peak = max(totals)
        size = max(len(_cell(t)) for t in totals)
        for period, total in zip(periods, totals, strict=True):
            cell = pad_left(_cell(total), size)
            yield f"{pad_right(period, label)}  {cell} {bar(total, peak, BAR)}".rstrip()
        return
    names = list(result.series)
    extra = {"total": result.total} if result.split else {}
    columns = {**result.series, **extra}
    sizes = {n: max(width(n), *(len(_cell(v)) for v in columns[n].values())) for n in columns}
    peak = max(max(c.values()) for c in columns.values())
    head = "  ".join(pad_left(n, sizes[n]) for n in columns)
    yield f"{pad_right('', label)}  {head}"
    last = "total" if result.split else names[0]
    for period in periods:
        cells = "  ".join(pad_left(_cell(columns[n][period]), sizes[n]) for n in columns)
        line = f"{pad_right(period, label)}  {cells} {bar(columns[last][period], peak, BAR // 2)}"
        yield line.rstrip()


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(TrendOptions)
@table_output_options
@index_dir_option
def trend(words: tuple[str, ...], request: Any, options: TrendOptions, output: Output,
          index_dir: IndexDir) -> None:  # fmt: skip
    """How many matching quotes (or events) fall in each period (each counts once, in
    the period of its first day), empty periods included, from --since to --until when
    given. With no QUERY and no filters: every quote."""
    from ..tools.trend import trend as compute

    request = replace(request, query=" ".join(words))
    compare, split, plot = options.compare, options.split, options.plot
    if plot is not None and plot.suffix.lower() != ".svg":
        raise OneLineUsageError(f"--plot writes SVG; name the file .svg (not {plot.name})")
    if compare and not words:
        raise OneLineUsageError(
            "--compare needs two queries or more: yulu trend 合作 斗争 --compare"
        )
    if compare and split:
        raise OneLineUsageError("--compare draws a series per query; leave out --split")
    queries = list(words) if compare else None
    with open_index(index_dir) as ix:
        result = compute(ix, request, options.by, split, count=options.count,
                         share=options.share, compare=queries)  # fmt: skip
        extra = _facets(ix, request)
    if plot is not None:
        try:
            plot.write_text(result.svg(), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {plot}: {exc.strerror}") from None
        note(f"chart written to {plot}")
    output.emit(result, lambda: [*trend_lines(result), *_facet_lines(extra)], extra)


# kwic ----------------------------------------------------------------------------------


def kwic_lines(result: Concordance, columns: int, color: bool) -> Iterator[str]:
    """A header, then one line per occurrence: date, id, the left context aligned on
    the match, the match, the right context."""
    shown = f" (showing {len(result.lines)})" if len(result.lines) < result.total else ""
    total = _plural(result.total, "occurrence")
    yield f"{total} in {_plural(result.quotes, 'matching quote')}{shown}"
    for line in result.lines:
        left = pad_left(visible(line.left.replace("\n", " ")), columns)
        right = visible(line.right.replace("\n", " "))
        found = visible(line.match)
        match = click.style(found, fg="red", bold=True) if color else f"【{found}】"
        yield f"{line.date} {visible(line.id)}  {left}{match}{right}".rstrip()


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1, required=True, metavar="QUERY...")
@request_options(paging=False)
@tool_options(KwicOptions)
@table_output_options
@index_dir_option
def kwic(words: tuple[str, ...], request: Any, options: KwicOptions, output: Output,
         index_dir: IndexDir) -> None:  # fmt: skip
    """A concordance (keyword in context): every occurrence of each word or phrase of
    QUERY in every matching quote, aligned on the match, with date and id."""
    from ..tools.kwic import concordance

    request = replace(request, query=" ".join(words))
    with open_index(index_dir) as ix:
        result = concordance(
            ix, request, options.width, options.sort, options.limit, options.centre
        )
        extra = _facets(ix, request)
    if len(result.lines) < result.total:  # a page of a larger total says so
        note(f"{len(result.lines)} of {result.total} lines; leave out --limit for every line")
    colored = output.format == "text" and use_color(options.color)

    def lines() -> list[str]:
        width = options.width
        return [*kwic_lines(result, width, colored), *map(visible, _facet_lines(extra))]

    output.emit(result, lines, extra, color=colored, escaped=True)


# formulations --------------------------------------------------------------------------


def _people(counts: dict[str, int]) -> str:
    return "、".join(f"{name} {count}" for name, count in counts.items())


def formulation_lines(result: Formulations, min_length: int, min_quotes: int) -> Iterator[str]:
    """A header, then one line per formulation: quotes, occurrences, first and last
    date, the text, its top speakers and counterparts."""
    found = result.formulations
    yield (
        f"{_plural(len(found), 'formulation')} of at least {min_length} characters "
        f"in at least {min_quotes} quotes"
    )
    if not found:
        return
    text = max(width("formulation"), *(width(f.text) for f in found))
    said = max(width("said by"), *(width(_people(f.leaders)) for f in found))
    yield (
        f"quotes  times  first       last        {pad_right('formulation', text)}  "
        f"{pad_right('said by', said)}  to"
    )
    for f in found:
        yield (
            f"{f.quotes:>6}  {f.occurrences:>5}  {f.first}  {f.last}  {pad_right(f.text, text)}  "
            f"{pad_right(_people(f.leaders), said)}  {_people(f.counterparts)}"
        ).rstrip()


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(FormulationsOptions)
@table_output_options
@index_dir_option
def formulations(words: tuple[str, ...], request: Any, options: FormulationsOptions,
                 output: Output, index_dir: IndexDir) -> None:  # fmt: skip
    """Repeated formulations (提法) of the matching quotes: the longest runs of Han
    characters (letters and digits among them) found in at least --min-quotes quotes,
    most quotes first. A formulation's quote count is what yulu search '"TEXT"' with
    the same filters counts. With no QUERY and no filters: every quote."""
    from ..tools.formulations import formulations as compute

    request = replace(request, query=" ".join(words))
    with open_index(index_dir) as ix:
        min_length, min_quotes = options.min_length, options.min_quotes
        result = compute(ix, request, min_length, min_quotes, options.top)
        extra = _facets(ix, request)
    output.emit(
        result,
        lambda: [*formulation_lines(result, min_length, min_quotes), *_facet_lines(extra)],
        extra,
    )


# keywords ------------------------------------------------------------------------------


def keyword_lines(result: Keywords) -> Iterator[str]:
    """A header, then one line per keyword: the word, its counts, G², log ratio,
    %DIFF and p."""
    rest = result.corpus_words - result.set_words
    against = "the reference" if result.reference is not None else "the rest of the corpus"
    yield (
        f"{_plural(len(result.keywords), 'keyword')} of {_plural(result.set_words, 'word')} "
        f"in the matching quotes against {_plural(rest, 'word')} in {against}"
    )
    if result.cutoff is not None:
        yield f"p below {result.alpha} / {result.tests} words compared = {result.cutoff:.3g}"
    if not result.keywords:
        return
    word = max(width("word"), *(width(k.word) for k in result.keywords))
    yield f"{pad_right('word', word)}  count  corpus        G²  log ratio    %DIFF          p"
    for k in result.keywords:
        p = k.to_dict()["p"]
        yield (
            f"{pad_right(k.word, word)}  {k.count:>5}  {k.corpus_count:>6}  "
            f"{k.g2:>8.2f}  {k.effect:>9.2f}  {k.pct_diff:>7.0f}  {p:>9.3g}"
        )


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1, metavar="[QUERY]...")
@request_options(paging=False)
@tool_options(KeywordsOptions)
@table_output_options
@index_dir_option
def keywords(words: tuple[str, ...], request: Any, options: KeywordsOptions, output: Output,
             index_dir: IndexDir) -> None:  # fmt: skip
    """Distinctive words of the matching quotes against the rest of the corpus, or
    against the quotes of --reference and the --reference-FIELD filters: log-likelihood
    G² over the index's jieba words, with p, the log ratio and %DIFF as effect sizes,
    stop words left out."""
    from ..tools.keywords import keywords as compute

    request = replace(request, query=" ".join(words))
    if not request.selects_some and options.reference is None:
        raise OneLineUsageError(KEYWORDS_NEED)
    with open_index(index_dir) as ix:
        result = compute(ix, request, options.top, options.min_count, options.reference,
                         options.alpha, options.min_log_ratio)  # fmt: skip
        extra = _facets(ix, request)
    output.emit(result, lambda: [*keyword_lines(result), *_facet_lines(extra)], extra)
