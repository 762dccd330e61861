"""The command group, its error handling and small output helpers.

Every failure reaches the user as one line and a non-zero exit status: yulu's own
errors (1), usage errors, click's included, condensed to one line (2), Ctrl-C (130) and
SIGTERM (143), operating-system errors and invalid UTF-8 (1), and, as a last resort,
anything unexpected as one "internal error" line (1; ``YULU_DEBUG=1`` shows the
traceback). An unexpected error while an index is open is first checked against the
index's checksums, so damage that trips a search is reported as damage."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from importlib import import_module
from typing import Any, NoReturn, TextIO

import click

from .. import __version__
from ..errors import QuerySyntaxError, Terminated, YuluError, describe_os_error
from .usage import OneLineUsageError, one_line

#: ``parse`` and ``index`` finished but skipped some input lines.
EXIT_SKIPPED = 3

#: The module of :mod:`indexer.cli` that declares each command. A command's module is
#: imported when the command is used (``yulu search`` does not build the options of
#: the nine others, which costs a search more than its answer at 125,000 quotes).
COMMANDS = {
    "parse": "parsing",
    "index": "indexing",
    "search": "searching",
    "show": "searching",
    "facets": "searching",
    "trend": "research",
    "kwic": "research",
    "formulations": "research",
    "keywords": "research",
    "words": "corpus",
    "collocates": "corpus",
    "clusters": "corpus",
    "dispersion": "corpus",
    "serve": "serving",
    "export": "exporting",
}


def closed_pipe() -> NoReturn:
    """The reader of our output went away (``yulu parse | head``): that is how a pipe
    ends, not an error. Point stdout at /dev/null so that nothing more fails to reach
    it, and exit 0 without a word."""
    with contextlib.suppress(OSError, ValueError):  # no descriptor: a test runner's stream
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise click.exceptions.Exit(0)


class Stopped(click.ClickException):
    """The command was stopped by Ctrl-C (exit status 130) or SIGTERM (143)."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]

    def show(self, file: TextIO | None = None) -> None:
        click.echo(f"yulu: {self.format_message()}", file=file or sys.stderr)


def stopped(exc: BaseException, what: str = "") -> Stopped:
    """The :class:`Stopped` error for a KeyboardInterrupt or :class:`Terminated`."""
    terminated = isinstance(exc, Terminated)
    how = "terminated" if terminated else "interrupted"
    return Stopped(f"{how}; {what}" if what else how, 143 if terminated else 130)


class YuluGroup(click.Group):
    """Turns library errors into one-line click errors (see the module's notes), and
    declares each command when it is first asked for (see :data:`COMMANDS`)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            # an unknown name declares them all, for click's "Did you mean …?"
            known = COMMANDS.get(cmd_name)
            for module in {known} if known else set(COMMANDS.values()):
                self._declare(module)
        return super().get_command(ctx, cmd_name)

    @staticmethod
    def _declare(module: str) -> None:
        try:
            import_module(f"{__package__}.{module}")  # it registers its commands
        except YuluError as exc:  # a broken schema declaration, read by the options
            raise click.ClickException(str(exc)) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        reject_undecodable(args)
        try:
            return super().parse_args(ctx, args)
        except OneLineUsageError:
            raise
        except click.UsageError as exc:
            raise one_line(exc) from None

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except KeyboardInterrupt as exc:  # Ctrl-C while the arguments are read
            raise stopped(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        from ..index.integrity import forget_opened

        try:
            forget_opened()
            with stop_signals():
                return super().invoke(ctx)
        except BrokenPipeError:
            closed_pipe()
        except QuerySyntaxError as exc:
            raise OneLineUsageError(str(exc)) from None
        except YuluError as exc:
            raise click.ClickException(str(exc)) from None
        except OneLineUsageError:
            raise
        except click.UsageError as exc:
            raise one_line(exc) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (KeyboardInterrupt, Terminated) as exc:
            raise stopped(exc) from None
        except Exception as exc:
            if os.environ.get("YULU_DEBUG"):
                raise
            raise last_resort(exc) from None


def _shown(arg: str) -> str:
    try:
        return arg.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return ascii(arg)


def reject_undecodable(args: Sequence[str]) -> None:
    """Arguments (and ``YULU_INDEX``) must be valid UTF-8: Python hands over invalid bytes
    as lone surrogates, which would fail later, far from their cause."""
    named = [(f"argument {arg_no}", arg) for arg_no, arg in enumerate(args, 1)]
    for what, value in [*named, ("YULU_INDEX", os.environ.get("YULU_INDEX", ""))]:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise OneLineUsageError(
                f"{what} ({_shown(value)}) is not valid UTF-8; yulu reads its arguments as UTF-8"
            ) from None


_STOPS = {signal.SIGINT: KeyboardInterrupt, signal.SIGTERM: Terminated}


def _on_stop(signum: int, frame: object) -> None:
    """Ctrl-C or SIGTERM: raise at once, and record it so it cannot be lost (see
    :mod:`indexer.index.stopping`); a second one waits for the first to finish."""
    from ..index import stopping

    signal.signal(signum, signal.SIG_IGN)
    kind = _STOPS[signum]
    stopping.request(kind)
    raise kind()


def _quiet_unraisable(hook: Any) -> Any:
    def unraisable(info: Any) -> None:  # a stop raised inside a finalizer: recorded anyway
        if not isinstance(info.exc_value, tuple(_STOPS.values())):
            hook(info)

    return unraisable


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """While a command runs, Ctrl-C raises KeyboardInterrupt and SIGTERM raises
    :class:`Terminated`, and neither can be lost, so that a build removes its
    unfinished generation and exits 130 or 143 (signals ignored by whoever started yulu
    stay ignored)."""
    from ..index import stopping

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.getsignal(s) for s in _STOPS}
    for signum, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(signum, _on_stop)
    hook, sys.unraisablehook = sys.unraisablehook, _quiet_unraisable(sys.unraisablehook)
    try:
        yield
        stopping.check()  # a request that arrived where it could not be raised
    finally:
        sys.unraisablehook = hook
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        stopping.clear()


def last_resort(exc: Exception) -> click.ClickException:
    """One line for an error nothing else handled."""
    if isinstance(exc, UnicodeDecodeError):
        message = (
            f"cannot read the input: not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} "
            f"at offset {exc.start}); save it as UTF-8"
        )
    elif isinstance(exc, UnicodeEncodeError):
        message = unwritable(exc)
    elif isinstance(exc, OSError):
        message = describe_os_error(exc, "check the path and its permissions")
    elif isinstance(exc, MemoryError):
        message = "out of memory; close other programs or work on a smaller corpus"
    else:
        from ..index.access import diagnose

        damaged = diagnose()
        message = str(damaged) if damaged else (
            f"internal error ({type(exc).__name__}: {exc}); please report it with the "
            "command that caused it (YULU_DEBUG=1 shows the traceback)"
        )  # fmt: skip
    return click.ClickException(" ".join(message.split()))


def unwritable(exc: UnicodeEncodeError) -> str:
    """What to do when the output's encoding cannot write the text (``ascii`` in a C
    locale, ``PYTHONIOENCODING=latin-1``): use UTF-8."""
    source = "PYTHONIOENCODING" if os.environ.get("PYTHONIOENCODING") else "the locale"
    text = exc.object[exc.start : min(exc.end, exc.start + 8)]
    return (
        f"cannot write {text!a} in the output's encoding ({exc.encoding}, from {source}); "
        "yulu writes Chinese text: set PYTHONIOENCODING=utf-8, or use a UTF-8 locale "
        "(e.g. LC_ALL=C.UTF-8)"
    )


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


def note(message: str) -> None:
    click.echo(f"yulu: {message}", err=True)


@click.group(cls=YuluGroup)
@click.version_option(__version__, package_name="yulu")
def main() -> None:
    """yulu (语录): search compilations of leaders' quotations.

    \b
    yulu search 人类命运共同体 --counterpart 普京
    yulu search '"人类命运共同体"' --facet counterpart --json
    yulu search --counterpart 普京            (every remark made to Putin)
    yulu search --affairs domestic --since 2020-03-10 --until 2020-03-20
    """
