"""The ``yulu`` command: a thin click layer over the :mod:`indexer` library."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

import click

from .errors import QuerySyntaxError, YuluError
from .gazetteer import load_gazetteer
from .schema_spec import load_spec

EXIT_SKIPPED = 3
SORTS = ("relevance", "date")


class OneLineUsageError(click.UsageError):
    """A usage error shown as one line (exit status 2)."""

    def show(self, file: TextIO | None = None) -> None:
        click.echo(f"Error: {self.format_message()}", file=file or sys.stderr)


class YuluGroup(click.Group):
    """Turns library errors into one-line click errors."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuerySyntaxError as exc:
            raise OneLineUsageError(str(exc)) from None
        except YuluError as exc:
            raise click.ClickException(str(exc)) from None


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def note(message: str) -> None:
    click.echo(f"yulu: {message}", err=True)


class ProgressBar:
    """click's progress bar on stderr, shown from the first report of progress."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.bar.pos)
        if done == total:  # what remains is Whoosh writing and merging its segments
            self.__exit__()
            self.bar = None
            note("writing the index …")

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def index_dir_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The one ``--index-dir`` option (or ``YULU_INDEX``), shared by the commands."""
    return click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="YULU_INDEX",
        help="Where the index lives [default: the per-user data directory; env YULU_INDEX].",
    )(command)


def open_index(index_dir: Path | None):
    from .search import QuoteIndex

    return QuoteIndex.open(index_dir, notify=note)


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch instead of updating.")
@index_dir_option
def index(paths: tuple[Path, ...], rebuild: bool, index_dir: Path | None) -> None:
    """Build or update the index from corpus PATHS (folders or files; default: the
    bundled corpus). Only changed documents are re-indexed; an unchanged corpus is a
    no-op. Exit status 3 means some input lines were skipped (see the warnings)."""
    from .build import build_index
    from .paths import default_index_dir

    root = index_dir or default_index_dir()
    with ProgressBar("indexing") as progress:
        report = build_index(root, list(paths) or None, rebuild=rebuild, progress=progress)
    for diagnostic in report.diagnostics:
        click.echo(f"warning: {diagnostic}", err=True)
    docs = f"{report.documents} document{'s' if report.documents != 1 else ''}"
    if report.up_to_date:
        note(f"index at {root} is up to date ({report.quotes} quotes from {docs}); nothing to do")
        return
    how = "updated" if report.incremental else "built"
    note(
        f"{how} index at {root}: {report.quotes} quotes from {docs}"
        f" ({report.changes.describe()}; {report.seconds:.1f} s)"
    )
    if report.skipped:
        note(f"{report.skipped} input line(s) skipped")
        sys.exit(EXIT_SKIPPED)


def _event_types() -> list[str]:
    return sorted({kind for kind, _ in load_gazetteer().event_types} | {"other"})


@main.command()
@click.argument("query", required=False, default="")
@click.option(
    "--counterpart", "counterparts", multiple=True, help="In exchanges with (repeatable)."
)
@click.option(
    "--country", "countries", multiple=True, help="Counterpart's country or organisation."
)
@click.option("--leader", "leaders", multiple=True, help="Whose words (repeatable).")
@click.option("--affairs", type=click.Choice(["domestic", "foreign"]), multiple=True,
              help="Domestic or foreign affairs.")  # fmt: skip
@click.option("--event-type", "event_types", type=click.Choice(_event_types()), multiple=True,
              help="Kind of event (repeatable).")  # fmt: skip
@click.option("--section", "sections", multiple=True, help="Section title (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="On or after (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="On or before (YYYY-MM-DD).")
@click.option("--facet", "facets", type=click.Choice(load_spec().facets), multiple=True,
              help="Count matches by this field (repeatable).")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True,
              help="Hits to show.")  # fmt: skip
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Hits to skip first.")  # fmt: skip
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True,
              help="relevance (ties newest first) or date (newest first).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="One JSON object per search.")
@click.option("--batch", type=click.File("r", encoding="utf-8"),
              help="One query per line of this file ('-': stdin); JSON Lines out.")  # fmt: skip
@index_dir_option
def search(query: str, batch: TextIO | None, as_json: bool, index_dir: Path | None,
           **options: Any) -> None:  # fmt: skip
    """Search the quotes. Words are AND-ed (OR, NOT or -word, parentheses work);
    "…" or “…” is an exact phrase; field:value restricts (counterpart:普京,
    country:美国, leader:普京, affairs:domestic, event_type:phone_call, section:…,
    date:[2020-03-01 TO 2020-03-20], date:>=2020-03-20). With filters and no QUERY,
    every matching quote is listed, newest first."""
    from .highlight import MarkFormatter
    from .search import SearchRequest

    if batch is not None and query:
        raise OneLineUsageError("give either QUERY or --batch, not both")
    for key in ("since", "until"):
        options[key] = options[key].date().isoformat() if options[key] else None
    narrowed = any(v for k, v in options.items() if k not in ("limit", "offset", "sort"))
    if batch is None and not query.strip() and not narrowed:
        raise OneLineUsageError("give a QUERY, a filter or --facet (see yulu search --help)")
    with open_index(index_dir) as ix:
        if batch is not None:
            run_batch(ix, batch, options)
            return
        color = not as_json and sys.stdout.isatty()
        formatter = MarkFormatter("\x1b[1;31m", "\x1b[0m") if color else None
        results = ix.search(SearchRequest(query=query, **options), formatter)
    if as_json:
        echo_json(results.to_dict())
        return
    from .render import search_lines

    for line in search_lines(results, options["offset"]):
        click.echo(line, color=color)


def run_batch(ix: Any, batch: TextIO, options: dict[str, Any]) -> None:
    """One search per line of ``batch``, one JSON object per line out; a query that
    fails gives {"query", "error"} and the run ends with exit status 2."""
    from .search import SearchRequest

    failed = 0
    for line in batch:
        text = line.rstrip("\n")
        try:
            echo_json(ix.search(SearchRequest(query=text, **options)).to_dict())
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
