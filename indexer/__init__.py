"""yulu (语录): exact, ranked, faceted search over compilations of leaders' quotations.

The public API::

    from indexer import QuoteIndex, SearchRequest, build_index, parse_paths

    records = parse_paths([folder]).quotes          # Quote records, no index needed
    build_index(index_dir, [folder])                # build or update an index
    with QuoteIndex.open(index_dir) as ix:          # search it (a str or a Path)
        results = ix.search('"人类命运共同体"', facets=["counterpart"])
        every = ix.search("合作", counterpart="普京", limit=None).to_dicts()

The package follows the data: text basics (``folding``, ``numerals``, ``analysis``) →
``records`` (record types, gazetteer) → ``documents`` (files in, quote records out) →
``index`` (records in, schema, store) → ``pipeline`` (documents → parser → index) →
``search`` (the service) → ``tools`` → the doors (``cli``, ``web``). Each name is
imported on first use, so that a command loads only what it needs. docs/library.md is
the guide.
"""

from __future__ import annotations

from .errors import (
    CorpusFormatError,
    IndexNotFound,
    IndexOutdated,
    QuerySyntaxError,
    UnknownQuote,
    YuluError,
)
from .lazy import lazy_names

#: The release (read by the build as the package's version: one place to change it).
__version__ = "0.1.0"

_LAZY = {
    "Counterpart": "records.quotes",
    "Diagnostic": "records.quotes",
    "ParseResult": "records.quotes",
    "Quote": "records.quotes",
    "Parser": "documents.parser",
    "parse_paths": "documents.parser",
    "build_index": "pipeline.build",
    "BuildReport": "pipeline.build",
    "QuoteIndex": "search.service",
    "SearchRequest": "search.request",
    "SearchResults": "search.request",
    "Hit": "search.request",
}

__all__ = [
    "BuildReport",
    "CorpusFormatError",
    "Counterpart",
    "Diagnostic",
    "Hit",
    "IndexNotFound",
    "IndexOutdated",
    "ParseResult",
    "Parser",
    "QuerySyntaxError",
    "Quote",
    "QuoteIndex",
    "SearchRequest",
    "SearchResults",
    "UnknownQuote",
    "YuluError",
    "build_index",
    "parse_paths",
]


__getattr__ = lazy_names(__name__, _LAZY)
