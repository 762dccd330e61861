"""How one value of a request or a tool's option is read, whatever door it came
through: a :class:`Kind` (int, float, choice, yes-or-no, text, day, pair, file,
reference) reads a string, a :class:`Term` declares a dataclass field as an option
(:func:`term`), and a value that cannot be read raises :class:`ParameterError` worded
the same for every door but for the name (see :mod:`indexer.search.vocabulary`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import QuerySyntaxError
from .request import check_date

#: How a yes-or-no value may be written (as click reads a flag's value).
BOOLEANS = {
    "1": True, "0": False, "yes": True, "no": False, "true": True, "false": False,
    "on": True, "off": False, "t": True, "f": False, "y": True, "n": False, "": False,
}  # fmt: skip


class Problem(ValueError):
    """What is wrong with a value, without the name it was given under. A ``rule``
    (``must be at least 0``) follows the name; other problems follow ``Invalid value
    for NAME:``."""

    def __init__(self, message: str, rule: bool = False) -> None:
        super().__init__(message)
        self.message, self.rule = message, rule

    def said(self, name: str) -> str:
        """The one message, under ``name`` (``limit`` in a URL, ``--limit`` in a shell)."""
        return (
            f"{name} {self.message}" if self.rule else f"Invalid value for {name!r}: {self.message}"
        )


class ParameterError(QuerySyntaxError):
    """A value the request cannot use (the web answers 400 with this message; the CLI
    writes it as its one-line usage error)."""


@dataclass(frozen=True)
class Kind:
    """How one string value reads: ``int`` and ``float`` (within ``low``..``high``),
    ``choice`` (of ``choices``, or the vocabulary's ``FACETS``/``EVENT_TYPES``), ``bool``,
    ``text``, ``day`` (YYYY[-MM[-DD]]; ``end`` for the last day) and ``pair`` (two whole
    numbers, ``5 5`` or ``5,5``)."""

    name: str = "text"
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] | str = ()
    #: a pair's example, for its message
    example: str = ""
    end: bool = False

    def rule(self) -> str:
        """What an out-of-range number must be (``must be at least 0``), or ''."""
        above = "more than" if self.low_open else "at least"
        if self.low is not None and self.high is not None:
            return f"must be {above} {self.low} and at most {self.high}"
        if self.low is not None:
            return f"must be {above} {self.low}"
        return f"must be at most {self.high}" if self.high is not None else ""

    def _number(self, value: Any, kind: type) -> Any:
        try:
            number = kind(value)
        except (TypeError, ValueError):
            what = "integer range" if kind is int else "float range"
            raise Problem(f"{value!r} is not a valid {what}.") from None
        low_out = self.low is not None and (
            number <= self.low if self.low_open else number < self.low
        )
        if low_out or (self.high is not None and number > self.high):
            raise Problem(self.rule(), rule=True)
        return number

    def read(self, value: Any, choices: Sequence[str] = ()) -> Any:
        """The value ``value`` (a string, or a value already read) stands for; raises
        :class:`Problem`. ``choices``: those of a choice resolved from the index."""
        if self.name == "int":
            return value if isinstance(value, bool) else self._number(value, int)
        if self.name == "float":
            return self._number(value, float)
        if self.name == "choice":
            allowed = list(choices or self.choices)
            if value not in allowed:
                listed = ", ".join(map(repr, allowed))
                raise Problem(f"{value!r} is not one of {listed}.")
            return value
        if self.name == "bool":
            return _boolean(value)
        if self.name == "day":
            try:
                return check_date("date", str(value), end=self.end)
            except QuerySyntaxError as exc:
                raise Problem(str(exc).split(": ", 1)[-1]) from None
        if self.name == "pair":
            return self._pair(value)
        if self.name == "file":
            return Path(value)
        return value

    def _pair(self, value: Any) -> tuple[int, int]:
        if isinstance(value, tuple | list):
            parts = [str(v) for v in value]
        else:
            parts = str(value).replace(",", " ").split()
        if len(parts) != 2 or not all(p.isdecimal() for p in parts):
            raise Problem(f"{value!r} is not two whole numbers, e.g. {self.example}")
        pair = int(parts[0]), int(parts[1])
        if any(n < (self.low or 0) or (self.high is not None and n > self.high) for n in pair):
            top = f" and at most {self.high}" if self.high is not None else ""
            raise Problem(f"{value!r}: each number must be at least {self.low or 0}{top}")
        return pair


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    found = BOOLEANS.get(str(value).strip().lower())
    if found is None:
        states = ", ".join(sorted(BOOLEANS))
        raise Problem(f"{value!r} is not a valid boolean. Recognized values: {states}")
    return found


@dataclass(frozen=True)
class Term:
    """One option of a tool, as its dataclass field declares it: how it reads, what it
    means, and how each door names it (``option``: the CLI's, default ``--NAME``;
    ``doors``: where it exists)."""

    kind: Kind = Kind()
    help: str = ""
    option: str = ""
    #: the CLI's other spellings (``--min-freq`` for ``--min-count``)
    aliases: tuple[str, ...] = ()
    metavar: str | None = None
    doors: tuple[str, ...] = ("cli", "web")
    #: the web form's label around the field: (before, after)
    label: tuple[str, str] = ("", "")
    placeholder: str = ""
    #: a web form keeps it as a hidden field (when given), not as a control
    hidden: bool = False
    #: how the web form shows each choice
    shown: Mapping[str, str] = dataclasses.field(default_factory=dict)


def term(default: Any = None, **declared: Any) -> Any:
    """A tool option's dataclass field: its ``default`` and its :class:`Term`."""
    return dataclasses.field(default=default, metadata={"term": Term(**declared)})


def terms(options: type) -> list[tuple[dataclasses.Field, Term]]:
    """The fields of an options dataclass, each with its term, in declaration order."""
    return [(f, f.metadata["term"]) for f in dataclasses.fields(options) if "term" in f.metadata]


def defaults(options: type, door: str = "web") -> dict[str, Any]:
    """Each option of a tool's dataclass that ``door`` has, with its default."""
    return {f.name: f.default for f, t in terms(options) if door in t.doors}


def read_value(name: str, kind: Kind, value: Any, choices: Sequence[str] = ()) -> Any:
    """``value`` read as ``kind``; a :class:`ParameterError` under ``name`` if it cannot be."""
    try:
        return kind.read(value.strip() if isinstance(value, str) else value, choices)
    except Problem as problem:
        raise ParameterError(problem.said(name)) from None
