"""The parser on generated documents of the genre (``genre_grammar``: every layout, in
every encoding), and on damaged input."""

from __future__ import annotations

import re

from genre_grammar import document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser, chinese_number
from indexer.documents.sources import decode, text_lines

META = Metadata(title="测试", year=2021, leader="习近平")
PARSER = Parser()
HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])


def han(text: str) -> list[str]:
    return HAN_CHAR.findall(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document(), ENCODINGS, st.booleans())
def test_generated_documents_come_back_whole(doc, encoding, crlf):
    """Any document of the grammar, in any encoding and line end, parses back to the
    quotes, headings, titles, preamble and trailer it was written from; every Han
    character of its body is in exactly one of them, in order."""
    text, meta, expected = doc
    raw = (text.replace("\n", "\r\n") if crlf else text).encode(encoding)
    decoded, _, _ = decode(raw, "gen.txt")
    result = PARSER.parse_lines(text_lines(decoded), Metadata(**meta) if meta else None, "gen.txt")
    assert result.diagnostics == []
    [record] = result.documents
    assert [p.text for p in record.preamble] == expected.preamble
    assert [p.text for p in record.trailer] == expected.trailer
    assert [(h.line, h.level, h.title) for h in record.outline] == expected.headings
    assert [(t.line, t.text) for t in record.titles] == expected.titles
    assert len(result.quotes) == len(expected.quotes)
    for got, want in zip(result.quotes, expected.quotes, strict=True):
        assert (got.line, got.text, got.paragraphs) == (
            want["line"],
            want["text"],
            want["text"].count("\n") + 1,
        )
        assert (got.title, got.section_no, got.section) == (
            want["title"],
            want["section_no"],
            want["section"],
        )
        assert (list(got.headings), got.part_no, got.part) == (
            want["headings"],
            want["part_no"],
            want["part"],
        )
        assert (got.date, got.date_end, got.date_precision) == want["dates"]
        assert got.event == want["event"] and got.leader == "习近平"
        assert [(c.name, c.title, c.country) for c in got.counterparts] == want["counterparts"]
        assert got.affairs == ("foreign" if want["counterparts"] else None)
    kept = [(p.line, p.text) for p in (*record.preamble, *record.trailer)]
    kept += [(h.line, h.title) for h in record.outline] + [(t.line, t.text) for t in record.titles]
    kept += [(q.line, q.text) for q in result.quotes]
    assert han("".join(t for _, t in sorted(kept))) == han(
        "".join(t for _, t in sorted(expected.pieces))
    )


def parse(text: str):
    return PARSER.parse_text(text, META, "doc.txt")


def test_orphan_paragraphs_are_reported_with_their_lines():
    result = parse("一、在内事活动中\n甲乙丙。\n——3月1日，习近平考察\n丁戊己。\n庚辛。\n")
    assert len(result.quotes) == 1
    [d] = result.diagnostics
    assert (d.line, d.skipped) == (4, 2) and "after the last attribution" in d.message


def test_paragraphs_cut_off_by_a_heading_are_reported():
    result = parse("一、在内事活动中\n甲乙丙。\n（一）关于甲\n丁。\n——3月1日，习近平考察\n")
    assert [q.text for q in result.quotes] == ["丁。"]
    assert [(d.line, d.skipped) for d in result.diagnostics] == [(2, 1)]


def test_an_attribution_with_no_date_keeps_its_quote_undated():
    result = parse("一、在内事活动中\n甲乙丙。\n——某日，习近平考察\n丁。\n——2月30日，习近平考察\n")
    assert [(q.text, q.date, q.date_end, q.date_precision) for q in result.quotes] == [
        ("甲乙丙。", None, None, None),
        ("丁。", None, None, None),
    ]
    assert [q.event for q in result.quotes] == ["某日，习近平考察", "2月30日，习近平考察"]
    [d] = result.diagnostics  # 2月30日 is not in the calendar: said, and the quote kept
    assert (d.line, d.skipped) == (5, 0) and "no such date" in d.message


def test_every_numbered_heading_shape_is_a_heading():
    result = parse("一、在内事活动中\n第二部分 其他\n甲。\n——3月1日，习近平考察\n")
    assert result.diagnostics == []
    assert [(q.part, q.section, q.section_no) for q in result.quotes] == [
        ("在内事活动中", "其他", 2)
    ]


def test_parenthesised_words_open_a_paragraph_not_a_section():
    result = parse(
        "二、在外事活动中\n（中法）两国发扬友好传统。\n——3月23日，习近平同法国总统马克龙通电话\n"
    )
    assert result.quotes[0].text == "（中法）两国发扬友好传统。" and result.diagnostics == []


def test_year_range_across_new_year_and_explicit_year():
    result = parse(
        "一、在内事活动中\n甲。\n——12月30日至1月2日，习近平考察\n乙。\n——2019年5月1日，习近平考察\n"
    )
    assert [(q.date, q.date_end) for q in result.quotes] == [
        ("2021-12-30", "2022-01-02"),
        ("2019-05-01", "2019-05-01"),
    ]


def test_decoding_bom_gb18030_and_crlf():
    text = "一、在内事活动中\r\n甲。\r\n——3月1日，习近平考察\r\n"
    assert decode(("\ufeff" + text).encode("utf-8"), "a.txt")[1] == "utf-8-sig"
    decoded, encoding, notes = decode(text.encode("gb18030"), "b.txt")
    assert encoding == "gb18030" and "\r" not in decoded
    assert [n.message.split(";")[0] for n in notes] == ["not UTF-8 here", "CR/CRLF line ends"]
    assert all(n.skipped == 0 for n in notes)


def test_chinese_numbers():
    assert [chinese_number(s) for s in ["一", "十", "十二", "二十", "二十三", "一百零五"]] == [
        1,
        10,
        12,
        20,
        23,
        105,
    ]
    assert [chinese_number(s) for s in ["二〇二〇", "一九四五", "廿四", "卅一"]] == [
        2020,
        1945,
        24,
        31,
    ]


def test_a_title_over_front_matter_stays_the_title():
    """A compilation's title line right above its 前言, in a document whose unmarked
    headings are about as long, is the title (found by drawing examples: the title was
    read as the first of those headings)."""
    text = (
        "习近平关于学习的论述摘编\n\n前言\n这是一本书的前言。\n编　者\n一九六二年一月\n\n"
        "一、乘中\n甲乙丙丁戊己庚辛壬\n甲乙丙丁，戊己庚辛。\n——1962年8月26日，习近平在一次会议上强调\n\n"
        "二、论实践\n丙丁戊己庚辛壬癸子\n戊己庚辛，壬癸。\n——1962年7月7日，习近平在一次会议上强调\n"
    )
    result = PARSER.parse_lines(text_lines(text), None, "gen.txt")
    [record] = result.documents
    assert record.title == "习近平关于学习的论述摘编"
    assert [p.text for p in record.preamble][:2] == ["习近平关于学习的论述摘编", "前言"]
    assert len(result.quotes) == 2
