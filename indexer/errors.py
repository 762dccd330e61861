"""The errors yulu raises; each message says what to do next."""

from __future__ import annotations

import errno

TYPE_CHECKING = False  # (typing itself is not imported: importing indexer loads nothing else)
if TYPE_CHECKING:
    from collections.abc import Sequence


class YuluError(Exception):
    """Base class for errors a user can act on."""


class CorpusFormatError(YuluError):
    """A corpus file or its metadata cannot be read."""


class IndexNotFound(YuluError):
    """There is no index where one was expected."""

    def __init__(self, where: str, fix: str = "yulu index") -> None:
        super().__init__(f"no index at {where}; build one with: {fix}")


class IndexOutdated(YuluError):
    """The index is stale, from another version of yulu, or damaged."""

    def __init__(self, why: str, where: str, fix: str = "yulu index --rebuild") -> None:
        super().__init__(f"the index at {where} {why}; fix it with: {fix}")
        self.fix = fix


class StaleIndexWarning(UserWarning):
    """The index was built from an older state of its corpus; searches answer from what
    it holds (``fresh=True`` refuses such an index instead)."""


class IndexDamaged(IndexOutdated):
    """Files of the index are missing, cut short, changed since they were written, or
    unreadable. ``damage`` names each one and what is wrong with it."""

    def __init__(self, damage: Sequence[str], where: str, fix: str) -> None:
        self.damage = list(damage)
        super().__init__(f"is damaged ({'; '.join(self.damage)})", where, fix)


class QuerySyntaxError(YuluError):
    """A search query or filter cannot be understood."""


class UnknownQuote(YuluError):
    """No quote has the requested id."""

    def __init__(self, quote_id: str) -> None:
        super().__init__(f"no quote with id {quote_id!r}; ids are listed by: yulu search --json")


class IndexBusy(YuluError):
    """Another build holds the index's writer lock."""


class IndexUntrusted(YuluError):
    """The index directory could run someone else's code: it is writable by other users
    or owned by another user."""


class BuildFailed(YuluError):
    """A build did not produce the index it should have; nothing was published."""


class StorageError(YuluError):
    """The operating system refused a read or write (full disk, read-only filesystem,
    permissions, not a directory, …); the message says what to do."""

    def __init__(self, message: str, errno_: int | None = None) -> None:
        super().__init__(message)
        self.errno = errno_

    @classmethod
    def from_os_error(
        cls, exc: OSError, doing: str, hint: str = "", subject: object = None
    ) -> StorageError:
        """``doing``: what failed ("cannot build the index at …"); ``hint``: what to
        suggest for permission and read-only errors (default: ``--index-dir``);
        ``subject``: the path ``doing`` names already (not repeated)."""
        return cls(f"{doing}: {describe_os_error(exc, hint, subject)}", exc.errno)


class Terminated(BaseException):
    """The process was asked to stop (SIGTERM). Raised by yulu's signal handler so that
    a build removes its unfinished generation on the way out."""


_FIXES = {
    errno.ENOSPC: "no space left on the device; free some space and run the command again",
    errno.EDQUOT: "disk quota exceeded; free some space and run the command again",
    errno.EFBIG: "file too large for the file size limit (ulimit -f); raise it and run again",
    errno.EROFS: "read-only filesystem; {hint}",
    errno.EACCES: "permission denied; {hint}",
    errno.EPERM: "operation not permitted; {hint}",
    errno.ENOTDIR: "not a directory; {hint}",
    errno.EEXIST: "already exists and is not a directory; {hint}",
    errno.EIO: "input/output error; the disk may be failing (check it with: yulu index --check)",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and run again",
    errno.ENFILE: "too many open files in the system; close some programs and run again",
    errno.ENAMETOOLONG: "file name too long; choose a shorter path",
    errno.ELOOP: "too many symbolic links; choose another path",
}


def describe_os_error(exc: OSError, hint: str = "", subject: object = None) -> str:
    """One line for an operating-system error: the file (unless it is ``subject``), what
    went wrong and what to do."""
    hint = hint or "choose another place with --index-dir"
    what = _FIXES.get(exc.errno or 0, "").format(hint=hint) or (
        (exc.strerror or type(exc).__name__).lower()
    )
    where = exc.filename
    return f"{where}: {what}" if where and str(where) != str(subject) else what
