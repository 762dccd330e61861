"""Requests to stop (Ctrl-C, SIGTERM) that are never lost.

yulu's signal handlers raise their exception at once, wherever the main thread is, so
that a build waiting on a lock or on its writer processes stops at once. But an
exception raised while Python runs a finalizer (``__del__``, a weak reference callback)
is printed and dropped; so the handlers also record the request here, and a build checks
it at safe points (between documents, after writing, before publishing): a build that
was asked to stop never publishes."""

from __future__ import annotations

_pending: list[type[BaseException]] = []


def request(kind: type[BaseException]) -> None:
    """Record a request to stop, to be raised as ``kind``."""
    if not _pending:
        _pending.append(kind)


def pending() -> type[BaseException] | None:
    return _pending[0] if _pending else None


def check() -> None:
    """Raise the recorded request to stop, if there is one."""
    if _pending:
        raise _pending[0]()


def clear() -> None:
    _pending.clear()
