"""Hints: why a search that found nothing or little may have missed.

Each hint is one line for a person: a filter or field value that no quote has (with
the nearest known values), a query word that names the counterpart, country or event
of quotes rather than occurring in their text (``普京 is in 5 attributions; try
--counterpart 普京``), or the needles that occur in no quote at all."""

from __future__ import annotations

from collections.abc import Callable

from whoosh import query

from ..index.declaration import SchemaSpec
from .fieldvalues import FieldValues
from .language import missing_values, needle_groups
from .matching import NoSuchValue
from .request import SearchRequest

#: A search that finds fewer quotes than this says why it may have missed.
FEW = 10


def _unknown(values: FieldValues, spec: SchemaSpec, field: str, value: str, how: str) -> str:
    near = values.nearest(field, value)
    also = f"; nearest: {', '.join(near)}" if near else ""
    return f"no quote has {how} {value!r}{also}"


def hints(
    values: FieldValues,
    spec: SchemaSpec,
    request: SearchRequest,
    compiled: query.Query | None,
    total: int,
    count: Callable[[str], int],
) -> list[str]:
    """The hints for a search: ``compiled`` is its query (None without one), ``total``
    its number of matches, ``count(needle)`` the number of quotes holding a needle."""
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
        if absent:
            found.append(f"no quote contains {', '.join(absent)}")
        elif len(groups) > 1:
            each = ", ".join(f"{word} {n}" for word, n in counts.items())
            found.append(f"each word occurs, but never all together (quotes: {each})")
    return list(dict.fromkeys(found))


def _suggestion(values: FieldValues, spec: SchemaSpec, field: str, word: str) -> str:
    """The filter that finds quotes by ``word`` as a value, else ``field:word``."""
    for candidate in spec.filters:
        if candidate.match == "value" and not isinstance(
            values.query(candidate.name, word), NoSuchValue
        ):
            return f"{candidate.option} {word}"
    return f"{field}:{word}"
