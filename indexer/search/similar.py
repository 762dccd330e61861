"""Quotes related to a quote: its neighbours in the same section of its document, and
"more like this", the quotes that share its rarest words."""

from __future__ import annotations

from dataclasses import dataclass

from whoosh.highlight import Formatter

from ..records.quotes import Quote
from .highlight import MAX_ANALYZED
from .request import Hit, SearchRequest
from .service import QuoteIndex

#: How many of a quote's rarest words "more like this" looks for.
RARE_WORDS = 6
#: Words shorter than this (in characters) are not used: 的, 和, 我 say little.
MIN_WORD_CHARS = 2
#: The record attributes that place a quote in its document.
PLACE = ("source", "part", "section")


def section_quotes(ix: QuoteIndex, quote: Quote) -> list[Quote]:
    """Every quote in the same section of the same document as ``quote`` (itself
    included), in document order (by line)."""
    docnum = ix.document_number(quote.id)
    place = [f.name for f in ix.spec.fields if f.source in PLACE and f.facet]
    columns = [ix.values(name) for name in place]  # read once per open index
    candidates = [
        n
        for n in ix.reader.all_doc_ids()  # live documents only: an update deletes
        if all(column[n] == column[docnum] for column in columns)
    ]
    key = (quote.source, quote.part_no, quote.section_no)
    found = [q for q in map(ix.quote_at, candidates) if (q.source, q.part_no, q.section_no) == key]
    return sorted(found, key=lambda q: q.line)


def neighbours(ix: QuoteIndex, quote: Quote, count: int = 1) -> tuple[list[Quote], list[Quote]]:
    """Up to ``count`` quotes just before and just after ``quote`` in its section."""
    ordered = section_quotes(ix, quote)
    at = next(i for i, q in enumerate(ordered) if q.id == quote.id)
    return ordered[max(0, at - count) : at], ordered[at + 1 : at + 1 + count]


@dataclass(frozen=True)
class Related:
    """Quotes like a quote, best first, and the rare words they were found by."""

    words: list[str]
    hits: list[Hit]


def rare_words(ix: QuoteIndex, quote: Quote, count: int = RARE_WORDS) -> list[str]:
    """The words of ``quote`` as the index holds them (of letters and digits) that the
    fewest other quotes hold as words (at least one other must), rarest first; ties go
    to the longer word. A long quote is read as far as snippets read it."""
    reader = ix.reader
    text = quote.text[:MAX_ANALYZED]
    words = [w for w in ix.indexed_words(text) if len(w) >= MIN_WORD_CHARS and w.isalnum()]
    frequency = {w: reader.doc_frequency(ix.spec.words, w) for w in words}
    shared = [w for w in words if frequency[w] > 1]
    return sorted(shared, key=lambda w: (frequency[w], -len(w), w))[:count]


def more_like_this(
    ix: QuoteIndex, quote: Quote, limit: int = 5, formatter: Formatter | None = None
) -> Related:
    """Other quotes holding any of the rarest words of ``quote``, ranked as a search for
    those words is (more of them, and rarer ones, rank higher), with them marked."""
    words = rare_words(ix, quote)
    if not words:
        return Related([], [])
    # letters and digits only (see rare_words): nothing the query language reads as syntax
    request = SearchRequest(" OR ".join(words), limit=limit + 1)
    hits = [hit for hit in ix.search(request, formatter).hits if hit.quote.id != quote.id]
    return Related(words, hits[:limit])
