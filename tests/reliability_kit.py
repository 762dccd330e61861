"""Helpers of the reliability tests: running yulu in-process and as a process, watching
processes, and small corpora."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from indexer.cli import main
from indexer.paths import bundled_corpus

EXTRA = """一、在内事活动中的重要讲话
（一）关于测试
加强测试用例覆盖率，推动质量提升。
——5月1日，习近平考察
"""
META = 'title = "附加"\nyear = 2020\nleader = "习近平"\n'
#: The command line of a yulu process (the installed package, whatever the venv).
YULU = [
    sys.executable,
    "-c",
    "import sys; sys.argv[0] = 'yulu'; from indexer.cli import main; main()",
]


def run(*args, **kwargs):
    """``yulu ARGS`` in-process (click's CliRunner)."""
    return CliRunner().invoke(main, [str(a) for a in args], **kwargs)


def copy_seed(folder: Path) -> Path:
    shutil.copytree(bundled_corpus(), folder)
    return folder


def writable(path: Path) -> Path:
    """``path``, made writable by its owner: a published generation's files are
    read-only (0400), and a test that damages one must unlock it first (root need not)."""
    path.chmod(0o600)
    return path


def small_corpus(folder: Path, lines: int = 28) -> Path:
    """A corpus of the seed's first ``lines`` lines (six quotes at 28): it builds in a
    tenth of a second, where the whole seed takes seconds."""
    seed = next(bundled_corpus().glob("*.txt"))
    folder.mkdir(parents=True)
    head = seed.read_text(encoding="utf-8").split("\n")[:lines]
    (folder / "small.txt").write_text("\n".join(head) + "\n", encoding="utf-8")
    shutil.copyfile(seed.with_suffix(".toml"), folder / "small.toml")
    return folder


def add_document(folder: Path, name: str = "extra", text: str = EXTRA) -> Path:
    (folder / f"{name}.toml").write_text(META, encoding="utf-8")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def spawn(*args, env: dict | None = None, **kwargs) -> subprocess.Popen:
    """``yulu ARGS`` as a process in its own session (a process group to signal)."""
    return subprocess.Popen(
        [*YULU, *[str(a) for a in args]],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kwargs,
    )


class Forked:
    """``yulu ARGS`` in a forked copy of this process (a new session, its own process
    group; stdout and stderr to files): a real process to signal and kill, without the
    seconds of starting Python and loading jieba's dictionary."""

    def __init__(self, tmp: Path, *args) -> None:
        self.out, self.err = tmp / f"out-{time.time_ns()}", tmp / f"err-{time.time_ns()}"
        pid = os.fork()
        if pid == 0:  # the child: run the command, never return into the test
            code = 70
            try:
                os.setsid()
                for fd, path in ((1, self.out), (2, self.err)):
                    os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), fd)
                sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
                try:
                    main.main([str(a) for a in args], prog_name="yulu")
                    code = 0
                except SystemExit as exc:
                    code = exc.code if isinstance(exc.code, int) else 1
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float = 300) -> int:
        assert wait_for(lambda: self.poll() is not None, timeout), "the command did not end"
        return self.returncode  # type: ignore[return-value]

    @property
    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8")


def children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is a live process (a zombie waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


def wait_for(condition, timeout: float = 30.0, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


def error_lines(stderr: str) -> list[str]:
    """The lines of stderr that are not progress notes (the bar's label, ``yulu:``
    notes about writing or waiting)."""
    quiet = ("indexing", "yulu: writing the index", "yulu: waiting for")
    return [line for line in stderr.splitlines() if line and not line.startswith(quiet)]


def leftovers(root: Path) -> list[str]:
    """What a clean index directory does not hold: temporary files, and generations
    other than those ``CURRENT`` names."""
    published = set((root / "CURRENT").read_text().split())
    return sorted(
        p.name
        for p in root.iterdir()
        if p.name.endswith(".tmp") or (p.name.startswith("g") and p.name not in published)
    )
