"""What the Word readers share: the WordprocessingML namespaces and reading an
element's ``w:val`` and whole numbers (Word writes bad ones; they read as a default)."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


def val(element, name: str) -> str | None:
    """The ``w:val`` of the child ``w:NAME`` of ``element``, if both exist."""
    if element is None:
        return None
    child = element.find(W + name)
    return None if child is None else child.get(W + "val")


def int_or(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def opt_int(text: str | None) -> int | None:
    return int_or(text, -1) if text is not None else None
