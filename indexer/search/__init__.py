"""Searching: the query language, exact matching, ranking, filters, facets, snippets,
and the service every door calls (:class:`QuoteIndex`).

Submodules are imported on first use, so that building a request does not load Whoosh."""

from __future__ import annotations

from ..lazy import lazy_names

_LAZY = {
    "Hit": "request",
    "SearchRequest": "request",
    "SearchResults": "request",
    "QuoteIndex": "service",
}
__all__ = sorted(_LAZY)


__getattr__ = lazy_names(__name__, _LAZY)
