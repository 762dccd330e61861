"""Click options made from the request vocabulary (:mod:`indexer.search.vocabulary`):
each value is read by the vocabulary's own :class:`~indexer.search.vocabulary.Kind`, so
a bad value gets the words the web gives it (the name aside), and each tool's options
come from its dataclass (:mod:`indexer.tools.options`), which the command receives
as one ``options``."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..index.declaration import load_spec
from ..records.gazetteer import load_gazetteer
from ..search.vocabulary import (
    EVENT_TYPES,
    FACETS,
    REFERENCE,
    Kind,
    Problem,
    Term,
    filter_choices,
    terms,
)

Command = Callable[..., Any]


class TermError(click.BadParameter):
    """A value the vocabulary could not read, with its :class:`Problem` (the CLI's
    one-line error says it as the web does, under the option's name)."""

    def __init__(self, problem: Problem, ctx: Any, param: Any) -> None:
        super().__init__(problem.message, ctx, param)
        self.problem = problem


class _Read:
    """Conversion by the vocabulary's kind; the rest (the metavar, the range and the
    choices in ``--help``, completion) from the click type it is mixed into."""

    kind: Kind
    allowed: Sequence[str] = ()

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        try:
            return self.kind.read(value, self.allowed)
        except Problem as problem:
            raise TermError(problem, ctx, param) from None


class IntTerm(_Read, click.IntRange):
    def __init__(self, kind: Kind) -> None:
        super().__init__(min=kind.low, max=kind.high, min_open=kind.low_open)
        self.kind = kind


class FloatTerm(_Read, click.FloatRange):
    def __init__(self, kind: Kind) -> None:
        super().__init__(min=kind.low, max=kind.high, min_open=kind.low_open)
        self.kind = kind


class PlainFloat(_Read, click.types.FloatParamType):
    """A float with no bounds (``FLOAT`` in ``--help``, as click's own)."""

    def __init__(self, kind: Kind) -> None:
        self.kind = kind


class ChoiceTerm(_Read, click.Choice):
    def __init__(self, kind: Kind, allowed: Sequence[str]) -> None:
        super().__init__(list(allowed))
        self.kind, self.allowed = kind, tuple(allowed)


class IsoDay(_Read, click.ParamType):
    """A day, month or year (YYYY-MM-DD, YYYY-MM, YYYY), kept as the ISO day it starts
    with (for ``--until``: ends with)."""

    name = "YYYY[-MM[-DD]]"

    def __init__(self, end: bool = False) -> None:
        self.kind = Kind("day", end=end)


def choices_of(kind: Kind) -> tuple[str, ...]:
    """A choice's values: its own, or the declaration's facets, or the event types."""
    if kind.choices == FACETS:
        return load_spec().facets
    if kind.choices == EVENT_TYPES:
        return tuple(sorted({kind for kind, _ in load_gazetteer().event_types} | {"other"}))
    return tuple(kind.choices)


def click_type(kind: Kind) -> Any:
    """The click type that reads ``kind`` with the vocabulary."""
    if kind.name in ("int", "pair"):
        return IntTerm(Kind("int", low=kind.low, high=kind.high) if kind.name == "pair" else kind)
    if kind.name == "float":
        bounded = kind.low is not None or kind.high is not None
        return FloatTerm(kind) if bounded else PlainFloat(kind)
    if kind.name == "choice":
        return ChoiceTerm(kind, choices_of(kind))
    if kind.name == "day":
        return IsoDay(kind.end)
    if kind.name == "file":
        return click.Path(dir_okay=False, path_type=Path)
    return str


def filter_type(spec: Any) -> Any:
    """The type of a filter field's option: its choices, or any text."""
    allowed = filter_choices(spec, [k for k, _ in load_gazetteer().event_types])
    return ChoiceTerm(Kind("choice"), allowed) if allowed else str


def _option(field: dataclasses.Field, declared: Term) -> Callable[[Command], Command]:
    name = "--" + field.name.replace("_", "-")
    decls = [declared.option or name, *declared.aliases, field.name]
    if declared.kind.name == "bool":
        return click.option(*decls, is_flag=True, help=declared.help)
    has_default = field.default is not None
    return click.option(
        *decls,
        type=click_type(declared.kind),
        nargs=2 if declared.kind.name == "pair" else 1,
        default=field.default if has_default else None,
        show_default=has_default,
        metavar=declared.metavar,
        help=declared.help,
    )


def tool_options(options: type) -> Callable[[Command], Command]:
    """The CLI options of a tool's options dataclass, in its order (a reference as
    :func:`indexer.cli.reference.reference_options` makes it); the command receives
    them as one ``options`` (an instance of the dataclass)."""
    from .reference import reference_options

    declared = [(f, t) for f, t in terms(options) if "cli" in t.doors]

    def decorate(command: Command) -> Command:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            values = {f.name: kwargs.pop(f.name) for f, _ in declared}
            values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
            return command(*args, options=options(**values), **kwargs)

        made = [
            reference_options if t.kind.name == REFERENCE else _option(f, t) for f, t in declared
        ]
        for option in reversed(made):
            wrapper = option(wrapper)
        return wrapper

    return decorate
