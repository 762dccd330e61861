"""URL parameters to a :class:`SearchRequest` and a research tool's options: the
request vocabulary (:mod:`indexer.search.vocabulary`) read from the query string, so
that the same query string means the same search on the search page, in the JSON API
and in the exports, and a bad value gets the words the CLI gives it.

The parameters are those of ``yulu search``: ``q`` (the query), one per filter field of
the declaration (``counterpart``, ``country``, ``leader``, ``affairs``, ``event_type``,
``section``, ``part``), ``since``, ``until``, ``distinct_remarks``, ``facet``,
``limit``, ``offset`` and ``sort``. Filters and ``facet`` may be repeated, as their
options may; the others are given once.

The research tools (:func:`tool_request`) take the same query, filters, period and
facets as their CLI commands do, and each its own options (``by``, ``width``, ``top``…),
declared once in :mod:`indexer.tools.options`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..index.declaration import SchemaSpec
from ..search.vocabulary import (
    DEFAULT_LIMIT,
    DISTINCT,
    FACET,
    FACETS,
    LIMIT,
    OFFSET,
    QUERY,
    SINCE,
    SORT,
    UNTIL,
    ParameterError,
    Reading,
    check_names,
    defaults,
    filter_choices,
    option_names,
    options_from_mapping,
    read_request,
    request_names,
    selection,
    single,
    values_of,
)

__all__ = [
    "DEFAULT_LIMIT", "DISTINCT", "FACET", "LIMIT", "OFFSET", "QUERY", "SINCE", "SORT",
    "UNTIL", "Args", "ParameterError", "ToolSearch", "WebSearch", "args_of",
    "filter_choices", "parameter_names", "raw_cells", "search_request",
    "selection_names", "shared_names", "tool_request",
]  # fmt: skip

#: A request read from URL parameters, with its notices (see :class:`Reading`).
WebSearch = Reading


class Args(Protocol):
    """What :func:`search_request` reads: parameter names, each with a list of values
    (werkzeug's ``MultiDict``; :func:`args_of` makes one from plain data)."""

    def __iter__(self) -> Iterator[str]: ...

    def getlist(self, key: str) -> list[str]: ...


def parameter_names(spec: SchemaSpec) -> list[str]:
    """Every parameter a search takes, in documentation order."""
    return request_names(spec)


def search_request(
    args: Args,
    spec: SchemaSpec,
    *,
    event_types: Iterable[str] = (),
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int | None = None,
) -> WebSearch:
    """The search the URL parameters ``args`` ask for (see
    :func:`indexer.search.vocabulary.read_request`): empty values count as absent (an
    empty form field), a ``limit`` above ``max_limit`` is capped with a notice, and a
    bad parameter raises :class:`ParameterError`."""
    return read_request(
        args, spec, event_types=event_types, default_limit=default_limit, max_limit=max_limit
    )


@dataclass(frozen=True)
class ToolSearch:
    """The quotes a tool works on, and the tool's own options (each given or default,
    by name: the fields of its options dataclass)."""

    request: Any
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
    return request_names(spec, paging=False)


def tool_request(
    args: Args,
    spec: SchemaSpec,
    options: type,
    *,
    event_types: Iterable[str] = (),
) -> ToolSearch:
    """The quotes and the options a research tool's URL parameters ask for: those of
    :func:`selection_names`, then the web's fields of the dataclass ``options``. Errors
    as :func:`search_request`."""
    values = values_of(args)
    check_names(values, [*selection_names(spec), *option_names(options, spec)])
    chosen = selection(values, spec, event_types)
    read, given = options_from_mapping(options, values, choices={FACETS: spec.facets})
    found = {name: getattr(read, name) for name in defaults(options)}
    return ToolSearch(chosen, found, given)


#: The parameter of CSV downloads that keeps cells as they are (``--raw-cells``).
RAW_CELLS = "raw_cells"


def raw_cells(args: Args) -> tuple[bool, Args]:
    """Whether a CSV download's URL asks for raw cells (``raw_cells=1``; ``0`` or absent:
    cells that a spreadsheet would run as formulas start with ``'``), and the other
    parameters."""
    from werkzeug.datastructures import MultiDict

    rest = MultiDict([(k, v) for k in args for v in args.getlist(k) if k != RAW_CELLS])
    text = single(values_of(args), RAW_CELLS)
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
