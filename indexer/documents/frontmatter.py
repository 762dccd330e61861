"""Front matter: a table of contents and the sections of a book before its first quote
(前言, 说明, 出版说明, 再版前言 …) are preamble, never headings over the quotes.

Applied to the units once the heading candidates are known (:mod:`.structure`, step 2),
with the cues of ``layout.tsv`` (``contents``, ``front_matter``); each unit found here
is marked ``contents`` and loses its part as a heading or an attribution:

1. a front-matter heading before the first quote (``再版前言``, in any shape: a short
   line, a Word heading, ``【说明】``) and everything after it up to the next heading
   (its text, the signature ``编　者`` and the date under it, which would otherwise
   close an invented quote);
2. a line naming a table of contents (``目　录``) and the heading-shaped lines under it,
   up to the first line that repeats an entry (the real headings begin), is not
   heading-shaped, or has no page number where the entries before it had one;
3. a table of contents' entries by their shape (``第一章　团结……………3``,
   ``科技创新是第一动力\\t1``), before the first quote;
4. a run of two or more headings before the first quote whose titles all come back
   later as headings, in order, the first of them right after the run: a table of
   contents without a title line or page numbers (a Markdown list above ``##``
   headings).
"""

from __future__ import annotations

from .classify import Kind
from .units import Unit

#: Shapes a heading (or an entry of a table of contents) can have.
_HEADING_SHAPES = {Kind.SHORT, Kind.STYLED, Kind.MARKED, Kind.CONTENTS}


def mark_front_matter(units: list[Unit]) -> None:
    """Mark the units of the table of contents and the front matter (see the module
    docstring) as ``contents``."""
    _front_sections(units)
    closers = [k for k, u in enumerate(units) if u.closer]
    first = next((k for k in closers if units[k].kind != Kind.DATELINE), len(units))
    first = first if first < len(units) or not closers else closers[0]
    _titled_contents(units, first)
    for unit in units[:first]:
        if unit.kind == Kind.CONTENTS:
            _mark(unit)
    _repeated_run(units, first)


def _mark(unit: Unit) -> None:
    unit.contents, unit.candidate, unit.closer, unit.stray = True, False, False, False


def _heading_shaped(unit: Unit) -> bool:
    return unit.kind in _HEADING_SHAPES and not unit.closer


def _front_sections(units: list[Unit]) -> None:
    n, k = len(units), 0
    while k < n:
        unit = units[k]
        if unit.closer and unit.kind != Kind.DATELINE:
            return  # the quotes have begun (a bare date may sign a preface)
        if unit.shape.matter == "front" and _heading_shaped(unit):
            _mark(unit)
            k += 1
            while k < n and not (units[k].candidate and not units[k].shape.matter):
                following = units[k + 1] if k + 1 < n else None
                if following is not None and following.closer and following.kind != Kind.DATELINE:
                    break  # the text right above an attribution is a quote
                _mark(units[k])
                k += 1
            continue
        k += 1


def _titled_contents(units: list[Unit], first: int) -> None:
    for k in range(first):
        if units[k].shape.matter != "contents" or not _heading_shaped(units[k]):
            continue
        _mark(units[k])
        seen: set[str] = set()
        paged = False  # entries with page numbers: the first line without one ends them
        for unit in units[k + 1 : first]:
            if not _heading_shaped(unit) or unit.shape.matter or unit.title in seen:
                break
            if paged and unit.kind != Kind.CONTENTS:
                break
            paged = paged or unit.kind == Kind.CONTENTS
            seen.add(unit.title)
            _mark(unit)
        return


def _repeated_run(units: list[Unit], first: int) -> None:
    """Step 4 of the module docstring."""
    k = 0
    while k < first:
        if not units[k].candidate:
            k += 1
            continue
        end = k
        while end < first and units[end].candidate:
            end += 1
        run = units[k:end]
        later = [u for u in units[end:] if u.candidate]
        if len(run) >= 2 and later and later[0].title == run[0].title and _in_order(run, later):
            for unit in run:
                _mark(unit)
        k = end


def _in_order(run: list[Unit], later: list[Unit]) -> bool:
    """Whether every title of ``run`` comes back in ``later``, in the same order."""
    titles = iter(u.title for u in later)
    return all(any(t == u.title for t in titles) for u in run)
