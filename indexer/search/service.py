"""The search service: one object takes a :class:`SearchRequest` and answers it.

Every door (the CLI, its batch mode, the web app, the research tools) builds a request
and calls :meth:`QuoteIndex.search`; opening the index is :mod:`indexer.index.access`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from whoosh import query, sorting
from whoosh.highlight import Formatter
from whoosh.util.times import long_to_datetime

from ..analysis.segment import Segmenter
from ..documents.records import Quote
from ..errors import IndexOutdated, UnknownQuote, YuluError
from ..index.access import IndexHandle, open_index
from ..index.docvalues import DocValues
from ..index.freshness import gazetteer_dirs
from .fieldvalues import FieldValues
from .filters import Filters
from .highlight import match_spans, snippet
from .hints import hints
from .language import QueryBuilder, QueryLanguage, needles
from .matching import Substring
from .ranking import rank
from .request import Hit, SearchRequest, SearchResults, check_text
from .synonyms import load_synonyms


class QuoteIndex:
    """An open index and the searches over it. Use :meth:`open`; close it (or use
    ``with``) when done. One instance is not meant to be shared between threads."""

    def __init__(self, handle: IndexHandle) -> None:
        self.handle = handle
        self.spec, self.schema = handle.spec, handle.schema
        #: The corpus dictionary the index was cut with; queries are cut with the full one.
        self.segmenter = handle.segmenter
        try:
            self._searcher = handle.whoosh.searcher()
        except PermissionError as exc:  # not damage: say what it is
            raise YuluError(
                f"cannot read the index at {handle.root}: permission denied ({exc.filename})"
            ) from None
        except Exception as exc:
            raise IndexOutdated(f"is damaged ({type(exc).__name__})", str(handle.root)) from None
        gaz = handle.gazetteer
        self.field_values = FieldValues(
            self._searcher, self.schema, self.spec, {"people": gaz.people, "places": gaz.places}
        )
        self.language = QueryLanguage(
            self.schema,
            self.spec,
            Segmenter.for_queries(gaz.userdict),
            self.field_values,
            load_synonyms(gazetteer_dirs(handle.manifest.corpus)),
        )
        self._docvalues = DocValues(self._searcher.reader(), self.spec)
        self._filters = Filters(
            self._searcher, self.schema, self.spec, self._docvalues, self.field_values
        )

    @classmethod
    def open(
        cls,
        root: Path | None = None,
        *,
        auto_build: bool = True,
        check_fresh: bool = True,
        notify: Callable[[str], None] | None = None,
    ) -> QuoteIndex:
        """Open the index at ``root`` (see :func:`indexer.index.open_index`)."""
        return cls(open_index(root, auto_build=auto_build, check_fresh=check_fresh, notify=notify))

    @property
    def builder(self) -> QueryBuilder:
        return self.language.builder

    @property
    def gazetteer(self):
        return self.handle.gazetteer

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> QuoteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def matches(self, request: SearchRequest) -> tuple[list[tuple[int, float]], list[str]]:
        """Every quote the request matches, as (document number, score) in the order the
        request sorts by (paging ignored), and the normalised strings the query looks
        for (what snippets and concordances mark)."""
        ranked, wanted, _ = self._match(request)
        return ranked, wanted

    def _match(
        self, request: SearchRequest
    ) -> tuple[list[tuple[int, float]], list[str], query.Query | None]:
        request.check(self.spec)
        flt = self._filters.docs(request)
        compiled = self.language.compile(request.query) if request.query.strip() else None
        q = compiled if compiled is not None else query.Every()
        wanted = needles(q)
        if flt is not None and not flt:  # filters that keep nothing (Whoosh: no filter)
            return [], wanted, compiled
        if request.sort != "relevance" or compiled is None:
            by_date = sorting.FieldFacet(self.spec.date_start, reverse=request.sort != "date-asc")
            results = self._searcher.search(q, limit=None, filter=flt, sortedby=by_date)
            return [(docnum, 0.0) for _, docnum in results.top_n], wanted, compiled
        results = self._searcher.search(q, limit=None, filter=flt)
        texts = self._searcher.reader().column_reader(
            self.language.builder.exact.normalized, translate=False
        )
        ranked = rank(
            results.top_n,
            wanted,
            lambda docnum: texts[docnum].decode("utf-8"),
            self._docvalues.column(self.spec.date_start),
        )
        return ranked, wanted, compiled

    def search(self, request: SearchRequest, formatter: Formatter | None = None) -> SearchResults:
        """Run a search. Without a query string, every quote the filters keep is listed,
        newest first."""
        ranked, wanted, compiled = self._match(request)
        hits = []
        for docnum, score in ranked[request.offset : request.offset + request.limit]:
            quote = self.quote_at(docnum)
            spans = match_spans(quote.text, wanted)
            hits.append(Hit(quote, round(score, 4), snippet(quote.text, spans, formatter), spans))
        matched = [docnum for docnum, _ in ranked]
        facets = {name: self._docvalues.count(name, matched) for name in request.facets}
        missing = {name: self._missing(name, matched) for name in request.facets}
        advice = hints(self.field_values, self.spec, request, compiled, len(ranked), self._holding,
                       lambda: self._unfiltered_total(request))  # fmt: skip
        return SearchResults(request.query, len(ranked), hits, facets, missing, advice, request)

    def _unfiltered_total(self, request: SearchRequest) -> int:
        """How many quotes ``request``'s query matches without its filters and period."""
        bare = SearchRequest(request.query, limit=0)
        return len(self._match(bare)[0])

    def _missing(self, name: str, docnums: list[int]) -> int:
        """How many of ``docnums`` have no value in the facet ``name``."""
        values = self._docvalues.values(name)
        return sum(1 for n in docnums if not values[n])

    def _holding(self, needle: str) -> int:
        """How many quotes hold ``needle`` (normalised) in their text."""
        return len(list(self._searcher.docs_for_query(Substring(needle, self.builder.exact))))

    def values(self, field: str) -> list[tuple[str, ...]]:
        """For each document number, the values of a facet field (as indexed)."""
        return self._docvalues.values(field)

    def days(self, field: str | None = None) -> list[dt.date | None]:
        """For each document number, the day in a date field (default: the first day)."""
        column = self._docvalues.column(field or self.spec.date_start)
        return [long_to_datetime(v).date() if v else None for v in column]

    def quote_at(self, docnum: int) -> Quote:
        """The record of the quote with this document number."""
        stored = self._searcher.stored_fields(docnum)[self.spec.record]
        return Quote.from_dict(json.loads(stored))

    @property
    def reader(self):
        """The open Whoosh reader (term statistics, postings); read-only use."""
        return self._searcher.reader()

    def document_number(self, quote_id: str) -> int:
        """The document number of the quote with this id (:class:`UnknownQuote` if none)."""
        docnum = self._searcher.document_number(**{self.spec.unique: quote_id})
        if docnum is None:
            raise UnknownQuote(quote_id)
        return docnum

    def indexed_words(self, text: str) -> list[str]:
        """The words of ``text`` as the word field indexes them, each once, in order."""
        field = self.schema[self.spec.words]
        return list(dict.fromkeys(field.process_text(text, mode="index")))

    def get(self, quote_id: str) -> Quote:
        """The quote with this id."""
        check_text("the quote id", quote_id)
        docnum = self._searcher.document_number(**{self.spec.unique: quote_id})
        if docnum is None:
            raise UnknownQuote(quote_id)
        return self.quote_at(docnum)

    def facet(self, name: str, request: SearchRequest | None = None) -> dict[str, int]:
        """Counts of every value of a facet over the whole index (or a search's matches)."""
        narrowed = replace(request or SearchRequest(), facets=[name], limit=0)
        if (
            not narrowed.query.strip()
            and not any(narrowed.filters.values())
            and not (narrowed.since or narrowed.until)
        ):
            narrowed.check(self.spec)
            return self._docvalues.count(name, self._searcher.reader().all_doc_ids())
        return self.search(narrowed).facets[name]

    def all_quotes(self) -> list[Quote]:
        """Every indexed quote, in index order."""
        reader = self._searcher.reader()
        return [self.quote_at(n) for n in reader.all_doc_ids()]
