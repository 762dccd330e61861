"""Usage errors as one line: click's own and the request vocabulary's, each said under
the option's name (``--limit must be at least 0``, ``Invalid value for '--sort': …``),
without the usage text."""

from __future__ import annotations

import sys
from typing import TextIO

import click

__all__ = ["OneLineUsageError", "one_line", "range_rule"]


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (exit status 2)."""

    def show(self, file: TextIO | None = None) -> None:
        click.echo(f"Error: {self.format_message()}", file=file or sys.stderr)


def range_rule(kind: click.ParamType) -> str:
    """What an out-of-range number must be (``must be at least 0``), or ''."""
    low, high = getattr(kind, "min", None), getattr(kind, "max", None)
    above = "more than" if getattr(kind, "min_open", False) else "at least"
    below = "less than" if getattr(kind, "max_open", False) else "at most"
    if low is not None and high is not None:
        return f"must be {above} {low} and {below} {high}"
    if low is not None:
        return f"must be {above} {low}"
    return f"must be {below} {high}" if high is not None else ""


def one_line(exc: click.UsageError) -> OneLineUsageError:
    """A click usage error as one line, without the usage text (``--limit must be at
    least 0`` for an out-of-range number)."""
    message = exc.format_message()
    param = getattr(exc, "param", None)
    problem = getattr(exc, "problem", None)  # the vocabulary's (indexer.cli.terms)
    if param is not None and problem is not None:
        name = max(param.opts, key=len) if param.opts else str(param.name)
        message = problem.said(name)
    elif param is not None and "not in the range" in getattr(exc, "message", ""):
        name = max(param.opts, key=len) if param.opts else str(param.name)
        if isinstance(param, click.Argument):
            name = param.human_readable_name
        rule = range_rule(param.type)
        if rule:
            message = f"{name} {rule}"
    return OneLineUsageError(" ".join(message.split()), exc.ctx)
