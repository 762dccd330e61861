"""Whoosh's multi-process writer, made safe to interrupt and to kill.

Whoosh's ``MpWriter`` forks worker processes that wait on a job queue. If the build
dies they wait forever (``kill -9`` left them running for minutes, holding deleted
files), and Ctrl-C, sent to the whole process group, made each print a traceback. Here
each worker asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``, or a
watchdog thread where that is missing), ignores Ctrl-C (the parent stops it), drops its
copies of the writer lock, and exits with the error number of a failed write instead
of a traceback; the parent never blocks on a queue whose workers are gone, stops them
when the build is cancelled, and fails the build when any of them failed.

Each worker writes its segment with :class:`~indexer.index.writer.SideWriter` (the
segment and its sidecar), and the parent, which writes a segment only when it merges
existing ones, is one too."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import queue
import signal
import threading
import time
from typing import Any

from whoosh import multiproc
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import SegmentWriter

from ..errors import BuildFailed, StorageError
from .locking import release_inherited
from .writer import SideConfig, SideMixin, SideWriter

_PR_SET_PDEATHSIG = 1
_STOPS = {signal.SIGINT, signal.SIGTERM}
#: Exit status of a worker that failed other than by an operating-system error.
_EXIT_SOFTWARE = 70


def _die_with_parent(parent: int) -> None:
    """Be killed when the process ``parent`` ends."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl failed")
    except (OSError, AttributeError):  # not Linux: watch the parent instead

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # it ended before we asked
        os._exit(1)


class _Worker(SubWriterTask):
    def __init__(self, *args: Any, parent: int) -> None:
        super().__init__(*args)
        self.parent = parent
        self.daemon = True  # stopped by multiprocessing if the parent exits normally

    def run(self) -> None:
        _die_with_parent(self.parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
        release_inherited()
        multiproc.SegmentWriter = SideWriter  # the writer SubWriterTask.run makes (this process)
        try:
            super().run()
        except OSError as exc:
            os._exit(exc.errno or _EXIT_SOFTWARE)
        except BaseException:
            if os.environ.get("YULU_DEBUG"):
                import traceback

                traceback.print_exc()
            os._exit(_EXIT_SOFTWARE)


class _GuardedQueue:
    """The parent's side of the job queue: ``put`` gives up when no worker is left."""

    def __init__(self, jobs: Any, writer: ParallelWriter) -> None:
        self._jobs = jobs
        self._writer = writer

    def put(self, item: Any) -> None:
        while True:
            try:
                self._jobs.put(item, timeout=0.2)
                return
            except queue.Full:
                if not any(task.is_alive() for task in self._writer.tasks):
                    self._writer.raise_failure()
                    raise BuildFailed("the index writer processes stopped early") from None


class ParallelWriter(SideMixin, MpWriter):
    """``MpWriter`` with workers that die with the build and write sidecars (see the
    module's notes)."""

    def __init__(self, ix: Any, procs: int, side: SideConfig, **kwargs: Any) -> None:
        super().__init__(ix, procs=procs, side=side, **kwargs)
        self._setup_side(side)
        self._jobs = self.jobqueue
        self.jobqueue = _GuardedQueue(self._jobs, self)

    def _new_task(self) -> _Worker:
        """A worker, forked with Ctrl-C and SIGTERM blocked until it has set its own
        handlers (it would otherwise run the parent's for a moment)."""
        task = _Worker(
            self.storage,
            self.indexname,
            self._jobs,
            self.resultqueue,
            self.subargs,
            self.multisegment,
            parent=os.getpid(),
        )
        self.tasks.append(task)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            task.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        return task

    def raise_failure(self) -> None:
        """Raise the error of the first worker that failed, if any did."""
        for task in self.tasks:
            code = task.exitcode
            if not code:
                continue
            if 0 < code != _EXIT_SOFTWARE and code in errno.errorcode:
                exc = OSError(code, os.strerror(code))
                raise StorageError.from_os_error(exc, "an index writer process failed")
            how = f"was killed by signal {-code}" if code < 0 else f"failed (exit status {code})"
            cause = "" if code > 0 else " (out of memory?)"
            raise BuildFailed(f"an index writer process {how}{cause}; nothing was published")

    def commit(self, *args: Any, **kwargs: Any) -> None:
        try:
            super().commit(*args, **kwargs)
        except BaseException:
            self.stop_workers()
            raise
        self.raise_failure()

    def cancel(self) -> None:
        self.stop_workers()
        with contextlib.suppress(Exception):
            SegmentWriter.cancel(self)

    def stop_workers(self) -> None:
        """Kill the workers that still run and wait for them."""
        for task in self.tasks:
            if task.is_alive():
                task.kill()
        for task in self.tasks:
            task.join(timeout=5)
        for jobs in (self._jobs, self.resultqueue):
            jobs.cancel_join_thread()
            jobs.close()
