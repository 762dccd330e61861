"""``yulu parse``: quote records as JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .app import EXIT_SKIPPED, echo_json, main


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat any warning as an error.")
def parse(files: tuple[Path, ...], strict: bool) -> None:
    """Print quote records as JSON Lines (the bundled corpus when no FILES are given).

    Warnings go to stderr, each naming the file and line. Exit status 3 means some
    input lines were skipped; with --strict any warning is an error (exit 1).
    """
    from ..documents.parser import parse_paths
    from ..paths import bundled_corpus

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
