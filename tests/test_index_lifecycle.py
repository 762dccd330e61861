"""Building, updating and opening indexes: atomic swaps, no-ops, stale and damaged
indexes, each reported in one line with the command that fixes it."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from indexer.cli import EXIT_SKIPPED, main
from indexer.errors import IndexNotFound, IndexOutdated
from indexer.index.store import IndexStore
from indexer.paths import bundled_corpus
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

EXTRA = """一、在内事活动中的重要讲话
（一）关于测试
加强测试用例覆盖率，推动质量提升。
——5月1日，习近平考察
"""
META = 'title = "附加"\nyear = 2020\nleader = "习近平"\n'


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(bundled_corpus(), folder)
    return folder


def add_extra(folder, name="extra", text=EXTRA):
    (folder / f"{name}.toml").write_text(META, encoding="utf-8")
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_index_then_noop_then_incremental_add_change_remove(tmp_path, corpus):
    root = tmp_path / "ix"
    first = run("index", corpus, "--index-dir", root)
    assert first.exit_code == 0, first.output
    assert "built index" in first.stderr and "125 quotes from 1 document" in first.stderr
    again = run("index", corpus, "--index-dir", root)
    assert again.exit_code == 0 and "up to date" in again.stderr and "nothing to do" in again.stderr

    add_extra(corpus)
    added = build_index(root, [corpus])
    assert added.incremental and added.changes.added and added.quotes == 126
    with QuoteIndex.open(root) as ix:
        assert ix.search(SearchRequest(query="测试用例")).total == 1
        assert ix.search(SearchRequest(query='"人类命运共同体"')).total == 16

    add_extra(corpus, text=EXTRA.replace("测试用例", "样例"))
    changed = build_index(root, [corpus])
    assert changed.incremental and changed.changes.changed and changed.quotes == 126
    with QuoteIndex.open(root) as ix:
        assert ix.search(SearchRequest(query="测试用例")).total == 0
        assert ix.search(SearchRequest(query="样例")).total == 1

    (corpus / "extra.txt").unlink()
    removed = build_index(root, [corpus])
    assert removed.changes.removed and removed.quotes == 125
    with QuoteIndex.open(root) as ix:
        assert ix.search(SearchRequest(query="样例")).total == 0
        assert len(ix.all_quotes()) == 125


def test_incremental_update_equals_a_full_rebuild(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    add_extra(corpus)
    build_index(root, [corpus])
    full = tmp_path / "full"
    build_index(full, [corpus])
    queries = ["测试", '"疫情防控"', "加强 合作", "样"]
    with QuoteIndex.open(root) as a, QuoteIndex.open(full) as b:
        for q in queries:
            left = a.search(SearchRequest(query=q, limit=500))
            right = b.search(SearchRequest(query=q, limit=500))
            assert [h.quote.id for h in left.hits] == [h.quote.id for h in right.hits]
        assert (root / IndexStore(root).current().name / "segdict.txt").read_text() == (
            full / IndexStore(full).current().name / "segdict.txt"
        ).read_text()


def test_first_search_builds_the_default_index(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    result = run("search", "合作", "--limit", "1", "--json")  # a search that needs no hints
    assert result.exit_code == 0, result.output
    assert "building one from the bundled corpus" in result.stderr
    from indexer.paths import default_index_dir

    assert default_index_dir().parent == tmp_path / "data" / "yulu" / "indexes"
    assert (default_index_dir() / "CURRENT").is_file()
    quiet = run("search", "合作", "--limit", "1", "--json")
    assert quiet.stderr == "yulu: 1 of 49; --all for every hit\n"
    assert quiet.stdout == result.stdout


def test_index_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("YULU_INDEX", str(tmp_path / "env-ix"))
    assert run("index").exit_code == 0
    assert (tmp_path / "env-ix" / "CURRENT").is_file()


def test_stale_index_says_so_with_the_fix(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    add_extra(corpus)
    result = run("search", "合作", "--index-dir", root, "--all")  # answers from what it holds
    assert result.exit_code == 0
    assert "is stale (corpus files 1 added (extra.txt)); answering from what it holds" in (
        result.stderr
    )
    assert f"update it with: yulu index --index-dir {root}" in result.stderr
    assert result.stderr.count("\n") == 1
    refused = run("search", "合作", "--index-dir", root, "--fresh")
    assert refused.exit_code == 1
    assert "is stale: corpus files 1 added (extra.txt)" in refused.stderr
    assert f"fix it with: yulu index --index-dir {root}" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_other_version_and_damage_are_reported(tmp_path, corpus):
    root = tmp_path / "ix"
    build_index(root, [corpus])
    generation = IndexStore(root).current()
    manifest = IndexStore(root).manifest(generation)
    manifest.schema = "0" * 64  # as another version would write it, digest and all
    (generation / "manifest.json").chmod(0o600)  # published files are read-only
    (generation / "manifest.json").write_text(manifest.to_json())
    other = run("search", "合作", "--index-dir", root)
    assert other.exit_code == 1 and "built by another version" in other.stderr
    assert "yulu index --rebuild" in other.stderr
    fixed = run("index", "--index-dir", root)
    assert fixed.exit_code == 0 and "built index" in fixed.stderr
    bundled = tmp_path / "bundled"  # yulu's own corpus: brought up to date by itself
    build_index(bundled)
    generation = IndexStore(bundled).current()
    manifest = IndexStore(bundled).manifest(generation)
    manifest.schema = "0" * 64
    (generation / "manifest.json").chmod(0o600)  # published files are read-only
    (generation / "manifest.json").write_text(manifest.to_json())
    again = run("search", "合作", "--index-dir", bundled, "--json")
    assert again.exit_code == 0 and "was built by another version (schema differs); updating" in (
        again.stderr
    )

    for toc in IndexStore(root).current().glob("*.toc"):
        toc.unlink()
    damaged = run("search", "合作", "--index-dir", root)
    assert damaged.exit_code == 1 and "is damaged" in damaged.stderr
    assert "Traceback" not in damaged.output


def test_missing_index_without_auto_build(tmp_path):
    with pytest.raises(IndexNotFound, match="yulu index"):
        QuoteIndex.open(tmp_path / "none", auto_build=False)
    with pytest.raises(IndexOutdated):
        (tmp_path / "bad").mkdir()
        (tmp_path / "bad" / "CURRENT").write_text("g-missing\n")
        QuoteIndex.open(tmp_path / "bad")


def test_rebuild_is_atomic_for_open_readers(tmp_path):
    """A search opened before a rebuild keeps answering from its generation, and a
    search opened after sees the new one; at most two generations stay on disk."""
    root = tmp_path / "ix"
    build_index(root)
    old = QuoteIndex.open(root)
    request = SearchRequest(query="合作", limit=200, facets=["counterpart"])
    before = old.search(request)
    assert before.total > 0
    build_index(root, rebuild=True)  # the old generation is now the previous one
    during = old.search(request)
    assert [h.quote.id for h in during.hits] == [h.quote.id for h in before.hits]
    assert during.facets == before.facets
    for _ in range(2):
        build_index(root, rebuild=True)
        assert len(list(root.glob("g*"))) <= 2
    with QuoteIndex.open(root) as new:
        after = new.search(request)
    assert [h.quote.id for h in after.hits] == [h.quote.id for h in before.hits]
    assert new.handle.generation != old.handle.generation
    old.close()


def test_index_reports_skipped_lines(tmp_path, corpus):
    add_extra(corpus, text=EXTRA + "孤立的段落。\n")
    result = run("index", corpus, "--index-dir", tmp_path / "ix")
    assert result.exit_code == EXIT_SKIPPED
    assert "extra.txt:5: paragraphs after the last attribution" in result.stderr


def test_upper_case_paths_are_deleted_on_update(tmp_path):
    """Document paths are indexed verbatim, so a changed or removed document whose path
    has upper-case letters leaves no stale copies behind."""
    folder = tmp_path / "My Corpus"
    folder.mkdir()
    add_extra(folder, name="Extra")
    root = tmp_path / "ix"
    build_index(root, [folder])
    for n in range(3):
        add_extra(folder, name="Extra", text=EXTRA.replace("测试用例", f"样例{n}"))
        assert build_index(root, [folder]).incremental
    add_extra(folder, name="Other", text=EXTRA.replace("测试用例", "另一"))
    build_index(root, [folder])
    with QuoteIndex.open(root) as ix:
        assert sorted(q.text for q in ix.all_quotes()) == sorted(
            [EXTRA.splitlines()[2].replace("测试用例", "样例2"), "加强另一覆盖率，推动质量提升。"]
        )
    (folder / "Other.txt").unlink()
    build_index(root, [folder])
    with QuoteIndex.open(root) as ix:
        assert [q.text for q in ix.all_quotes()] == ["加强样例2覆盖率，推动质量提升。"]


def test_title_year_and_leader_are_remembered_for_the_next_update(tmp_path):
    """--year (and --title, --leader) given to a build are used again by a bare
    ``yulu index``; giving other values rebuilds every record with them."""
    folder = tmp_path / "yearless"
    folder.mkdir()
    doc = folder / "doc.txt"
    doc.write_text("一、在内事活动中\n加强测试。\n——5月1日，习近平考察\n", encoding="utf-8")
    root = tmp_path / "ix"
    assert run("index", folder, "--index-dir", root).exit_code == 1  # no year anywhere
    first = run("index", folder, "--index-dir", root, "--year", "2019")
    assert first.exit_code == 0, first.output
    doc.write_text(doc.read_text(encoding="utf-8") + "坚持样例。\n——5月2日，习近平考察\n")
    again = run("index", "--index-dir", root)  # bare: the same sources and the same year
    assert again.exit_code == 0, again.output
    assert "updated index" in again.stderr
    with QuoteIndex.open(root) as ix:
        assert sorted(q.date for q in ix.all_quotes()) == ["2019-05-01", "2019-05-02"]
    other = run("index", "--index-dir", root, "--year", "2018")
    assert other.exit_code == 0 and "built index" in other.stderr
    with QuoteIndex.open(root) as ix:
        assert sorted(q.date for q in ix.all_quotes()) == ["2018-05-01", "2018-05-02"]
