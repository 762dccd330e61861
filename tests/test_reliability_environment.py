"""Every environmental failure is one line with what to do and a non-zero exit status,
never a traceback: a full disk (an error injected at write, no tmpfs needed, and a real
kernel write error under a file size limit), a read-only filesystem, no permission,
not a directory, an unwritable cache, invalid UTF-8 in files and arguments, click's
own usage errors, Ctrl-C and SIGTERM. A failed build leaves the live index as it was
and nothing behind."""

from __future__ import annotations

import errno
import gc
import io
import os
import resource
import signal
import subprocess
import warnings
from typing import ClassVar

import pytest
from brute import Reference
from reliability_kit import YULU, children, error_lines, leftovers, run, running, small_corpus

from indexer.documents.parser import parse_paths
from indexer.errors import StorageError, Terminated
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return small_corpus(tmp_path_factory.mktemp("env") / "corpus")


@pytest.fixture(scope="module")
def expected(corpus):
    """What the small corpus answers to a phrase, by a brute-force scan."""
    found = Reference(parse_paths([corpus]).quotes).phrase("疫情防控")
    assert found
    return found


@pytest.fixture
def index(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    return root


@pytest.fixture
def whoosh_leaks():
    """Whoosh leaves files of a failed write open for the garbage collector to close;
    a failed build is not a leak worth failing a test for (the process ends)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


def one_line(result, code=1):
    """The one error line of a command (progress notes on stderr aside)."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0] + "\n"


def unchanged(root, before, expected):
    """The live index is the one from before the failed build, it answers, and nothing
    of the failed build is left."""
    assert (root / "CURRENT").read_text() == before
    assert leftovers(root) == []
    with QuoteIndex.open(root) as ix:
        hits = ix.search(SearchRequest('"疫情防控"', limit=100)).hits
        assert {h.quote.id for h in hits} == expected


class FullDisk(io.FileIO):
    """A file on a disk that fills up after ``budget`` bytes (shared by all files)."""

    budget: ClassVar[list[int]] = [0]

    def write(self, data):
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self.name)
        return super().write(data)


def full_disk_open(budget):
    FullDisk.budget = [budget]

    def fake_open(path, mode="r", *args, **kwargs):
        if "w" in mode or "a" in mode or "+" in mode:
            return FullDisk(path, "w" if "w" in mode else "a")
        return open(path, mode, *args, **kwargs)

    return fake_open


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("budget", [0, 20_000, 200_000])
def test_disk_full_while_whoosh_writes(index, expected, monkeypatch, whoosh_leaks, budget):
    from whoosh.filedb import filestore

    before = (index / "CURRENT").read_text()
    monkeypatch.setattr(filestore, "open", full_disk_open(budget), raising=False)
    stderr = one_line(run("index", "--rebuild", "--index-dir", index))
    assert "no space left on the device; free some space and run the command again" in stderr
    assert stderr.startswith(f"Error: cannot build the index at {index}: ")
    monkeypatch.undo()
    unchanged(index, before, expected)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_disk_full_in_a_writer_process(index, corpus, expected, monkeypatch, whoosh_leaks):
    """The worker processes inherit the full disk: the build fails in one line and
    leaves no process behind."""
    from whoosh.filedb import filestore

    before = (index / "CURRENT").read_text()
    monkeypatch.setattr(filestore, "open", full_disk_open(30_000), raising=False)
    with pytest.raises(StorageError, match="no space left on the device"):
        build_index(index, [corpus], rebuild=True, procs=2)
    monkeypatch.undo()
    assert [pid for pid in children(os.getpid()) if running(pid)] == []
    unchanged(index, before, expected)


@pytest.mark.parametrize("failing_write", [1, 2, 3])
def test_disk_full_while_publishing(index, expected, monkeypatch, failing_write):
    """The manifest, the sources record and CURRENT: a failed write of any leaves the
    old index live."""
    from indexer.index import durable

    before = (index / "CURRENT").read_text()
    real, calls = durable._write_all, []

    def write_all(fd, data):
        calls.append(fd)
        if len(calls) == failing_write:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(fd, data)

    monkeypatch.setattr(durable, "_write_all", write_all)
    stderr = one_line(run("index", "--rebuild", "--index-dir", index))
    assert f"cannot build the index at {index}: no space left on the device" in stderr
    monkeypatch.undo()
    unchanged(index, before, expected)


def test_a_real_write_error_from_the_kernel(index, expected):
    """A file size limit makes the kernel refuse a write (EFBIG) part way through the
    segment, as a full disk would: one line, the old index live."""
    before = (index / "CURRENT").read_text()

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4_000, 4_000))

    result = subprocess.run(
        [*YULU, "index", "--rebuild", "--index-dir", str(index)],
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("Error")]
    assert "file too large for the file size limit (ulimit -f)" in line
    assert "Traceback" not in result.stderr
    unchanged(index, before, expected)


def failing_os_call(monkeypatch, name, error, match):
    """Make ``os.NAME`` fail with ``error`` for paths containing ``match``."""
    real = getattr(os, name)

    def fake(path, *args, **kwargs):
        if match in str(path):
            raise OSError(error, os.strerror(error), str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, name, fake)


def test_read_only_filesystem(index, monkeypatch):
    failing_os_call(monkeypatch, "open", errno.EROFS, "LOCK")
    stderr = one_line(run("index", "--index-dir", index))
    assert f"{index}/LOCK: read-only filesystem; choose another place with --index-dir" in stderr


def test_permission_denied(index, expected, monkeypatch):
    failing_os_call(monkeypatch, "mkdir", errno.EACCES, f"{index}/g")
    before = (index / "CURRENT").read_text()
    stderr = one_line(run("index", "--rebuild", "--index-dir", index))
    assert ": permission denied; choose another place with --index-dir" in stderr
    monkeypatch.undo()
    unchanged(index, before, expected)


def test_permission_denied_really(tmp_path, corpus):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    stderr = one_line(run("index", corpus, "--index-dir", locked / "ix"))
    assert "permission denied" in stderr


@pytest.mark.parametrize("command", [["index"], ["search", "合作"], ["index", "--check"]])
def test_not_a_directory(tmp_path, command):
    stderr = one_line(run(*command, "--index-dir", "/dev/null"))
    assert "/dev/null: not a directory; choose another place with --index-dir" in stderr
    afile = tmp_path / "afile"
    afile.write_text("x")
    stderr = one_line(run(*command, "--index-dir", afile / "ix"))
    assert "not a directory" in stderr
    assert one_line(run(*command, "--index-dir", afile), code=2).startswith(
        "Error: Invalid value for '--index-dir'"
    )


def test_unwritable_cache_directory(tmp_path, corpus, monkeypatch):
    from indexer.analysis import segment

    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    segment._full_segmenter.cache_clear()
    segment._query_segmenter.cache_clear()  # builds cut with the mapped dictionary
    stderr = one_line(run("index", corpus, "--index-dir", tmp_path / "ix"))
    assert "cannot use the cache directory" in stderr and "set XDG_CACHE_HOME" in stderr
    segment._full_segmenter.cache_clear()
    segment._query_segmenter.cache_clear()


def test_invalid_utf8_arguments_and_environment(index, monkeypatch):
    stderr = one_line(run("show", "\udcff\udcfe", "--index-dir", index), code=2)
    assert stderr == (
        "Error: argument 2 (\\xff\\xfe) is not valid UTF-8; yulu reads its arguments as UTF-8\n"
    )
    one_line(run("search", "合\udcff作", "--index-dir", index), code=2)
    monkeypatch.setenv("YULU_INDEX", "/tmp/\udcff")
    assert "YULU_INDEX (/tmp/\\xff) is not valid UTF-8" in one_line(run("facets", "leader"), 2)


def test_invalid_utf8_arguments_in_a_real_process(index):
    result = subprocess.run(
        [*YULU, "show", b"\xff\xfe", "--index-dir", str(index)], capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr == (
        b"Error: argument 2 (\\xff\\xfe) is not valid UTF-8; yulu reads its arguments as UTF-8\n"
    )


def test_a_bom_file_with_one_bad_byte(tmp_path, corpus):
    folder = tmp_path / "bom"
    folder.mkdir()
    text = (corpus / "small.txt").read_bytes()
    cut = text.index("湖北".encode())
    (folder / "doc.txt").write_bytes(b"\xef\xbb\xbf" + text[:cut] + b"\xff" + text[cut:])
    (folder / "doc.toml").write_bytes((corpus / "small.toml").read_bytes())
    line = text[:cut].count(b"\n") + 1
    for command in (["index", folder, "--index-dir", tmp_path / "ix"], ["parse", folder]):
        stderr = one_line(run(*command))
        assert f"doc.txt:{line}: " in stderr and "UTF-8" in stderr


def test_an_invalid_utf8_batch_file(index, tmp_path):
    batch = tmp_path / "queries.txt"
    batch.write_bytes("合作\n".encode() + b"\xff\xfe\n")
    result = run("search", "--batch", batch, "--index-dir", index)
    assert result.exit_code == 2 and "Traceback" not in result.output
    [error] = [line for line in result.stderr.splitlines() if line.startswith("Error")]
    assert "not valid UTF-8" in error and "save it as UTF-8" in error


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["search", "合作", "--limit", "-1"], "Error: --limit must be at least 0\n"),
        (["search", "合作", "--offset", "-5"], "Error: --offset must be at least 0\n"),
        (["search", "合作", "--bogus"], "Error: No such option"),
        (["show"], "Error: Missing argument 'QUOTE_ID'.\n"),
        (["nosuch"], "Error: No such command 'nosuch'.\n"),
        (["--nosuch"], "Error: No such option"),
        (
            ["index", "--check", "--rebuild"],
            "Error: --check takes no PATHS, --rebuild, --title, --year or --leader\n",
        ),
    ],
)
def test_usage_errors_are_one_line(args, expected):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("raised", "code", "says"),
    [(KeyboardInterrupt, 130, "yulu: interrupted\n"), (Terminated, 143, "yulu: terminated\n")],
)
def test_ctrl_c_and_sigterm_in_a_search(index, monkeypatch, raised, code, says):
    from indexer.search import service

    def stop(self, request, formatter=None):
        raise raised()

    monkeypatch.setattr(service.QuoteIndex, "search", stop)
    result = run("search", "合作", "--index-dir", index)
    assert result.exit_code == code and result.stderr == says


def test_ctrl_c_while_building_removes_the_generation(index, expected, monkeypatch):
    from indexer.index import generation

    before = (index / "CURRENT").read_text()

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(generation, "check_count", interrupted)
    result = run("index", "--rebuild", "--index-dir", index)
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        f"yulu: interrupted; the build was stopped; the index at {index} is as it was"
    )
    monkeypatch.undo()
    unchanged(index, before, expected)


def test_a_stop_lost_in_a_finalizer_still_stops_the_build(index, expected, monkeypatch):
    """SIGTERM's handler raises where the main thread is; inside a finalizer Python
    drops that exception. The request is recorded all the same: the build never
    publishes, and exits 143 in one line."""
    import signal as signals

    from indexer.cli import app
    from indexer.index import generation

    before = (index / "CURRENT").read_text()

    class Finalized:
        def __del__(self):
            app._on_stop(signals.SIGTERM, None)  # as if SIGTERM arrived here

    real = generation.check_count

    def count_then_finalize(*args):
        real(*args)
        Finalized()  # created and finalized at once: the Terminated raised is dropped

    monkeypatch.setattr(generation, "check_count", count_then_finalize)
    result = run("index", "--rebuild", "--index-dir", index)
    assert result.exit_code == 143, result.output
    assert error_lines(result.stderr) == [
        f"yulu: terminated; the build was stopped; the index at {index} is as it was"
    ]
    assert signals.getsignal(signals.SIGTERM) is signals.SIG_DFL  # handlers restored
    monkeypatch.undo()
    unchanged(index, before, expected)
