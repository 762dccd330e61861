"""Trust, the rest of the way (issue 22, failure 13 and item 8): a cache directory
another user prepared is not used; every file of an index directory is checked, not
only the directory; and Whoosh's table of contents, a pickle, is never loaded before
its opcodes are checked against an allow-list, even when the manifest's checksums were
recomputed to match it."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import stat

import pytest
from reliability_kit import add_document, error_lines, run, small_corpus

from indexer import paths
from indexer.errors import IndexUntrusted
from indexer.index.manifest import body_digest
from indexer.index.safepickle import UnsafePickle, check_pickle, segments_pickle
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest


@pytest.fixture
def index(tmp_path):
    root = tmp_path / "ix"
    build_index(root, [small_corpus(tmp_path / "c")])
    return root


def test_a_cache_directory_others_can_write_to_is_not_used(tmp_path, monkeypatch, capsys):
    shared = tmp_path / "shared"
    (shared / "yulu").mkdir(parents=True)
    os.chmod(shared / "yulu", 0o777)  # prepared by another user
    planted = shared / "yulu" / "planted.bin"
    planted.write_bytes(b"a planted query dictionary")
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    monkeypatch.setattr(paths, "_FALLBACKS", {})
    used = paths.cache_dir()
    assert used != shared / "yulu"
    assert stat.S_IMODE(used.stat().st_mode) == 0o700
    assert paths.cache_dir() == used  # the same private one for the whole process
    [line] = capsys.readouterr().err.splitlines()  # said once
    assert line.startswith(f"yulu: warning: not using the cache directory {shared / 'yulu'}: ")
    assert "writable by other users (mode 0777)" in line and "XDG_CACHE_HOME" in line
    from indexer.analysis import segment

    segment._query_segmenter.cache_clear()  # the query dictionary is read from the cache
    try:
        root = tmp_path / "ix"
        build_index(root, [small_corpus(tmp_path / "c")])
        with QuoteIndex.open(root) as ix:
            assert ix.search(SearchRequest("疫情")).total > 0
    finally:
        segment._query_segmenter.cache_clear()
    assert list((shared / "yulu").iterdir()) == [planted]  # nothing read or written there
    assert any(p.name.startswith("querydict-") for p in used.iterdir())


def test_a_private_cache_directory_is_used(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "mine"))
    assert paths.cache_dir() == tmp_path / "mine" / "yulu"
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("name", ["CURRENT", "sources.json", "LOCK"])
def test_a_file_of_the_index_directory_others_can_write_to_is_refused(index, name):
    os.chmod(index / name, 0o666)
    for command in (["search", "疫情"], ["index"]):
        result = run(*command, "--index-dir", index)
        assert result.exit_code == 1, result.output
        [line] = error_lines(result.stderr)
        assert f"{index / name} is writable by other users (mode 0666)" in line
        assert run(*command, "--index-dir", index, "--trust-index").exit_code == 0


def plant(root, marker) -> None:
    """Put ``os.system`` in the live table of contents, as an attacker who can write
    there would, and recompute the manifest's checksums and digest (no secret)."""

    class Payload:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    generation = IndexStore(root).current()
    toc = next(generation.glob("*.toc"))
    data = toc.read_bytes()
    header = data[: len(data) - len(segments_pickle(data))]
    os.chmod(toc, 0o600)
    toc.write_bytes(header + pickle.dumps(Payload(), protocol=4))
    manifest = generation / "manifest.json"
    record = json.loads(manifest.read_text(encoding="utf-8"))
    record["checksums"][toc.name] = {
        "size": toc.stat().st_size,
        "sha256": hashlib.sha256(toc.read_bytes()).hexdigest(),
        "mtime_ns": toc.stat().st_mtime_ns,
    }
    record["digest"] = body_digest({k: v for k, v in record.items() if k != "digest"})
    os.chmod(manifest, 0o600)
    manifest.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")


def test_a_pickle_planted_in_the_table_of_contents_is_never_run(index, tmp_path):
    marker = tmp_path / "pwned"
    plant(index, marker)
    for command in (["search", "疫情"], ["index", "--check"], ["facets", "leader"]):
        result = run(*command, "--index-dir", index)
        assert result.exit_code == 1, result.output
        [line] = error_lines(result.stderr)
        assert f"refusing to open the index at {index}: _MAIN_" in line
        assert "holds a pickle that names posix.system" in line
        assert "yulu index --rebuild" in line
        assert not marker.exists()
    with pytest.raises(IndexUntrusted, match=r"posix\.system"):
        QuoteIndex.open(index)
    assert not marker.exists()
    repaired = run("index", "--index-dir", index)  # rebuilt from its sources, never loaded
    assert repaired.exit_code == 0, repaired.stderr
    assert "holds a pickle that names posix.system" in repaired.stderr
    assert not marker.exists()
    assert run("search", "疫情", "--index-dir", index).exit_code == 0
    assert not marker.exists()


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_every_protocol_s_way_of_naming_a_global_is_checked(protocol):
    class Payload:
        def __reduce__(self):
            return (eval, ("1",))

    with pytest.raises(UnsafePickle, match=r"builtin.*\.eval, which is not"):
        check_pickle(pickle.dumps(Payload(), protocol=protocol))
    check_pickle(pickle.dumps({1, 2}, protocol=protocol))


def test_a_global_computed_by_the_pickle_is_refused():
    # "os" and "system" pushed, then "x" "y" pushed and popped: the names STACK_GLOBAL
    # takes are not the two pushes right before it, so they are not trusted
    sneaky = b"\x80\x04\x8c\x02os\x8c\x06system\x8c\x01x\x8c\x01y00\x93)R."
    with pytest.raises(UnsafePickle, match="computes only when run"):
        check_pickle(sneaky)


def test_a_mangled_table_of_contents_is_refused_in_one_line_never_an_internal_error(index):
    """Bytes changed, cut or inserted anywhere in the segments' pickle: the scan either
    accepts it (it names only allowed classes) or refuses it, and never fails itself."""
    import random

    toc = next(IndexStore(index).current().glob("*.toc"))
    pickled = segments_pickle(toc.read_bytes())
    rng = random.Random(22)
    for _ in range(2000):
        mangled = bytearray(pickled)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(mangled) or 1)
            kind = rng.random()
            if kind < 0.5 and mangled:
                mangled[at] = rng.randrange(256)
            elif kind < 0.75:
                del mangled[at:]
            else:
                mangled.insert(at, rng.randrange(256))
        with contextlib.suppress(UnsafePickle):
            check_pickle(bytes(mangled))


def test_records_and_identifiers_are_read_without_unpickling_anything(index, tmp_path, monkeypatch):
    """A quote's record and identifier are Whoosh columns of bytes, not Whoosh's stored
    fields (a pickle per document): updating the index (Whoosh copies the documents of
    the segments it merges), searching, showing, counting remarks and checking it load
    no column pickle."""
    import whoosh.columns

    def refuse(data):
        raise AssertionError(f"a pickle was loaded from a column: {data[:40]!r}")

    monkeypatch.setattr(whoosh.columns, "loads", refuse)
    corpus = tmp_path / "c"
    add_document(corpus)
    build_index(index, [corpus])
    with QuoteIndex.open(index) as ix:
        results = ix.search(SearchRequest("", limit=50, distinct_remarks=True))
        assert results.total > 6 and all(hit.quote.text for hit in results.hits)
        first = results.hits[0].quote
        assert ix.get(first.id) == first
    for command in (["index", "--check"], ["show", first.id], ["search", "疫情"]):
        result = run(*command, "--index-dir", index)
        assert result.exit_code == 0, result.stderr
