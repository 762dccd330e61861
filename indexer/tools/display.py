"""Display width of text in a terminal: a Han character (or any wide or full-width
character) takes two columns, a combining mark none, anything else one."""

from __future__ import annotations

import unicodedata
from functools import cache

#: Eighths of a block, for bars drawn with sub-character precision.
BLOCKS = " ▏▎▍▌▋▊▉█"


@cache
def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Columns ``text`` takes."""
    return sum(char_width(ch) for ch in text)


def clip_left(text: str, columns: int) -> str:
    """The end of ``text`` that fits in ``columns`` (context to the left of a match)."""
    used, start = 0, len(text)
    while start > 0 and used + char_width(text[start - 1]) <= columns:
        start -= 1
        used += char_width(text[start])
    return text[start:]


def clip_right(text: str, columns: int) -> str:
    """The start of ``text`` that fits in ``columns`` (context to the right)."""
    used, end = 0, 0
    while end < len(text) and used + char_width(text[end]) <= columns:
        used += char_width(text[end])
        end += 1
    return text[:end]


def pad_left(text: str, columns: int) -> str:
    """``text`` right-aligned in ``columns``."""
    return " " * max(0, columns - width(text)) + text


def pad_right(text: str, columns: int) -> str:
    """``text`` left-aligned in ``columns``."""
    return text + " " * max(0, columns - width(text))


def bar(value: float, peak: float, columns: int) -> str:
    """A horizontal bar of ``value`` on a scale where ``peak`` fills ``columns``."""
    if peak <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / peak * columns * 8))
    return "█" * (eighths // 8) + BLOCKS[eighths % 8].strip()
