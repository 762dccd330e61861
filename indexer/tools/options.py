"""Each research tool's own options, declared once as a dataclass: the fields are the
options' names in a URL (on the command line ``--NAME``, ``-`` for ``_``), their
defaults, and in each field's :class:`~indexer.search.vocabulary.Term` how the value
reads, its help and its form label. The CLI makes its click options from them
(:mod:`indexer.cli.terms`), the web reads its URL parameters and lays out its forms
with them, and a notebook may read keywords with
:func:`~indexer.search.vocabulary.options_from_mapping`."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..search.vocabulary import FACETS, Kind, term
from . import clusters as clusters_tool
from . import collocates as collocates_tool
from . import formulations as formulations_tool
from . import keywords as keywords_tool
from . import kwic as kwic_tool
from . import trend as trend_tool
from . import words as words_tool

COUNT, ONE = Kind("int", low=0), Kind("int", low=1)
CLI, WEB = ("cli",), ("web",)
TOP = "How many to list."
#: How the terminal marks matches (``--color``).
COLOR_CHOICES = ("auto", "always", "never")


def _node() -> Any:
    """A corpus tool's node: the CLI's argument WORD, the web's ``node``."""
    return term(None, doors=WEB, label=("Node", ""), placeholder="合作")


def _top(default: int) -> Any:
    return term(default, kind=COUNT, help=TOP, label=("Top", ""))


def _plot(what: str) -> Any:
    return term(
        None, kind=Kind("file"), doors=CLI, help=f"Also write the {what} as SVG to this file."
    )


@dataclass(frozen=True)
class KwicOptions:
    width: int = term(
        kwic_tool.WIDTH,
        kind=COUNT,
        label=("Context", "columns"),
        help="Columns of context on each side (a Han character takes two).",
    )
    sort: str = term(
        "date",
        kind=Kind("choice", choices=kwic_tool.SORTS),
        label=("Sort", ""),
        help="date (newest first), date-asc, left (by the context read leftwards from the "
        "match) or right; or in pinyin order by the first or second word to the left or "
        "right (left1, right1, left2, right2) or by the match.",
        shown={"date": "newest first", "date-asc": "oldest first", "left": "left context",
               "right": "right context", "left1": "1st word left (pinyin)",
               "right1": "1st word right (pinyin)", "left2": "2nd word left (pinyin)",
               "right2": "2nd word right (pinyin)", "match": "match (pinyin)"},
    )  # fmt: skip
    #: at most this many lines (the web: a page's lines, kept as a hidden field)
    limit: int | None = term(
        None, kind=COUNT, help="At most this many lines.", label=("", "hidden")
    )
    centre: str | None = term(
        None,
        label=("Centre on", ""),
        placeholder="(the query's words)",
        help="Centre the lines on the words and phrases of this query only (default: those "
        "of QUERY), e.g. one phrase in the quotes QUERY matches.",
    )
    color: str = term(
        "auto",
        kind=Kind("choice", choices=COLOR_CHOICES),
        doors=CLI,
        help="Mark matches in colour: auto (on a terminal, unless NO_COLOR is set), always "
        "or never (then 【…】).",
    )
    #: the web's own addition: lines to skip first (paging)
    offset: int = term(0, kind=COUNT, doors=WEB, hidden=True)


@dataclass(frozen=True)
class TrendOptions:
    by: str = term("month", kind=Kind("choice", choices=trend_tool.PERIODS), label=("By", ""),
                   help="The period: day, ISO week (2020-W12), month or year.")  # fmt: skip
    count: str = term(
        "quotes",
        kind=Kind("choice", choices=trend_tool.COUNTS),
        label=("Count", ""),
        help="What to count: matching quotes, or events (one attribution: the same date, "
        "event and counterparts, however many quotes it holds).",
    )
    share: bool = term(False, kind=Kind("bool"), label=("", "as a share of all"),
                       help="Each count as a per cent of all quotes (or events) of its period, "
                       "whatever they say.")  # fmt: skip
    compare: bool = term(False, kind=Kind("bool"), label=("", "each word a series"),
                         help="Each word of QUERY is a query of its own, with a series each on "
                         "one chart (yulu trend 合作 斗争 --compare).")  # fmt: skip
    split: str | None = term(None, kind=Kind("choice", choices=FACETS), label=("Split by", ""),
                             placeholder="(nothing)",
                             help="One series per value of this field (the top 8; the rest as "
                             "其他).")  # fmt: skip
    plot: Path | None = _plot("chart")  # noqa: RUF009 (a field of its own)


@dataclass(frozen=True)
class FormulationsOptions:
    min_length: int = term(formulations_tool.MIN_LENGTH, kind=ONE, help="Fewest characters.",
                           label=("At least", "characters"))  # fmt: skip
    min_quotes: int = term(formulations_tool.MIN_QUOTES, kind=Kind("int", low=2),
                           help="Fewest distinct quotes holding it.",
                           label=("in", "quotes"))  # fmt: skip
    top: int = _top(formulations_tool.TOP)


@dataclass(frozen=True)
class KeywordsOptions:
    top: int = _top(keywords_tool.TOP)
    min_count: int = term(keywords_tool.MIN_COUNT, kind=ONE, aliases=("--min-freq",),
                          label=("At least", "times"),
                          help="Fewest occurrences in the matching quotes.")  # fmt: skip
    #: the quotes to compare with (None: the rest of the corpus); see
    #: :func:`~indexer.search.vocabulary.reference_names`
    reference: Any = term(None, kind=Kind("reference"))  # noqa: RUF009 (a field)
    alpha: float | None = term(
        None,
        kind=Kind("float", low=0, high=1, low_open=True),
        label=("p below", "÷ words (Bonferroni)"),
        placeholder="0.05",
        help="Keep the words whose p is below ALPHA / the number of words compared "
        "(Bonferroni), e.g. 0.05.",
    )
    min_log_ratio: float | None = term(None, kind=Kind("float"), label=("Log ratio at least", ""),
                                       help="Keep the words whose log ratio is at least this "
                                       "(1: twice as frequent).")  # fmt: skip


def _drop(help: str) -> Any:
    return term(False, kind=Kind("bool"), help=help, label=("", "no stop words"))


@dataclass(frozen=True)
class WordsOptions:
    ngram: int | None = term(None, kind=ONE, label=("Characters", ""), placeholder="(words)",
                             help="List runs of N characters of the normalised text "
                             "(punctuation breaks a run) instead of jieba words.")  # fmt: skip
    top: int = _top(words_tool.TOP)
    min_freq: int = term(words_tool.MIN_FREQ, kind=ONE, help="Fewest occurrences.",
                         label=("At least", "times"))  # fmt: skip
    drop_stopwords: bool = _drop("Leave out the stop words (stopwords.txt of the data and of "
                                 "the corpus's gazetteer/); they count as tokens.")  # fmt: skip


@dataclass(frozen=True)
class CollocatesOptions:
    node: str | None = _node()
    window: tuple[int, int] = term(
        collocates_tool.WINDOW,
        kind=Kind("pair", low=0, example="5 5"),
        metavar="L R",
        label=("Window", "(left right)"),
        help="Words to the left and to the right of the node.",
    )
    min_freq: int = term(collocates_tool.MIN_FREQ, kind=ONE, label=("At least", "times"),
                         help="Fewest occurrences within the windows.")  # fmt: skip
    sort: str = term("g2", kind=Kind("choice", choices=collocates_tool.SORTS), label=("Sort", ""),
                     shown={"g2": "G²", "mi": "MI", "t": "t-score", "freq": "freq"},
                     help="Largest first by G², MI, t-score or freq.")  # fmt: skip
    top: int = _top(collocates_tool.TOP)
    drop_stopwords: bool = _drop("Leave out the stop words (they still count in the windows "
                                 "and the totals).")  # fmt: skip


@dataclass(frozen=True)
class ClustersOptions:
    node: str | None = _node()
    sizes: tuple[int, int] = term(
        clusters_tool.SIZES,
        kind=Kind("pair", low=2, high=clusters_tool.LONGEST, example="2 4"),
        metavar="MIN MAX",
        label=("Words", "(fewest most, 2–6)"),
        help="Fewest and most words in a cluster (2 to 6).",
    )
    min_freq: int = term(clusters_tool.MIN_FREQ, kind=ONE, help="Fewest occurrences.",
                         label=("At least", "times"))  # fmt: skip
    top: int = _top(clusters_tool.TOP)


@dataclass(frozen=True)
class DispersionOptions:
    node: str | None = _node()
    plot: Path | None = _plot("plot")  # noqa: RUF009 (a field of its own)


#: What ``keywords`` says when given neither a query nor a filter nor a reference.
KEYWORDS_NEED = "give a QUERY or a filter: keywords compares the matching quotes with the rest"


def facet_counts(ix: Any, request: Any) -> dict[str, dict[str, int]]:
    """The facet counts a tool's request asks for, over its whole matching set (not
    the tool's rows): what ``yulu TOOL --facet F --json`` and ``/api/TOOL?facet=F`` add
    as ``facets``."""
    return ix.search(replace(request, limit=0)).facets


#: Each tool's options, by the tool's name (its command, its URL path).
TOOL_OPTIONS: dict[str, type] = {
    "kwic": KwicOptions,
    "trend": TrendOptions,
    "formulations": FormulationsOptions,
    "keywords": KeywordsOptions,
    "words": WordsOptions,
    "collocates": CollocatesOptions,
    "clusters": ClustersOptions,
    "dispersion": DispersionOptions,
}
