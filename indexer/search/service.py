"""The search service: one object takes a :class:`SearchRequest` and answers it.

Every door (the CLI, its batch mode, the web app, the research tools) builds a request
and calls :meth:`QuoteIndex.search`; opening the index is :mod:`indexer.pipeline.opening`.

A search evaluates its query and filters over every quote at once
(:mod:`indexer.search.evaluation`): the total and the facet counts come from the set
of matches (``bincount`` over per-document value ids), and only the quotes that can
reach the page asked for are ranked and read (:func:`indexer.search.ranking.ranked`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from whoosh import query
from whoosh.highlight import Formatter

from ..analysis.segment import Segmenter
from ..errors import IndexOutdated, UnknownQuote, YuluError
from ..index.freshness import gazetteer_dirs
from ..index.handle import IndexHandle
from ..index.schema import decode_record, record_column
from ..pipeline.opening import open_index
from ..records.quotes import Quote
from .evaluation import Evaluator
from .fieldvalues import FieldValues
from .filters import Filters
from .highlight import match_spans, snippet
from .hints import hints
from .language import QueryLanguage, needles
from .perdoc import day_list, facet_tuples
from .querybuild import QueryBuilder
from .ranking import ranked, top
from .request import Hit, SearchRequest, SearchResults, check_text, with_options
from .synonyms import load_synonyms


@dataclass
class Matches:
    """What a request matches: the documents (ascending), their scores, the strings the
    query looks for, the compiled query (None without one) and the matches as a mask."""

    docs: np.ndarray
    scores: np.ndarray
    wanted: list[str]
    compiled: query.Query | None
    mask: np.ndarray


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
        self.columns = handle.columns
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
        self._evaluator = Evaluator(self.columns, self._searcher, self.spec)
        self._filters = Filters(
            self._evaluator, self.schema, self.spec, self.columns, self.field_values
        )
        self._last: tuple[tuple, Matches] | None = None
        self._records: Any = None  # the records' column reader, opened on first use
        self._tuples: dict[str, list[tuple[str, ...]]] = {}
        self._days: dict[str, list[dt.date | None]] = {}

    @classmethod
    def open(
        cls,
        root: str | Path | None = None,
        *,
        auto_build: bool = True,
        check_fresh: bool = True,
        notify: Callable[[str], None] | None = None,
        fresh: bool = False,
        build_bundled: bool = True,
        trust: bool = False,
    ) -> QuoteIndex:
        """Open the index at ``root`` (a path or a string; default: the index of the bundled
        corpus, built on first use). A stale index of your own corpus answers from what it
        holds (with a :class:`~indexer.errors.StaleIndexWarning`, or a line through
        ``notify``) unless ``fresh`` refuses it; ``build_bundled=False`` never builds the
        bundled corpus into a directory that records no sources; ``trust`` skips the
        ownership and permission checks (``--trust-index``, see
        :mod:`indexer.index.trust`). See :func:`indexer.pipeline.open_index`."""
        root = Path(root).expanduser() if root is not None else None
        handle = open_index(root, auto_build=auto_build, check_fresh=check_fresh, notify=notify,
                            fresh=fresh, build_bundled=build_bundled, trust=trust)  # fmt: skip
        return cls(handle)

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
        found = self._match(request)
        return self._order(request, found, None), found.wanted

    def _match(self, request: SearchRequest, remember: bool = True) -> Matches:
        """The request's matches (the last request's are kept: a page and its timeline
        ask twice; ``remember=False`` for a side question, which keeps them)."""
        request.check(self.spec)
        self.handle.check_unchanged()  # before any mapped file is read
        key = request.match_key()
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        keep = self._filters.mask(request)
        compiled = self.language.compile(request.query) if request.query.strip() else None
        wanted = needles(compiled if compiled is not None else query.Every())
        evaluated = self._evaluator.evaluate(compiled) if compiled is not None else None
        mask = evaluated.mask if evaluated is not None else self.columns.live.copy()
        if keep is not None:
            mask &= keep
        if request.distinct_remarks and self.columns.remarks is not None:
            mask = self.columns.remarks.collapse(mask)
        docs = np.flatnonzero(mask)
        scores = evaluated.scores_at(docs) if evaluated is not None else np.zeros(len(docs))
        found = Matches(docs, scores, wanted, compiled, mask)
        if remember:
            self._last = (key, found)
        return found

    def _order(
        self, request: SearchRequest, found: Matches, stop: int | None
    ) -> list[tuple[int, float]]:
        """The first ``stop`` matches (default: all) in the request's order."""
        docs = found.docs
        dates = self.columns.dates(self.spec.date_start)[docs]
        # an undated quote holds the column's default, its largest value: it goes after
        # every dated quote in either date order, and is the oldest among ties
        dated = dates != np.iinfo(dates.dtype).max
        dates = np.where(dated, dates, 0)
        count = len(docs) if stop is None else min(stop, len(docs))
        if request.sort != "relevance" or found.compiled is None:
            newest_first = request.sort != "date-asc"
            chosen = top(dated.astype(np.int8), dates if newest_first else ~dates, count)
            return [(n, 0.0) for n in docs[chosen].tolist()]
        return ranked(docs, found.scores, dates, found.wanted, self.columns.text, count)

    def search(
        self,
        request: SearchRequest | str = "",
        formatter: Formatter | None = None,
        **options: Any,
    ) -> SearchResults:
        """Run a search: a :class:`SearchRequest`, or a query string. Keyword ``options``
        set the request's ``limit`` (None: every hit), ``offset``, ``sort``, ``since``,
        ``until`` and ``facets``; any other keyword is a filter (``counterpart="普京"``,
        ``country=["美国", "俄罗斯"]``). Without a query string, every quote the filters
        keep is listed, newest first."""
        request = with_options(request, options)
        found = self._match(request)
        page = self._order(request, found, request.offset + request.limit)[request.offset :]
        hits = []
        for docnum, score in page:
            quote = self.quote_at(docnum)
            spans = match_spans(quote.text, found.wanted)
            hits.append(Hit(quote, round(score, 4), snippet(quote.text, spans, formatter), spans))
        total = len(found.docs)
        facets = {name: self._count(name, found.mask) for name in request.facets}
        missing = {
            name: self.columns.facet_values(name).missing(found.mask) for name in request.facets
        }
        advice = hints(self.field_values, self.spec, request, found.compiled, total, self._holding,
                       lambda: self._unfiltered_total(request))  # fmt: skip
        return SearchResults(request.query, total, hits, facets, missing, advice, request)

    def _unfiltered_total(self, request: SearchRequest) -> int:
        """How many quotes ``request``'s query matches without its filters and period
        (a count: no score is computed)."""
        compiled = self.language.compile(request.query)  # kept since the search asked
        return int(np.count_nonzero(self._evaluator.evaluate(compiled).mask))

    def _count(self, name: str, mask: np.ndarray) -> dict[str, int]:
        """How many documents of ``mask`` hold each value of a facet, largest first."""
        column = self.columns.facet_values(name)
        counts = column.count(mask)
        held = np.flatnonzero(counts)
        values = column.values
        pairs = [(values[i], c) for i, c in zip(held.tolist(), counts[held].tolist(), strict=True)]
        return dict(sorted(pairs, key=lambda kv: (-kv[1], kv[0])))

    def _holding(self, needle: str) -> int:
        """How many quotes hold ``needle`` (normalised) in their text."""
        return int(np.count_nonzero(self.columns.containing(needle) & self.columns.live))

    def values(self, field: str) -> list[tuple[str, ...]]:
        """For each document number, the values of a facet field (as indexed; none for
        a deleted document)."""
        if field not in self._tuples:
            self._tuples[field] = facet_tuples(self.columns, field)
        return self._tuples[field]

    def days(self, field: str | None = None) -> list[dt.date | None]:
        """For each document number, the day in a date field (default: the first day)."""
        field = field or self.spec.date_start
        if field not in self._days:
            self._days[field] = day_list(self.columns, field)
        return self._days[field]

    def quote_at(self, docnum: int) -> Quote:
        """The record of the quote with this document number."""
        if self._records is None:
            self._records = record_column(self._searcher.reader(), self.spec)
        return Quote.from_dict(decode_record(self._records[docnum]))

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
        self.handle.check_unchanged()
        docnum = self._searcher.document_number(**{self.spec.unique: quote_id})
        if docnum is None:
            raise UnknownQuote(quote_id)
        return self.quote_at(docnum)

    def facet(self, name: str, request: SearchRequest | None = None) -> dict[str, int]:
        """Counts of every value of a facet over the whole index (or a search's matches)."""
        narrowed = replace(request or SearchRequest(), facets=[name], limit=0)
        if (
            not narrowed.distinct_remarks
            and not narrowed.query.strip()
            and not any(narrowed.filters.values())
            and not (narrowed.since or narrowed.until)
        ):
            narrowed.check(self.spec)
            return self._count(name, self.columns.live)
        return self.search(narrowed).facets[name]

    def all_quotes(self) -> list[Quote]:
        """Every indexed quote, in index order."""
        reader = self._searcher.reader()
        return [self.quote_at(n) for n in reader.all_doc_ids()]
