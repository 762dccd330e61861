"""Writing a build's segments in several processes, through Whoosh's public API.

:class:`ParallelWriter` forks worker processes that take batches of documents from a
queue; each writes them as a Whoosh index of its own, in a folder of its own inside the
generation (:class:`~indexer.index.writer.SideWriter`: the segment and its sidecar).
At commit the parent moves the workers' segment files beside its own (segment names are
random, so they never collide) and its own writer, which deleted the changed quotes and
merges what the merge policy picks, commits a table of contents that lists them: the
merge policy, a public argument of Whoosh's ``commit``, returns the segments to keep,
and the workers' are added to them.

A worker asks the kernel to kill it when its parent dies (``PR_SET_PDEATHSIG``, or a
watchdog thread where that is missing), ignores Ctrl-C (the parent stops it), drops its
copies of the writer lock, and exits with the error number of a failed write instead
of a traceback; the parent never blocks on a queue whose workers are gone, stops them
when the build is cancelled, and fails the build when any of them failed."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import multiprocessing
import os
import queue
import shutil
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from ..errors import BuildFailed, StorageError
from .locking import release_inherited
from .writer import SideConfig, SideWriter

_PR_SET_PDEATHSIG = 1
_STOPS = {signal.SIGINT, signal.SIGTERM}
#: Exit status of a worker that failed other than by an operating-system error.
_EXIT_SOFTWARE = 70
#: Documents sent to a worker at a time.
BATCH = 100


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


class _Worker(multiprocessing.Process):
    """Writes the batches it takes from ``jobs`` as one Whoosh index in ``folder``."""

    def __init__(self, folder: Path, ix: Any, side: SideConfig, jobs: Any, **kwargs: Any):
        super().__init__(daemon=True)  # stopped by multiprocessing if the parent exits
        self.folder, self.schema, self.indexname = folder, ix.schema, ix.indexname
        self.side, self.jobs, self.kwargs = side, jobs, kwargs
        self.parent = os.getpid()

    def run(self) -> None:
        _die_with_parent(self.parent)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPS)
        release_inherited()
        try:
            self.write()
        except OSError as exc:
            os._exit(exc.errno or _EXIT_SOFTWARE)
        except BaseException:
            if os.environ.get("YULU_DEBUG"):
                import traceback

                traceback.print_exc()
            os._exit(_EXIT_SOFTWARE)

    def write(self) -> None:
        self.folder.mkdir()
        ix = whoosh_index.create_in(str(self.folder), self.schema, self.indexname)
        writer = SideWriter(ix, side=self.side, **self.kwargs)
        try:
            while (batch := self.jobs.get()) is not None:
                for fields in batch:
                    writer.add_document(**fields)
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)


class ParallelWriter:
    """Whoosh's writer interface (``delete_by_term``, ``add_document``, ``commit``,
    ``cancel``) over ``procs`` worker processes (see the module's notes)."""

    def __init__(self, ix: Any, procs: int, side: SideConfig, **kwargs: Any) -> None:
        self.main = SideWriter(ix, side=side, **kwargs)
        self.folder = Path(ix.storage.folder)
        context = multiprocessing.get_context("fork")
        self.jobs = context.Queue(maxsize=procs * 2)
        self.tasks: list[_Worker] = []
        self.batch: list[dict[str, Any]] = []
        try:
            for number in range(procs):
                self.start(_Worker(self.part(number), ix, side, self.jobs, **kwargs))
        except BaseException:
            self.cancel()
            raise

    def part(self, number: int) -> Path:
        return self.folder / f".part-{os.getpid()}-{number}"

    def start(self, task: _Worker) -> None:
        """Fork a worker with Ctrl-C and SIGTERM blocked until it has set its own
        handlers (it would otherwise run the parent's for a moment)."""
        self.tasks.append(task)
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
        try:
            task.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def delete_by_term(self, fieldname: str, text: str) -> Any:
        return self.main.delete_by_term(fieldname, text)

    def add_document(self, **fields: Any) -> None:
        self.batch.append(fields)
        if len(self.batch) >= BATCH:
            self.put(self.batch)
            self.batch = []

    def put(self, item: Any) -> None:
        """Hand a batch (or a worker's stop) to the workers, unless none is left."""
        while True:
            try:
                self.jobs.put(item, timeout=0.2)
                return
            except queue.Full:
                if not any(task.is_alive() for task in self.tasks):
                    self.raise_failure()
                    raise BuildFailed("the index writer processes stopped early") from None

    def commit(self, mergetype: Callable[[Any, list[Any]], list[Any]]) -> None:
        """Let the workers finish, then commit their segments with the parent's."""
        try:
            if self.batch:
                self.put(self.batch)
                self.batch = []
            for _ in self.tasks:
                self.put(None)
            for task in self.tasks:
                task.join()
            self.raise_failure()
            parts = [segment for task in self.tasks for segment in self.adopt(task.folder)]

            def policy(writer: Any, segments: list[Any]) -> list[Any]:
                return mergetype(writer, segments) + parts

            self.main.commit(mergetype=policy)
        except BaseException:
            self.cancel()
            raise
        finally:
            self.close_queue()

    def adopt(self, part: Path) -> list[Any]:
        """The segments a worker wrote, their files moved into the generation."""
        storage = FileStorage(str(part))
        segments = whoosh_index.TOC.read(storage, self.main.indexname).segments
        for name in storage.list():
            if not name.endswith(".toc") and not name.endswith(".lock"):
                os.replace(part / name, self.folder / name)
        shutil.rmtree(part)
        return segments

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

    def cancel(self) -> None:
        self.stop_workers()
        with contextlib.suppress(Exception):
            self.main.cancel()
        for task in self.tasks:
            shutil.rmtree(task.folder, ignore_errors=True)

    def stop_workers(self) -> None:
        """Kill the workers that still run and wait for them."""
        for task in self.tasks:
            if task.is_alive():
                task.kill()
        for task in self.tasks:
            task.join(timeout=5)
        self.close_queue()

    def close_queue(self) -> None:
        self.jobs.cancel_join_thread()
        self.jobs.close()
