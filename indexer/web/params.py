"""URL parameters to a :class:`SearchRequest`: the one function the search page, the JSON
API and the exports share, so that the same query string means the same search in each.

The parameters are those of ``yulu search``: ``q`` (the query), one per filter field of
the declaration (``counterpart``, ``country``, ``leader``, ``affairs``, ``event_type``,
``section``), ``since``, ``until``, ``distinct_remarks``, ``facet``, ``limit``,
``offset`` and ``sort``. Filters and ``facet`` may be repeated, as their options may;
the others are given once. Values are checked with click's own parameter types, so a
bad value gets the CLI's message.

The research tools (:func:`tool_request`) take the same query, filters, period and
facets as their CLI commands do, and each its own options (``by``, ``width``, ``top``…),
checked with the click types of those commands' options."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import click

from ..cli.app import range_rule
from ..errors import QuerySyntaxError
from ..index.declaration import FieldSpec, SchemaSpec
from ..search.request import SORTS, SearchRequest, check_count, check_date

#: Parameters that are not filter fields, in the order the documentation lists them.
QUERY, SINCE, UNTIL, FACET, LIMIT, OFFSET, SORT = (
    "q", "since", "until", "facet", "limit", "offset", "sort"
)  # fmt: skip
#: Count each remark once (``--distinct-remarks``): ``1``; ``0`` or absent: every quote.
DISTINCT = "distinct_remarks"
DEFAULT_LIMIT = 10  # as ``yulu search``, so that /api/search answers as the CLI does


class ParameterError(QuerySyntaxError):
    """A URL parameter the search cannot use (answered with 400 and this message)."""


class Args(Protocol):
    """What :func:`search_request` reads: parameter names, each with a list of values
    (werkzeug's ``MultiDict``; :func:`args_of` makes one from plain data)."""

    def __iter__(self) -> Iterator[str]: ...

    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True)
class WebSearch:
    """A request read from URL parameters, with what the reader had to say about it."""

    request: SearchRequest
    notices: tuple[str, ...] = ()
    #: whether ``limit`` was given (an export without it streams every match)
    limited: bool = True


def filter_choices(spec: FieldSpec, event_types: Iterable[str]) -> tuple[str, ...] | None:
    """The values a filter field accepts, or None when any value goes. ``@event_types``
    names the gazetteer's event types (of the index being served) and ``other``."""
    if spec.choices == "@event_types":
        return tuple(sorted({*event_types, "other"}))
    return tuple(spec.choices) or None


def parameter_names(spec: SchemaSpec) -> list[str]:
    """Every parameter a search takes, in documentation order."""
    return [QUERY, *(f.name for f in spec.filters), SINCE, UNTIL, DISTINCT, FACET, LIMIT,
            OFFSET, SORT]  # fmt: skip


def _invalid(name: str, message: str) -> ParameterError:
    return ParameterError(f"Invalid value for {name!r}: {message}")


def _convert(name: str, value: str, kind: click.ParamType):
    try:
        return kind.convert(value, None, None)
    except click.BadParameter as exc:
        rule = range_rule(kind) if "not in the range" in exc.message else ""
        if rule:  # worded as the CLI words it: limit must be at least 0
            raise ParameterError(f"{name} {rule}") from None
        raise _invalid(name, exc.message) from None


def _single(args: Args, name: str) -> str | None:
    values = [v for v in args.getlist(name) if v != ""]
    if len(values) > 1:
        raise ParameterError(f"parameter {name!r} is given {len(values)} times; give it once")
    return values[0] if values else None


def _day(args: Args, name: str) -> str | None:
    value = _single(args, name)
    if value is None:
        return None
    try:
        return check_date(name, value.strip(), name == UNTIL)
    except QuerySyntaxError as exc:
        raise _invalid(name, str(exc).split(": ", 1)[-1]) from None


def _check_names(args: Args, names: list[str]) -> None:
    unknown = [name for name in args if name not in names]
    if unknown:
        raise ParameterError(f"unknown parameter {unknown[0]!r}; parameters are {', '.join(names)}")


def _selection(args: Args, spec: SchemaSpec, event_types: Iterable[str]) -> SearchRequest:
    """What selects and counts quotes: the query, the filters, the period and the facets
    (with the request's default paging and sort)."""
    filters: dict[str, tuple[str, ...]] = {}
    for fspec in spec.filters:
        values = [v for v in args.getlist(fspec.name) if v.strip()]
        check_count(fspec.name, len(values))  # before any work on them
        choices = filter_choices(fspec, event_types)
        if choices:
            values = [_convert(fspec.name, v, click.Choice(choices)) for v in values]
        if values:
            filters[fspec.name] = tuple(dict.fromkeys(values))
    facets = tuple(
        dict.fromkeys(
            _convert(FACET, v, click.Choice(spec.facets)) for v in args.getlist(FACET) if v
        )
    )
    return SearchRequest(
        query=_single(args, QUERY) or "",
        filters=filters,
        since=_day(args, SINCE),
        until=_day(args, UNTIL),
        facets=facets,
        distinct_remarks=_flag(args, DISTINCT),
    )


def _flag(args: Args, name: str) -> bool:
    """A yes-or-no parameter, read as click reads a flag's value (``1``, ``true``,
    ``on`` as a checkbox may send it; ``0``, ``false``)."""
    text = _single(args, name)
    return False if text is None else bool(_convert(name, text.strip(), click.BOOL))


def search_request(
    args: Args,
    spec: SchemaSpec,
    *,
    event_types: Iterable[str] = (),
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int | None = None,
) -> WebSearch:
    """The search the URL parameters ``args`` ask for.

    Empty values count as absent (an empty form field). A ``limit`` above ``max_limit``
    is capped, and the notice says so. Raises :class:`ParameterError` (a
    :class:`QuerySyntaxError`) for an unknown parameter, a single one given twice, or a
    value its type rejects."""
    _check_names(args, parameter_names(spec))
    selection = _selection(args, spec, event_types)
    number = click.IntRange(min=0)
    limit_text, offset_text = _single(args, LIMIT), _single(args, OFFSET)
    limit = default_limit if limit_text is None else _convert(LIMIT, limit_text, number)
    offset = 0 if offset_text is None else _convert(OFFSET, offset_text, number)
    sort_text = _single(args, SORT)
    sort = "relevance" if sort_text is None else _convert(SORT, sort_text, click.Choice(SORTS))
    notices = []
    if max_limit is not None and limit > max_limit:
        notices.append(f"limit {limit} is above the maximum of {max_limit}; showing {max_limit}")
        limit = max_limit
    request = replace(selection, limit=limit, offset=offset, sort=sort)
    return WebSearch(request, tuple(notices), limit_text is not None)


@dataclass(frozen=True)
class Option:
    """A research tool's own parameter: its name in the URL, the click type of the
    tool's CLI option (so that a bad value gets the CLI's words), and its default."""

    name: str
    kind: click.ParamType
    default: Any = None


@dataclass(frozen=True)
class ToolSearch:
    """The quotes a tool works on, and the tool's own options (each given or default)."""

    request: SearchRequest
    options: Mapping[str, Any]
    #: the options the URL gave (the others hold their default)
    given: frozenset[str] = frozenset()


def shared_names(spec: SchemaSpec) -> list[str]:
    """The parameters every view of a search keeps when the user moves between them: the
    query, the filters and the period."""
    return [QUERY, *(f.name for f in spec.filters), SINCE, UNTIL, DISTINCT]


def selection_names(spec: SchemaSpec) -> list[str]:
    """The parameters every research tool takes, as its CLI command takes them: the
    query, the filters, the period and the facets (no paging, no search sort)."""
    return [*shared_names(spec), FACET]


def tool_request(
    args: Args,
    spec: SchemaSpec,
    options: Sequence[Option],
    *,
    event_types: Iterable[str] = (),
) -> ToolSearch:
    """The quotes and the options a research tool's URL parameters ask for: those of
    :func:`selection_names`, then ``options``. Errors as :func:`search_request`."""
    _check_names(args, [*selection_names(spec), *(o.name for o in options)])
    selection = _selection(args, spec, event_types)
    values: dict[str, Any] = {}
    given = set()
    for option in options:
        text = _single(args, option.name)
        if text is None:
            values[option.name] = option.default
        else:
            values[option.name] = _convert(option.name, text.strip(), option.kind)
            given.add(option.name)
    return ToolSearch(selection, values, frozenset(given))


#: The parameter of CSV downloads that keeps cells as they are (``--raw-cells``).
RAW_CELLS = "raw_cells"


def raw_cells(args: Args) -> tuple[bool, Args]:
    """Whether a CSV download's URL asks for raw cells (``raw_cells=1``; ``0`` or absent:
    cells that a spreadsheet would run as formulas start with ``'``), and the other
    parameters."""
    from werkzeug.datastructures import MultiDict

    rest = MultiDict([(k, v) for k in args for v in args.getlist(k) if k != RAW_CELLS])
    text = _single(args, RAW_CELLS)
    if text is None or text.strip() in ("", "0"):
        return False, rest
    if text.strip() == "1":
        return True, rest
    raise ParameterError(f"{RAW_CELLS} must be 1 (cells as they are) or 0, not {text!r}")


def args_of(pairs: Mapping[str, str | Iterable[str]]) -> Args:
    """Plain data as :class:`Args` ({name: value or values}), for the library and tests."""
    from werkzeug.datastructures import MultiDict

    items = [
        (name, value)
        for name, values in pairs.items()
        for value in ([values] if isinstance(values, str) else values)
    ]
    return MultiDict(items)
