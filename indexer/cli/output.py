"""Output options, defined once (in the manner of sqlite-utils' ``output_options``):
``--format`` and its shortcuts, ``--excel``, and for ``yulu search`` ``--all``. The
command receives an :class:`Output` that writes what it computed in the chosen format
with the writers of :mod:`indexer.tools.export`."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

import click
from click.core import ParameterSource

from ..search.request import ALL
from ..tools.export import FORMATS, HIT_COLUMNS, hit_row, write_jsonl, write_table
from ..tools.inert import visible
from .app import OneLineUsageError, echo_json

Command = Callable[..., Any]
#: The formats that export every hit unless ``--limit`` or ``--offset`` is given.
EXPORTS = ("jsonl", "csv", "tsv", "xlsx")
#: What the research tools write: a table (CSV, TSV) or one JSON object.
TABLE_FORMATS = ("text", "json", "csv", "tsv")


class _Echo:
    """A file-like object that writes through ``click.echo`` (standard output)."""

    def write(self, text: str) -> int:
        click.echo(text, nl=False)
        return len(text)

    def flush(self) -> None:
        sys.stdout.flush()


def _stdout() -> TextIO:
    return _Echo()  # type: ignore[return-value]


@dataclass(frozen=True)
class Output:
    """The chosen format (``text``, ``json``, ``jsonl``, ``csv``, ``tsv`` or ``xlsx``),
    whether CSV and TSV start with a byte order mark for Excel, and the workbook of
    ``--xlsx``."""

    format: str = "text"
    excel: bool = False
    #: ``--xlsx FILE``: the table goes to this workbook instead of standard output
    xlsx: Path | None = None
    #: cells as they are, formulas and all (``--raw-cells``)
    raw_cells: bool = False

    @property
    def tabular(self) -> bool:
        return self.format in ("csv", "tsv", "xlsx")

    def table(self, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
        if self.xlsx is not None:
            from ..tools.workbook import write_xlsx
            from .app import note

            try:
                count = write_xlsx(self.xlsx, columns, rows)
            except OSError as exc:
                raise click.ClickException(f"cannot write {self.xlsx}: {exc.strerror}") from None
            note(f"{count} row{'' if count == 1 else 's'} written to {self.xlsx}")
            return
        out = _stdout()
        delimiter = "\t" if self.format == "tsv" else ","
        write_table(out, columns, rows, delimiter=delimiter, bom=self.excel, raw=self.raw_cells)
        out.flush()

    def search(self, results: Any) -> bool:
        """Write search results as JSON Lines (one hit a line) or as a table (one
        quote a row); False for the formats the command writes itself (text, json)."""
        if self.format == "jsonl":
            out = _stdout()
            write_jsonl(out, (hit.to_dict() for hit in results.hits))
            out.flush()
            return True
        if self.tabular:
            self.table(HIT_COLUMNS, (hit_row(hit.to_dict()) for hit in results.hits))
            return True
        return False

    def emit(
        self,
        result: Any,
        text: Callable[[], Iterable[str]],
        extra: dict | None = None,
        color: bool | None = None,
        escaped: bool = False,
    ) -> None:
        """Write a research tool's ``result``: its ``to_dict()`` (with ``extra`` keys) as
        JSON, its ``table()`` as CSV or TSV, or the lines of ``text()``, their control
        characters made visible (unless ``escaped``: the lines did it themselves, as
        coloured lines do; ``color``: keep their colour codes even off a terminal)."""
        if self.format == "json":
            echo_json({**result.to_dict(), **(extra or {})})
        elif self.tabular:
            self.table(*result.table())
        else:
            for line in text():
                click.echo(line if escaped else visible(line), color=color)


def _format(given: str | None, excel: bool, raw_cells: bool, xlsx: Path | None = None) -> str:
    if xlsx is not None:
        if given is not None or excel:
            what = "--excel" if excel else f"--format {given}"
            raise OneLineUsageError(f"--xlsx writes a workbook; leave out {what}")
        if xlsx.suffix.lower() != ".xlsx":
            raise OneLineUsageError(
                f"--xlsx writes a workbook; name the file .xlsx (not {xlsx.name})"
            )
        return "xlsx"
    chosen = given or ("csv" if excel else "text")
    for flag, name in ((excel, "--excel"), (raw_cells, "--raw-cells")):
        if flag and chosen not in ("csv", "tsv"):
            raise OneLineUsageError(f"{name} applies to --format csv and tsv")
    return chosen


#: ``--xlsx FILE``, on every command that writes tables.
XLSX_OPTION = click.option(
    "--xlsx",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the table to this Excel workbook (typed columns: numbers, dates) instead.",
)
#: ``--raw-cells``, of every command that writes CSV or TSV.
_RAW_CELLS = click.option(
    "--raw-cells",
    is_flag=True,
    help="CSV/TSV cells exactly as the quotes have them, even those a spreadsheet runs as "
    "a formula (starting with = + - @); by default those start with '.",
)


def _check_facets(request: Any, fmt: str) -> None:
    if request is not None and request.facets and fmt not in ("text", "json"):
        raise OneLineUsageError(f"--facet counts are written in text and json, not {fmt}")


def _explicit(name: str) -> bool:
    source = click.get_current_context().get_parameter_source(name)
    return source in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)


def output_options(command: Command) -> Command:
    """``--format text|json|jsonl|csv|tsv``, ``--all`` and ``--excel`` for ``yulu
    search``. ``--json`` (the command's own flag) stays as ``--format json``: the
    command sees ``as_json`` set. ``--all`` lifts the paging of ``request``. The
    command receives ``output``; :meth:`Output.search` writes the other formats."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given, every, excel = kwargs.pop("format"), kwargs.pop("all"), kwargs.pop("excel")
        xlsx, raw_cells = kwargs.pop("xlsx"), kwargs.pop("raw_cells")
        if kwargs.get("as_json"):
            if given not in (None, "json"):
                raise OneLineUsageError(f"--json is --format json; not with --format {given}")
            given = "json"
        fmt = _format(given, excel, raw_cells, xlsx)
        kwargs["as_json"] = fmt == "json"
        request = kwargs.get("request")
        _check_facets(request, fmt)
        if kwargs.get("batch") is not None and fmt not in ("json", "jsonl", "text"):
            raise OneLineUsageError(f"--batch writes JSON Lines; --format {fmt} does not apply")
        paged = _explicit("limit") or _explicit("offset")
        if every and paged:
            raise OneLineUsageError("--all returns every hit; leave out --limit and --offset")
        if every or (fmt in EXPORTS and not paged):  # an export is whole unless paged
            kwargs["request"] = replace(request, limit=ALL, offset=0)
        return command(*args, output=Output(fmt, excel, xlsx, raw_cells), **kwargs)

    options = [
        click.option(
            "--format",
            type=click.Choice(FORMATS),
            help="text (default), json (one object, as --json), jsonl (one hit a line), "
            "csv or tsv (one quote a row, counterparts joined with ;).",
        ),
        click.option(
            "--all",
            is_flag=True,
            help="Every hit, without paging (csv, tsv and jsonl give every hit unless "
            "--limit or --offset is given).",
        ),
        click.option("--excel", is_flag=True, help="CSV/TSV with a byte order mark for Excel."),
        XLSX_OPTION,
        _RAW_CELLS,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def page_note(total: int, shown: int, offset: int) -> str | None:
    """The stderr line for output that is a page of a larger total (``10 of 49; --all
    for every hit``), or None when it holds every hit."""
    if shown >= total:
        return None
    span = f"{offset + 1}–{offset + shown}" if offset and shown else str(shown)
    return f"{span} of {total}; --all for every hit"


def table_output_options(command: Command) -> Command:
    """``--format text|json|csv|tsv`` with the shortcut ``--json`` (and, hidden, the
    older ``--csv``), and ``--excel``, for the research tools and ``yulu facets``. The
    command receives ``output``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given, excel = kwargs.pop("format"), kwargs.pop("excel")
        xlsx, raw_cells = kwargs.pop("xlsx"), kwargs.pop("raw_cells")
        for flag in ("json", "csv"):
            if kwargs.pop(f"as_{flag}"):
                if given not in (None, flag):
                    raise OneLineUsageError(f"--{flag} is --format {flag}; not with {given}")
                given = flag
        fmt = _format(given, excel, raw_cells, xlsx)
        _check_facets(kwargs.get("request"), fmt)
        return command(*args, output=Output(fmt, excel, xlsx, raw_cells), **kwargs)

    options = [
        click.option(
            "--format",
            type=click.Choice(TABLE_FORMATS),
            help="text (default), json (one object, as --json), csv or tsv (a row a line).",
        ),
        click.option("--json", "as_json", is_flag=True, help="One JSON object (--format json)."),
        # kept for scripts written before --format; one option is documented
        click.option("--csv", "as_csv", is_flag=True, hidden=True),
        click.option("--excel", is_flag=True, help="CSV/TSV with a byte order mark for Excel."),
        XLSX_OPTION,
        _RAW_CELLS,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
