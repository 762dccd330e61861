"""The index: the Whoosh schema built from the field declaration, full and incremental
builds, the store of generations with its manifest, and opening an index for search.

Submodules are imported on first use (``from indexer.index import build_index``), so
that reading the declaration does not load Whoosh."""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "BuildReport": "build",
    "build_index": "build",
    "IndexHandle": "access",
    "open_index": "access",
}
__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
