"""``yulu search``, ``yulu show`` and ``yulu facets``: doors onto the search service."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

import click

from ..errors import QuerySyntaxError
from ..index.declaration import load_spec
from .app import OneLineUsageError, echo_json, main
from .options import index_dir_option, open_index, request_options
from .output import output_options


@main.command()
@click.argument("query", required=False, default="")
@request_options()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per search.")
@output_options
@click.option("--batch", type=click.File("r", encoding="utf-8"),
              help="One query per line of this file ('-': stdin); JSON Lines out.")  # fmt: skip
@index_dir_option
def search(query: str, request: Any, batch: TextIO | None, as_json: bool,
           index_dir: Path | None, output: Any) -> None:  # fmt: skip
    """Search the quotes. Words are AND-ed (OR, NOT or -word, parentheses work);
    "…" or “…” is an exact phrase; field:value restricts (counterpart:普京,
    country:美国, leader:普京, affairs:domestic, event_type:phone_call, section:…,
    date:[2020-03-01 TO 2020-03-20], date:>=2020-03-20). With filters and no QUERY,
    every matching quote is listed, newest first."""
    from ..search.highlight import MarkFormatter

    if batch is not None and query:
        raise OneLineUsageError("give either QUERY or --batch, not both")
    if batch is None and not query.strip() and not request.narrowed:
        raise OneLineUsageError("give a QUERY, a filter or --facet (see yulu search --help)")
    with open_index(index_dir) as ix:
        if batch is not None:
            run_batch(ix, batch, request)
            return
        color = output.format == "text" and sys.stdout.isatty()
        formatter = MarkFormatter("\x1b[1;31m", "\x1b[0m") if color else None
        results = ix.search(replace(request, query=query), formatter)
    if output.search(results):  # jsonl, csv, tsv
        return
    if as_json:
        echo_json(results.to_dict())
        return
    from .render import search_lines

    for line in search_lines(results, request.offset):
        click.echo(line, color=color)


def run_batch(ix: Any, batch: TextIO, request: Any) -> None:
    """One search per line of ``batch``, one JSON object per line out; a query that
    fails gives {"query", "error"} and the run ends with exit status 2."""
    failed = 0
    for line in batch:
        text = line.rstrip("\n")
        try:
            echo_json(ix.search(replace(request, query=text)).to_dict())
        except QuerySyntaxError as exc:
            failed += 1
            echo_json({"query": text, "error": str(exc)})
    if failed:
        raise OneLineUsageError(f"{failed} quer{'y' if failed == 1 else 'ies'} in the batch failed")


@main.command()
@click.argument("quote_id")
@click.option("--json", "as_json", is_flag=True, help="The record as JSON.")
@index_dir_option
def show(quote_id: str, as_json: bool, index_dir: Path | None) -> None:
    """Show one whole quote with its citation."""
    from .render import quote_lines

    with open_index(index_dir) as ix:
        quote = ix.get(quote_id)
    if as_json:
        echo_json(quote.to_dict())
        return
    for line in quote_lines(quote):
        click.echo(line)


@main.command()
@click.argument("field", type=click.Choice(load_spec().facets))
@click.option("--json", "as_json", is_flag=True, help="A JSON object {value: count}.")
@index_dir_option
def facets(field: str, as_json: bool, index_dir: Path | None) -> None:
    """All values of FIELD in the index with their counts, largest first."""
    with open_index(index_dir) as ix:
        counts = ix.facet(field)
    if as_json:
        echo_json(counts)
        return
    for value, count in counts.items():
        click.echo(f"{count:>6}  {value}")
