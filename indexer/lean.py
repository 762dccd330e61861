"""Importing Whoosh without what it imports and a search never uses.

Every ``yulu search`` starts a new Python, so what it imports is part of its answer time
(importing costs more than searching 125,000 quotes). Whoosh imports, for nothing a
search does:

* ``urllib.request`` (and with it ``http.client``, ``email`` and ``ssl``): ``whoosh.compat``
  imports a download helper no index uses;
* ``asyncio``: the ``cached_property`` package of Whoosh's readers recognises coroutine
  functions with it, and no Whoosh property is one.

About 35 ms together. The two modules that import them (:data:`STAND_INS`) are run while
stand-ins take their place, removed right after, so that any later import gets the real
module; a stand-in used after all hands over to the real module, loaded then. An import
hook (:func:`install`, called when :mod:`indexer` is imported) does this whoever imports
Whoosh first, and only for those modules. Only modules whose names Whoosh never hands
on are stood in for: a name read from a stand-in is a forwarding function, which could
not be pickled in the real one's place (Whoosh's English stemming, which a pickled
schema holds, is imported as it is, for that reason). Another thread that imports
``asyncio`` or ``urllib.request`` for the first time during the millisecond Whoosh's
first import takes would get the stand-in too. (jieba's ``pkg_resources`` is left out
where jieba is imported, in :mod:`indexer.analysis.segment`.)
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import import_module
from importlib.machinery import ModuleSpec, PathFinder
from typing import Any


class _StandIn(types.ModuleType):
    """Stands in for a module while another one is imported. A name read during that
    import (``from urllib.request import urlretrieve``) is a function that calls the
    real one when called; a name read later comes from the real module."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if sys.modules.get(self.__name__) is self:  # still standing in
            return _forwarding(self.__name__, name)
        return getattr(import_module(self.__name__), name)


def _forwarding(module: str, name: str) -> Callable[..., Any]:
    def forwarded(*args: Any, **kwargs: Any) -> Any:
        real = import_module(module)
        if isinstance(real, _StandIn):  # called while Whoosh is being imported
            raise ImportError(f"{module} cannot be used while Whoosh is being imported")
        return getattr(real, name)(*args, **kwargs)

    forwarded.__name__ = forwarded.__qualname__ = name
    return forwarded


@contextmanager
def standing_in(*names: str) -> Iterator[None]:
    """Stand-ins for the modules ``names`` not imported yet, for the duration."""
    placed = [name for name in names if name not in sys.modules]
    for name in placed:
        sys.modules[name] = _StandIn(name)
    try:
        yield
    finally:
        for name in placed:
            if isinstance(sys.modules.get(name), _StandIn):
                del sys.modules[name]


#: The modules run with stand-ins, and the modules stood in for (see the notes above).
STAND_INS = {"whoosh.compat": ("urllib.request",), "cached_property": ("asyncio",)}


class _StandInLoader:
    """Runs a module with stand-ins in place (see :data:`STAND_INS`)."""

    def __init__(self, loader: Any, names: tuple[str, ...]) -> None:
        self.loader = loader
        self.names = names

    def create_module(self, spec: ModuleSpec) -> types.ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        with standing_in(*self.names):
            self.loader.exec_module(module)

    def __getattr__(self, name: str) -> Any:  # get_source, is_package, …: the loader's
        return getattr(self.loader, name)


class _LeanFinder:
    """Finds the modules of :data:`STAND_INS` as Python would, to run them with their
    stand-ins; every other import passes by."""

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: object = None
    ) -> ModuleSpec | None:
        names = STAND_INS.get(name)
        if names is None:
            return None
        spec = PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = _StandInLoader(spec.loader, names)
        return spec


def install() -> None:
    """Put the import hook in place (once)."""
    if not any(isinstance(finder, _LeanFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LeanFinder())
