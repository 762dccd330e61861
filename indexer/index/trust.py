"""The trust boundary: an index directory is code.

Whoosh stores an index's table of contents with :mod:`pickle`, so whoever can write into
an index directory runs code as whoever opens it. yulu therefore refuses, as ssh does
with its keys, to open an index directory (or anything in it that it reads) that is
writable by another user or owned by someone other than the current user or root,
unless told to trust it: ``trust=True``, passed as one argument from the door that was
given ``--trust-index`` (the CLI) or ``trust_index=True`` (the library, the web server)
down to where the index is opened."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from ..errors import IndexUntrusted


def _owner(uid: int) -> str:
    try:
        import pwd

        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except (ImportError, KeyError):
        return f"uid {uid}"


def _problem(root: Path, path: Path) -> tuple[str, str] | None:
    """Why ``path`` cannot be trusted and what to do, or None."""
    info = os.stat(path)
    if info.st_uid not in (os.geteuid(), 0):
        return (
            f"{path} is owned by {_owner(info.st_uid)}, not by you",
            "build your own index (yulu index --index-dir DIR)",
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return (
            f"{path} is writable by other users (mode {stat.S_IMODE(info.st_mode):04o})",
            f"make it yours alone (chmod -R go-w {root})",
        )
    return None


def entries(root: Path) -> list[Path]:
    """Everything directly in an index directory (``CURRENT``, ``sources.json``,
    ``LOCK``, the generation folders, temporary files): each is checked, not only the
    directory (empty when it does not exist)."""
    try:
        return sorted(root.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []


def check_trusted(root: Path, paths: Iterable[Path] = (), trust: bool = False) -> None:
    """Raise :class:`IndexUntrusted` unless ``root`` and ``paths`` (things in it yulu is
    about to read) are owned by the current user (or root) and writable by no one else.
    ``trust`` skips the check."""
    if trust:
        return
    for path in (root, *paths):
        try:
            found = _problem(root, path)
        except FileNotFoundError:
            if path == root:
                raise
            continue  # gone meanwhile (a temporary file renamed, an old generation)
        if found:
            problem, fix = found
            raise IndexUntrusted(
                f"refusing to open the index at {root}: {problem}, and an index directory "
                f"is code (its table of contents is a pickle that runs when read); {fix}, "
                "or pass --trust-index if you trust whoever can write there"
            )
