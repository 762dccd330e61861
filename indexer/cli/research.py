"""``yulu trend``, ``yulu kwic``, ``yulu formulations`` and ``yulu keywords``: doors onto
the research tools of :mod:`indexer.tools`. Each takes the query and filters of ``yulu
search`` and writes text, JSON, CSV or TSV (see :mod:`indexer.cli.output`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from ..index.declaration import load_spec
from ..tools.display import bar, pad_left, pad_right, width
from ..tools.formulations import MIN_LENGTH, MIN_QUOTES, Formulations
from ..tools.formulations import TOP as FORMULATIONS_TOP
from ..tools.inert import visible
from ..tools.keywords import MIN_COUNT, Keywords
from ..tools.keywords import TOP as KEYWORDS_TOP
from ..tools.kwic import SORTS as KWIC_SORTS
from ..tools.kwic import WIDTH, Concordance
from ..tools.trend import COUNTS, PERIODS, Trend
from .app import OneLineUsageError, main, note
from .options import IndexDir, QueryCommand, index_dir_option, open_index, request_options
from .output import Output, table_output_options
from .reference import reference_options
from .render import COLOR_CHOICES, use_color

#: Columns of the longest bar in text output.
BAR = 40


def _facets(ix: Any, request: Any) -> dict[str, Any]:
    """The facet counts a tool's request asks for, over its whole matching set."""
    if not request.facets:
        return {}
    return {"facets": ix.search(replace(request, limit=0)).facets}


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
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True,
              help="The period: day, ISO week (2020-W12), month or year.")  # fmt: skip
@click.option("--count", "counting", type=click.Choice(COUNTS), default="quotes",
              show_default=True, help="What to count: matching quotes, or events (one "
              "attribution: the same date, event and counterparts, however many quotes "
              "it holds).")  # fmt: skip
@click.option("--share", is_flag=True, help="Each count as a per cent of all quotes (or "
              "events) of its period, whatever they say.")  # fmt: skip
@click.option("--compare", is_flag=True, help="Each word of QUERY is a query of its own, "
              "with a series each on one chart (yulu trend 合作 斗争 --compare).")  # fmt: skip
@click.option("--split", type=click.Choice(load_spec().facets),
              help="One series per value of this field (the top 8; the rest as 其他).")  # fmt: skip
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the chart as SVG to this file.")  # fmt: skip
@table_output_options
@index_dir_option
def trend(words: tuple[str, ...], request: Any, by: str, counting: str, share: bool,
          compare: bool, split: str | None, plot: Path | None, output: Output,
          index_dir: IndexDir) -> None:  # fmt: skip
    """How many matching quotes (or events) fall in each period (each counts once, in
    the period of its first day), empty periods included, from --since to --until when
    given. With no QUERY and no filters: every quote."""
    from ..tools.trend import trend as compute

    request = replace(request, query=" ".join(words))
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
        result = compute(ix, request, by, split, count=counting, share=share, compare=queries)
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
@click.option("--width", "columns", type=click.IntRange(min=0), default=WIDTH,
              show_default=True, help="Columns of context on each side (a Han character "
              "takes two).")  # fmt: skip
@click.option("--sort", "order", type=click.Choice(KWIC_SORTS), default="date", show_default=True,
              help="date (newest first), date-asc, left (by the context read leftwards "
              "from the match) or right; or in pinyin order by the first or second word "
              "to the left or right (left1, right1, left2, right2) or by the match.")  # fmt: skip
@click.option("--limit", "most", type=click.IntRange(min=0), help="At most this many lines.")
@click.option("--centre", type=str, help="Centre the lines on the words and phrases of this "
              "query only (default: those of QUERY), e.g. one phrase in the quotes QUERY "
              "matches.")  # fmt: skip
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Mark matches in colour: auto (on a terminal, unless NO_COLOR is set), "
                   "always or never (then 【…】).")  # fmt: skip
@table_output_options
@index_dir_option
def kwic(words: tuple[str, ...], request: Any, columns: int, order: str, most: int | None,
         centre: str | None, color: str, output: Output,
         index_dir: IndexDir) -> None:  # fmt: skip
    """A concordance (keyword in context): every occurrence of each word or phrase of
    QUERY in every matching quote, aligned on the match, with date and id."""
    from ..tools.kwic import concordance

    request = replace(request, query=" ".join(words))
    with open_index(index_dir) as ix:
        result = concordance(ix, request, columns, order, most, centre)
        extra = _facets(ix, request)
    if len(result.lines) < result.total:  # a page of a larger total says so
        note(f"{len(result.lines)} of {result.total} lines; leave out --limit for every line")
    colored = output.format == "text" and use_color(color)

    def lines() -> list[str]:
        return [*kwic_lines(result, columns, colored), *map(visible, _facet_lines(extra))]

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
@click.option("--min-length", type=click.IntRange(min=1), default=MIN_LENGTH,
              show_default=True, help="Fewest characters.")  # fmt: skip
@click.option("--min-quotes", type=click.IntRange(min=2), default=MIN_QUOTES,
              show_default=True, help="Fewest distinct quotes holding it.")  # fmt: skip
@click.option("--top", type=click.IntRange(min=0), default=FORMULATIONS_TOP,
              show_default=True, help="How many to list.")  # fmt: skip
@table_output_options
@index_dir_option
def formulations(words: tuple[str, ...], request: Any, min_length: int, min_quotes: int, top: int,
                 output: Output, index_dir: IndexDir) -> None:  # fmt: skip
    """Repeated formulations (提法) of the matching quotes: the longest runs of Han
    characters (letters and digits among them) found in at least --min-quotes quotes,
    most quotes first. A formulation's quote count is what yulu search '"TEXT"' with
    the same filters counts. With no QUERY and no filters: every quote."""
    from ..tools.formulations import formulations as compute

    request = replace(request, query=" ".join(words))
    with open_index(index_dir) as ix:
        result = compute(ix, request, min_length, min_quotes, top)
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
@click.option("--top", type=click.IntRange(min=0), default=KEYWORDS_TOP, show_default=True,
              help="How many to list.")  # fmt: skip
@click.option("--min-count", "--min-freq", "min_count", type=click.IntRange(min=1),
              default=MIN_COUNT, show_default=True,
              help="Fewest occurrences in the matching quotes.")  # fmt: skip
@reference_options
@click.option("--alpha", type=click.FloatRange(min=0, max=1, min_open=True),
              help="Keep the words whose p is below ALPHA / the number of words compared "
              "(Bonferroni), e.g. 0.05.")  # fmt: skip
@click.option("--min-log-ratio", type=float, help="Keep the words whose log ratio is at "
              "least this (1: twice as frequent).")  # fmt: skip
@table_output_options
@index_dir_option
def keywords(words: tuple[str, ...], request: Any, top: int, min_count: int, reference: Any,
             alpha: float | None, min_log_ratio: float | None, output: Output,
             index_dir: IndexDir) -> None:  # fmt: skip
    """Distinctive words of the matching quotes against the rest of the corpus, or
    against the quotes of --reference and the --reference-FIELD filters: log-likelihood
    G² over the index's jieba words, with p, the log ratio and %DIFF as effect sizes,
    stop words left out."""
    from ..tools.keywords import keywords as compute

    request = replace(request, query=" ".join(words))
    filtered = any(request.filters.values()) or request.since or request.until
    if not request.query.strip() and not filtered and reference is None:
        raise OneLineUsageError(
            "give a QUERY or a filter: keywords compares the matching quotes with the rest"
        )
    with open_index(index_dir) as ix:
        result = compute(ix, request, top, min_count, reference, alpha, min_log_ratio)
        extra = _facets(ix, request)
    output.emit(result, lambda: [*keyword_lines(result), *_facet_lines(extra)], extra)
