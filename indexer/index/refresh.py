"""What opening does with an index that is behind its corpus: one of the bundled corpus
is brought up to date (it is yulu's own, and rebuilds in seconds: :class:`Refresh` asks
the pipeline to, see :mod:`indexer.pipeline.opening`); one of the user's own corpus
answers from what it holds, saying in one line what changed and the command that
updates it, unless the caller asks for a fresh index only."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

from ..errors import IndexOutdated, StaleIndexWarning
from .freshness import BUNDLED


class Refresh(Exception):
    """An index of the bundled corpus that is stale or from another version: it is
    brought up to date, and ``error`` raised if that is not allowed."""

    def __init__(self, error: IndexOutdated, why: str) -> None:
        super().__init__(why)
        self.error, self.why = error, why


def stale_notice(root: Path, changes: str, fix: str, fresh: bool,
                 notify: Callable[[str], None] | None) -> None:  # fmt: skip
    """A stale index of the user's own corpus: refused with ``fresh``, else answered
    from with one line naming what changed and the command that updates it."""
    if fresh:
        raise IndexOutdated(f"is stale: {changes}", str(root), fix)
    line = (
        f"the index at {root} is stale ({changes}); answering from what it holds; "
        f"update it with: {fix}"
    )
    if notify is not None:
        notify(line)
    else:
        warnings.warn(line, StaleIndexWarning, stacklevel=4)


def outdated(error: IndexOutdated, sources: list[str] | None, key: str) -> Exception:
    """An index this version cannot read: brought up to date when it holds the bundled
    corpus (as its recorded sources say), else ``error``."""
    if sources in (None, [BUNDLED]):
        return Refresh(error, f"was built by another version ({key} differs)")
    return error
