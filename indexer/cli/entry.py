"""The console script ``yulu`` (:func:`console`): the command group, or one line when
it cannot be set up.

Each ``yulu`` is a new Python, and what it pays besides its answer is paid on every
search, so the script also spares the two costs the answer never needs: numpy's BLAS
threads, and Python's teardown of every module and object at exit (40–60 ms for a
search of a large index, for memory the system frees anyway): once the exit handlers
have run, the standard streams are flushed and the process leaves with the command's
status. :func:`run` is the same command line for a program that goes on after it, with
Python's usual exit."""

from __future__ import annotations

import atexit
import contextlib
import os
import sys

from ..errors import YuluError

#: yulu does no linear algebra: numpy's OpenBLAS need not start a thread per core when
#: numpy is imported, which costs every command a tenth of a second of CPU (and ~50 ms).
SINGLE_THREADED_BLAS = {"OPENBLAS_NUM_THREADS": "1"}

#: The status the console script exits with: the command's, once it has finished (an
#: error nothing caught, which Python reports with a traceback, exits 1 as Python would).
_status = 1


def run() -> None:
    """Run the command group: the command used is declared then (see
    :data:`indexer.cli.app.COMMANDS`), its options read from the schema declaration."""
    for name, value in SINGLE_THREADED_BLAS.items():
        os.environ.setdefault(name, value)
    _run()


def console() -> None:
    """The ``yulu`` console script: :func:`run`, then leave without teardown (its exit
    handler is registered first, so it is called last, after every handler the command
    registered)."""
    _utf8_mode_for_utf8_arguments()
    atexit.register(_leave_without_teardown)
    try:
        run()
    except SystemExit as exc:
        _finished(exc.code)
        raise


def _utf8_mode_for_utf8_arguments() -> None:
    """In a locale whose encoding is not UTF-8 (``LC_ALL=C`` with ``PYTHONUTF8=0``, an
    ASCII or Latin-1 locale), Python reads UTF-8 arguments as undecodable bytes: then
    run yulu again in Python's UTF-8 mode, as Python itself does in the C locale (PEP
    540), so that arguments, paths and output are UTF-8 (and what is not UTF-8 even so
    is refused in one line, naming it)."""
    if sys.flags.utf8_mode or os.environ.get("YULU_UTF8_RERUN"):
        return
    given = [*sys.argv[1:], os.environ.get("YULU_INDEX", "")]
    if not any("\udc80" <= c <= "\udcff" for arg in given for c in arg):
        return
    env = {**os.environ, "PYTHONUTF8": "1", "YULU_UTF8_RERUN": "1"}
    os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]], env)


def _run() -> None:
    try:
        from .app import main  # each command is declared when it is used
    except YuluError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # Ctrl-C before the commands were set up
        sys.stderr.write("\nyulu: interrupted\n")
        raise SystemExit(130) from None
    main()


def _finished(code: object) -> None:
    """Record the status ``SystemExit(code)`` exits with (None is 0; a message, which
    Python prints, is 1)."""
    global _status
    _status = 0 if code is None else code if isinstance(code, int) else 1


def _leave_without_teardown() -> None:
    """The last exit handler: flush the standard streams and leave (see the module's
    notes). Output that can no longer be written (a closed pipe) is dropped, as the
    command's own closed-pipe handling drops it."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(_status)
