"""The reference of ``yulu keywords``: ``--reference QUERY`` and ``--reference-FIELD
VALUE`` for every filter of the declaration (and ``--reference-since``,
``--reference-until``), read into one :class:`SearchRequest`, or None when none is
given (the rest of the corpus is the reference)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import click

from ..index.declaration import load_spec
from ..search.request import SearchRequest
from .options import IsoDay

Command = Callable[..., Any]
#: The option (and URL parameter) of the reference query.
REFERENCE = "reference"
#: The type of the reference's days (one instance, which the web's parameters share).
DAY = IsoDay()


def reference_names() -> list[str]:
    """The parameters of a reference, as keyword arguments (and URL parameters)."""
    spec = load_spec()
    return [REFERENCE, *(f"reference_{f.name}" for f in spec.filters),
            "reference_since", "reference_until"]  # fmt: skip


def reference_request(values: Mapping[str, Any]) -> SearchRequest | None:
    """The reference ``values`` (by :func:`reference_names`) describe, None if empty."""
    spec = load_spec()
    filters = {
        f.name: (value,) for f in spec.filters if (value := values.get(f"reference_{f.name}"))
    }
    query = values.get(REFERENCE) or ""
    since, until = values.get("reference_since"), values.get("reference_until")
    if not (query.strip() or filters or since or until):
        return None
    return SearchRequest(query=query, filters=filters, since=since, until=until)


def reference_options(command: Command) -> Command:
    """The reference options; the command receives them as ``reference``."""
    spec = load_spec()
    names = reference_names()

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        return command(*args, reference=reference_request(values), **kwargs)

    options = [
        click.option("--reference", type=str, metavar="QUERY",
                     help="Compare with the quotes this query matches (with the "
                     "--reference-FIELD filters), not with the rest of the corpus."),
        *(click.option(f"--reference-{f.option.removeprefix('--')}", f"reference_{f.name}",
                       type=str, help=f"Reference quotes with this {f.name}.")
          for f in spec.filters),
        click.option("--reference-since", type=DAY, help="Reference quotes on or after."),
        click.option("--reference-until", type=DAY, help="Reference quotes on or before."),
    ]  # fmt: skip
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
