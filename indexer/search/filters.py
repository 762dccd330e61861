"""The request's filters as a mask over document numbers.

Field filters find their values as the query language does (:class:`FieldValues`:
folded and aliased, titles with or without numbering) and are evaluated, like queries,
over the sidecars' arrays (:mod:`indexer.search.evaluation`); the period is checked
against the date columns, which stays cheap however many days it spans (a numeric
range query would expand into many terms)."""

from __future__ import annotations

import numpy as np
from whoosh import query
from whoosh.util.times import datetime_to_long

from ..errors import QuerySyntaxError
from ..index.declaration import SchemaSpec
from ..index.docvalues import NO_DATE, IndexColumns
from .evaluation import Evaluator
from .fieldvalues import FieldValues
from .request import SearchRequest


class Filters:
    """Evaluates the filters of requests against one open index."""

    def __init__(
        self,
        evaluator: Evaluator,
        schema,
        spec: SchemaSpec,
        columns: IndexColumns,
        values: FieldValues,
    ) -> None:
        self._evaluator, self._schema, self._spec = evaluator, schema, spec
        self._columns = columns
        self._values = values

    def value(self, fieldname: str, value: str) -> query.Query:
        """The quotes a filter value keeps."""
        if not value.strip():
            raise QuerySyntaxError(f"empty {fieldname} filter")
        return self._values.query(fieldname, value)

    def mask(self, request: SearchRequest) -> np.ndarray | None:
        """Whether the request's filters keep each live document (None: no filters)."""
        parts: list[query.Query] = []
        for fieldname, values in request.filters.items():
            if values:
                terms = [self.value(fieldname, v) for v in values]
                parts.append(query.Or(terms) if len(terms) > 1 else terms[0])
        keep: np.ndarray | None = None
        if parts:
            q = query.And(parts) if len(parts) > 1 else parts[0]
            keep = self._evaluator.docs(q)
        if request.since:  # the quote's last day is on or after the start of the period
            since = datetime_to_long(self._day(self._spec.date_end, request.since).floor())
            keep = self._keep(keep, self._spec.date_end, np.uint64(since), after=True)
        if request.until:  # its first day is on or before the end of the period
            until = datetime_to_long(self._day(self._spec.date_start, request.until).ceil())
            keep = self._keep(keep, self._spec.date_start, np.uint64(until), after=False)
        return keep

    def _day(self, fieldname: str, text: str):
        return self._schema[fieldname].parse_iso(text)  # ISO, or QuerySyntaxError

    def _keep(
        self, keep: np.ndarray | None, column: str, bound: np.uint64, after: bool
    ) -> np.ndarray:
        values = self._columns.dates(column)
        inside = (values >= bound) if after else (values <= bound)
        inside &= values != NO_DATE
        inside &= self._columns.live
        return inside if keep is None else keep & inside
