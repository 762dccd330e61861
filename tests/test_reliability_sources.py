"""An index remembers its sources (issue 8 item 5): ``yulu index PATH…`` records the
files and folders it was built from, a bare ``yulu index`` updates from those same
sources, and the messages name the command that really fixes the index."""

from __future__ import annotations

import json
import shlex

from reliability_kit import EXTRA, add_document, copy_seed, run

from indexer.index.store import IndexStore
from indexer.search import QuoteIndex, SearchRequest


def texts(root):
    with QuoteIndex.open(root) as ix:
        return sorted(q.text for q in ix.all_quotes())


def test_bare_index_updates_from_the_recorded_folder(tmp_path):
    """The life cycle of issue 8: a folder with upper-case letters, a document edited,
    one removed, one added, each time a bare ``yulu index``; the index holds exactly
    the current quotes, and the bundled corpus never comes in."""
    folder = tmp_path / "My Compilation"
    folder.mkdir()
    add_document(folder, "Alpha", EXTRA.replace("测试用例", "甲一"))
    add_document(folder, "Beta", EXTRA.replace("测试用例", "乙二"))
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    assert json.loads((root / "sources.json").read_text()) == {
        "sources": [str(folder)],
        "defaults": {},
    }

    add_document(folder, "Alpha", EXTRA.replace("测试用例", "甲三"))
    stale = run("search", "加强", "--index-dir", root, "--fresh")
    assert stale.exit_code == 1 and "is stale: corpus files 1 changed (Alpha.txt)" in stale.stderr
    fix = stale.stderr.rsplit("fix it with: ", 1)[1].strip()
    assert fix == f"yulu index --index-dir {shlex.quote(str(root))}"
    fixed = run(*shlex.split(fix)[1:])
    assert fixed.exit_code == 0, fixed.output
    assert "updated index" in fixed.stderr and "2 quotes from 2 documents" in fixed.stderr
    assert texts(root) == ["加强乙二覆盖率，推动质量提升。", "加强甲三覆盖率，推动质量提升。"]

    (folder / "Beta.txt").unlink()
    add_document(folder, "Gamma", EXTRA.replace("测试用例", "丙四"))
    assert run("index", "--index-dir", root).exit_code == 0
    assert texts(root) == ["加强丙四覆盖率，推动质量提升。", "加强甲三覆盖率，推动质量提升。"]
    assert run("index", "--index-dir", root).stderr.count("up to date") == 1


def test_files_given_one_by_one_are_the_sources(tmp_path):
    folder = copy_seed(tmp_path / "corpus")
    extra = add_document(folder)
    root = tmp_path / "ix"
    assert run("index", extra, "--index-dir", root).exit_code == 0
    assert IndexStore(root).sources() == [str(extra)]
    add_document(folder, text=EXTRA.replace("测试用例", "样例"))
    assert run("index", "--index-dir", root).exit_code == 0
    assert texts(root) == ["加强样例覆盖率，推动质量提升。"]  # the seed beside it stays out


def test_lost_current_of_another_corpus_is_reported_not_replaced(tmp_path):
    folder = tmp_path / "Mine"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    (root / "CURRENT").unlink()
    result = run("search", "合作", "--index-dir", root)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "is damaged (CURRENT: missing)" in result.stderr
    assert not (root / "CURRENT").exists()  # nothing was built in its place
    repaired = run("index", "--index-dir", root)
    assert repaired.exit_code == 0, repaired.output
    assert "repairing it from its last sound generation" in repaired.stderr
    assert texts(root) == ["加强测试用例覆盖率，推动质量提升。"]


def test_check_says_sound_but_stale_with_the_fix(tmp_path):
    folder = tmp_path / "Mine"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    sound = run("index", "--check", "--index-dir", root)
    assert sound.exit_code == 0 and "is sound: 1 quote from 1 document" in sound.stderr
    add_document(folder, "more")
    stale = run("index", "--check", "--index-dir", root)
    assert stale.exit_code == 1 and stale.stderr.count("\n") == 1
    assert "is sound but stale: corpus files 1 added (more.txt)" in stale.stderr
    assert stale.stderr.endswith(f"fix it with: yulu index --index-dir {root}\n")


def test_a_missing_source_is_one_line_with_the_fix(tmp_path):
    folder = tmp_path / "gone"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    (folder / "extra.txt").unlink()
    (folder / "extra.toml").unlink()
    folder.rmdir()
    result = run("index", "--index-dir", root)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"{folder}: no such file or folder (a source of the index at {root})" in result.stderr
    assert f"yulu index PATH… --index-dir {root}" in result.stderr


def test_other_version_names_the_rebuild_with_the_right_dir(tmp_path):
    folder = tmp_path / "Mine"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    store = IndexStore(root)
    manifest = store.manifest(store.current())
    manifest.gazetteer = "0" * 64
    (store.current() / "manifest.json").write_text(manifest.to_json())
    result = run("search", "合作", "--index-dir", root)
    assert result.exit_code == 1 and "built by another version" in result.stderr
    fix = result.stderr.rsplit("fix it with: ", 1)[1].strip()
    assert fix == f"yulu index --rebuild --index-dir {root}"
    assert run(*shlex.split(fix)[1:]).exit_code == 0
    assert texts(root) == ["加强测试用例覆盖率，推动质量提升。"]
    with QuoteIndex.open(root) as ix:
        assert ix.search(SearchRequest(query="测试用例")).total == 1


def test_an_index_of_the_previous_format_is_rebuilt_from_its_own_sources(tmp_path):
    """An index written before sources were recorded (format 2: no sources.json, no
    checksums): the message names the rebuild, and a bare rebuild takes its corpus from
    the old manifest, never the bundled corpus."""
    folder = tmp_path / "Mine"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 0
    generation = IndexStore(root).current()
    old = json.loads((generation / "manifest.json").read_text())
    old["format"] = 2
    del old["checksums"], old["digest"]
    (generation / "manifest.json").write_text(json.dumps(old))
    (root / "sources.json").unlink()
    searched = run("search", "合作", "--index-dir", root)
    assert searched.exit_code == 1 and "built by another version of yulu" in searched.stderr
    assert searched.stderr.endswith(f"fix it with: yulu index --rebuild --index-dir {root}\n")
    assert run("index", "--rebuild", "--index-dir", root).exit_code == 0
    assert texts(root) == ["加强测试用例覆盖率，推动质量提升。"]
    assert IndexStore(root).sources() == [str(folder)]
