"""Hostile and jumbled input: nothing hangs, nothing is lost, nothing is in two places.

Documents here mix every shape of line at random; whatever the parser makes of them,
every line is in exactly one block, every quote paragraph is a line of the document
used once, and every line of text no quote holds is reported."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.documents.assembly import lay_out
from indexer.documents.attribution import AttributionReader, choose_date
from indexer.documents.classify import LineClassifier, citation_body
from indexer.documents.dates import find_dates
from indexer.documents.inference import leader_in_title
from indexer.documents.layouts import joined_lines
from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser
from indexer.documents.sources import text_lines
from indexer.documents.structure import Closer, QuoteTitle, Stray, Text
from indexer.records.cues import compile_marker
from indexer.records.gazetteer import load_gazetteer

GAZ = load_gazetteer()
PARSER = Parser(GAZ)
#: How the parser's audit words its findings (lines it reports, not skips).
FLAGGED = ("looks like ", "the quote from line ")
META = Metadata(year=2020, leader="习近平")

#: Lines that are each some 400 bytes of one repeated piece.
HOSTILE = [
    "——3月1日，习近平同美国" + "副总统、" * 33 + "通电话",
    "副总统、" * 34,
    "（" * 140,
    "《" * 140,
    "《》" * 70,
    "（2020年" * 30,
    "2020年" * 50,
    "3月1日至" * 40,
    "一二三四五六七八九十" * 14,
    "二〇二〇年" * 28,
    "1." * 200,
    "第" * 140,
    "——" * 70,
    "—— " * 70,
    "来源：" * 45,
    "●" * 140,
    "习近平同志总书记" * 17,
    "在" * 140,
    "（一）" * 45,
    "a" * 400,
    " \u3000" * 200,
]


def _within(seconds: float, call):
    started = time.perf_counter()
    result = call()
    assert time.perf_counter() - started < seconds
    return result


@pytest.mark.parametrize("line", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_lines_do_not_hang(line):
    classifier = LineClassifier(GAZ)
    reader = AttributionReader(GAZ)
    long = line * 25  # some 10 kB as well

    def everything():
        for text in (line, long):
            classifier.classify(text_lines(text)[0])
            find_dates(text)
            choose_date(text)
            citation_body(text, GAZ.layout)
            reading = reader.reading(text)
            reader.subject(reading.event)
            leader_in_title(text, GAZ.layout, lambda name: False)
            for marker in GAZ.layout.markers:
                marker.pattern.match(text)
        # a whole document of them, under a domestic heading (counterparts are not
        # looked for there; their recogniser is another module's)
        document = "一、在内事活动中\n" + "\n".join(
            ["甲。", line, "乙。", "——2020年3月1日，" + line] * 30
        )
        return PARSER.parse_text(document, META, "hostile.txt")

    result = _within(5.0, everything)
    # nothing silently dropped: quotes came out (each closed by its dated attribution),
    # or the lines were reported
    assert result.quotes or sum(d.skipped for d in result.diagnostics) > 0
    assert len(result.quotes) <= 60
    assert {q.date for q in result.quotes} <= {"2020-03-01"}


def test_a_long_document_does_not_hang():
    """Some 10,000 lines (a generous budget: this bounds a hang, it measures nothing)."""
    block = "（一）关于甲\n甲乙丙丁。\n——3月1日，习近平在一次会议上强调\n\n"
    document = "一、在内事活动中\n" + block * 2500
    result = _within(60.0, lambda: PARSER.parse_text(document, META, "long.txt"))
    assert len(result.quotes) == 2500 and not result.diagnostics
    assert {(q.section, q.date, q.text) for q in result.quotes} == {
        ("关于甲", "2020-03-01", "甲乙丙丁。")
    }


def test_marker_templates_must_hold_one_number():
    from indexer.errors import CorpusFormatError

    with pytest.raises(CorpusFormatError, match="one N"):
        compile_marker("第章")
    assert compile_marker("（N）").pattern.match("(3)标题")["title"] == "标题"


SHAPES = st.sampled_from(
    [
        "甲乙丙丁。",
        "戊己，庚辛！",
        "人民至上",
        "一、第一部分",
        "（一）关于甲",
        "（二）关于乙",
        "1.一个标题",
        "2.另一个标题",
        "★“一句话”",
        "●要点",
        "第一章　总论",
        "——3月1日，习近平在一次会议上强调",
        "——在一次会议上的讲话（2019年5月）",
        "——《一篇文章》，《文集》第二卷",
        "——",
        "《论一个问题》（一九四五年四月二十四日）",
        "（2020年3月—4月）",
        "二〇二〇年三月",
        "来源：某网",
        "责任编辑：某某",
        "编者按：以下供参考。",
        "- 3 -",
        "分享到",
        "要做到以下几点：",
        "",
        "\u3000",
        "[bookmark: _Toc1]",
        "----",
        "要团结。——2020年3月1日，习近平在一次会议上强调",
        "要奋斗。（2019年4月30日，习近平在一次大会上的讲话）",
        "2021年5月1日，习近平在一次座谈会上指出：",
        "1.“一句话”",
        "目　录",
        "第一章　团结……………………3",
        "再版前言",
        "后　记",
        "新华社记者　某某　摄",
        "策划丨某某",
        "①",
        "②某某某。",
        "一6—",
        "恩格斯：《一篇文章》(1877一1878年)《全集》第20卷",
    ]
)
HAN = re.compile(r"[\u4e00-\u9fff]")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(SHAPES, max_size=40))
def test_any_mix_of_lines_is_accounted_for(lines):
    text = "\n".join(lines)
    _, layout, titled = lay_out(PARSER, text_lines(text))  # as the parser reads them
    holders: dict[int, list[type]] = {}
    for block in layout.blocks:
        for s in block.lines:
            holders.setdefault(s.no, []).append(type(block))
    kept = joined_lines(PARSER, text_lines(text))  # hard-wrapped lines, cut citations joined
    assert sorted(holders) == [line.number for line in kept]  # each line in a block
    for kinds in holders.values():  # in one block, but for a citation several quotes
        if len(kinds) > 1:  # share and a quote with its attribution on one line
            assert set(kinds) <= {Closer, Text} and kinds.count(Text) <= 1, kinds

    result = PARSER.parse_lines(text_lines(text), META, "mix.txt")
    blocks = layout.blocks
    texts = [s for b in blocks if isinstance(b, Text) for s in b.lines]
    at = {s.no: k for k, s in enumerate(texts)}
    used: set[int] = set()
    for quote in result.quotes:
        start = at[quote.line]
        paragraphs = texts[start : start + quote.paragraphs]
        assert [s.text for s in paragraphs] == quote.text.split("\n")
        assert not used & {s.no for s in paragraphs}
        used |= {s.no for s in paragraphs}

    def reported(prefix: str) -> int:
        return sum(d.skipped for d in result.diagnostics if d.message.startswith(prefix))

    closers = sum(len(b.lines) for b in blocks if isinstance(b, Closer))
    named = sum(1 for b in blocks if isinstance(b, QuoteTitle)) if titled else 0
    assert len(result.quotes) == sum(1 for b in blocks if isinstance(b, Closer)) + named
    unquoted = len(texts) - len(used)
    assert unquoted == reported("paragraphs")
    stray = sum(len(b.lines) for b in blocks if isinstance(b, Stray))
    titles = sum(len(b.lines) for b in blocks if isinstance(b, QuoteTitle))
    assert result.skipped <= unquoted + stray + titles + closers
    [document] = result.documents
    flagged = [d for d in result.diagnostics if d.message.startswith(FLAGGED)]
    assert document.reported == result.skipped + len(flagged)  # audit findings count
    assert document.quotes == len(result.quotes)
