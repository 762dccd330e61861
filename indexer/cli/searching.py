"""``yulu search``, ``yulu show`` and ``yulu facets``: doors onto the search service."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from typing import Any, BinaryIO

import click

from ..errors import QuerySyntaxError
from ..index.declaration import load_spec
from .app import OneLineUsageError, echo_json, main, note
from .options import IndexDir, QueryCommand, index_dir_option, open_index, request_options
from .output import Output, output_options, page_note, table_output_options
from .render import COLOR_CHOICES, facet_lines, marker, search_lines, use_color

#: The longest line ``--batch`` reads (a query is at most 1,000 characters).
MAX_BATCH_LINE = 64 * 1024


def batch_lines(stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """The numbered queries of a ``--batch`` file: UTF-8 lines read at most
    :data:`MAX_BATCH_LINE` bytes at a time (``/dev/zero`` is an error, not a hang),
    blank lines skipped."""
    for number in itertools.count(1):
        raw = stream.readline(MAX_BATCH_LINE + 1)
        if not raw:
            return
        if len(raw) > MAX_BATCH_LINE and not raw.endswith(b"\n"):
            raise OneLineUsageError(
                f"--batch line {number} is longer than {MAX_BATCH_LINE} bytes; "
                "the batch holds one query per line"
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise OneLineUsageError(
                f"--batch line {number} is not valid UTF-8; save it as UTF-8"
            ) from None
        text = text.removeprefix("\ufeff") if number == 1 else text
        text = text.rstrip("\r\n")
        if text.strip():
            yield number, text


@main.command(cls=QueryCommand)
@click.argument("words", nargs=-1)
@request_options()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per search.")
@output_options
@click.option("--batch", type=click.File("rb"),
              help="One query per line of this file ('-': stdin); JSON Lines out.")  # fmt: skip
@click.option("--color", type=click.Choice(COLOR_CHOICES), default="auto", show_default=True,
              help="Mark matches in colour: auto (on a terminal, unless NO_COLOR is set), "
                   "always or never.")  # fmt: skip
@index_dir_option
def search(words: tuple[str, ...], request: Any, batch: BinaryIO | None, as_json: bool,
           color: str, index_dir: IndexDir, output: Any) -> None:  # fmt: skip
    """Search the quotes for WORDS (several words are one query). Words are AND-ed;
    OR, AND, NOT (or -word, after --) and parentheses combine terms; "…" or “…” is
    an exact phrase; field:value restricts (counterpart:普京, country:美国,
    event:通电话, part:3, section:…, date:2020-03, date:[2020-03-01 TO 2020-03-20],
    date:>2020-03-20). With filters and no WORDS, every matching quote is listed,
    newest first."""
    query = " ".join(words)
    if batch is not None and query:
        raise OneLineUsageError("give either QUERY or --batch, not both")
    if batch is None and not query.strip() and not request.narrowed:
        raise OneLineUsageError("give a QUERY, a filter or --facet (see yulu search --help)")
    with open_index(index_dir) as ix:
        if batch is not None:
            run_batch(ix, batch, request)
            return
        as_text = output.format == "text"
        colored = as_text and use_color(color)
        results = ix.search(replace(request, query=query), marker(colored, as_text))
    if results.hints:
        note("; ".join(results.hints))
    paged = page_note(results.total, len(results.hits), request.offset)
    if paged and request.limit:  # (--limit 0 asks for the count alone)
        note(paged)
    if output.search(results):  # jsonl, csv, tsv
        return
    if as_json:
        echo_json(results.to_dict())
        return
    for line in search_lines(results, request.offset):
        click.echo(line, color=colored)


def run_batch(ix: Any, batch: BinaryIO, request: Any) -> None:
    """One search per line of ``batch``, one JSON object per line out; a query that
    fails gives {"query", "error"} and the run ends with exit status 2."""
    failed = 0
    for _, text in batch_lines(batch):
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
def show(quote_id: str, as_json: bool, index_dir: IndexDir) -> None:
    """Show one whole quote with its citation, and the other compilations that hold
    the same remark (also in)."""
    from ..tools.remarks import remark
    from .render import also_in_lines, quote_lines

    with open_index(index_dir) as ix:
        found = remark(ix, quote_id)
    if as_json:
        echo_json(found.to_dict())
        return
    for line in quote_lines(found.quote):
        click.echo(line)
    for line in also_in_lines(found):
        click.echo(line)


@main.command(cls=QueryCommand)
@click.argument("field", type=click.Choice(load_spec().facets), metavar="FIELD")
@click.argument("words", nargs=-1)
@request_options(paging=False, facets=False)
@table_output_options
@index_dir_option
def facets(field: str, words: tuple[str, ...], request: Any, output: Output,
           index_dir: IndexDir) -> None:  # fmt: skip
    """Every value of FIELD with its count, largest first, over the whole index or
    over the quotes that WORDS and the filters match (as yulu search takes them);
    (none) counts the quotes without a value."""
    request = replace(request, query=" ".join(words), facets=(field,), limit=0)
    with open_index(index_dir) as ix:
        results = ix.search(request)
    if results.hints:
        note("; ".join(results.hints))
    elif not results.total:
        note("no quote matches")
    if output.format == "json":
        echo_json(results.facet_report(field))
    elif output.tabular:
        counts = results.facets[field]
        missing = results.facet_missing[field]
        rows = [{"value": v, "count": c} for v, c in counts.items()]
        output.table(
            ["value", "count"], rows + ([{"value": "", "count": missing}] if missing else [])
        )
    else:
        for line in facet_lines(results.facets[field], results.facet_missing[field]):
            click.echo(line)
