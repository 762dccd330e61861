"""Hints: why a search that found nothing or little may have missed.

Each hint is one line for a person: a filter or field value that no quote has (with
the nearest known values), a query word that names the counterpart, country or event
of quotes rather than occurring in their text (``普京 is in 5 attributions; try
--counterpart 普京``), or the needles that occur in no quote at all."""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh import query

from ..index.declaration import SchemaSpec
from .fieldvalues import FieldValues
from .language import missing_values, needle_groups
from .matching import NoSuchValue, Substring
from .request import SearchRequest
from .suggest import clause, option

#: A search that finds fewer quotes than this says why it may have missed.
FEW = 10


def _unknown(values: FieldValues, spec: SchemaSpec, field: str, value: str, how: str) -> str:
    near = values.nearest(field, value)
    also = f"; nearest: {', '.join(near)}" if near else ""
    options = {f.name for f in spec.filters}
    elsewhere = [
        other
        for other in spec.fields
        if other.facet and other.query and other.name != field
        and not isinstance(values.query(other.name, value), NoSuchValue)
    ]  # fmt: skip
    if elsewhere:  # e.g. a part heading that is a section in a single-level document
        other = elsewhere[0]
        retry = option(other.option, value) if other.name in options else clause(other.name, value)
        also += f"; it is a {other.name}: try {retry}"
    return f"no quote has {how} {value!r}{also}"


def hints(
    values: FieldValues,
    spec: SchemaSpec,
    request: SearchRequest,
    compiled: query.Query | None,
    total: int,
    count: Callable[[str], int],
    unfiltered: Callable[[], int] | None = None,
) -> list[str]:
    """The hints for a search: ``compiled`` is its query (None without one), ``total``
    its number of matches, ``count(needle)`` the number of quotes holding a needle,
    ``unfiltered()`` the number of quotes the query matches without the request's
    filters and period."""
    found: list[str] = []
    for field, wanted in request.filters.items():
        option = spec[field].option
        for value in wanted:
            if isinstance(values.query(field, value), NoSuchValue):
                found.append(_unknown(values, spec, field, value, option))
    if compiled is not None:
        for node in missing_values(compiled):
            found.append(_unknown(values, spec, node.fieldname, node.value, f"{node.fieldname}:"))
    if total >= FEW or compiled is None:
        return list(dict.fromkeys(found))
    groups = needle_groups(compiled)
    found += _alias_hints(values, spec, request, [group[0] for group in groups])
    attributions = [f.name for f in spec.fields if f.match == "contains" and f.query]
    for word in (group[0] for group in groups):
        for field in attributions:
            quotes = values.contained(field, word)
            if quotes:
                found.append(
                    f"{word} is in {quotes} attribution{'s' if quotes != 1 else ''}; "
                    f"try {_suggestion(values, spec, field, word)}"
                )
    if total == 0 and groups:
        counts = {group[0]: sum(count(form) for form in group) for group in groups}
        absent = [word for word, n in counts.items() if n == 0]
        alone = unfiltered() if unfiltered is not None and request.restricted else 0
        if absent:
            found.append(f"no quote contains {', '.join(absent)}")
        elif alone:
            found.append(
                f"the query alone finds {alone} quote{'s' if alone != 1 else ''}, none of "
                f"them {_restriction(request)}"
            )
        elif len(groups) > 1 and conjunctive(compiled):
            each = ", ".join(f"{word} {n}" for word, n in counts.items())
            found.append(f"each word occurs, but never all together (quotes: {each})")
    return list(dict.fromkeys(found))


def _restriction(request: SearchRequest) -> str:
    """``with these filters``, ``in this period`` or both, as the request has them."""
    parts = ["with these filters"] if any(request.filters.values()) else []
    if request.since or request.until:
        parts.append("in this period")
    return " ".join(parts)


def conjunctive(q: query.Query) -> bool:
    """Whether ``q`` only asks for text, every part of it together: an AND of needles
    and of synonym groups (no NOT, no OR between words, no field values), so that a
    query whose needles each occur and that finds nothing has them never together."""
    if isinstance(q, query.AndMaybe):  # the needle, and its word for the ranking
        return conjunctive(q.a)
    if isinstance(q, Substring):
        return True
    children = list(q.children())
    if isinstance(q, query.And):
        return all(conjunctive(child) for child in children)
    if isinstance(q, query.Or):  # a synonym group: one needle in several forms
        return bool(children) and all(_needle(child) for child in children)
    return False


def _needle(q: query.Query) -> bool:
    return isinstance(q, Substring) or (isinstance(q, query.AndMaybe) and _needle(q.a))


def _suggestion(values: FieldValues, spec: SchemaSpec, field: str, word: str) -> str:
    """The filter that finds quotes by ``word`` as a value, else ``field:word``."""
    for candidate in spec.filters:
        if candidate.match == "value" and not isinstance(
            values.query(candidate.name, word), NoSuchValue
        ):
            return option(candidate.option, word)
    return clause(field, word)


def _as_typed(query_text: str, word: str) -> str:
    """``word`` (normalised) as the query wrote it (``Putin`` for ``putin``)."""
    pattern = r"\s+".join(re.escape(piece) for piece in word.split())
    found = re.search(pattern, query_text, re.IGNORECASE) if pattern else None
    return found.group(0) if found else word


def _alias_hints(
    values: FieldValues, spec: SchemaSpec, request: SearchRequest, words: list[str]
) -> list[str]:
    """For a query word (or the whole query) that is another name of a person or place
    (``Putin``), the filters that find its quotes by the attribution (``--counterpart
    Putin``): the text of a quote rarely holds an English or pinyin name."""
    text = " ".join(request.query.replace('"', " ").replace("“", " ").replace("”", " ").split())
    found = []
    pieces = text.lower().split()
    runs = [" ".join(pieces[i : i + n]) for n in (2, 3) for i in range(len(pieces) - n + 1)]
    for word in dict.fromkeys([*words, *runs]):
        for table, canonical in values.alias(word):
            options = [
                option(f.option, _as_typed(request.query, word))
                for f in spec.filters
                if f.aliases == table and f.name not in request.filters
                and not isinstance(values.query(f.name, canonical), NoSuchValue)
            ]  # fmt: skip
            if options:
                shown = _as_typed(request.query, word)
                alone = shown.casefold() == text.casefold()
                found.append(
                    f"{shown} is {canonical}, named in the attributions: try "
                    f"{' or '.join(options[:2])}{'' if alone else ' in its place'}"
                )
    return found
