"""What a search asks for and what it answers: the one request every door builds."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from ..records.quotes import Quote

#: relevance (ties newest first), date (newest first), date-asc (oldest first).
SORTS = ("relevance", "date", "date-asc")
#: The limit of a request for every hit (``--all``); echoed as ``"limit": null``.
ALL = sys.maxsize
#: The most values one filter may have (each is OR-ed; pages link every one of them).
MAX_FILTER_VALUES = 100


@dataclass(frozen=True)
class SearchRequest:
    """A search: a query string (may be empty when filters are given) and filters.

    ``filters`` maps a filter field of the declaration (``counterpart``, ``country``,
    ``leader``, …) to the values wanted: values of one field are OR-ed, fields are
    AND-ed. ``since``/``until`` (YYYY, YYYY-MM or YYYY-MM-DD: ``since`` from the first day,
    ``until`` to the last) keep quotes whose dates overlap the period.
    ``limit=None`` asks for every hit. ``distinct_remarks`` counts each remark once:
    of the matching quotes that are copies of one remark (see
    :mod:`indexer.index.remarks`) only the earliest is kept, for the hits, the total,
    the facets and every tool that counts."""

    query: str = ""
    filters: Mapping[str, Sequence[str]] = field(default_factory=dict)
    since: str | None = None
    until: str | None = None
    facets: Sequence[str] = ()
    limit: int | None = 10
    offset: int = 0
    sort: str = "relevance"
    distinct_remarks: bool = False

    def __post_init__(self) -> None:
        if self.limit is None:  # every hit: kept as ALL, so that paging arithmetic works
            object.__setattr__(self, "limit", ALL)
        # a lone string is one value, not its characters
        if any(isinstance(v, str) for v in self.filters.values()):
            filters = {k: (v,) if isinstance(v, str) else v for k, v in self.filters.items()}
            object.__setattr__(self, "filters", filters)
        if isinstance(self.facets, str):
            object.__setattr__(self, "facets", (self.facets,))
        for name in ("since", "until"):  # 2020-03 → its first (or last) day
            value = getattr(self, name)
            if value is not None and len(value.strip()) < 10:
                with contextlib.suppress(QuerySyntaxError):  # check() says what is wrong
                    object.__setattr__(self, name, check_date(name, value, name == "until"))

    @property
    def restricted(self) -> bool:
        """Whether filters or a period restrict the quotes (the query string aside)."""
        return bool(any(self.filters.values()) or self.since or self.until)

    @property
    def narrowed(self) -> bool:
        """Whether anything besides the query string selects or counts quotes."""
        return self.restricted or bool(self.facets) or self.distinct_remarks

    @property
    def selects_some(self) -> bool:
        """Whether the request selects some quotes rather than all (a query, a filter
        or a period)."""
        return bool(self.query.strip()) or self.restricted

    def match_key(self) -> tuple:
        """What decides the request's matches and scores (not its page or facets)."""
        filters = tuple(sorted((k, tuple(v)) for k, v in self.filters.items() if v))
        return (self.query, filters, self.since, self.until, self.distinct_remarks)

    def check(self, spec: SchemaSpec) -> None:
        """Raise :class:`QuerySyntaxError` for anything the index cannot answer."""
        check_text("the query", self.query)
        for name, values in self.filters.items():
            check_count(name, len(values))
            for value in values:
                check_text(f"the {name} filter", value)
        if self.sort not in SORTS:
            raise QuerySyntaxError(f"sort must be one of {', '.join(SORTS)}")
        if self.limit < 0 or self.offset < 0:  # type: ignore[operator]
            raise QuerySyntaxError("limit and offset must not be negative")
        names = [f.name for f in spec.filters]
        for name in self.filters:
            if name not in names:
                raise QuerySyntaxError(f"no filter {name!r}; filters are {', '.join(names)}")
        for name in self.facets:
            if name not in spec.facets:
                raise QuerySyntaxError(f"no facet {name!r}; facets are {', '.join(spec.facets)}")
        for label, value in (("since", self.since), ("until", self.until)):
            if value is not None:
                check_date(label, value, label == "until")

    def to_dict(self) -> dict[str, Any]:
        """The whole request, as the JSON answers echo it."""
        return {
            "query": self.query,
            "filters": {k: list(v) for k, v in self.filters.items() if v},
            "since": self.since,
            "until": self.until,
            "facets": list(self.facets),
            "limit": None if self.limit is None or self.limit >= ALL else self.limit,
            "offset": self.offset,
            "sort": self.sort,
            **({"distinct_remarks": True} if self.distinct_remarks else {}),
        }


def check_count(name: str, count: int) -> None:
    """A one-line error when a filter is given more than :data:`MAX_FILTER_VALUES` values."""
    if count > MAX_FILTER_VALUES:
        raise QuerySyntaxError(
            f"too many {name} values ({count}; a filter takes at most {MAX_FILTER_VALUES})"
        )


def check_text(label: str, value: str) -> str:
    """``value`` unless it holds lone surrogates: bytes that were not UTF-8, as Python
    passes on undecodable command-line arguments."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise QuerySyntaxError(f"{label} is not UTF-8 text")
    return value


#: The ways ``since``/``until`` may be written.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"
_PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def check_date(label: str, value: str, end: bool = False) -> str:
    """The ISO day ``value`` names: a day as it is, a month or a year as its first day
    (its last with ``end``, for ``until``); else a one-line error."""
    match = _PERIOD.fullmatch(value.strip())
    try:
        if not match:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        if day is not None:
            return dt.date(year, month, day).isoformat()  # type: ignore[arg-type]
        if month is None:
            return dt.date(year, 12 if end else 1, 31 if end else 1).isoformat()
        first = dt.date(year, month, 1)
        if not end:
            return first.isoformat()
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return (following - dt.timedelta(days=1)).isoformat()
    except ValueError:
        raise QuerySyntaxError(f"{label}: {value} is not a date ({DATE_FORMS})") from None


@dataclass(frozen=True)
class Hit:
    """One hit: the quote record, its score (0 when sorted by date), the snippet with
    the matches marked, and each match as (start, end) character offsets in the text."""

    quote: Quote
    score: float
    snippet: str
    highlights: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        data = self.quote.to_dict()
        return {
            "id": data.pop("id"),
            "score": self.score,
            **data,
            "snippet": self.snippet,
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass
class SearchResults:
    """The answer to a request: the total, one page of hits, facet counts over the
    whole matching set (and, per facet, how many matches have no value), and hints
    on why a search that found little may have missed."""

    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    facet_missing: dict[str, int] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)
    request: SearchRequest | None = None

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def to_dicts(self) -> list[dict[str, Any]]:
        """The hits as plain dicts (``id``, ``score``, every field of the record,
        ``snippet``, ``highlights``), as ``--format jsonl`` writes them."""
        return [hit.to_dict() for hit in self.hits]

    def to_pandas(self) -> Any:
        """The hits as a pandas ``DataFrame``, a row per hit and the columns of ``--format
        csv`` (counterparts as the lists ``names``, ``titles`` and ``countries``; dates as
        datetimes). Needs pandas (``pip install 'yulu[pandas]'``)."""
        from .frames import hits_frame

        return hits_frame(self.hits)

    def to_dict(self) -> dict[str, Any]:
        """The JSON answer: every door (CLI ``--json``, ``--batch``, the web API)
        serves exactly this."""
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": self.facets,
            "facet_missing": self.facet_missing,
            "hints": self.hints,
            "request": (self.request or SearchRequest(self.query)).to_dict(),
        }

    def facet_report(self, name: str) -> dict[str, Any]:
        """One facet's counts as JSON (``yulu facets FIELD --json``, ``/api/facets/FIELD``):
        the field, the number of matches, the counts (largest first), how many matches
        have no value, and the request."""
        return {
            "field": name,
            "total": self.total,
            "counts": self.facets[name],
            "missing": self.facet_missing[name],
            "request": (self.request or SearchRequest(self.query)).to_dict(),
        }


#: The request fields ``search`` takes as keywords (the rest are filters).
PAGING = {"limit", "offset", "sort", "since", "until", "facets", "distinct_remarks"}


def with_options(given: SearchRequest | str, options: dict[str, Any]) -> SearchRequest:
    """``given`` (a request or a query string) with the keyword ``options`` applied."""
    if isinstance(given, str):
        given = SearchRequest(given)
    elif not isinstance(given, SearchRequest):
        raise TypeError(f"search takes a SearchRequest or a query string, not {type(given)}")
    if not options:
        return given
    fields = {k: v for k, v in options.items() if k in PAGING}
    filters = {k: v for k, v in options.items() if k not in PAGING}
    if filters:
        fields["filters"] = {**given.filters, **filters}
    return replace(given, **fields)
