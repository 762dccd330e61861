"""Names a package imports on first use (PEP 562), so that importing a package loads
only what its caller asks for: the CLI's start-up, and parsing without the search stack."""

from __future__ import annotations

from importlib import import_module

TYPE_CHECKING = False  # (typing itself is not imported: importing indexer loads nothing else)
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any


def lazy_names(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``table`` is read from its
    submodule (a path relative to the package) when first asked for."""

    def __getattr__(name: str) -> Any:
        if name in table:
            return getattr(import_module(f".{table[name]}", package), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
