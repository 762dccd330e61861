"""``yulu index``: build or update an index, with a progress bar."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import Terminated
from ..tools.inert import visible
from .app import EXIT_SKIPPED, OneLineUsageError, main, note, stopped
from .options import IndexDir, index_dir_option, metadata_options


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
@click.option(
    "--check",
    is_flag=True,
    help="Check the index (every file against its checksum, every quote read back) "
    "and change nothing; exit status 1 if it is damaged or stale.",
)
@click.option(
    "--no-wait",
    is_flag=True,
    help="If another build is running on the index, stop at once instead of waiting.",
)
@index_dir_option
@metadata_options
def index(
    paths: tuple[Path, ...],
    rebuild: bool,
    check: bool,
    no_wait: bool,
    index_dir: IndexDir,
    defaults: Any,
) -> None:
    """Build or update the index from corpus PATHS (folders or files). Without PATHS,
    update it from the files and folders it was built from (a new index: the bundled
    corpus). Only changed documents are re-indexed; an unchanged corpus is a no-op; a
    damaged index is rebuilt. --title, --year and --leader are remembered for the next
    update. Exit status 3 means some input lines were skipped (see the warnings)."""
    from ..paths import default_index_dir, index_dir_for, remember_sources

    # PATHS without --index-dir: the corpus's own index, searched by default from now on
    own = bool(paths) and index_dir.path is None and not check
    root = index_dir.path or (index_dir_for(list(paths)) if own else default_index_dir())
    if check:
        if paths or rebuild or defaults is not None:
            raise OneLineUsageError(
                "--check takes no PATHS, --rebuild, --title, --year or --leader"
            )
        check_command(root, index_dir.trust)
        return
    from ..pipeline.build import build_index

    try:
        with ProgressBar("indexing") as progress:
            report = build_index(
                root,
                list(paths) or None,
                rebuild=rebuild,
                progress=progress,
                wait=not no_wait,
                notify=note,
                trust=index_dir.trust,
                defaults=defaults,
            )
    except (KeyboardInterrupt, Terminated) as exc:
        raise stopped(exc, f"the build was stopped; the index at {root} is as it was") from None
    if own:
        remember_sources(list(paths))
    for diagnostic in report.diagnostics:
        click.echo(visible(f"warning: {diagnostic}"), err=True)
    docs = f"{counted(report.quotes, 'quote')} from {counted(report.documents, 'document')}"
    if report.up_to_date:
        note(f"index at {root} is up to date ({docs}); nothing to do")
        return
    how = "updated" if report.incremental else "built"
    note(f"{how} index at {root}: {docs} ({report.changes.describe()}; {report.seconds:.1f} s)")
    for name in report.changed_while_read:
        note(visible(f"{name} changed while it was indexed; the next yulu index reads it again"))
    if report.skipped:
        note(f"{report.skipped} input line(s) skipped")
        sys.exit(EXIT_SKIPPED)


def check_command(root: Path, trust: bool = False) -> None:
    """``yulu index --check``: one line saying the index is sound, or an error."""
    from ..errors import IndexOutdated
    from ..index.handle import fix_command
    from ..pipeline.opening import check_index

    report = check_index(root, trust=trust)
    if report.stale:
        raise IndexOutdated(f"is sound but stale: {report.stale}", str(root), fix_command(root))
    docs = f"{counted(report.quotes, 'quote')} from {counted(report.documents, 'document')}"
    note(f"index at {root} is sound: {docs}; {report.files} files match their checksums")


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
