"""Word's automatic list numbering rendered as Word renders it (``一、``, ``（一）``,
``1.``, ``i.``, bullets), from ``numbering.xml``: each list's levels, their formats and
restarts, counted paragraph by paragraph."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...numerals import counting, spelled
from .wordxml import W, int_or, val

#: Bullets Word draws from symbol fonts (private-use code points), as Unicode.
_SYMBOL_BULLETS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
    "\uf076": "❖",
    "\uf0d8": "➢",
    "\uf0fc": "✓",
}


def bullet(char: str) -> str:
    """A bullet character as Unicode (symbol-font bullets are private-use code points)."""
    if "\ue000" <= char <= "\uf8ff":
        return _SYMBOL_BULLETS.get(char, "•")
    return char


_PLACEHOLDER = re.compile(r"%([1-9])")


_FORMATS_WITH_TABLES = {
    "ideographTraditional": "甲乙丙丁戊己庚辛壬癸",
    "ideographZodiac": "子丑寅卯辰巳午未申酉戌亥",
    "decimalEnclosedCircle": "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳",
}


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    """Word's letter numbering: a…z, then aa…zz, aaa…"""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """Counter ``n`` in Word's number format ``fmt`` (``w:numFmt``)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting"):
        return counting(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return counting(n, legal=True)
    if fmt == "ideographDigital":
        return spelled(n)
    if fmt in _FORMATS_WITH_TABLES:
        table = _FORMATS_WITH_TABLES[fmt]
        return table[n - 1] if 0 < n <= len(table) else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimalEnclosedParen", "decimalEnclosedFullstop"):
        return f"({n})" if fmt == "decimalEnclosedParen" else f"{n}."
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n) if fmt == "lowerLetter" else _letters(n).upper()
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n) if fmt == "lowerRoman" else _roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str | None = None
    start: int = 1
    legal: bool = False
    suffix: str = "tab"


@dataclass
class _List:
    """One list (an abstract numbering) with its counters, shared by its instances."""

    levels: dict[int, _Level] = field(default_factory=dict)
    counters: dict[int, int] = field(default_factory=dict)


class Numbering:
    """Renders Word's automatic numbering (``numbering.xml``) the way Word shows it:
    counters per list, deeper levels restarting when a higher one moves on."""

    def __init__(self, root) -> None:
        self._lists: dict[str, _List] = {}
        self._instances: dict[str, tuple[str, dict[int, int]]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in abstract.iter(W + "lvl"):
                levels[int_or(lvl.get(W + "ilvl"), 0)] = _Level(
                    fmt=val(lvl, "numFmt") or "decimal",
                    text=val(lvl, "lvlText"),
                    start=int_or(val(lvl, "start"), 1),
                    legal=lvl.find(W + "isLgl") is not None,
                    suffix=val(lvl, "suff") or "tab",
                )
            self._lists[abstract.get(W + "abstractNumId", "")] = _List(levels)
        for num in root.iter(W + "num"):
            overrides = {
                int_or(o.get(W + "ilvl"), 0): int_or(val(o, "startOverride"), 1)
                for o in num.iter(W + "lvlOverride")
                if o.find(W + "startOverride") is not None
            }
            abstract_id = val(num, "abstractNumId") or ""
            self._instances[num.get(W + "numId", "")] = (abstract_id, overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        """The next label of list instance ``num_id`` at level ``ilvl`` (``""`` if none)."""
        if num_id not in self._instances:
            return ""
        abstract_id, overrides = self._instances[num_id]
        lst = self._lists.get(abstract_id)
        if lst is None or ilvl not in lst.levels:
            return ""
        level = lst.levels[ilvl]
        if ilvl in overrides and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            lst.counters[ilvl] = overrides[ilvl]
        else:
            lst.counters[ilvl] = lst.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in lst.counters if k > ilvl]:
            del lst.counters[deeper]
        if level.text is None:
            return ""
        if level.fmt == "bullet":
            text = "".join(bullet(c) for c in level.text)
        else:
            text = _PLACEHOLDER.sub(lambda m: self._number(lst, int(m[1]) - 1, level), level.text)
        if not text or level.suffix == "nothing" or not text[-1].isascii():
            return text
        return text + " "

    @staticmethod
    def _number(lst: _List, ilvl: int, current: _Level) -> str:
        level = lst.levels.get(ilvl, _Level())
        n = lst.counters.get(ilvl, level.start)
        return format_number(n, "decimal" if current.legal else level.fmt)
