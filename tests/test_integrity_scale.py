"""Opening an index costs the same at any size: every file's size is checked, and the
checksums of the small files; the large files (segments, sidecars) are checked through
and through after a build, by ``yulu index --check``, and as soon as a search trips over
one. Here every file counts as large (``SMALL_FILE`` = 0), as the segments and
sidecars of a large index do."""

from __future__ import annotations

import os
import shutil

import pytest
from reliability_kit import run, small_corpus

from indexer.index import integrity
from indexer.index.access import diagnose
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.pipeline.opening import open_index
from indexer.search import QuoteIndex, SearchRequest


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    folder = small_corpus(tmp_path_factory.mktemp("small") / "corpus")
    root = tmp_path_factory.mktemp("pristine") / "ix"
    build_index(root, [folder])
    return root


@pytest.fixture
def index(tmp_path, pristine, monkeypatch):
    root = tmp_path / "ix"
    shutil.copytree(pristine, root)
    monkeypatch.setattr(integrity, "SMALL_FILE", 0)
    return root


def sidecar(root):
    return next(IndexStore(root).current().glob("*.side"))


def flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.chmod(0o600)  # published files are read-only
    path.write_bytes(bytes(data))


def test_opening_reads_no_large_file(index, monkeypatch):
    hashed = []
    real = integrity.file_checksum

    def recording(path):
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(integrity, "file_checksum", recording)
    with QuoteIndex.open(index) as ix:
        assert ix.search(SearchRequest("疫情")).total > 0
    assert hashed == []
    monkeypatch.setattr(integrity, "SMALL_FILE", 40_000)
    open_index(index).close()
    assert hashed and all(
        (IndexStore(index).current() / name).stat().st_size <= 40_000 for name in hashed
    )


def test_a_changed_large_file_is_found_by_check_and_by_diagnosis(index):
    side = sidecar(index)
    times = side.stat()
    flip(side, side.stat().st_size - 100)  # inside the arrays, the header intact
    os.utime(side, ns=(times.st_atime_ns, times.st_mtime_ns))  # bit rot: time unchanged
    open_index(index).close()  # size and time agree: opening does not read it through
    checked = run("index", "--check", "--index-dir", index)
    assert checked.exit_code == 1
    assert f"{side.name}: contents changed since it was written" in checked.stderr
    damage = diagnose()  # what a search that trips over it reports
    assert damage is not None and side.name in str(damage)


def test_a_large_file_written_to_is_hashed_on_opening(index):
    """An array shifted inside a large sidecar (same size, a new modification time)
    used to give wrong answers with exit status 0 until ``--check`` ran (issue 22,
    failure 2): a large file whose time is not the one recorded is hashed on opening."""
    side = sidecar(index)
    data = side.read_bytes()
    cut = len(data) // 2
    side.chmod(0o600)
    side.write_bytes(data[:cut] + data[cut + 64 :] + data[cut : cut + 64])
    result = run("search", "疫情", "--index-dir", index)
    assert result.exit_code == 1 and result.stdout == ""
    assert f"is damaged ({side.name}: contents changed since it was written" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_damaged_sidecar_header_is_reported_by_name_on_opening(index):
    side = sidecar(index)
    flip(side, 30)
    result = run("search", "合作", "--index-dir", index)
    assert result.exit_code == 1
    assert f"is damaged ({side.name}: contents changed since it was written" in result.stderr


@pytest.mark.parametrize("how", ["cut", "extra", "missing"])
def test_missing_cut_and_extra_files_are_found_on_opening(index, how):
    side = sidecar(index)
    if how == "cut":
        side.chmod(0o600)
        side.write_bytes(side.read_bytes()[:1000])
        says = f"{side.name}: cut short (1,000 of"
    elif how == "extra":
        shutil.copy(side, side.with_name("MAIN_zzz.side"))
        says = "MAIN_zzz.side: not written by yulu (unexpected file)"
    else:
        side.unlink()
        says = f"{side.name}: missing"
    result = run("search", "合作", "--index-dir", index)
    assert result.exit_code == 1 and says in result.stderr, result.stderr
