"""Numbered lists inside a quote: a letter's or a speech's own list (``1.在爱情上摆脱物质
（钱财的）要求？`` ``2.摆脱物质上的操心？`` …), whose numbered lines the rules would read as
headings of the family the document's sections use (``4.关于“恋爱自由”问题``).

A run of numbered lines of one family, each right above the next, is a list in the quote
when the run stands under quote text that no attribution has closed yet (the quote goes on
into it), each of its lines ends a sentence (``。``, ``？``, ``！``) as no heading does, and
it has :data:`MIN_ITEMS` lines or more; or when the line above it introduces it with a
colon (``要做到：``), whatever its length. Its lines are text from then on (the audit
does not take them for headings inside the quote)."""

from __future__ import annotations

from .classify import Kind
from .units import Unit, textual

#: Fewest numbered lines that make a list by their ends alone.
MIN_ITEMS = 3
_SENTENCE_END = tuple("。？！?!")


def list_items(units: list[Unit]) -> set[int]:
    """The indexes of the numbered lines that are items of a list inside a quote."""
    items: set[int] = set()
    k = 0
    while k < len(units):
        unit = units[k]
        if unit.kind != Kind.MARKED or k == 0 or not textual(units[k - 1]):
            k += 1
            continue
        end = k + 1
        while end < len(units) and _same_family(units[end], unit):
            end += 1
        run = range(k, end)
        introduced = units[k - 1].text.rstrip().endswith(("：", ":")) and len(run) > 1
        ended = all(units[i].text.rstrip().endswith(_SENTENCE_END) for i in run)
        if introduced or (ended and len(run) >= MIN_ITEMS):
            items.update(run)
        k = end
    return items


def _same_family(unit: Unit, first: Unit) -> bool:
    return unit.kind == Kind.MARKED and unit.shape.family == first.shape.family
