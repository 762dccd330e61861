"""The parser on generated documents of the genre, and on damaged input."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.documents.metadata import Metadata
from indexer.documents.parser import Parser, chinese_number
from indexer.documents.sources import decode

META = Metadata(title="测试", year=2021, leader="习近平")
PARSER = Parser()
NUMERALS = "一二三四五六七八九十"

HAN = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=30
)
SENTENCE = st.builds(
    lambda a, p, b, end: a + p + b + end,
    HAN,
    st.sampled_from("，、：“”（）0123"),
    HAN,
    st.sampled_from("。！？；"),
)
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=3).map("".join)
PEOPLE = [
    ("俄罗斯", "总统", "普京", "俄罗斯"),
    ("联合国", "秘书长", "古特雷斯", "联合国"),
    ("沙特", "国王", "萨勒曼", "沙特阿拉伯"),
    ("印尼", "总统", "佐科", "印度尼西亚"),
]
EVENTS = [
    ("同{p}{t}{n}通电话", "phone_call"),
    ("同{p}{t}{n}会谈", "talks"),
    ("就{p}发生疫情向{p}{t}{n}致慰问电", "condolence_message"),
    ("复信{p}{t}{n}", "letter"),
]
DEBRIS = st.sampled_from(["", "[bookmark: _Toc123]", "[bookmark: _Toc9][bookmark: _Toc77]"])
INDENT = st.sampled_from(["", "\u3000\u3000", " "])


@st.composite
def quote(draw, foreign: bool, speaker_part: bool):
    date = draw(st.dates(dt.date(2021, 1, 1), dt.date(2021, 12, 31)))
    paragraphs = draw(st.lists(PARAGRAPH, min_size=1, max_size=3))
    person = draw(st.sampled_from(PEOPLE))
    if foreign:
        template, kind = draw(st.sampled_from(EVENTS))
        event = "习近平" + template.format(p=person[0], t=person[1], n=person[2])
    else:
        event, kind = "习近平主持召开中央政治局会议", "meeting"
    if speaker_part:
        paragraphs[0] = person[2] + "表示，" + paragraphs[0]
    return {
        "date": date.isoformat(),
        "event": event,
        "event_type": kind,
        "paragraphs": paragraphs,
        "counterparts": [person[2]] if foreign else [],
        "country": person[3],
        "leader": person[2] if speaker_part else "习近平",
    }


PART_TITLES = [
    ("在内事活动中的重要讲话", False, False),
    ("在外事活动中的重要论述", True, False),
    ("外方积极表态", True, True),
]


@st.composite
def document(draw):
    """A document of the genre with random debris, and the quotes it holds."""
    lines: list[str] = []
    quotes: list[dict] = []
    for part_no, (title, foreign, speaker) in enumerate(PART_TITLES, 1):
        lines.append(draw(DEBRIS) + draw(INDENT) + f"{NUMERALS[part_no - 1]}、{title}")
        for section_no in range(1, draw(st.integers(1, 3)) + 1):
            section = draw(HAN)
            lines.append(draw(DEBRIS) + draw(INDENT) + f"（{NUMERALS[section_no - 1]}）{section}")
            for q in draw(st.lists(quote(foreign, speaker), min_size=1, max_size=3)):
                q.update(part_no=part_no, section=section, section_no=section_no)
                q["line"] = len(lines) + 1
                for para in q["paragraphs"]:
                    lines.append(draw(DEBRIS) + draw(INDENT) + para + draw(INDENT))
                    if draw(st.booleans()):
                        lines.append(draw(DEBRIS) + draw(INDENT))  # a line of nothing but debris
                month, day = int(q["date"][5:7]), int(q["date"][8:10])
                lines.append(draw(INDENT) + draw(DEBRIS) + f"——{month}月{day}日，{q['event']}")
                lines.append("")
                quotes.append(q)
    return "\n".join(lines), quotes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document())
def test_generated_documents_come_back_whole(doc):
    text, expected = doc
    result = PARSER.parse_text(text, META, "gen.txt")
    assert result.diagnostics == []
    assert len(result.quotes) == len(expected)
    for got, want in zip(result.quotes, expected, strict=True):
        # Paragraph lines can be followed by debris-only lines, so find the first line.
        assert got.text == "\n".join(want["paragraphs"])
        assert got.paragraphs == len(want["paragraphs"])
        assert (got.date, got.date_end) == (want["date"], want["date"])
        assert (got.part_no, got.section_no, got.section) == (
            want["part_no"],
            want["section_no"],
            want["section"],
        )
        assert got.event == want["event"] and got.event_type == want["event_type"]
        assert [c.name for c in got.counterparts] == want["counterparts"]
        assert all(c.country == want["country"] for c in got.counterparts)
        assert got.leader == want["leader"]
        assert got.line == want["line"]


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


def test_unreadable_date_skips_the_quote_and_says_so():
    result = parse("一、在内事活动中\n甲乙丙。\n——某日，习近平考察\n丁。\n——2月30日，习近平考察\n")
    assert result.quotes == []
    assert [(d.line, d.skipped) for d in result.diagnostics] == [(3, 2), (5, 2)]
    assert "unreadable date" in result.diagnostics[1].message


def test_unknown_heading_shape_is_reported():
    result = parse("一、在内事活动中\n第二部分 其他\n甲。\n——3月1日，习近平考察\n")
    assert [(d.line, d.skipped, "unknown heading" in d.message) for d in result.diagnostics] == [
        (2, 1, True)
    ]
    assert len(result.quotes) == 1


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
