"""Every kind of index damage is reported in one line naming what is damaged, with a
non-zero exit status, by a search and by ``yulu index --check``; the suggested fix
works, and so does a plain ``yulu index`` (which never calls a damaged index up to
date). After the fix the index answers exactly as the brute-force scan does."""

from __future__ import annotations

import shlex
import shutil
import struct

import pytest
from brute import Reference
from reliability_kit import run, small_corpus, writable

from indexer.documents.parser import parse_paths
from indexer.index.access import diagnose
from indexer.index.store import IndexStore
from indexer.pipeline.build import build_index
from indexer.search import QuoteIndex, SearchRequest

PHRASES = ["疫情防控", "湖北和武汉", "关键", "世界卫生组织", "防"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return small_corpus(tmp_path_factory.mktemp("small") / "corpus")


@pytest.fixture(scope="module")
def reference(corpus):
    found = Reference(parse_paths([corpus]).quotes)
    assert len(found.quotes) == 6 and all(found.phrase(p) for p in PHRASES[:3])
    return found


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, corpus):
    root = tmp_path_factory.mktemp("pristine") / "ix"
    build_index(root, [corpus])
    return root


@pytest.fixture
def index(tmp_path, pristine):
    root = tmp_path / "ix"
    shutil.copytree(pristine, root)
    return root


def generation(root):
    return IndexStore(root).current()


def segment(root):
    return next(generation(root).glob("*.pst"))


def flip(path, offset):
    data = bytearray(path.read_bytes())
    data[offset % len(data)] ^= 0x5A
    writable(path).write_bytes(bytes(data))


def cut(path, size):
    writable(path).write_bytes(path.read_bytes()[:size])


def damage_cases():
    """(name, damage(root), what the message says)."""
    return [
        ("segdict cut short", lambda r: cut(generation(r) / "segdict.txt", 2000),
         "segdict.txt: cut short (2,000 of"),
        ("segdict changed", lambda r: flip(generation(r) / "segdict.txt", 999),
         "segdict.txt: contents changed"),
        ("remark table changed", lambda r: flip(generation(r) / "remarks.npy", -5),
         "remarks.npy: contents changed"),
        ("remark table deleted", lambda r: (generation(r) / "remarks.npy").unlink(),
         "remarks.npy: missing"),
        ("segment byte flipped", lambda r: flip(segment(r), len(segment(r).read_bytes()) // 2),
         ".pst: contents changed since it was written (checksum mismatch)"),
        ("segment flipped near its start", lambda r: flip(segment(r), 40),
         ".pst: contents changed"),
        ("segment cut short", lambda r: cut(segment(r), 1000), ".pst: cut short (1,000 of"),
        ("segment deleted", lambda r: segment(r).unlink(), ".pst: missing"),
        ("table of contents deleted", lambda r: next(generation(r).glob("*.toc")).unlink(),
         ".toc: missing"),
        ("table of contents flipped", lambda r: flip(next(generation(r).glob("*.toc")), 300),
         ".toc: contents changed"),
        ("an extra table of contents", lambda r: shutil.copy(
            next(generation(r).glob("*.toc")), generation(r) / "_MAIN_9.toc"),
         "_MAIN_9.toc: not written by yulu (unexpected file)"),
        ("manifest garbage", lambda r: writable(generation(r) / "manifest.json").write_text("{\"x"),
         "manifest.json: unreadable"),
        ("manifest edited", lambda r: writable(generation(r) / "manifest.json").write_text(
            (generation(r) / "manifest.json").read_text().replace('"quotes": 6', '"quotes": 7')),
         "manifest.json: changed since it was written"),
        ("manifest deleted", lambda r: (generation(r) / "manifest.json").unlink(),
         "manifest.json: missing"),
        ("CURRENT garbage", lambda r: (r / "CURRENT").write_bytes(b"\xff\x00garbage"),
         "CURRENT: unreadable"),
        ("CURRENT empty", lambda r: (r / "CURRENT").write_text(""), "CURRENT: unreadable"),
        ("CURRENT escapes the index", lambda r: (r / "CURRENT").write_text("../../etc\n"),
         "CURRENT: unreadable"),
        ("generation deleted", lambda r: shutil.rmtree(generation(r)), "which is missing"),
    ]  # fmt: skip


CASES = damage_cases()


def answers(root):
    with QuoteIndex.open(root) as ix:
        return {p: {h.quote.id for h in ix.search(SearchRequest(f'"{p}"', limit=500)).hits}
                for p in PHRASES}  # fmt: skip


def assert_one_line(result, code=1):
    assert result.exit_code == code, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("name", "damage", "says"), CASES, ids=[c[0] for c in CASES])
def test_damage_is_one_line_and_the_fix_works(index, reference, name, damage, says):
    damage(index)
    searched = run("search", "合作", "--index-dir", index)
    assert_one_line(searched)
    assert "is damaged (" in searched.stderr and says in searched.stderr, searched.stderr
    checked = run("index", "--check", "--index-dir", index)
    assert_one_line(checked)
    assert says in checked.stderr
    fix = searched.stderr.rsplit("fix it with: ", 1)[1].strip()
    assert fix == f"yulu index --rebuild --index-dir {shlex.quote(str(index))}"
    fixed = run(*shlex.split(fix)[1:])
    assert fixed.exit_code == 0, fixed.output
    assert run("index", "--check", "--index-dir", index).exit_code == 0
    assert answers(index) == {p: reference.phrase(p) for p in PHRASES}


@pytest.mark.parametrize(
    ("name", "damage", "says"),
    [c for c in CASES if c[0] in ("segment deleted", "segdict cut short", "CURRENT garbage",
                                  "manifest garbage", "segment byte flipped")],
    ids=lambda c: c if isinstance(c, str) else "",
)  # fmt: skip
def test_plain_index_repairs_and_never_says_up_to_date(index, reference, name, damage, says):
    damage(index)
    repaired = run("index", "--index-dir", index)
    assert repaired.exit_code == 0, repaired.output
    assert "up to date" not in repaired.stderr
    assert f"is damaged ({says}" in repaired.stderr or says in repaired.stderr
    assert run("index", "--check", "--index-dir", index).exit_code == 0
    assert answers(index) == {p: reference.phrase(p) for p in PHRASES}


def test_a_sound_index_checks_out(index):
    result = run("index", "--check", "--index-dir", index)
    assert result.exit_code == 0, result.output
    files = [
        p for p in generation(index).iterdir() if p.name not in ("manifest.json", "MAIN_WRITELOCK")
    ]
    says = f"is sound: 6 quotes from 1 document; {len(files)} files match their checksums"
    assert says in result.stderr


def test_damage_that_trips_an_open_search_is_reported_as_damage(index, monkeypatch):
    """A search that fails on an index damaged after it was opened: the CLI's last
    resort checks the index and reports the damage instead of an internal error."""
    from indexer.search import service

    def trip(self, request, formatter=None):
        flip(segment(index), 5000)  # damaged while open …
        raise struct.error("unpack requires a buffer of 4 bytes")  # … and Whoosh trips

    monkeypatch.setattr(service.QuoteIndex, "search", trip)
    result = run("search", "合作", "--index-dir", index)
    assert_one_line(result)
    assert ".pst: contents changed since it was written" in result.stderr
    assert "internal error" not in result.stderr
    assert diagnose() is not None


def test_an_unexpected_error_on_a_sound_index_is_an_internal_error_line(index, monkeypatch):
    from indexer.search import service

    def fail(self, request, formatter=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(service.QuoteIndex, "search", fail)
    result = run("search", "合作", "--index-dir", index)
    assert_one_line(result)
    assert result.stderr.startswith("Error: internal error (RuntimeError: boom); please report")
    assert "YULU_DEBUG=1" in result.stderr
    monkeypatch.setenv("YULU_DEBUG", "1")
    debug = run("search", "合作", "--index-dir", index)
    assert isinstance(debug.exception, RuntimeError)  # the traceback is shown


def test_a_build_that_indexes_the_wrong_number_of_quotes_fails(tmp_path, monkeypatch):
    """The count check: an update that forgets to delete the old copies of a changed
    document (the case-folded path bug of issue 10) is refused, nothing published."""
    from reliability_kit import EXTRA, add_document

    from indexer.index import generation as writing

    folder = tmp_path / "Corpus"
    folder.mkdir()
    add_document(folder)
    root = tmp_path / "ix"
    build_index(root, [folder])
    before = generation(root)
    add_document(folder, text=EXTRA.replace("测试用例", "样例"))
    real = writing.write

    def forgetful(ix, plan, *args):
        plan.changes.changed, plan.changes.added = [], plan.changes.added + plan.changes.changed
        return real(ix, plan, *args)

    monkeypatch.setattr(writing, "write", forgetful)
    result = run("index", "--index-dir", root)
    assert result.exit_code == 1
    assert "the new index holds 2 quotes where the corpus has 1; nothing was published" in (
        result.stderr
    )
    assert generation(root) == before and sorted(p.name for p in root.glob("g*")) == [before.name]
