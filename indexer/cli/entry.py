"""The console script ``yulu``: the command group, or one line when it cannot be set up."""

from __future__ import annotations

import sys

from ..errors import YuluError


def run() -> None:
    """Set up the commands (their options come from the schema declaration) and run."""
    try:
        from . import main
    except YuluError as exc:
        sys.stderr.write(f"Error: {exc}\n")
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # Ctrl-C before the commands were set up
        sys.stderr.write("\nyulu: interrupted\n")
        raise SystemExit(130) from None
    main()
