"""The reference of ``yulu keywords``: ``--reference QUERY`` and ``--reference-FIELD
VALUE`` for every filter of the declaration (and ``--reference-since``,
``--reference-until``), read into one :class:`SearchRequest`, or None when none is
given (the rest of the corpus is the reference)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import click

from ..index.declaration import load_spec
from ..search.vocabulary import REFERENCE, reference_names, reference_request
from .terms import IsoDay

Command = Callable[..., Any]
#: The type of the reference's days.
DAY = IsoDay()

__all__ = ["DAY", "REFERENCE", "reference_names", "reference_options", "reference_request"]


def reference_options(command: Command) -> Command:
    """The reference options; the command receives them as ``reference``."""
    spec = load_spec()
    names = reference_names(spec)

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        return command(*args, reference=reference_request(values, spec), **kwargs)

    options = [
        click.option("--reference", type=str, metavar="QUERY",
                     help="Compare with the quotes this query matches (with the "
                     "--reference-FIELD filters), not with the rest of the corpus."),
        *(click.option(f"--reference-{f.option.removeprefix('--')}", f"reference_{f.name}",
                       type=str, help=f"Reference quotes with this {f.name}.")
          for f in spec.filters),
        click.option("--reference-since", type=DAY, help="Reference quotes on or after."),
        click.option("--reference-until", type=IsoDay(end=True),
                     help="Reference quotes on or before."),
    ]  # fmt: skip
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
