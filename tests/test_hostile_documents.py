"""Hostile documents and data files: nothing hangs, every failure is one line.

Each hang test gives a generous budget (one second) for work that takes milliseconds;
the inputs are the shapes that made earlier versions backtrack for minutes."""

from __future__ import annotations

import time
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.documents.counterparts import CounterpartRecognizer
from indexer.documents.formats import markdown, webpage, word
from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser
from indexer.documents.sources import load_document
from indexer.errors import CorpusFormatError
from indexer.records.gazetteer import load_gazetteer

#: Generous on purpose: these inputs took minutes when the work was quadratic, and a
#: busy machine (CI beside other jobs) must not fail a linear reader.
BUDGET = 5.0
META = Metadata(title="测试", year=2020, leader="习近平")
GAZ = load_gazetteer()
RECOGNIZER = CounterpartRecognizer(GAZ)


def timed(call, *args):
    start = time.perf_counter()
    result = call(*args)
    return result, time.perf_counter() - start


def test_the_408_byte_attribution_is_read_at_once():
    # One attribution that made the old counterpart regular expression backtrack
    # exponentially (n=24: 10 s; n=30: beyond 30 s).
    # Ending in 、 it reads as an item of a list in the quote, not as an attribution, so
    # the parser reports the paragraphs; ended as an attribution, it is one quote.
    attack = "——3月1日，习近平同美国" + "副总统、" * 30
    text = "二、在外事活动中\n合作。\n" + attack + "\n"
    result, seconds = timed(Parser().parse_text, text, META, "hostile.txt")
    assert seconds < BUDGET
    assert result.quotes == [] and result.skipped == 2
    text = "二、在外事活动中\n合作。\n" + attack + "通电话\n"
    result, seconds = timed(Parser().parse_text, text, META, "hostile.txt")
    assert seconds < BUDGET
    assert len(result.quotes) == 1 and result.quotes[0].text == "合作。"


@pytest.mark.parametrize(
    "event",
    [
        "习近平同美国" + "副总统、" * 5000,
        "习近平同美国" + "副总统兼" * 5000 + "拜登",
        "习近平同" + "美国" * 10000,
        "习近平同美国" + "总统" * 10000,
        "习近平同美国总统" + "拜" * 10000,
        "习近平同" + "美国总统拜登、" * 3000,
        "习近平同" + "联合国大会主席" * 3000,
        ("美国前" * 5 + "总统、") * 2000,
        "二十国集团领导人" * 5000,
    ],
    ids=lambda e: e[:12],
)
def test_long_hostile_events_take_linear_time(event):
    _, seconds = timed(RECOGNIZER.find, event)
    assert seconds < BUDGET


def test_the_recogniser_is_linear_not_quadratic():
    """Ten times the input takes about ten times as long, not a hundred."""

    def cost(n: int) -> float:
        event = "习近平同美国" + "副总统、前总统兼" * n
        return min(timed(RECOGNIZER.find, event)[1] for _ in range(3))

    assert cost(4000) < 30 * cost(400) + 0.01


GAZETTEER_WORDS = [
    "美国",
    "俄罗斯",
    "联合国",
    "总统",
    "副总统",
    "秘书长",
    "、",
    "兼",
    "和",
    "通电话",
    "普京",
    "前",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(GAZETTEER_WORDS), max_size=400).map("".join))
def test_any_mix_of_gazetteer_words_is_quick(event):
    _, seconds = timed(RECOGNIZER.find, event)
    assert seconds < BUDGET


# -- gazetteer patterns --------------------------------------------------------------


def corpus_with_debris(tmp_path, pattern: str, line: str):
    (tmp_path / "gazetteer").mkdir()
    (tmp_path / "gazetteer" / "debris.txt").write_text(pattern + "\n", encoding="utf-8")
    return Parser(load_gazetteer([tmp_path])), f"一、在内事活动中\n{line}。\n——3月1日，习近平考察\n"


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        ("(x+x+)+y", "x" * 50_000),  # exponential for a backtracking engine
        ("(a|aa)+b", "a" * 50_000),
        (r"(\w+\s?)+$", "word " * 10_000 + "!"),
        (".*.*.*=.*", "a" * 20_000),  # polynomial for a backtracking engine
        (r"\[bookmark: [^\]]*\]", "[bookmark: " * 20_000),  # quadratic across start positions
    ],
)
def test_catastrophic_debris_patterns_run_in_linear_time(tmp_path, pattern, line):
    parser, text = corpus_with_debris(tmp_path, pattern, line)
    result, seconds = timed(parser.parse_text, text, META, "doc.txt")
    assert seconds < BUDGET and len(result.quotes) == 1


def test_the_bundled_debris_patterns_still_remove_word_debris():
    text = "一、在内事活动中\n[bookmark: _Toc1][image: a.png]要坚持。\n——3月1日，习近平考察\n"
    assert [q.text for q in Parser().parse_text(text, META, "doc.txt").quotes] == ["要坚持。"]


# -- hostile files of each format ----------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "[" * 5_000,
        "*a _" * 2_500,
        "[a](" * 2_500,
        ">" * 5_000 + " 引用",
        "`" * 5_000,
        "<div>" * 5_000,
        "&amp;" * 5_000,
    ],
    ids=lambda s: repr(s[:6]),
)
def test_hostile_markdown_is_read_quickly(source):
    _, seconds = timed(markdown.read, source.encode("utf-8"), "x.md")
    assert seconds < BUDGET


@pytest.mark.parametrize(
    "page",
    [
        "<p>中文，句子。" * 20_000,
        "中" + "<br>" * 50_000,
        "<a href=x>链接</a>" * 20_000,
        "<ul><li>" * 20_000 + "中文",
        "&amp;ldquo;" * 50_000,
        '<meta charset="' * 20_000,
        "<div class='" + "nav " * 20_000 + "'>x</div>",
    ],
    ids=lambda s: repr(s[:8]),
)
def test_hostile_html_is_read_quickly(page):
    _, seconds = timed(webpage.read, page.encode("utf-8"), "x.html")
    assert seconds < BUDGET


def test_html_nested_too_deep_is_reported_not_silently_cut(tmp_path):
    page = (
        "<p>开头的一段话，足够长的正文内容。</p>" + "<div>" * 300 + "<p>深处</p>" + "</div>" * 300
    )
    reading = webpage.read(page.encode("utf-8"), "deep.html")
    [note] = reading.diagnostics
    assert "nests elements too deep" in note.message and note.skipped == 1


def test_a_docx_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    document = docx.Document()
    document.add_paragraph("正文" * 1000)
    path = tmp_path / "big.docx"
    document.save(str(path))
    monkeypatch.setattr(word, "MAX_PART_BYTES", 10_000)
    with pytest.raises(CorpusFormatError, match=r"big.docx: unpacks to 0 MB, more than the 0 MB"):
        load_document(path)


def test_a_docx_with_xml_nested_too_deep_is_one_line(tmp_path):
    document = docx.Document()
    document.add_paragraph("正文")
    path = tmp_path / "deep.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    deep = "<w:sdt><w:sdtContent>" * 5000 + "</w:sdtContent></w:sdt>" * 5000
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + deep).encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(CorpusFormatError) as info:
        timed(load_document, path)
    assert "deep.docx: cannot read this .docx" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "\ufeff甲\n乙".encode() + b"\xff\n",
            "bad.txt:2: not valid UTF-8 although the file starts",
        ),
        (b"\xff\xfe" + "甲\n".encode("utf-16-le") + b"\x00\xd8", "bad.txt:2: not valid UTF-16-LE"),
        (b"\x81\x30\x81", "bad.txt:1: neither UTF-8 nor GB18030"),
    ],
)
def test_undecodable_text_is_one_line(tmp_path, raw, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(CorpusFormatError, match=message) as info:
        load_document(path)
    assert "\n" not in str(info.value)


def test_a_strict_open_xml_docx_is_one_line(tmp_path):
    document = docx.Document()
    document.add_paragraph("正文")
    path = tmp_path / "strict.docx"
    document.save(str(path))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(CorpusFormatError, match=r"strict.docx: cannot read this .docx \(no docu"):
        load_document(path)
