"""The writer lock: one build at a time in an index directory.

A build holds an exclusive ``flock`` on ``<index dir>/LOCK`` from planning to
publishing, and writes who it is (pid, start time, command) into the file. A second
build waits for it, saying so, or with ``wait=False`` stops at once naming the running
build. The kernel releases the lock when its holder dies, however it dies, so a crash
never leaves a stale lock behind. The lock file itself is never removed (removing it
while another process waits on it would let two builds in)."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..errors import IndexBusy

LOCK = "LOCK"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
#: Lock descriptors this process holds; a forked worker closes its copies.
_held: set[int] = set()


def _command() -> str:
    args = [Path(sys.argv[0]).name if sys.argv else "python", *sys.argv[1:]]
    return " ".join(args)[:200]


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it (best effort)."""
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode("utf-8"))
        return f"pid {info['pid']}, started {info['started']}: {info['command']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "details unknown"


class WriterLock:
    """``with WriterLock(root): …`` holds the writer lock of the index at ``root``."""

    def __init__(
        self, root: Path, *, wait: bool = True, notify: Callable[[str], None] | None = None
    ) -> None:
        self.root = root
        self.wait = wait
        self.notify = notify
        self._fd: int | None = None

    def __enter__(self) -> WriterLock:
        flags = os.O_RDWR | os.O_CREAT | _NOFOLLOW | os.O_CLOEXEC
        fd = os.open(self.root / LOCK, flags, 0o600)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _holder(fd)
                if not self.wait:
                    raise IndexBusy(
                        f"another build is running on the index at {self.root} ({holder}); "
                        "run again when it has finished, or without --no-wait to wait for it"
                    ) from None
                if self.notify:
                    self.notify(f"waiting for the build running on {self.root} ({holder}) …")
                fcntl.flock(fd, fcntl.LOCK_EX)
            started = dt.datetime.now().isoformat(sep=" ", timespec="seconds")
            info = {"pid": os.getpid(), "started": started, "command": _command()}
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info, ensure_ascii=False).encode("utf-8"), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        _held.add(fd)
        return self

    def __exit__(self, *exc: object) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _held.discard(fd)
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)  # releases the lock


def release_inherited() -> None:
    """In a forked child: close the lock descriptors inherited from the parent, so that
    the lock is released when the parent ends even if this child outlives it."""
    for fd in list(_held):
        with contextlib.suppress(OSError):
            os.close(fd)
    _held.clear()
