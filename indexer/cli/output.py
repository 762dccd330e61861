"""Output options, defined once (in the manner of sqlite-utils' ``output_options``):
``--format`` and its shortcuts, ``--excel``, and for ``yulu search`` ``--all``. The
command receives an :class:`Output` that writes what it computed in the chosen format
with the writers of :mod:`indexer.tools.export`."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, TextIO

import click
from click.core import ParameterSource

from ..search.request import ALL
from ..tools.export import FORMATS, HIT_COLUMNS, hit_row, write_jsonl, write_table
from ..tools.inert import visible
from .app import OneLineUsageError, echo_json

Command = Callable[..., Any]
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
    """The chosen format (``text``, ``json``, ``jsonl``, ``csv`` or ``tsv``) and whether
    CSV and TSV start with a byte order mark for Excel."""

    format: str = "text"
    excel: bool = False
    #: cells as they are, formulas and all (``--raw-cells``)
    raw_cells: bool = False

    @property
    def tabular(self) -> bool:
        return self.format in ("csv", "tsv")

    def table(self, columns: list[str], rows: Iterable[Mapping[str, Any]]) -> None:
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
        escaped: bool = False,
    ) -> None:
        """Write a research tool's ``result``: its ``to_dict()`` (with ``extra`` keys) as
        JSON, its ``table()`` as CSV or TSV, or the lines of ``text()``, their control
        characters made visible (unless ``escaped``: the lines did it themselves)."""
        if self.format == "json":
            echo_json({**result.to_dict(), **(extra or {})})
        elif self.tabular:
            self.table(*result.table())
        else:
            for line in text():
                click.echo(line if escaped else visible(line))


def _format(given: str | None, excel: bool, raw_cells: bool) -> str:
    chosen = given or ("csv" if excel else "text")
    for flag, name in ((excel, "--excel"), (raw_cells, "--raw-cells")):
        if flag and chosen not in ("csv", "tsv"):
            raise OneLineUsageError(f"{name} applies to --format csv and tsv")
    return chosen


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
        raw_cells = kwargs.pop("raw_cells")
        if kwargs.get("as_json"):
            if given not in (None, "json"):
                raise OneLineUsageError(f"--json is --format json; not with --format {given}")
            given = "json"
        fmt = _format(given, excel, raw_cells)
        kwargs["as_json"] = fmt == "json"
        request = kwargs.get("request")
        _check_facets(request, fmt)
        if kwargs.get("batch") is not None and fmt not in ("json", "jsonl", "text"):
            raise OneLineUsageError(f"--batch writes JSON Lines; --format {fmt} does not apply")
        if every:
            if _explicit("limit") or _explicit("offset"):
                raise OneLineUsageError("--all returns every hit; leave out --limit and --offset")
            kwargs["request"] = replace(request, limit=ALL, offset=0)
        return command(*args, output=Output(fmt, excel, raw_cells), **kwargs)

    options = [
        click.option(
            "--format",
            type=click.Choice(FORMATS),
            help="text (default), json (one object, as --json), jsonl (one hit a line), "
            "csv or tsv (one quote a row, counterparts joined with ;).",
        ),
        click.option("--all", is_flag=True, help="Every hit, without paging."),
        click.option("--excel", is_flag=True, help="CSV/TSV with a byte order mark for Excel."),
        _RAW_CELLS,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


def table_output_options(command: Command) -> Command:
    """``--format text|json|csv|tsv`` with the shortcuts ``--json`` and ``--csv``, and
    ``--excel``, for the research tools. The command receives ``output``."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given, excel, raw_cells = kwargs.pop("format"), kwargs.pop("excel"), kwargs.pop("raw_cells")
        for flag in ("json", "csv"):
            if kwargs.pop(f"as_{flag}"):
                if given not in (None, flag):
                    raise OneLineUsageError(f"--{flag} is --format {flag}; not with {given}")
                given = flag
        fmt = _format(given, excel, raw_cells)
        _check_facets(kwargs.get("request"), fmt)
        return command(*args, output=Output(fmt, excel, raw_cells), **kwargs)

    options = [
        click.option(
            "--format",
            type=click.Choice(TABLE_FORMATS),
            help="text (default), json, csv or tsv.",
        ),
        click.option("--json", "as_json", is_flag=True, help="One JSON object (--format json)."),
        click.option("--csv", "as_csv", is_flag=True, help="CSV, one row a line (--format csv)."),
        click.option("--excel", is_flag=True, help="CSV/TSV with a byte order mark for Excel."),
        _RAW_CELLS,
    ]
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper
