"""The request vocabulary: the one reader of what any door is given as strings (the
CLI's options, the web's URL parameters, a notebook's keywords), into a
:class:`~indexer.search.request.SearchRequest` and a research tool's options, with one
set of messages.

A request's terms are ``q`` (the query), one per filter field of the declaration,
``since``, ``until``, ``distinct_remarks``, ``facet`` and (with paging) ``limit``,
``offset`` and ``sort``: :func:`request_from_mapping` reads them. A tool declares its
own options once, as a dataclass whose fields carry a :class:`Term`
(:mod:`indexer.tools.options`): :func:`options_from_mapping` reads them, the CLI
makes its click options from them and the web its form fields.

A value a term cannot read raises :class:`ParameterError` (a
:class:`~indexer.errors.QuerySyntaxError`), worded the same whichever door it came
through but for the name: ``Invalid value for 'sort': 'x' is not one of 'relevance',
'date', 'date-asc'.`` (``'--sort'`` on the command line), ``limit must be at least 0``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..index.declaration import FieldSpec, SchemaSpec, load_spec
from .request import SORTS, SearchRequest, check_count
from .valuekinds import (
    BOOLEANS,
    Kind,
    ParameterError,
    Problem,
    Term,
    defaults,
    read_value,
    term,
    terms,
)

__all__ = [
    "BOOLEANS",
    "DEFAULT_LIMIT",
    "DISTINCT",
    "EVENT_TYPES",
    "FACETS",
    "REFERENCE",
    "Kind",
    "ParameterError",
    "Problem",
    "Reading",
    "Term",
    "defaults",
    "option_names",
    "options_from_mapping",
    "read_request",
    "read_value",
    "reference_names",
    "reference_request",
    "request_from_mapping",
    "term",
    "terms",
]  # fmt: skip

#: Terms that are not filter fields, in the order the documentation lists them.
QUERY, SINCE, UNTIL, FACET, LIMIT, OFFSET, SORT = (
    "q", "since", "until", "facet", "limit", "offset", "sort"
)  # fmt: skip
#: Count each remark once (``--distinct-remarks``): ``1``; ``0`` or absent: every quote.
DISTINCT = "distinct_remarks"
#: A search's hits when the request does not say (as ``yulu search``).
DEFAULT_LIMIT = 10
#: Choices resolved from the served index: its facets, its event types.
FACETS, EVENT_TYPES = "@facets", "@event_types"


def values_of(mapping: Any) -> dict[str, list[Any]]:
    """Any mapping of names to values (a dict, werkzeug's ``MultiDict``, keyword
    arguments) as names to lists of values: a list is several values (a filter's), any
    other value one (a string, a number, a pair as a tuple)."""
    if hasattr(mapping, "getlist"):
        return {name: list(mapping.getlist(name)) for name in mapping}
    return {
        name: [v for v in value if v is not None] if isinstance(value, list) else [value]
        for name, value in mapping.items()
        if value is not None
    }


def single(values: Mapping[str, list[str]], name: str) -> str | None:
    """The one value given for ``name`` (empty values count as absent), or None."""
    given = [v for v in values.get(name, []) if v != ""]
    if len(given) > 1:
        raise ParameterError(f"parameter {name!r} is given {len(given)} times; give it once")
    return given[0] if given else None


def filter_choices(spec: FieldSpec, event_types: Iterable[str]) -> tuple[str, ...] | None:
    """The values a filter field accepts, or None when any value goes. ``@event_types``
    names the gazetteer's event types (of the index being served) and ``other``."""
    if spec.choices == EVENT_TYPES:
        return tuple(sorted({*event_types, "other"}))
    return tuple(spec.choices) or None


def request_names(spec: SchemaSpec, *, paging: bool = True) -> list[str]:
    """Every term a search request takes, in documentation order (without ``paging``:
    what every research tool takes, as its CLI command does)."""
    names = [QUERY, *(f.name for f in spec.filters), SINCE, UNTIL, DISTINCT, FACET]
    return [*names, LIMIT, OFFSET, SORT] if paging else names


def check_names(given: Iterable[str], names: Sequence[str]) -> None:
    """A :class:`ParameterError` for the first name ``given`` that is not in ``names``."""
    unknown = [name for name in given if name not in names]
    if unknown:
        raise ParameterError(f"unknown parameter {unknown[0]!r}; parameters are {', '.join(names)}")


def _filters(values: Mapping[str, list[str]], spec: SchemaSpec, event_types: Iterable[str]):
    filters: dict[str, tuple[str, ...]] = {}
    for fspec in spec.filters:
        given = [v for v in values.get(fspec.name, []) if v.strip()]
        check_count(fspec.name, len(given))  # before any work on them
        choices = filter_choices(fspec, event_types)
        if choices:
            given = [read_value(fspec.name, Kind("choice"), v, choices) for v in given]
        if given:
            filters[fspec.name] = tuple(dict.fromkeys(given))
    return filters


def selection(
    values: Mapping[str, list[str]], spec: SchemaSpec, event_types: Iterable[str] = ()
) -> SearchRequest:
    """What selects and counts quotes: the query, the filters, the period, the facets and
    ``distinct_remarks`` (with the request's default paging and sort)."""
    facets = [read_value(FACET, Kind("choice"), v, spec.facets) for v in values.get(FACET, []) if v]
    since, until = single(values, SINCE), single(values, UNTIL)
    distinct = single(values, DISTINCT)
    return SearchRequest(
        query=single(values, QUERY) or "",
        filters=_filters(values, spec, event_types),
        since=None if since is None else read_value(SINCE, Kind("day"), since),
        until=None if until is None else read_value(UNTIL, Kind("day", end=True), until),
        facets=tuple(dict.fromkeys(facets)),
        distinct_remarks=False
        if distinct is None
        else read_value(DISTINCT, Kind("bool"), distinct),
    )


@dataclass(frozen=True)
class Reading:
    """A request read from a mapping, with what the reader had to say about it."""

    request: SearchRequest
    notices: tuple[str, ...] = ()
    #: whether ``limit`` was given (an export without it streams every match)
    limited: bool = True


def read_request(
    mapping: Any,
    spec: SchemaSpec | None = None,
    *,
    event_types: Iterable[str] = (),
    default_limit: int = DEFAULT_LIMIT,
    max_limit: int | None = None,
) -> Reading:
    """The search ``mapping`` asks for (names as :func:`request_names`), with notices: a
    ``limit`` above ``max_limit`` is capped, and the notice says so. Raises
    :class:`ParameterError` for an unknown name, a single term given twice, or a value
    its kind rejects."""
    spec = spec or load_spec()
    values = values_of(mapping)
    check_names(values, request_names(spec))
    chosen = selection(values, spec, event_types)
    number = Kind("int", low=0)
    limit_text, offset_text, sort_text = (single(values, n) for n in (LIMIT, OFFSET, SORT))
    limit = default_limit if limit_text is None else read_value(LIMIT, number, limit_text)
    offset = 0 if offset_text is None else read_value(OFFSET, number, offset_text)
    sort = (
        "relevance"
        if sort_text is None
        else read_value(SORT, Kind("choice", choices=SORTS), sort_text)
    )
    notices = []
    if max_limit is not None and limit > max_limit:
        notices.append(f"limit {limit} is above the maximum of {max_limit}; showing {max_limit}")
        limit = max_limit
    request = dataclasses.replace(chosen, limit=limit, offset=offset, sort=sort)
    return Reading(request, tuple(notices), limit_text is not None)


def request_from_mapping(mapping: Any, spec: SchemaSpec | None = None, **how: Any) -> SearchRequest:
    """The :class:`SearchRequest` ``mapping`` asks for: ``{"q": "合作", "leader":
    ["习近平"], "since": "2020", "limit": "5"}`` (see :func:`read_request`)."""
    return read_request(mapping, spec, **how).request


#: The reference of ``keywords``: its query (``reference``); ``reference_FIELD`` for each
#: filter, ``reference_since`` and ``reference_until`` follow.
REFERENCE = "reference"


def reference_names(spec: SchemaSpec | None = None) -> list[str]:
    """The names a reference is given under, in documentation order."""
    spec = spec or load_spec()
    return [REFERENCE, *(f"{REFERENCE}_{f.name}" for f in spec.filters),
            f"{REFERENCE}_{SINCE}", f"{REFERENCE}_{UNTIL}"]  # fmt: skip


def reference_request(
    values: Mapping[str, Any], spec: SchemaSpec | None = None
) -> SearchRequest | None:
    """The reference ``values`` (strings, or values read, by :func:`reference_names`)
    describe, or None when none is given (the rest of the corpus is the reference)."""
    spec = spec or load_spec()

    def one(name: str) -> Any:
        value = values.get(name)
        return single({name: value}, name) if isinstance(value, list) else value

    filters = {f.name: (v,) for f in spec.filters if (v := one(f"{REFERENCE}_{f.name}"))}
    query = one(REFERENCE) or ""
    since, until = one(f"{REFERENCE}_{SINCE}"), one(f"{REFERENCE}_{UNTIL}")
    since = since and read_value(f"{REFERENCE}_{SINCE}", Kind("day"), since)
    until = until and read_value(f"{REFERENCE}_{UNTIL}", Kind("day", end=True), until)
    if not (query.strip() or filters or since or until):
        return None
    return SearchRequest(query=query, filters=filters, since=since, until=until)


def option_names(options: type, spec: SchemaSpec | None = None, door: str = "web") -> list[str]:
    """The names a tool's options are given under through ``door`` (a reference's
    expanded: :func:`reference_names`)."""
    names: list[str] = []
    for field, declared in terms(options):
        if door in declared.doors:
            is_reference = declared.kind.name == REFERENCE
            names += reference_names(spec) if is_reference else [field.name]
    return names


def options_from_mapping(
    options: type, mapping: Any, *, choices: Mapping[str, Sequence[str]] | None = None,
    door: str = "web",
) -> tuple[Any, frozenset[str]]:  # fmt: skip
    """A tool's options (an instance of the dataclass ``options``) from ``mapping``
    (names as its fields; others are ignored), and the names that were given. A choice
    of :data:`FACETS` or :data:`EVENT_TYPES` takes its values from ``choices``."""
    values = values_of(mapping)
    resolved = {FACETS: load_spec().facets, **(choices or {})}
    found: dict[str, Any] = {}
    for field, declared in terms(options):
        if door not in declared.doors:
            continue
        if declared.kind.name == REFERENCE:
            given = {n: values[n] for n in reference_names() if n in values}
            found[field.name] = reference_request(given)
            if found[field.name] is None:
                del found[field.name]
            continue
        text = single(values, field.name)
        if text is not None:
            allowed = resolved.get(str(declared.kind.choices), ())
            found[field.name] = read_value(field.name, declared.kind, text, allowed)
    return options(**found), frozenset(found)
