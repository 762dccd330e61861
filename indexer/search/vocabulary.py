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
from pathlib import Path
from typing import Any

from ..errors import QuerySyntaxError
from ..index.declaration import FieldSpec, SchemaSpec, load_spec
from .request import SORTS, SearchRequest, check_count, check_date

#: Terms that are not filter fields, in the order the documentation lists them.
QUERY, SINCE, UNTIL, FACET, LIMIT, OFFSET, SORT = (
    "q", "since", "until", "facet", "limit", "offset", "sort"
)  # fmt: skip
#: Count each remark once (``--distinct-remarks``): ``1``; ``0`` or absent: every quote.
DISTINCT = "distinct_remarks"
#: A search's hits when the request does not say (as ``yulu search``).
DEFAULT_LIMIT = 10
#: How a yes-or-no value may be written (as click reads a flag's value).
BOOLEANS = {
    "1": True, "0": False, "yes": True, "no": False, "true": True, "false": False,
    "on": True, "off": False, "t": True, "f": False, "y": True, "n": False, "": False,
}  # fmt: skip
#: Choices resolved from the served index: its facets, its event types.
FACETS, EVENT_TYPES = "@facets", "@event_types"


class Problem(ValueError):
    """What is wrong with a value, without the name it was given under. A ``rule``
    (``must be at least 0``) follows the name; other problems follow ``Invalid value
    for NAME:``."""

    def __init__(self, message: str, rule: bool = False) -> None:
        super().__init__(message)
        self.message, self.rule = message, rule

    def said(self, name: str) -> str:
        """The one message, under ``name`` (``limit`` in a URL, ``--limit`` in a shell)."""
        return (
            f"{name} {self.message}" if self.rule else f"Invalid value for {name!r}: {self.message}"
        )


class ParameterError(QuerySyntaxError):
    """A value the request cannot use (the web answers 400 with this message; the CLI
    writes it as its one-line usage error)."""


@dataclass(frozen=True)
class Kind:
    """How one string value reads: ``int`` and ``float`` (within ``low``..``high``),
    ``choice`` (of ``choices``, or :data:`FACETS`/:data:`EVENT_TYPES`), ``bool``,
    ``text``, ``day`` (YYYY[-MM[-DD]]; ``end`` for the last day) and ``pair`` (two whole
    numbers, ``5 5`` or ``5,5``)."""

    name: str = "text"
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] | str = ()
    #: a pair's example, for its message
    example: str = ""
    end: bool = False

    def rule(self) -> str:
        """What an out-of-range number must be (``must be at least 0``), or ''."""
        above = "more than" if self.low_open else "at least"
        if self.low is not None and self.high is not None:
            return f"must be {above} {self.low} and at most {self.high}"
        if self.low is not None:
            return f"must be {above} {self.low}"
        return f"must be at most {self.high}" if self.high is not None else ""

    def _number(self, value: Any, kind: type) -> Any:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            what = "integer range" if kind is int else "float range"
            raise Problem(f"{value!r} is not a valid {what}.") from None
        low_out = self.low is not None and (
            number <= self.low if self.low_open else number < self.low
        )
        if low_out or (self.high is not None and number > self.high):
            raise Problem(self.rule(), rule=True)
        return number

    def read(self, value: Any, choices: Sequence[str] = ()) -> Any:
        """The value ``value`` (a string, or a value already read) stands for; raises
        :class:`Problem`. ``choices``: those of a choice resolved from the index."""
        if self.name == "int":
            return value if isinstance(value, bool) else self._number(value, int)
        if self.name == "float":
            return self._number(value, float)
        if self.name == "choice":
            allowed = list(choices or self.choices)
            if value not in allowed:
                listed = ", ".join(map(repr, allowed))
                raise Problem(f"{value!r} is not one of {listed}.")
            return value
        if self.name == "bool":
            return _boolean(value)
        if self.name == "day":
            try:
                return check_date("date", str(value), end=self.end)
            except QuerySyntaxError as exc:
                raise Problem(str(exc).split(": ", 1)[-1]) from None
        if self.name == "pair":
            return self._pair(value)
        if self.name == "file":
            return Path(value)
        return value

    def _pair(self, value: Any) -> tuple[int, int]:
        if isinstance(value, tuple | list):
            parts = [str(v) for v in value]
        else:
            parts = str(value).replace(",", " ").split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise Problem(f"{value!r} is not two whole numbers, e.g. {self.example}")
        pair = int(parts[0]), int(parts[1])
        if any(n < (self.low or 0) or (self.high is not None and n > self.high) for n in pair):
            top = f" and at most {self.high}" if self.high is not None else ""
            raise Problem(f"{value!r}: each number must be at least {self.low or 0}{top}")
        return pair


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    found = BOOLEANS.get(str(value).strip().lower())
    if found is None:
        states = ", ".join(sorted(BOOLEANS))
        raise Problem(f"{value!r} is not a valid boolean. Recognized values: {states}")
    return found


@dataclass(frozen=True)
class Term:
    """One option of a tool, as its dataclass field declares it: how it reads, what it
    means, and how each door names it (``option``: the CLI's, default ``--NAME``;
    ``doors``: where it exists)."""

    kind: Kind = Kind()
    help: str = ""
    option: str = ""
    #: the CLI's other spellings (``--min-freq`` for ``--min-count``)
    aliases: tuple[str, ...] = ()
    metavar: str | None = None
    doors: tuple[str, ...] = ("cli", "web")
    #: the web form's label around the field: (before, after)
    label: tuple[str, str] = ("", "")
    placeholder: str = ""
    #: a web form keeps it as a hidden field (when given), not as a control
    hidden: bool = False
    #: how the web form shows each choice
    shown: Mapping[str, str] = dataclasses.field(default_factory=dict)


def term(default: Any = None, **declared: Any) -> Any:
    """A tool option's dataclass field: its ``default`` and its :class:`Term`."""
    return dataclasses.field(default=default, metadata={"term": Term(**declared)})


def terms(options: type) -> list[tuple[dataclasses.Field, Term]]:
    """The fields of an options dataclass, each with its term, in declaration order."""
    return [(f, f.metadata["term"]) for f in dataclasses.fields(options) if "term" in f.metadata]


def defaults(options: type, door: str = "web") -> dict[str, Any]:
    """Each option of a tool's dataclass that ``door`` has, with its default."""
    return {f.name: f.default for f, t in terms(options) if door in t.doors}


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


def read_value(name: str, kind: Kind, value: Any, choices: Sequence[str] = ()) -> Any:
    """``value`` read as ``kind``; a :class:`ParameterError` under ``name`` if it cannot be."""
    try:
        return kind.read(value.strip() if isinstance(value, str) else value, choices)
    except Problem as problem:
        raise ParameterError(problem.said(name)) from None


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
