"""The ``yulu`` command: a thin click layer over the :mod:`indexer` library."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import QuerySyntaxError, YuluError

EXIT_SKIPPED = 3


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (exit status 2)."""

    def show(self, file=None) -> None:
        click.echo(f"Error: {self.format_message()}", file=file or sys.stderr)


class YuluGroup(click.Group):
    """Turns library errors into one-line click errors."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except QuerySyntaxError as exc:
            raise OneLineUsageError(str(exc)) from None
        except YuluError as exc:
            raise click.ClickException(str(exc)) from None


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group(cls=YuluGroup)
@click.version_option(package_name="yulu")
def main() -> None:
    """yulu (语录): search compilations of leaders' quotations."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat any warning as an error.")
def parse(files: tuple[Path, ...], strict: bool) -> None:
    """Print quote records as JSON Lines (the bundled corpus when no FILES are given).

    Warnings go to stderr, each naming the file and line. Exit status 3 means some
    input lines were skipped; with --strict any warning is an error (exit 1).
    """
    from .parser import parse_paths
    from .paths import bundled_corpus

    result = parse_paths(list(files) or [bundled_corpus()])
    for diagnostic in result.diagnostics:
        click.echo(f"warning: {diagnostic}", err=True)
    if strict and result.diagnostics:
        raise click.ClickException(
            f"{len(result.diagnostics)} warning(s) with --strict; no records written"
        )
    for quote in result.quotes:
        echo_json(quote.to_dict())
    if result.skipped:
        click.echo(f"warning: {result.skipped} input line(s) skipped", err=True)
        sys.exit(EXIT_SKIPPED)
