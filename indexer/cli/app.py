"""The command group, its error handling and small output helpers."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import Any, NoReturn, TextIO

import click

from ..errors import QuerySyntaxError, YuluError

#: ``parse`` and ``index`` finished but skipped some input lines.
EXIT_SKIPPED = 3


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (exit status 2)."""

    def show(self, file: TextIO | None = None) -> None:
        click.echo(f"Error: {self.format_message()}", file=file or sys.stderr)


def closed_pipe() -> NoReturn:
    """The reader of our output went away (``yulu parse | head``): that is how a pipe
    ends, not an error. Point stdout at /dev/null so that nothing more fails to reach
    it, and exit 0 without a word."""
    with contextlib.suppress(OSError, ValueError):  # no descriptor: a test runner's stream
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise click.exceptions.Exit(0)


class YuluGroup(click.Group):
    """Turns library errors into one-line click errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            closed_pipe()
        except QuerySyntaxError as exc:
            raise OneLineUsageError(str(exc)) from None
        except YuluError as exc:
            raise click.ClickException(str(exc)) from None


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def note(message: str) -> None:
    click.echo(f"yulu: {message}", err=True)


@click.group(cls=YuluGroup)
@click.version_option(package_name="yulu")
def main() -> None:
    """yulu (语录): search compilations of leaders' quotations.

    \b
    yulu search 人类命运共同体 --counterpart 普京
    yulu search '"人类命运共同体"' --facet counterpart --json
    yulu search --counterpart 普京            (every remark made to Putin)
    yulu search --affairs domestic --since 2020-03-10 --until 2020-03-20
    """
