"""Quotes whose attribution comes first, and lists of quotes that share one citation.

Most compilations close each quote with its attribution. Two layouts do otherwise, and
here they are turned into that order (the units are reordered; no text changes):

* a *lead-in* names the source before the quote: ``2019年9月18日，习近平在…座谈会时
  指出：`` then ``“治理黄河，重在保护，要在治理。”``. The quoted run after the lead-in
  (up to where its quotation marks close) is the quote, and the lead-in its attribution;
  a lead-in may also introduce a list, ``…发表了二〇二二年新年贺词。一起来看金句——``
  then ``1.“…”`` ``2.“…”``: each item is a quote with the lead-in as its citation;
* a *shared citation* closes a list of quoted items: ``1.“…”`` ``2.“…”`` then
  ``——2022年新年贺词``: each item is a quote with that citation (unless a line ending
  with a colon introduces the list, which makes it one quote holding a list).

A lead-in counts only when what it introduces is not followed by an attribution of its
own, so a quote that merely contains ``…他强调：“…”`` keeps its text whole.
"""

from __future__ import annotations

from dataclasses import replace

from .classify import Kind
from .units import OPENING, Unit

_CLOSING = '”」』"’'
#: Kinds that close the quote text above them.
_CLOSING_KINDS = {Kind.DASHED, Kind.CITATION, Kind.DATELINE}
#: Trailing punctuation a quoted item may have after its closing mark.
_TRAIL = "。，；！？.,;!? \u3000"
#: What an entry framed by separator lines holds besides paragraphs: its source, notes.
_FRAMED = {Kind.SHORT, Kind.CITATION, Kind.DATELINE, Kind.DASHED, Kind.CUE}
#: The longest quoted run a lead-in governs, in units.
MAX_RUN = 30


def reorder(units: list[Unit]) -> list[Unit]:
    """The units with lead-ins moved after the quotes they introduce, and a shared
    citation repeated after each item of its list (see the module docstring)."""
    out: list[Unit] = []
    k, n = 0, len(units)
    # entries framed by separator lines (————), each opening with its lead-in, run to the
    # next separator: their source lines and notes are the entry's
    framed = sum(1 for u in units if u.shape.heads and _ruled(u)) >= 2
    while k < n:
        unit = units[k]
        if unit.shape.heads:  # the document's lead-ins govern the paragraphs after them
            end = k + 1
            while end < n and not units[end].shape.heads and not _ruled(units[end]):
                if units[end].kind != Kind.TEXT and not (framed and units[end].kind in _FRAMED):
                    break
                end += 1
            if end > k + 1:
                body = [
                    units[j] if units[j].kind == Kind.TEXT else _plain(units[j])
                    for j in range(k + 1, end)
                ]
                out += [_after(unit, body[0]), *body[1:], _as_closer(unit)]
                k = end
                continue
        if unit.shape.leads and unit.kind in (Kind.TEXT, Kind.SHORT):
            end = _quoted_run(units, k + 1)
            if end is not None and not _closes(units, end + 1):
                out += [_after(unit, units[k + 1]), *units[k + 2 : end + 1], _as_closer(unit)]
                k = end + 1
                continue
            items = _quoted_items(units, k + 1)
            if items and not _closes(units, k + 1 + len(items)):
                for index, item in enumerate(items):
                    text = _as_text(item)
                    out += [_after(unit, text) if index == 0 else text, _as_closer(unit)]
                k += 1 + len(items)
                continue
        if unit.kind == Kind.MARKED and not _introduced(out):
            items = _quoted_items(units, k)
            after = k + len(items)
            if len(items) >= 2 and _closes(units, after):
                citation = units[after]
                for item in items[:-1]:
                    out += [_as_text(item), _copy(citation)]
                out += [_as_text(items[-1]), citation]  # with the debris before it
                k = after + 1
                continue
        out.append(unit)
        k += 1
    return out


def _ruled(unit: Unit) -> bool:
    """Whether a separator line (————) stands right before ``unit``."""
    return any(s.kind == Kind.RULE for s in unit.debris)


def _plain(unit: Unit) -> Unit:
    """A line of a framed entry (its source, a note) as text of the entry."""
    shape = replace(unit.shape, kind=Kind.TEXT, body="", title="", marker="")
    return replace(unit, lines=[replace(s, kind=Kind.TEXT) for s in unit.lines], shape=shape)


def _closes(units: list[Unit], k: int) -> bool:
    return k < len(units) and units[k].kind in _CLOSING_KINDS


def _quoted_run(units: list[Unit], start: int) -> int | None:
    """The last unit of the quoted text that opens at ``start`` (its quotation marks
    balanced), if one does."""
    if start >= len(units) or units[start].kind not in (Kind.TEXT, Kind.SHORT):
        return None
    if units[start].text[:1] not in OPENING:
        return None
    depth = 0
    for k in range(start, min(start + MAX_RUN, len(units))):
        unit = units[k]
        if unit.kind not in (Kind.TEXT, Kind.SHORT) or (k > start and unit.shape.leads):
            return None
        depth += sum(unit.text.count(c) for c in OPENING[:3]) - sum(
            unit.text.count(c) for c in _CLOSING[:3]
        )
        if depth <= 0:
            return k
    return None


def _fully_quoted(text: str) -> bool:
    stripped = text.rstrip(_TRAIL)
    return len(stripped) > 2 and stripped[0] in OPENING and stripped[-1] in _CLOSING


def _quoted_items(units: list[Unit], start: int) -> list[Unit]:
    """The consecutive marked lines of one family from ``start`` on whose text is all
    in quotation marks (``1.“…”``)."""
    items: list[Unit] = []
    for unit in units[start : start + MAX_RUN]:
        if unit.kind != Kind.MARKED or not _fully_quoted(unit.shape.title):
            break
        if items and unit.shape.family != items[0].shape.family:
            break
        items.append(unit)
    return items


def _introduced(before: list[Unit]) -> bool:
    """Whether the unit before is text ending with a colon (要做到：1.… 2.…)."""
    if not before or before[-1].closer:
        return False
    last = before[-1]
    return last.kind in (Kind.TEXT, Kind.SHORT, Kind.CUE) and last.text.rstrip().endswith(
        ("：", ":")
    )


def _as_text(item: Unit) -> Unit:
    """A quoted list item as quote text, without its marker."""
    shape = replace(item.shape, kind=Kind.TEXT, text=item.shape.title, title="", marker="")
    return replace(item, lines=[shape], shape=shape)


def _as_closer(lead: Unit) -> Unit:
    """A lead-in as the attribution of the quote it introduces."""
    text = lead.shape.body if lead.shape.heads and lead.shape.body else lead.text
    body = text.rstrip(" \u3000").rstrip("：:—─").rstrip(" \u3000")
    shape = replace(lead.shape, kind=Kind.DASHED, body=body, leads=False, heads=False)
    return Unit([shape, *lead.lines[1:]], shape)  # with the lines joined to it (.fields)


def _after(lead: Unit, first: Unit) -> Unit:
    """The first unit a lead-in introduces, with the blank line and debris that stood
    before the lead-in (the lead-in now follows it)."""
    return replace(
        first,
        blank_before=lead.blank_before or first.blank_before,
        debris=lead.debris + first.debris,
    )


def _copy(citation: Unit) -> Unit:
    """The shared citation once more, for an item before the last (without the debris
    lines before it, which stay with the last)."""
    return replace(citation, lines=list(citation.lines), debris=[])
