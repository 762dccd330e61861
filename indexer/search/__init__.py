"""Searching: the query language, exact matching, ranking, filters, facets, snippets,
and the service every door calls (:class:`QuoteIndex`).

Submodules are imported on first use, so that building a request does not load Whoosh."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "Hit": "request",
    "SearchRequest": "request",
    "SearchResults": "request",
    "QuoteIndex": "service",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
