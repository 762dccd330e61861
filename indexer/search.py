"""Searching an index: ranked, filtered, faceted, highlighted."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query, sorting
from whoosh.highlight import Formatter
from whoosh.util.times import datetime_to_long

from .docvalues import DocValues
from .errors import IndexNotFound, IndexOutdated, QuerySyntaxError, UnknownQuote
from .fields import build_schema
from .gazetteer import Gazetteer, load_gazetteer
from .highlight import match_spans, snippet
from .paths import default_index_dir
from .querying import QueryBuilder, YuluParser, needles, parse_query
from .ranking import rank
from .records import Quote
from .schema_spec import load_spec
from .segment import Segmenter
from .store import (
    MANIFEST,
    SEGDICT,
    IndexStore,
    Manifest,
    corpus_changes,
    expected_manifest,
    gazetteer_dirs,
)

SORTS = ("relevance", "date")


@dataclass(frozen=True)
class SearchRequest:
    """A search: a query string (may be empty when filters are given) and filters.

    Filters of one kind are OR-ed, kinds are AND-ed; ``since``/``until`` keep quotes whose
    dates overlap the period (ISO dates)."""

    query: str = ""
    counterparts: Sequence[str] = ()
    countries: Sequence[str] = ()
    leaders: Sequence[str] = ()
    affairs: Sequence[str] = ()
    event_types: Sequence[str] = ()
    sections: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    facets: Sequence[str] = ()
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"


@dataclass(frozen=True)
class Hit:
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
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": self.facets,
        }


_FILTERS = {
    "counterparts": "counterpart",
    "countries": "country",
    "leaders": "leader",
    "affairs": "affairs",
    "event_types": "event_type",
    "sections": "section",
}


class QuoteIndex:
    """An open index. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(
        self, root: Path, generation: Path, manifest: Manifest, gazetteer: Gazetteer
    ) -> None:
        self.root, self.generation, self.manifest = root, generation, manifest
        self.gazetteer = gazetteer
        self.spec = load_spec()
        self.segmenter = Segmenter.load(generation / SEGDICT)
        self.schema = build_schema(gazetteer)
        try:
            self._ix = whoosh_index.open_dir(str(generation), schema=self.schema)
            self._searcher = self._ix.searcher()
        except Exception as exc:
            raise IndexOutdated(f"is damaged ({type(exc).__name__})", str(root)) from None
        self.builder = QueryBuilder(self.segmenter)
        self.parser = YuluParser(self.schema, self.builder, self.spec.queryable)
        self._docvalues = DocValues(self._searcher.reader(), self.spec)

    @classmethod
    def open(
        cls,
        root: Path | None = None,
        *,
        auto_build: bool = True,
        check_fresh: bool = True,
        notify: Callable[[str], None] | None = None,
    ) -> QuoteIndex:
        """Open the index at ``root`` (default: the per-user one). A missing index is
        built from the bundled corpus when ``auto_build`` is set; a stale one, or one from
        another version of yulu, raises :class:`IndexOutdated`."""
        root = root or default_index_dir()
        store = IndexStore(root)
        generation = store.current()
        if generation is None:
            if not auto_build:
                raise IndexNotFound(str(root))
            if notify:
                notify(f"no index at {root} yet; building one from the bundled corpus")
            from .build import build_index

            build_index(root)
            generation = store.current()
        if generation is None or not (generation / MANIFEST).is_file():
            raise IndexOutdated("is damaged (no manifest)", str(root))
        try:
            manifest = store.manifest(generation)
        except (ValueError, TypeError, KeyError):
            raise IndexOutdated("is damaged (unreadable manifest)", str(root)) from None
        gazetteer = load_gazetteer(gazetteer_dirs(manifest.corpus))
        if check_fresh:
            expected = expected_manifest(manifest.corpus, gazetteer.fingerprint)
            for key in ("format", "schema", "analyzer", "gazetteer"):
                if getattr(manifest, key) != getattr(expected, key):
                    raise IndexOutdated(
                        f"was built by another version of yulu or its data ({key} differs)",
                        str(root),
                    )
            changes = corpus_changes(manifest)
            if changes:
                fix = "yulu index" + ("" if root == default_index_dir() else f" --index-dir {root}")
                raise IndexOutdated(f"is stale: {changes.describe()}", str(root), fix)
        return cls(root, generation, manifest, gazetteer)

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> QuoteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- queries -------------------------------------------------------------------------

    def parse(self, text: str) -> query.Query:
        return parse_query(text, self.parser)

    def _value(self, fieldname: str, value: str) -> str:
        texts = list(self.schema[fieldname].process_text(value, mode="query"))
        if not texts:
            raise QuerySyntaxError(f"empty {fieldname} filter")
        return texts[0]

    def filter_docs(self, request: SearchRequest) -> set[int] | None:
        """The documents the request's filters keep (None: no filters). Field filters
        are term lookups; the period is checked against the date columns, which stays
        cheap however many days it spans (a numeric range query would expand into many
        terms)."""
        parts: list[query.Query] = []
        for attr, fieldname in _FILTERS.items():
            values = getattr(request, attr)
            if values:
                terms = [query.Term(fieldname, self._value(fieldname, v)) for v in values]
                parts.append(query.Or(terms) if len(terms) > 1 else terms[0])
        keep: set[int] | None = None
        if parts:
            q = query.And(parts) if len(parts) > 1 else parts[0]
            keep = set(self._searcher.docs_for_query(q))
        if request.since:  # the quote's last day is on or after the start of the period
            since = datetime_to_long(self._parse_date("date_end", request.since).floor())
            keep = self._keep(keep, "date_end", lambda value: value >= since)
        if request.until:  # its first day is on or before the end of the period
            until = datetime_to_long(self._parse_date("date", request.until).ceil())
            keep = self._keep(keep, "date", lambda value: value <= until)
        return keep

    def _parse_date(self, column: str, text: str):
        return self.schema[column]._parse_datestring(text)  # ISO, or QuerySyntaxError

    def _keep(self, keep: set[int] | None, column: str, test: Callable[[int], bool]) -> set[int]:
        values = self._docvalues.column(column)
        candidates = keep if keep is not None else range(len(values))
        return {n for n in candidates if test(values[n])}

    def _check_facets(self, names: Sequence[str]) -> None:
        unknown = [n for n in names if n not in self.spec.facets]
        if unknown:
            raise QuerySyntaxError(
                f"no facet {unknown[0]!r}; facets are {', '.join(self.spec.facets)}"
            )

    def search(self, request: SearchRequest, formatter: Formatter | None = None) -> SearchResults:
        """Run a search. Without a query string, every quote the filters keep is listed,
        newest first."""
        if request.sort not in SORTS:
            raise QuerySyntaxError(f"sort must be one of {', '.join(SORTS)}")
        if request.limit < 0 or request.offset < 0:
            raise QuerySyntaxError("limit and offset must not be negative")
        self._check_facets(request.facets)
        flt = self.filter_docs(request)
        q = self.parse(request.query) if request.query.strip() else query.Every()
        wanted = needles(q)
        if flt is not None and not flt:  # filters that keep nothing (Whoosh: no filter)
            ranked: list[tuple[int, float]] = []
        elif request.sort == "date" or not request.query.strip():
            newest = sorting.FieldFacet("date", reverse=True)
            results = self._searcher.search(q, limit=None, filter=flt, sortedby=newest)
            ranked = [(docnum, 0.0) for _, docnum in results.top_n]
        else:
            results = self._searcher.search(q, limit=None, filter=flt)
            texts = self._searcher.reader().column_reader("norm", translate=False)
            ranked = rank(
                results.top_n,
                wanted,
                request.offset + request.limit,
                lambda docnum: texts[docnum].decode("utf-8"),
                self._docvalues.column("date"),
            )
        hits = []
        for docnum, score in ranked[request.offset : request.offset + request.limit]:
            quote = self._quote(docnum)
            spans = match_spans(quote.text, wanted)
            hits.append(Hit(quote, round(score, 4), snippet(quote.text, spans, formatter), spans))
        matched = [docnum for docnum, _ in ranked]
        facets = {name: self._docvalues.count(name, matched) for name in request.facets}
        return SearchResults(request.query, len(ranked), hits, facets)

    def _quote(self, docnum: int) -> Quote:
        return Quote.from_dict(json.loads(self._searcher.stored_fields(docnum)["record"]))

    def get(self, quote_id: str) -> Quote:
        """The quote with this id."""
        docnum = self._searcher.document_number(id=quote_id)
        if docnum is None:
            raise UnknownQuote(quote_id)
        return self._quote(docnum)

    def facet(self, name: str, request: SearchRequest | None = None) -> dict[str, int]:
        """Counts of every value of a facet over the whole index (or a search's matches)."""
        if request is not None:
            narrowed = replace(request, facets=[name], limit=0)
            return self.search(narrowed).facets[name]
        self._check_facets([name])
        return self._docvalues.count(name, self._searcher.reader().all_doc_ids())

    def all_quotes(self) -> list[Quote]:
        """Every indexed quote, in index order."""
        reader = self._searcher.reader()
        return [self._quote(n) for n in reader.all_doc_ids()]
