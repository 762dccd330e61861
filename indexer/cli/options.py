"""Options shared by several commands, defined once (in the manner of sqlite-utils'
option decorators): the index directory, and the search request that ``search``,
``facets`` and the research tools all build the same way."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..index.declaration import load_spec
from ..search.request import SORTS, SearchRequest
from ..search.suggest import shell_word
from ..search.vocabulary import Kind
from .app import OneLineUsageError
from .terms import ChoiceTerm, IntTerm, IsoDay, filter_type

Command = Callable[..., Any]


@dataclass(frozen=True)
class IndexDir:
    """Which index a command opens, and how: the one value ``index_dir_option`` gives
    the command, carried as arguments to where the index is opened (no context)."""

    #: the directory named (``--index-dir`` or ``YULU_INDEX``); None: the default one
    path: Path | None = None
    #: ``--trust-index``: skip the ownership and permission checks
    trust: bool = False
    #: ``--fresh``: refuse a stale index
    fresh: bool = False


def index_dir_option(command: Command) -> Command:
    """The one ``--index-dir`` option (or ``YULU_INDEX``), with ``--trust-index`` and
    ``--fresh``; the command receives them as one ``index_dir`` (an :class:`IndexDir`)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        where = IndexDir(kwargs.pop("index_dir"), kwargs.pop("trust_index"), kwargs.pop("fresh"))
        return command(*args, index_dir=where, **kwargs)

    wrapper = click.option(
        "--fresh",
        is_flag=True,
        help="Refuse an index that is stale (its corpus changed since it was built) "
        "instead of answering from what it holds.",
    )(wrapper)
    wrapper = click.option(
        "--trust-index",
        is_flag=True,
        help="Open the index even if other users can write to it or it is not yours "
        "(an index directory is code: only for one from a source you trust).",
    )(wrapper)
    return click.option(
        "--index-dir",
        # readability is checked where the index is opened, with the fix in the message
        type=click.Path(file_okay=False, readable=False, path_type=Path),
        envvar="YULU_INDEX",
        help="Where the index lives [default: the per-user data directory; env YULU_INDEX].",
    )(wrapper)


def open_index(where: IndexDir):
    """The search service over the index ``where`` names; the default one is built on
    first use (a folder the user named gets only what they build)."""
    from ..search.service import QuoteIndex
    from .app import note

    return QuoteIndex.open(
        where.path,
        notify=note,
        fresh=where.fresh,
        build_bundled=not where.path,
        trust=where.trust,
    )


def _selection_options(spec: Any, facets: bool) -> list[Callable[[Command], Command]]:
    """The filter options of the declaration, the period, ``--distinct-remarks`` and
    (with ``facets``) ``--facet``."""
    options = [
        click.option(f.option, f.name, multiple=True, type=filter_type(f),
                     help=f.help or f"Only quotes with this {f.name} (repeatable).")
        for f in spec.filters
    ]  # fmt: skip
    options += [
        click.option("--since", type=IsoDay(),
                     help="Quotes on or after this day, or from the start of this month or "
                     "year (YYYY-MM-DD, YYYY-MM or YYYY)."),
        click.option("--until", type=IsoDay(end=True),
                     help="Quotes on or before this day, or to the end of this month or year."),
        click.option("--distinct-remarks", is_flag=True,
                     help="Count each remark once: of the matching quotes that are copies of "
                     "one remark (in several compilations, whole or cut), keep the earliest."),
    ]  # fmt: skip
    if facets:
        options.append(
            click.option("--facet", "facets", type=ChoiceTerm(Kind("choice"), spec.facets),
                         multiple=True, help="Count matches by this field (repeatable).")
        )  # fmt: skip
    return options


def _paging_options() -> list[Callable[[Command], Command]]:
    """``--limit``, ``--offset`` and ``--sort``."""
    count = IntTerm(Kind("int", low=0))
    return [
        click.option("--limit", type=count, default=10, show_default=True, help="Hits to show."),
        click.option("--offset", type=count, default=0, show_default=True,
                     help="Hits to skip first."),
        click.option("--sort", type=ChoiceTerm(Kind("choice"), SORTS), default="relevance",
                     show_default=True,
                     help="relevance (ties newest first), date (newest first), date-asc (oldest)."),
    ]  # fmt: skip


def request_options(*, paging: bool = True, facets: bool = True) -> Callable[[Command], Command]:
    """The filter options of the declaration plus ``--since``, ``--until``,
    ``--distinct-remarks``, (with ``facets``) ``--facet`` and (with ``paging``)
    ``--limit``, ``--offset``, ``--sort``.
    The command receives them as one ``request`` (a :class:`SearchRequest` with an
    empty query)."""
    spec = load_spec()
    names = [f.name for f in spec.filters]

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            filters = {name: kwargs.pop(name) for name in names}
            page = {key: kwargs.pop(key) for key in ("limit", "offset", "sort")} if paging else {}
            request = SearchRequest(
                filters={k: tuple(v) for k, v in filters.items() if v},
                since=kwargs.pop("since"),
                until=kwargs.pop("until"),
                facets=tuple(kwargs.pop("facets", ())) if facets else (),
                distinct_remarks=kwargs.pop("distinct_remarks"),
                **page,
            )
            return command(*args, request=request, **kwargs)

        options = _selection_options(spec, facets) + (_paging_options() if paging else [])
        for option in reversed(options):
            wrapper = option(wrapper)
        return wrapper

    return decorate


def metadata_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--year``, ``--leader`` and ``--title``, passed to the command as one
    ``defaults`` (a :class:`~indexer.documents.metadata.Metadata`, or None)."""
    from ..documents.metadata import Metadata

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        year, leader, title = kwargs.pop("year"), kwargs.pop("leader"), kwargs.pop("title")
        given = year is not None or leader or title
        defaults = Metadata(title=title or None, year=year, leader=leader or None)
        return command(*args, defaults=defaults if given else None, **kwargs)

    options = [
        click.option(
            "--year",
            type=click.IntRange(1, 9999),
            help="Year of dates that write none, for documents that give no year themselves "
            "(no metadata file, no year in the title, preamble or attributions).",
        ),
        click.option(
            "--leader",
            help="Whose words, for documents whose metadata file, title and attributions "
            "do not say.",
        ),
        click.option(
            "--title",
            help="Title, for documents with no metadata file and no title line "
            "(else the file name).",
        ),
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


class QueryCommand(click.Command):
    """A command whose arguments are query words: several words are one query,
    ``-word`` goes after ``--``, and options after ``--`` are an error rather than
    query text."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            after = args[args.index("--") + 1 :]
            options = [a for a in after if a.startswith("--") and a[2:3].isalpha()]
            if options:
                raise OneLineUsageError(
                    f"{options[0]} comes after --, where everything is query text; "
                    "put options before --"
                )
        given = list(args)  # click's parser consumes ``args``
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            word = next((a for a in given if a.startswith(exc.option_name)), exc.option_name)
            if excluding(word):
                options, words = split_options(ctx.command, given)
                fixed = " ".join(shell_word(a) for a in [*options, "--", *words])
                raise OneLineUsageError(
                    f"{word} is taken for an option; to exclude a word, put the query "
                    f"after --: yulu {ctx.command.name} {fixed}"
                ) from None
            raise


def excluding(word: str) -> bool:
    """Whether an argument click took for an unknown option reads as a query's ``-word``
    (``-普京``, ``-counterpart:普京``, ``-"…"``, ``-(…)``) rather than a mistyped option
    (``-x``, ``--lmit``)."""
    if word.startswith("--") or len(word) < 2:
        return False
    rest = word[1:]
    return not rest.isascii() or len(rest) > 1 or not rest.isalnum()


def split_options(command: click.Command, args: list[str]) -> tuple[list[str], list[str]]:
    """``args`` as the options ``command`` knows (with their values) and the rest."""
    takes_value: dict[str, bool] = {}
    for param in command.params:
        if isinstance(param, click.Option):
            for name in [*param.opts, *param.secondary_opts]:
                takes_value[name] = not (param.is_flag or param.count)
    options: list[str] = []
    words: list[str] = []
    pending = False
    for arg in args:
        if pending:
            options.append(arg)
            pending = False
        elif arg.split("=", 1)[0] in takes_value and arg.startswith("--") and "=" in arg:
            options.append(arg)
        elif arg in takes_value:
            options.append(arg)
            pending = takes_value[arg]
        else:
            words.append(arg)
    return options, words
