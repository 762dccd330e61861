"""No edit lost, no damage called up to date, no option forgotten (issue 22, failures 1-3):
a build fingerprints the bytes it parsed, so an edit saved while it runs is indexed by
the next build; a plain ``yulu index`` checks every file against its full checksum
before it says "up to date"; ``--rebuild`` and repairs build with the ``--year``,
``--leader`` and ``--title`` the index was built with."""

from __future__ import annotations

import json
import os

import pytest
from reliability_kit import run, small_corpus

from indexer.documents.parser import Parser
from indexer.errors import IndexOutdated
from indexer.index import integrity
from indexer.index.store import IndexStore
from indexer.pipeline import snapshot
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

NEW = "\n新增一条关于测试覆盖的论述。\n——5月3日，习近平考察\n"
NO_YEAR = "一、在内事活动中的重要讲话\n（一）关于测试\n加强合作，推动发展。\n——5月1日，习近平考察\n"


def hits(root, query: str, check_fresh: bool = True) -> int:
    with QuoteIndex.open(root, check_fresh=check_fresh, fresh=check_fresh) as ix:
        return ix.search(SearchRequest(query)).total


def test_an_edit_saved_while_the_build_reads_is_indexed_by_the_next(tmp_path, monkeypatch):
    folder = small_corpus(tmp_path / "c")
    document = folder / "small.txt"
    parse = Parser.parse_document

    def edited_meanwhile(self, *args, **kwargs):  # the user saves while the build parses
        if "测试覆盖" not in document.read_text(encoding="utf-8"):
            with document.open("a", encoding="utf-8") as out:
                out.write(NEW)
        return parse(self, *args, **kwargs)

    monkeypatch.setattr(Parser, "parse_document", edited_meanwhile)
    root = tmp_path / "ix"
    first = build_index(root, [folder])
    assert hits(root, "测试覆盖", check_fresh=False) == 0  # the build indexed what it read
    with pytest.raises(IndexOutdated, match="stale: corpus files 1 changed"):
        hits(root, "测试覆盖")  # and a search says so, rather than miss the edit
    monkeypatch.setattr(Parser, "parse_document", parse)
    second = build_index(root)
    assert not second.up_to_date and second.changes.changed == [str(document.resolve())]
    assert hits(root, "测试覆盖") == 1
    assert build_index(root).up_to_date
    assert first.changed_while_read == [str(document.resolve())]


def test_the_build_says_it_saw_the_change(tmp_path, monkeypatch):
    folder = small_corpus(tmp_path / "c")
    settle = snapshot.Snapshot.settle

    def changed(self):
        entry, _ = settle(self)
        return entry, True

    monkeypatch.setattr(snapshot.Snapshot, "settle", changed)
    result = run("index", folder, "--index-dir", tmp_path / "ix")
    assert result.exit_code == 0
    assert "small.txt changed while it was indexed; the next yulu index reads it again" in (
        result.stderr
    )


def test_a_file_just_written_is_compared_by_its_bytes_next_time(tmp_path):
    folder = small_corpus(tmp_path / "c")
    root = tmp_path / "ix"
    build_index(root, [folder])
    manifest = integrity.load_manifest(IndexStore(root).current())
    entry = manifest.files[str((folder / "small.txt").resolve())]
    assert entry.mtime_ns == 0 and entry.sha256  # written a moment ago: racy
    assert build_index(root).up_to_date  # same bytes: nothing to do


def test_a_flipped_byte_in_a_large_file_is_never_up_to_date(tmp_path, monkeypatch):
    monkeypatch.setattr(integrity, "SMALL_FILE", 16)  # every file counts as large
    folder = small_corpus(tmp_path / "c")
    root = tmp_path / "ix"
    build_index(root, [folder])
    generation = IndexStore(root).current()
    largest = max(integrity.data_files(generation), key=lambda p: p.stat().st_size)
    data = bytearray(largest.read_bytes())
    data[len(data) // 2] ^= 0xFF
    os.chmod(largest, 0o600)
    largest.write_bytes(bytes(data))
    said = []
    report = build_index(root, notify=said.append)
    assert not report.up_to_date and report.repaired
    assert any(f"{largest.name}: contents changed since it was written" in s for s in said)
    assert build_index(root).up_to_date
    result = run("index", "--check", "--index-dir", root)
    assert result.exit_code == 0, result.stderr


def test_rebuild_and_repair_use_the_options_the_index_was_built_with(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "noyear.txt").write_text(NO_YEAR, encoding="utf-8")
    root = tmp_path / "ix"
    refused = run("index", folder, "--index-dir", root)
    assert refused.exit_code == 1 and "--year" in refused.stderr
    built = run("index", folder, "--index-dir", root, "--year", "2020", "--leader", "习近平")
    assert built.exit_code == 0, built.stderr
    record = json.loads((root / "sources.json").read_text(encoding="utf-8"))
    assert record["defaults"] == {"year": 2020, "leader": "习近平"}
    again = run("index", "--rebuild", "--index-dir", root)
    assert again.exit_code == 0, again.stderr
    with QuoteIndex.open(root) as ix:
        assert [h.quote.date for h in ix.search(SearchRequest("合作")).hits] == ["2020-05-01"]
    generation = IndexStore(root).current()
    (generation / integrity.MANIFEST).chmod(0o600)  # published files are read-only
    (generation / integrity.MANIFEST).write_text("{", encoding="utf-8")  # damaged
    repaired = run("index", "--index-dir", root)
    assert repaired.exit_code == 0 and "damaged" in repaired.stderr, repaired.stderr
    assert run("index", folder, "--index-dir", root).exit_code == 0  # the same sources
    assert "up to date" in run("index", "--index-dir", root).stderr
