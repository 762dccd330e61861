"""The genre's layouts, each on a small hand-written document in ``tests/genre/`` with
every field of every record written out by hand.

The documents are our own text in the shapes real compilations use: 联播+ digests
(unnumbered headings, bare or in 【】, a year in every attribution, a source line with a
time, preamble and trailer), a reading list (numbered quote titles, dates last in
brackets, source references), a newspaper column (parts and sections, dates last, month
precision and Chinese numerals), web articles whose three-paragraph preamble ends at a
blank line, at the words of an introduction or where quotation marks begin (and a page
footer), quotation books (chapters, a table of contents, citation lines with no dash,
Chinese numerals), a list with starred titles (a year that is not the date, a title
period for dates without a year) and a mixed document with every kind of problem.

Event types come from a small table pinned here, so that these tests check layouts,
not the bundled event-type cues."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from indexer.documents.parser import Parser
from indexer.documents.sources import load_document
from indexer.records.gazetteer import load_gazetteer
from indexer.records.quotes import Line

GENRE = Path(__file__).parent / "genre"
EVENT_TYPES = [
    ("summit", "峰会"),
    ("phone_call", "通电话"),
    ("symposium", "座谈会"),
    ("meeting", "会议"),
    ("speech", "讲话"),
    ("speech", "发言"),
]
PARSER = Parser(dataclasses.replace(load_gazetteer(), event_types=EVENT_TYPES))


def parse(name: str):
    return PARSER.parse_document(load_document(GENRE / name))


def cp(name, title, country):
    return {"name": name, "title": title, "country": country}


def quote(source, line, text, date, event, event_type, **fields):
    """A record written out by hand; the fields not given are those of a quote under
    no heading, with no title, no counterparts, unknown affairs and 习近平's words."""
    record = {
        "source": source,
        "line": line,
        "part_no": None,
        "part": "",
        "affairs": None,
        "section_no": None,
        "section": "",
        "date": date[0] if isinstance(date, tuple) else date,
        "date_end": date[1] if isinstance(date, tuple) else date,
        "event": event,
        "event_canonical": event,
        "event_type": event_type,
        "counterparts": [],
        "leader": "习近平",
        "text": text,
        "paragraphs": text.count("\n") + 1,
        "title": "",
        "headings": [],
        "date_precision": "day",
    }
    unknown = set(fields) - {*record, "heading_path"}
    assert not unknown, unknown
    record.update(fields)
    if "heading_path" not in fields:  # the headings as the document prints them
        printed = PRINTED.get(source, {})
        above = [*record["headings"], record["section"]] if record["section"] else []
        record["heading_path"] = [printed.get(title, title) for title in above]
    return record


#: Headings with their markers, as each document prints them (written from the files).
PRINTED = {
    "mixed.txt": {
        "基层治理": "●基层治理",
        "关于社区": "（一）关于社区",
        "关于乡村": "（二）关于乡村",
        "城市治理": "●城市治理",
    },
    "newspaper-column.txt": {
        "创新篇": "第一部分　创新篇",
        "关于科技创新": "（一）关于科技创新",
        "关于人才工作": "（二）关于人才工作",
        "开放篇": "第二部分　开放篇",
        "关于对外开放": "（一）关于对外开放",
    },
    "quotation-book-contents.txt": {
        "团结": "一　团结",
        "学习": "二　学习",
        "工作方法": "三　工作方法",
    },
    "quotation-book.txt": {"团结": "第一章　团结", "学习": "第二章　学习"},
    "reading-list.txt": {"坚持党要管党": "一、坚持党要管党", "严明政治纪律": "二、严明政治纪律"},
}


def records(result):
    found = []
    for q in result.quotes:
        data = q.to_dict()
        data.pop("id")
        data.pop("attribution")  # the line as printed: tests/test_citations_printed.py
        found.append(data)
    return found


def passages(*pairs):
    return [{"line": line, "text": text} for line, text in pairs]


def outline(*entries):
    return [{"line": a, "level": b, "number": c, "title": d} for a, b, c, d in entries]


# fmt: off
LIANBO = "lianbo-digest.txt"
READING = "reading-list.txt"
COLUMN = "newspaper-column.txt"
WEB = "web-article.txt"
BOOK = "quotation-book.txt"
STARS = "new-year-stars.txt"
MIXED = "mixed.txt"
BRACKETS = "lianbo-brackets.txt"
QUOTED = "web-quoted.txt"
INTRO = "web-intro.txt"
CONTENTS = "quotation-book-contents.txt"

EXPECTED = {
    LIANBO: [
        quote(LIANBO, 7, "山要绿起来，水要清起来，日子也要好起来。", "2021-04-16",
              "习近平同法国总统马克龙、德国总理默克尔举行视频峰会", "summit",
              section="坚持人与自然和谐共生", affairs="foreign",
              counterparts=[cp("马克龙", "法国总统", "法国"), cp("默克尔", "德国总理", "德国")]),
        quote(LIANBO, 10, "发展不能以牺牲环境为代价，这笔账要算清楚。", "2020-05-22",
              "习近平在参加全国人大会议代表团审议时强调", "meeting",
              section="坚持人与自然和谐共生", affairs="domestic"),
        quote(LIANBO, 14, "要把减排目标落到每一个行业、每一个企业。\n转型不是一句口号，要拿出实实在在的办法。",
              "2021-03-15", "习近平主持召开中央财经委员会会议", "meeting",
              section="推动发展方式绿色转型", affairs="domestic"),
    ],
    READING: [
        quote(READING, 6, "管党治党不能一阵紧一阵松，要一以贯之、久久为功。", "2016-01-12",
              "《在一次党内会议上的讲话》", "meeting",
              section_no=1, section="坚持党要管党", title="管党治党必须从严"),
        quote(READING, 9, "领导干部要带头守规矩，以上率下形成示范。", "2015-06-30",
              "《在一次学习会上的讲话》", "speech",
              section_no=1, section="坚持党要管党", title="抓住关键少数"),
        quote(READING, 13, "纪律是一道红线，任何人都不能心存侥幸。\n各级党组织要把纪律挺在前面。",
              "2014-10-23", "《关于加强纪律建设的若干论述》", "other",
              section_no=2, section="严明政治纪律", title="纪律面前没有例外"),
        quote(READING, 17, "守纪律讲规矩是对党员的基本要求。", None,
              "《一次会议上的发言》，《论从严治党》第二卷", "meeting",
              section_no=2, section="严明政治纪律", title="“守纪律讲规矩”",
              date_precision=None),
    ],
    COLUMN: [
        quote(COLUMN, 3, "创新是发展的第一动力，抓创新就是抓未来。\n科技自立自强是国家发展的战略支撑。",
              "2018-03-01", "习近平在中央全面深化改革委员会会议上的讲话", "meeting",
              part_no=1, part="创新篇", section_no=1, section="关于科技创新", headings=["创新篇"], affairs="domestic"),
        quote(COLUMN, 7, "要让创新的源泉充分涌流。", ("2019-09-01", "2019-09-30"),
              "习近平在一家研究院调研时的讲话", "speech", date_precision="month",
              part_no=1, part="创新篇", section_no=1, section="关于科技创新", headings=["创新篇"], affairs="domestic"),
        quote(COLUMN, 11, "人才是第一资源，要把各方面人才用起来。", ("2021-09-27", "2021-09-28"),
              "习近平在一次座谈会上的讲话", "symposium",
              part_no=1, part="创新篇", section_no=2, section="关于人才工作", headings=["创新篇"], affairs="domestic"),
        quote(COLUMN, 16, "开放的大门只会越开越大。", "2020-03-19",
              "习近平同俄罗斯总统普京通电话", "phone_call", affairs="foreign",
              counterparts=[cp("普京", "俄罗斯总统", "俄罗斯")],
              part_no=2, part="开放篇", section_no=1, section="关于对外开放", headings=["开放篇"]),
    ],
    WEB: [
        quote(WEB, 9, "人民对美好日子的期盼，就是我们努力的方向。\n群众的小事，就是我们的大事。",
              "2021-02-25", "习近平在一次表彰大会上指出", "other", affairs="domestic"),
        quote(WEB, 13, "要把老百姓的冷暖放在心上。", ("2022-01-01", "2022-01-31"),
              "习近平在基层调研时指出", "other", date_precision="month", affairs="domestic"),
    ],
    BOOK: [
        quote(BOOK, 7, "团结就是力量，要把一切可以团结的力量团结起来。", "1945-04-24",
              "《论团结的几个问题》", "other", section_no=1, section="团结", leader="毛泽东"),
        quote(BOOK, 9, "不团结就办不成大事。", ("1957-03-01", "1957-03-31"),
              "《在一次干部会议上的发言》", "meeting", section_no=1, section="团结",
              leader="毛泽东", date_precision="month"),
        quote(BOOK, 12, "学习的敌人是自己的满足。\n要认真学习一点东西，必须从不自满开始。", None,
              "《论学习》，《文集》第二卷", "other", section_no=2, section="学习",
              leader="毛泽东", date_precision=None),
    ],
    STARS: [
        quote(STARS, 3, "平凡的人做出了不平凡的事，每一个人都了不起。", "2020-12-31",
              "发表二〇二一年新年贺词", "other", title="“每个人都了不起”"),
        quote(STARS, 6, "人民是我们最大的底气。", "2021-07-01",
              "习近平在庆祝大会上的讲话", "speech", title="“人民就是江山”"),
        quote(STARS, 9, "新的征程已经开启，让我们一起向前走。", ("2021-06-28", "2021-06-29"),
              "习近平在一次会议上强调", "meeting", title="“向前走”"),
    ],
    BRACKETS: [
        quote(BRACKETS, 6, "“人民是我们最大的依靠。”", "2020-05-22",
              "习近平在参加内蒙古代表团审议时强调", "other", section="坚持人民至上"),
        quote(BRACKETS, 8, "“生命只有一次，要全力以赴。”", "2020-05-24",
              "习近平在参加湖北代表团审议时强调", "other", section="坚持人民至上"),
        quote(BRACKETS, 11, "“群众的事再小也是大事。”", "2021-03-01",
              "习近平在一次座谈会上强调", "symposium", section="办好民生实事", affairs="domestic"),
    ],
    QUOTED: [
        quote(QUOTED, 5, "“人民对美好日子的期盼，就是我们努力的方向。\n群众的小事，就是我们的大事。”\n"
              "“基层是一切工作的落脚点。”", "2021-02-25", "习近平在一次表彰大会上指出", "other", affairs="domestic"),
        quote(QUOTED, 9, "“要把老百姓的冷暖放在心上。”", ("2022-01-01", "2022-01-31"),
              "习近平在基层调研时指出", "other", date_precision="month", affairs="domestic"),
    ],
    INTRO: [
        quote(INTRO, 5, "人民对美好日子的期盼，就是我们努力的方向。\n群众的小事，就是我们的大事。",
              "2021-02-25", "习近平在一次表彰大会上指出", "other", affairs="domestic"),
        quote(INTRO, 8, "要把老百姓的冷暖放在心上。", ("2022-01-01", "2022-01-31"),
              "习近平在基层调研时指出", "other", date_precision="month", affairs="domestic"),
    ],
    CONTENTS: [
        quote(CONTENTS, 7, "团结就是力量，要把一切可以团结的力量团结起来。", "1945-04-24",
              "《论团结的几个问题》，《选集》第三卷第一〇九四页", "other",
              section_no=1, section="团结", leader="毛泽东"),
        quote(CONTENTS, 9, "不团结就办不成大事。", ("1957-03-01", "1957-03-31"),
              "《在一次干部会议上的发言》", "meeting", section_no=1, section="团结",
              leader="毛泽东", date_precision="month"),
        quote(CONTENTS, 12, "学习的敌人是自己的满足。", ("1938-10-01", "1938-10-31"), "《论学习》",
              "other", section_no=2, section="学习", leader="毛泽东", date_precision="month"),
        quote(CONTENTS, 15, "调查就像十月怀胎，解决问题就像一朝分娩。", ("1930-05-01", "1930-05-31"),
              "《反对本本主义》", "other", section_no=3, section="工作方法", leader="毛泽东",
              date_precision="month"),
    ],
    MIXED: [
        quote(MIXED, 4, "社区是基层治理的最后一公里。", "2020-03-10",
              "习近平在一次会议上强调", "meeting",
              part="基层治理", section_no=1, section="关于社区", headings=["基层治理"]),
        quote(MIXED, 11, "乡村振兴是一篇大文章。", "2020-07-22",
              "习近平在一次会议上强调", "meeting", title="乡村要振兴",
              part="基层治理", section_no=2, section="关于乡村", headings=["基层治理"]),
        quote(MIXED, 15, "城市是人民的城市。", "2019-11-02",
              "习近平在一次会议上强调", "meeting", section="城市治理"),
    ],
}

DOCUMENTS = {
    LIANBO: dict(
        title="联播+｜习近平谈绿色发展：守护好这片蓝天", title_from="title line",
        leader="习近平", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "联播+｜习近平谈绿色发展：守护好这片蓝天"), (2, "来源：央视新闻客户端"),
                          (3, "2021年04月22日 20:15"),
                          (4, "生态环境连着民生，也连着发展的后劲。联播+梳理相关论述，与您一起学习。")),
        trailer=passages((18, "（来源：央视新闻客户端）"), (19, "责任编辑：王小明")),
        outline=outline((6, 1, None, "坚持人与自然和谐共生"), (13, 1, None, "推动发展方式绿色转型")),
        titles=[], quotes=3, undated=0, first_date="2020-05-22", last_date="2021-04-16", reported=0,
    ),
    READING: dict(
        title="习近平关于全面从严治党论述摘编（学习辅导）", title_from="title line",
        leader="习近平", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "习近平关于全面从严治党论述摘编（学习辅导）"),
                          (2, "编者按：为便于党员干部学习，现将有关论述摘编如下，供参考。")),
        trailer=[],
        outline=outline((4, 1, 1, "坚持党要管党"), (11, 1, 2, "严明政治纪律")),
        titles=passages((5, "管党治党必须从严"), (8, "抓住关键少数"), (12, "纪律面前没有例外"),
                        (16, "“守纪律讲规矩”")),
        quotes=4, undated=1, first_date="2014-10-23", last_date="2016-01-12", reported=0,
    ),
    COLUMN: dict(
        title="newspaper-column", title_from="file name",
        leader="习近平", leader_from="attributions", year=None, year_from="attributions",
        preamble=[], trailer=[],
        outline=outline((1, 1, 1, "创新篇"), (2, 2, 1, "关于科技创新"), (10, 2, 2, "关于人才工作"),
                        (14, 1, 2, "开放篇"), (15, 2, 1, "关于对外开放")),
        titles=[], quotes=4, undated=0, first_date="2018-03-01", last_date="2021-09-28", reported=0,
    ),
    WEB: dict(
        title="学习时间｜这些话语温暖人心", title_from="title line",
        leader="习近平", leader_from="attributions", year=None, year_from="attributions",
        preamble=passages((1, "学习时间｜这些话语温暖人心"), (3, "2022-03-05 09:30:00　来源：某某网"),
                          (5, "今天，我们一起重温总书记关于民生的重要论述。"),
                          (6, "民生连着民心，民心关乎大局。"), (7, "一句句朴实的话语，道出了为民情怀。")),
        trailer=passages((16, "- 1 -"), (17, "分享到：微信 微博")),
        outline=[], titles=[], quotes=2, undated=0, first_date="2021-02-25", last_date="2022-01-31",
        reported=0,
    ),
    BOOK: dict(
        title="毛主席语录", title_from="title line",
        leader="毛泽东", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "毛主席语录"), (2, "再版前言"), (3, "这本书汇集了多年来的重要论述，供学习使用。"),
                          (4, "编者"), (5, "一九六六年十二月")),
        trailer=[], outline=outline((6, 1, 1, "团结"), (11, 1, 2, "学习")),
        titles=[], quotes=3, undated=1, first_date="1945-04-24", last_date="1957-03-31", reported=0,
    ),
    STARS: dict(
        title="习近平新年贺词和讲话金句（2020年12月—2021年7月）", title_from="title line",
        leader="习近平", leader_from="attributions", year=None, year_from="title",
        preamble=passages((1, "习近平新年贺词和讲话金句（2020年12月—2021年7月）")), trailer=[],
        outline=[], titles=passages((2, "“每个人都了不起”"), (5, "“人民就是江山”"), (8, "“向前走”")),
        quotes=3, undated=0, first_date="2020-12-31", last_date="2021-07-01", reported=0,
    ),
    BRACKETS: dict(
        title="联播+｜习近平的民生答卷", title_from="title line",
        leader="习近平", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "联播+｜习近平的民生答卷"), (2, "央视网 2021年03月05日 10:12"),
                          (3, "人民对美好生活的向往，就是我们的奋斗目标。联播+为您梳理总书记的相关论述。"),
                          (4, "民生无小事，枝叶总关情。")),
        trailer=[], outline=outline((5, 1, None, "坚持人民至上"), (10, 1, None, "办好民生实事")),
        titles=[], quotes=3, undated=0, first_date="2020-05-22", last_date="2021-03-01", reported=0,
    ),
    QUOTED: dict(
        title="学习时间｜字字千钧", title_from="title line",
        leader="习近平", leader_from="attributions", year=None, year_from="attributions",
        preamble=passages((1, "学习时间｜字字千钧"), (2, "今天的内容来自多次讲话。"),
                          (3, "这些话语朴实而有力量。"), (4, "每一句都值得细细品读。")),
        trailer=[], outline=[], titles=[], quotes=2, undated=0, first_date="2021-02-25",
        last_date="2022-01-31", reported=0,
    ),
    INTRO: dict(
        title="学习时间｜这些话语温暖人心", title_from="title line",
        leader="习近平", leader_from="attributions", year=None, year_from="attributions",
        preamble=passages((1, "学习时间｜这些话语温暖人心"), (2, "民生连着民心，民心关乎大局。"),
                          (3, "一句句朴实的话语，道出了为民情怀。"),
                          (4, "本期我们梳理了几段论述，与您一同品读。")),
        trailer=[], outline=[], titles=[], quotes=2, undated=0, first_date="2021-02-25",
        last_date="2022-01-31", reported=0,
    ),
    CONTENTS: dict(
        title="毛主席语录", title_from="title line",
        leader="毛泽东", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "毛主席语录"), (2, "目录"), (3, "一　团结"), (4, "二　学习"),
                          (5, "三　工作方法")),
        trailer=[], outline=outline((6, 1, 1, "团结"), (11, 1, 2, "学习"), (14, 1, 3, "工作方法")),
        titles=[], quotes=4, undated=0, first_date="1930-05-01", last_date="1957-03-31", reported=0,
    ),
    MIXED: dict(
        title="习近平关于基层治理的论述摘编", title_from="title line",
        leader="习近平", leader_from="title", year=None, year_from="attributions",
        preamble=passages((1, "习近平关于基层治理的论述摘编")), trailer=passages((18, "责任编辑：李四")),
        outline=outline((2, 1, None, "基层治理"), (3, 2, 1, "关于社区"), (8, 2, 2, "关于乡村"),
                        (14, 1, None, "城市治理")),
        titles=passages((9, "乡村要振兴")),
        quotes=3, undated=0, first_date="2019-11-02", last_date="2020-07-22", reported=5,
    ),
}

#: (line, lines skipped, the start of the message) of each warning, by hand.
WARNINGS = {
    MIXED: [
        (6, 1, "attribution with no quote above it"),
        (7, 1, "paragraphs with no attribution before a heading"),
        (10, 1, "a source or editor line inside the document"),
        (13, 1, "quote title with no quote under it"),
        (17, 1, "paragraphs after the last attribution"),
    ],
}
# fmt: on


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_record_field(name):
    assert records(parse(name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_document_record(name):
    [document] = parse(name).documents
    data = document.to_dict()
    assert data.pop("source") == name
    assert data == DOCUMENTS[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_warnings_are_exactly_the_lines_that_belong_nowhere(name):
    result = parse(name)
    found = [(d.line, d.skipped, d.message) for d in result.diagnostics]
    expected = WARNINGS.get(name, [])
    assert [(line, skipped) for line, skipped, _ in found] == [(a, b) for a, b, _ in expected]
    for (_, _, message), (_, _, start) in zip(found, expected, strict=True):
        assert message.startswith(start)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_line_is_accounted_for(name):
    """Each non-blank line of the document is in the preamble, the trailer, a heading,
    a quote title, a quote (its text or its attribution) or a warning."""
    result = parse(name)
    [document] = result.documents
    lines = (GENRE / name).read_text(encoding="utf-8").splitlines()
    content = {n for n, text in enumerate(lines, 1) if text.strip(" \u3000")}
    kept = {p.line for p in document.preamble} | {p.line for p in document.trailer}
    kept |= {h.line for h in document.outline} | {t.line for t in document.titles}
    for q in result.quotes:
        kept |= set(range(q.line, q.line + q.paragraphs + 1))  # text, then attribution
    reported = {d.line for d in result.diagnostics if d.skipped}
    assert content - kept == reported
    assert result.skipped == len(reported) == document.reported


def test_styled_lines_are_headings_at_their_own_depth():
    """A Word or HTML reader marks headings by style (``heading1``…); the parser uses the
    style when there is one, whatever the line looks like."""
    lines = [
        Line(1, "关于发展的论述", "heading1"),
        Line(2, "发展理念", "heading2"),
        Line(3, "创新", "heading3"),
        Line(4, "创新是第一动力。"),
        Line(5, "——2016年1月18日，习近平在一次研讨班上的讲话"),
        Line(6, "协调", "heading3"),
        Line(7, "协调是持续健康发展的内在要求。"),
        Line(8, "——2016年1月18日，习近平在一次研讨班上的讲话"),
        Line(9, "要注重协调。"),
        Line(10, "——2016年1月19日，习近平在一次研讨班上的讲话"),
    ]
    result = PARSER.parse_lines(lines, None, "styled.docx")
    [document] = result.documents
    assert (document.title, document.title_from) == ("关于发展的论述", "title line")
    assert [(h.line, h.level, h.title) for h in document.outline] == [
        (2, 1, "发展理念"),
        (3, 2, "创新"),
        (6, 2, "协调"),
    ]
    assert [(q.line, q.part, q.section, q.headings) for q in result.quotes] == [
        (4, "发展理念", "创新", ("发展理念",)),
        (7, "发展理念", "协调", ("发展理念",)),
        (9, "发展理念", "协调", ("发展理念",)),
    ]
    assert result.diagnostics == []


def test_a_bare_marker_takes_the_title_on_the_next_line_and_a_date_may_follow_its_dash():
    text = (
        "一、\n坚持学习\n学习是立身之本。\n——在一次学习会上的讲话\n（2019年3月1日）\n"
        "天下难事，必作于易。\n——2019年3月2日，在一次会议上的讲话\n"
        "二、\n善于思考\n思考是进步的阶梯。\n——2019年4月1日，在一次讲话中\n"
    )
    result = PARSER.parse_text(text, None, "bare.txt")
    assert [(q.line, q.section_no, q.section, q.date, q.event) for q in result.quotes] == [
        (3, 1, "坚持学习", "2019-03-01", "在一次学习会上的讲话"),
        (6, 1, "坚持学习", "2019-03-02", "在一次会议上的讲话"),
        (10, 2, "善于思考", "2019-04-01", "在一次讲话中"),
    ]
    assert [d.line for d in result.diagnostics] == [0]  # no leader: said once
    assert result.skipped == 0


def test_a_numbered_list_inside_a_quote_stays_text():
    text = (
        "一、坚持方向\n（一）关于道路\n要坚定道路自信：\n1.坚持正确方向\n2.坚持人民立场\n"
        "——2019年2月1日，习近平在一次会议上强调\n道路问题是根本问题。\n"
        "——2019年1月5日，习近平在一次会议上强调\n"
    )
    result = PARSER.parse_text(text, None, "list.txt")
    assert [q.text for q in result.quotes] == [
        "要坚定道路自信：\n1.坚持正确方向\n2.坚持人民立场",
        "道路问题是根本问题。",
    ]
    assert {(q.part, q.section) for q in result.quotes} == {("坚持方向", "关于道路")}


def test_numbered_lines_that_each_hold_one_quote_name_their_quotes():
    """Arabic-numbered or bulleted lines that each hold one quote are quote titles;
    headings numbered 一、 or （一） stay headings however few quotes they hold."""
    text = (
        "一、\n坚持学习\n1.学习\n学习是立身之本。\n——在一次学习会上的讲话\n（2019年3月1日）\n"
        "二、\n善于思考\n2.思考\n思考是进步的阶梯。\n——2019年4月1日，在一次讲话中\n"
    )
    result = PARSER.parse_text(text, None, "titles.txt")
    assert [(q.title, q.section_no, q.section) for q in result.quotes] == [
        ("学习", 1, "坚持学习"),
        ("思考", 2, "善于思考"),
    ]


def test_the_first_of_several_unmarked_headings_is_not_taken_for_the_title():
    text = (
        "人民至上\n人民是我们最大的依靠。\n——2020年5月22日，习近平在一次会议上强调\n"
        "生命至上\n生命只有一次。\n——2020年3月10日，习近平在一次会议上指出\n"
    )
    result = PARSER.parse_text(text, None, "plain.txt")
    assert [(q.section, q.text) for q in result.quotes] == [
        ("人民至上", "人民是我们最大的依靠。"),
        ("生命至上", "生命只有一次。"),
    ]
    [document] = result.documents
    assert (document.title_from, document.preamble) == ("file name", ())


def test_a_dash_led_list_inside_a_quote_is_text_and_a_closing_mark_is_trailer():
    text = (
        "我们要坚持：\n——坚持党的领导；\n——坚持人民至上。\n——2020年5月1日，习近平在一次会议上强调\n"
        "乙丙。\n——2020年5月2日，习近平在一次会议上强调\n（完）\n"
    )
    result = PARSER.parse_text(text, None, "dashes.txt")
    assert [(q.line, q.text, q.date) for q in result.quotes] == [
        (1, "我们要坚持：\n——坚持党的领导；\n——坚持人民至上。", "2020-05-01"),
        (5, "乙丙。", "2020-05-02"),
    ]
    [document] = result.documents
    assert [p.text for p in document.trailer] == ["（完）"] and result.diagnostics == []
