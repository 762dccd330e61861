"""Links that change one thing about the current search and keep the rest, as
datasette's ``toggle_url``: all of a page's state lives in its query string."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from werkzeug.datastructures import MultiDict
from werkzeug.urls import urlencode

from .params import OFFSET, QUERY, Args


def href(path: str, args: Args | MultiDict) -> str:
    """``path`` with ``args`` as its query string (empty values left out)."""
    pairs = [(name, value) for name in args for value in args.getlist(name) if value != ""]
    return f"{path}?{urlencode(pairs)}" if pairs else path


def changed(args: Args, **values: str | list[str] | None) -> MultiDict:
    """A copy of ``args`` with each named parameter set (a list: repeated; None:
    removed). Changing anything but the page goes back to the first page."""
    out = MultiDict([(name, value) for name in args for value in args.getlist(name)])
    if set(values) - {OFFSET}:
        out.pop(OFFSET, None)
    for name, value in values.items():
        items = [] if value is None else [value] if isinstance(value, str) else list(value)
        if items:
            out.setlist(name, items)  # in its place: links differ only where they must
        else:
            out.pop(name, None)
    return out


def toggled(args: Args, name: str, value: str, selected: bool) -> MultiDict:
    """``args`` with the filter ``name=value`` added, or removed when ``selected``
    (every given value that means the same, as ``selected`` was decided, is removed)."""
    values = args.getlist(name)
    if selected:
        return changed(args, **{name: [v for v in values if v != value]})
    return changed(args, **{name: [*values, value]})


def clause(name: str, value: str) -> str | None:
    """A query clause that keeps quotes whose ``name`` is ``value`` (for facets that are
    not filter fields), or None when the value cannot be written as one."""
    return None if '"' in value else f'{name}:"{value}"'


def toggled_clause(args: Args, text: str) -> MultiDict:
    """``args`` with the query clause ``text`` added to ``q``, or taken out if there."""
    query = " ".join(args.getlist(QUERY))
    if text in query:
        query = " ".join(query.replace(text, " ").split())
    else:
        query = f"{query} {text}".strip()
    return changed(args, **{QUERY: query or None})


#: The pages a search can be looked at with, in the order their tabs stand: the path
#: and the title of each.
TABS = (
    ("/", "Search"),
    ("/kwic", "Concordance"),
    ("/trend", "Trends"),
    ("/formulations", "Formulations"),
    ("/keywords", "Keywords"),
    ("/words", "Words"),
    ("/collocates", "Collocates"),
    ("/clusters", "Clusters"),
    ("/dispersion", "Dispersion"),
)


@dataclass(frozen=True)
class Tab:
    title: str
    url: str
    current: bool


def carried(args: Args, names: Iterable[str]) -> MultiDict:
    """The parameters of ``args`` named in ``names`` (what every view of a search shares:
    the query, the filters and the period), in their order."""
    keep = set(names)
    return MultiDict(
        [(name, value) for name in args for value in args.getlist(name) if name in keep]
    )


def tabs(args: Args, names: Iterable[str], current: str) -> list[Tab]:
    """A link to each view of the same search (query, filters and period carried over;
    each view's own options left behind), ``current`` marked."""
    shared = carried(args, names)
    return [Tab(title, href(path, shared), path == current) for path, title in TABS]


def phrase(text: str) -> str | None:
    """``text`` as an exact phrase of the query language (``"text"``), or None when it
    cannot be written as one."""
    return None if '"' in text or not text.strip() else f'"{text}"'


def narrowed(query: str, clause: str) -> str:
    """``query`` AND ``clause``, whatever ``query`` holds: terms side by side are AND-ed
    after every operator binds, so appending a clause narrows the whole query."""
    return f"{query.strip()} {clause}" if query.strip() else clause
