"""The console script ``yulu``: the command group, or one line when it cannot be set up."""

from __future__ import annotations

import os
import sys

from ..errors import YuluError

#: yulu does no linear algebra: numpy's OpenBLAS need not start a thread per core when
#: numpy is imported, which costs every command a tenth of a second of CPU (and ~50 ms).
SINGLE_THREADED_BLAS = {"OPENBLAS_NUM_THREADS": "1"}


def run() -> None:
    """Run the command group: the command used is declared then (see
    :data:`indexer.cli.app.COMMANDS`), its options read from the schema declaration."""
    for name, value in SINGLE_THREADED_BLAS.items():
        os.environ.setdefault(name, value)
    try:
        from .app import main  # each command is declared when it is used
    except YuluError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # Ctrl-C before the commands were set up
        sys.stderr.write("\nyulu: interrupted\n")
        raise SystemExit(130) from None
    main()
