"""Writing files so that they survive a crash and stay private to the user.

A file is written under a temporary name (``NAME.<pid>.tmp``), flushed to the disk,
renamed over ``NAME`` in one step, and the directory is flushed too, so that after a
crash or a power cut ``NAME`` holds the old contents or the new ones, never a mix (what
SQLite and Lucene do for their commit points). Files are created 0600 and folders
0700, whatever the umask."""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
#: A published generation's files: read by the user alone, written by no one (a live
#: index is never changed in place; a build writes a new generation).
SEALED_MODE = 0o400
#: Temporary files of :func:`write_atomically`: the name, the writer's pid.
TEMPORARY = re.compile(r"^(?P<name>.+)\.(?P<pid>[0-9]+)\.tmp$")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def temporary_name(path: Path) -> Path:
    return path.with_name(f"{path.name}.{os.getpid()}.tmp")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def fsync_dir(folder: Path) -> None:
    """Flush a directory's entries (new, renamed and removed names) to the disk."""
    fd = os.open(folder, os.O_RDONLY | _CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` durably and atomically, private to the user."""
    tmp = temporary_name(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW | _CLOEXEC
    try:
        fd = os.open(tmp, flags, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # in case it existed with other permissions
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(path.parent)


def seal(folder: Path) -> None:
    """Make everything under ``folder`` private and read-only (0400 files, 0700
    folders) and flush it to the disk: the files a library (Whoosh) wrote with the
    umask's permissions and without flushing, before they are published."""
    for entry in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if entry.is_symlink():
            continue
        if entry.is_dir():
            os.chmod(entry, DIR_MODE)
            fsync_dir(entry)
            continue
        os.chmod(entry, SEALED_MODE)
        fd = os.open(entry, os.O_RDONLY | _CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    os.chmod(folder, DIR_MODE)
    fsync_dir(folder)
