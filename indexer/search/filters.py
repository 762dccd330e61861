"""The request's filters as a set of document numbers.

Field filters find their values as the query language does (:class:`FieldValues`:
folded and aliased, titles with or without numbering); the period is checked against
the date columns, which stays cheap however many days it spans (a numeric range query
would expand into many terms)."""

from __future__ import annotations

from collections.abc import Callable

from whoosh import query
from whoosh.util.times import datetime_to_long

from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from ..index.docvalues import DocValues
from .fieldvalues import FieldValues
from .request import SearchRequest


class Filters:
    """Evaluates the filters of requests against one open searcher."""

    def __init__(
        self, searcher, schema, spec: SchemaSpec, docvalues: DocValues, values: FieldValues
    ) -> None:
        self._searcher, self._schema, self._spec = searcher, schema, spec
        self._docvalues = docvalues
        self._values = values

    def value(self, fieldname: str, value: str) -> query.Query:
        """The quotes a filter value keeps."""
        if not value.strip():
            raise QuerySyntaxError(f"empty {fieldname} filter")
        return self._values.query(fieldname, value)

    def docs(self, request: SearchRequest) -> set[int] | None:
        """The documents the request's filters keep (None: no filters)."""
        parts: list[query.Query] = []
        for fieldname, values in request.filters.items():
            if values:
                terms = [self.value(fieldname, v) for v in values]
                parts.append(query.Or(terms) if len(terms) > 1 else terms[0])
        keep: set[int] | None = None
        if parts:
            q = query.And(parts) if len(parts) > 1 else parts[0]
            keep = set(self._searcher.docs_for_query(q))
        if request.since:  # the quote's last day is on or after the start of the period
            since = self._day(self._spec.date_end, request.since).floor()
            keep = self._keep(keep, self._spec.date_end, lambda v: v >= datetime_to_long(since))
        if request.until:  # its first day is on or before the end of the period
            until = self._day(self._spec.date_start, request.until).ceil()
            keep = self._keep(keep, self._spec.date_start, lambda v: v <= datetime_to_long(until))
        return keep

    def _day(self, fieldname: str, text: str):
        return self._schema[fieldname]._parse_datestring(text)  # ISO, or QuerySyntaxError

    def _keep(self, keep: set[int] | None, column: str, test: Callable[[int], bool]) -> set[int]:
        values = self._docvalues.column(column)
        candidates = keep if keep is not None else range(len(values))
        return {n for n in candidates if test(values[n])}
