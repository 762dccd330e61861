"""``yulu index``: build or update an index, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .app import EXIT_SKIPPED, main, note
from .options import index_dir_option
from .parsing import metadata_options


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


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch instead of updating.")
@index_dir_option
@metadata_options
def index(paths: tuple[Path, ...], rebuild: bool, index_dir: Path | None, defaults: Any) -> None:
    """Build or update the index from corpus PATHS (folders or files; default: the
    bundled corpus). Only changed documents are re-indexed; an unchanged corpus is a
    no-op. Exit status 3 means some input lines were skipped (see the warnings)."""
    from ..index.build import build_index
    from ..paths import default_index_dir

    root = index_dir or default_index_dir()
    with ProgressBar("indexing") as progress:
        report = build_index(
            root, list(paths) or None, rebuild=rebuild, progress=progress, defaults=defaults
        )
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
