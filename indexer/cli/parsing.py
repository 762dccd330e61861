"""``yulu parse``: quote records (or document records) as JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..tools.inert import visible
from .app import EXIT_SKIPPED, echo_json, main
from .options import metadata_options


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat any warning as an error.")
@click.option(
    "--documents",
    "as_documents",
    is_flag=True,
    help="Print one record per document (title, leader, year, preamble, trailer, "
    "outline, counts) instead of the quotes.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Print, per document, the templates found (citation shapes, heading families, "
    "excerpt numbers) and the role of every line with its reason, instead of records.",
)
@metadata_options
def parse(
    files: tuple[Path, ...], strict: bool, as_documents: bool, explain: bool, defaults: Any
) -> None:
    """Print quote records as JSON Lines (the bundled corpus when no FILES are given).

    Notes (preambles, trailers, metadata read from the document) and warnings go to
    stderr, each naming the file and line, and the run ends with a one-line summary
    per document. Exit status 3 means some input lines were skipped; with --strict any
    warning is an error (exit 1).
    """
    from ..documents.parser import parse_paths
    from ..paths import bundled_corpus

    result = parse_paths(list(files) or [bundled_corpus()], defaults=defaults, explain=explain)
    order = {doc.source: n for n, doc in enumerate(result.documents)}
    said = [("note", d) for d in result.notes] + [("warning", d) for d in result.diagnostics]
    said.sort(key=lambda item: order.get(item[1].source, len(order)))  # stable: by document
    for level, diagnostic in said:
        click.echo(visible(f"{level}: {diagnostic}"), err=True)
    if strict and result.diagnostics:
        summarise(result)
        raise click.ClickException(
            f"{len(result.diagnostics)} warning(s) with --strict; no records written"
        )
    if explain:
        for explanation in result.explanations:
            click.echo(explanation.render())
    else:
        for record in result.documents if as_documents else result.quotes:
            echo_json(record.to_dict())
    if result.skipped:
        click.echo(f"warning: {result.skipped} input line(s) skipped", err=True)
    summarise(result)
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


def summarise(result: Any) -> None:
    """One line per document on stderr: quotes, date span, headings, titles, reported."""
    for record in result.documents:
        click.echo(visible(f"yulu: {record.summary()}"), err=True)
