"""Per-document values of an open index: facet counts and sort keys.

Whoosh's grouping categorizers rebuild each field's per-document values on every
search, which dominates the cost of a faceted search at tens of thousands of quotes.
Here each facet field's values are read once per open index, from the field's column
(single-valued fields: the values as written) or its postings (multi-valued fields),
and a search only counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .declaration import SchemaSpec


class DocValues:
    """Per-document values (facets, columns) of one open index, each read once."""

    def __init__(self, reader, spec: SchemaSpec) -> None:
        self._reader = reader
        self._spec = spec
        self._values: dict[str, list] = {}

    def values(self, field: str) -> list[tuple[str, ...]]:
        """For each document number, the field's values."""
        if field not in self._values:
            reader = self._reader
            size = reader.doc_count_all()
            if self._spec[field].multivalued:
                lists: list[tuple[str, ...]] = [()] * size
                for term in reader.field_terms(field):
                    for docnum in reader.postings(field, term).all_ids():
                        lists[docnum] = (*lists[docnum], term)
            else:
                column = reader.column_reader(field, translate=True)
                lists = [(value,) if value else () for value in (column[n] for n in range(size))]
            self._values[field] = lists
        return self._values[field]

    def column(self, field: str) -> list:
        """A sortable field's value for each document number (kept once read)."""
        key = f"column:{field}"
        if key not in self._values:
            reader = self._reader
            column = reader.column_reader(field, translate=False)
            self._values[key] = [column[n] for n in range(reader.doc_count_all())]
        return self._values[key]

    def count(self, field: str, docnums: Iterable[int]) -> dict[str, int]:
        """How many of ``docnums`` carry each value, largest count first."""
        values = self.values(field)
        counts = Counter(v for n in docnums for v in values[n])
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
